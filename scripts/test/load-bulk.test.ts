/**
 * load:bulk end to end: the CLI's `main()` against the loopback Bulk API 2.0 server over real
 * HTTP — jobs, uploads, results, retries, plans, auth and usage errors, exit codes — plus the
 * registry/plan rules and the connection resolvers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { envConnectionResolver, OrgAuthError, sfCliConnectionResolver } from '../org/connection.js';
import { loadRegistry, orderTargets, readPlan, resolveTarget } from '../org/bulk/plan.js';
import { runPool } from '../org/bulk/loader.js';
import { main, type MainDeps, type MainResult } from '../org/load-bulk.js';
import {
  installBulkIngest,
  type BulkIngestOptions,
  type BulkIngestState
} from './loopback/bulk-ingest.js';
import { startLoopback, type LoopbackServer } from './loopback/server.js';
import { MAIN_ROOT, makeTempDir } from './support/temp-project.js';

const dir = makeTempDir('load-bulk');
let counter = 0;
function csv(content: string, name = `accounts-${++counter}.csv`): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
const resultsDir = (): string => path.join(dir, `results-${++counter}`);

const ACCOUNTS =
  'ERP_Account_ID__c,Name,Description\n' +
  'A1,"Acme, Inc.","multi\nline"\n' +
  'A2,Globex 東京,plain\n' +
  'BAD3,Initech,"quote "" inside"\n' +
  'A4,Umbrella,x\n' +
  'LOCK5,Hooli,y\n' +
  'A6,Stark,z\n';

interface Harness {
  server: LoopbackServer;
  state: BulkIngestState;
  run(args: string[], deps?: MainDeps): Promise<MainResult & { out: string; err: string }>;
  stop(): Promise<void>;
}

async function harness(options: BulkIngestOptions = {}, token?: string): Promise<Harness> {
  const server = await startLoopback();
  const state = installBulkIngest(server, options);
  return {
    server,
    state,
    async run(args, deps = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const result = await main(args, {
        env: { SF_INSTANCE_URL: server.url, SF_ACCESS_TOKEN: token ?? server.accessToken },
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        timing: { pollInitialMs: 1, retryDelayMs: 0 },
        ...deps
      });
      return { ...result, out: out.join('\n'), err: err.join('\n') };
    },
    async stop() {
      await server.stop();
      state.dispose();
    }
  };
}

describe('load:bulk against the loopback Bulk API 2.0 server', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ trackRecords: true });
  });
  after(() => h.stop());

  it('upserts a file: create, upload text/csv, close, poll, results; exit 0', async () => {
    const file = csv(ACCOUNTS.replace('BAD3', 'A3').replace('LOCK5', 'A5'));
    const r = await h.run(['--object', 'account', '--file', file, '--results', resultsDir()]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Account: 6 of 6 rows loaded, 0 failed, 0 unprocessed \(1 job\(s\)\)/);
    const calls = h.server.log.map(
      (l) => `${l.method} ${l.path.replace(/7508c\w+/, 'ID')} ${l.status}`
    );
    assert.deepEqual(calls, [
      'POST /services/data/v65.0/jobs/ingest 200',
      'PUT /services/data/v65.0/jobs/ingest/ID/batches 201',
      'PATCH /services/data/v65.0/jobs/ingest/ID 200',
      'GET /services/data/v65.0/jobs/ingest/ID 200',
      'GET /services/data/v65.0/jobs/ingest/ID 200',
      'GET /services/data/v65.0/jobs/ingest/ID/failedResults/ 200',
      'GET /services/data/v65.0/jobs/ingest/ID/unprocessedrecords/ 200'
    ]);
    assert.equal(h.server.log[1].contentType, 'text/csv');
    assert.equal(h.server.log[1].bytesIn, fs.statSync(file).size);
    assert.equal(h.state.records.get('Account')?.size, 6);
    assert.deepEqual(Object.values(r.summaries[0].files).filter(Boolean), []);
  });

  it('splits into several jobs at the upload limit and runs them in parallel', async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) => `S${i},"Name, ${i}","é\n${'x'.repeat(i % 17)}"`
    );
    const file = csv(`ERP_Account_ID__c,Name,Description\n${rows.join('\n')}\n`);
    const before = h.state.jobs.size;
    const r = await h.run([
      '--object',
      'Account',
      '--file',
      file,
      '--max-upload-bytes',
      '2000',
      '--parallel',
      '3',
      '--results',
      resultsDir(),
      '--successful-results'
    ]);
    assert.equal(r.code, 0, r.err);
    const jobs = [...h.state.jobs.values()].slice(before);
    assert.ok(jobs.length >= 4, `${jobs.length} jobs`);
    assert.equal(
      jobs.reduce((n, j) => n + j.rows, 0),
      300
    );
    assert.ok(jobs.every((j) => j.uploadBytes <= 2000 && j.state === 'JobComplete'));
    const success = fs.readFileSync(r.summaries[0].files.successful ?? '', 'utf8');
    assert.ok(success.startsWith('"sf__Id","sf__Created",ERP_Account_ID__c,Name,Description\n'));
    assert.equal(success.split('"sf__Id"').length, 2, 'one header');
    assert.match(success, /"001\d+AAA","true",S0,"Name, 0","é\n"/);
  });

  it('pre-flight problems stop everything before a request is sent (exit 2)', async () => {
    const sent = h.server.log.length;
    const r = await h.run([
      '--object',
      'Account',
      '--file',
      csv('ERP_Account_ID__c,Name\nA1,x\n,y\na1,z\n')
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /row 3: blank ERP_Account_ID__c/);
    assert.match(r.err, /row 4: duplicate ERP_Account_ID__c "a1" \(also in row 2\)/);
    assert.match(r.err, /nothing was sent/);
    assert.equal(h.server.log.length, sent);
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const sent = h.server.log.length;
    const r = await h.run([
      '--object',
      'Account',
      '--file',
      csv(ACCOUNTS),
      '--dry-run',
      '--max-upload-bytes',
      '100'
    ]);
    assert.equal(r.code, 0);
    assert.match(r.out, /1\. Account by ERP_Account_ID__c: 6 rows, 0\.0 MB, 3 job\(s\)/);
    assert.match(r.out, /Dry run/);
    assert.equal(h.server.log.length, sent);
  });
});

describe('load:bulk failures and retries', () => {
  it('writes failed rows re-feedable (input header), keeps errors, exits 1; the file loads back', async () => {
    const h = await harness({
      failRows: [
        { match: /^BAD/, error: 'FIELD_CUSTOM_VALIDATION_EXCEPTION:Name is wrong:Name --' }
      ]
    });
    try {
      const results = resultsDir();
      const r = await h.run([
        '--object',
        'Account',
        '--file',
        csv(ACCOUNTS, 'accounts.csv'),
        '--results',
        results
      ]);
      assert.equal(r.code, 1);
      assert.match(r.out, /5 of 6 rows loaded, 1 failed/);
      assert.match(r.out, /FIELD_CUSTOM_VALIDATION_EXCEPTION: 1/);
      const failed = path.join(results, 'accounts.failed.csv');
      assert.equal(
        fs.readFileSync(failed, 'utf8'),
        'ERP_Account_ID__c,Name,Description\nBAD3,Initech,"quote "" inside"\n'
      );
      assert.match(
        fs.readFileSync(path.join(results, 'accounts.failed-errors.csv'), 'utf8'),
        /^"sf__Id","sf__Error",ERP_Account_ID__c/
      );
      const again = await harness();
      try {
        const back = await again.run([
          '--object',
          'Account',
          '--file',
          failed,
          '--results',
          resultsDir()
        ]);
        assert.equal(back.code, 0, back.err);
        assert.match(back.out, /1 of 1 rows loaded/);
      } finally {
        await again.stop();
      }
    } finally {
      await h.stop();
    }
  });

  it('retries row-lock failures in new jobs, serially when they repeat', async () => {
    const h = await harness({
      failRows: [
        {
          match: /^LOCK/,
          error: 'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--',
          times: 2
        }
      ]
    });
    try {
      const r = await h.run([
        '--object',
        'Account',
        '--file',
        csv(ACCOUNTS.replace('BAD3', 'A3')),
        '--results',
        resultsDir(),
        '--parallel',
        '3'
      ]);
      assert.equal(r.code, 0, r.err);
      assert.match(
        r.out,
        /6 of 6 rows loaded, 0 failed, 0 unprocessed, 2 row-lock retries \(3 job\(s\)\)/
      );
      assert.match(r.err, /retrying 1 rows that failed on row locks \(round 1\)/);
      assert.match(r.err, /round 2/);
      const jobs = [...h.state.jobs.values()];
      assert.deepEqual(
        jobs.map((j) => j.rows),
        [6, 1, 1]
      );
      assert.equal(h.state.attempts.get('LOCK5'), 3);
    } finally {
      await h.stop();
    }
  });

  it('gives up after --max-retries and reports the lock error as failed', async () => {
    const h = await harness({
      failRows: [{ match: /^LOCK/, error: 'UNABLE_TO_LOCK_ROW:locked:--' }]
    });
    try {
      const results = resultsDir();
      const r = await h.run([
        '--object',
        'Account',
        '--file',
        csv(ACCOUNTS.replace('BAD3', 'A3'), 'locks.csv'),
        '--results',
        results,
        '--max-retries',
        '1'
      ]);
      assert.equal(r.code, 1);
      assert.match(r.out, /UNABLE_TO_LOCK_ROW: 1/);
      assert.equal(
        fs.readFileSync(path.join(results, 'locks.failed.csv'), 'utf8'),
        'ERP_Account_ID__c,Name,Description\nLOCK5,Hooli,y\n'
      );
      assert.equal(h.state.jobs.size, 2);
    } finally {
      await h.stop();
    }
  });

  it('a failed job leaves its unprocessed rows in a re-feedable file', async () => {
    const h = await harness({
      failJob: () => ({ afterRows: 2, message: 'InvalidBatch : simulated' })
    });
    try {
      const results = resultsDir();
      const r = await h.run([
        '--object',
        'Account',
        '--file',
        csv(ACCOUNTS, 'part.csv'),
        '--results',
        results
      ]);
      assert.equal(r.code, 1);
      assert.match(r.out, /2 of 6 rows loaded, 0 failed, 4 unprocessed/);
      assert.match(r.err, /Failed: 2 processed, 0 failed — InvalidBatch : simulated/);
      const unprocessed = fs.readFileSync(path.join(results, 'part.unprocessed.csv'), 'utf8');
      assert.equal(
        unprocessed,
        `ERP_Account_ID__c,Name,Description\n${ACCOUNTS.split('\n').slice(4).join('\n')}`
      );
    } finally {
      await h.stop();
    }
  });

  it('rows of an upload the org refuses are kept as unprocessed (CRLF preserved)', async () => {
    const h = await harness({ maxUploadBytes: 40 });
    try {
      const results = resultsDir();
      const crlf = 'ERP_Account_ID__c,Name\r\nA1,"multi\nline"\r\nA2,x\r\n';
      const r = await h.run([
        '--object',
        'Account',
        '--file',
        csv(crlf, 'crlf.csv'),
        '--results',
        results
      ]);
      assert.equal(r.code, 1);
      assert.match(r.err, /2 rows not loaded \(rows 2…\): EXCEEDED_MAX_SIZE_REQUEST/);
      assert.equal(fs.readFileSync(path.join(results, 'crlf.unprocessed.csv'), 'utf8'), crlf);
      assert.equal([...h.state.jobs.values()][0].state, 'Aborted');
    } finally {
      await h.stop();
    }
  });
});

describe('load:bulk plans', () => {
  const context = loadRegistry(MAIN_ROOT);

  it('orders steps by dependency: Product2 → Pricebook2 → standard → custom entries → Account → Contact → Order', () => {
    const plan = path.join(dir, 'plan.json');
    const steps = [
      { object: 'Order', file: 'o.csv' },
      { object: 'Contact', file: 'c.csv' },
      {
        object: 'PricebookEntry',
        pricebook: 'custom',
        file: 'pc.csv',
        externalId: 'ERP_Entry_ID__c'
      },
      { object: 'Account', file: 'a.csv' },
      {
        object: 'PricebookEntry',
        pricebook: 'standard',
        file: 'ps.csv',
        externalId: 'ERP_Entry_ID__c'
      },
      { object: 'Pricebook2', file: 'pb.csv' },
      { object: 'Product2', file: 'p.csv' }
    ];
    fs.writeFileSync(plan, JSON.stringify({ steps }));
    const targets = readPlan(plan, context);
    assert.deepEqual(
      targets.map((t) => `${t.object}${t.pricebook ? `/${t.pricebook}` : ''}:${t.externalIdField}`),
      [
        'Product2:ERP_Product_ID__c',
        'Pricebook2:ERP_Price_List_ID__c',
        'PricebookEntry/standard:ERP_Entry_ID__c',
        'PricebookEntry/custom:ERP_Entry_ID__c',
        'Account:ERP_Account_ID__c',
        'Contact:ERP_Contact_ID__c',
        'Order:ERP_Order_ID__c'
      ]
    );
    assert.equal(targets[0].file, path.join(dir, 'p.csv'));
    assert.deepEqual(orderTargets([]), []);
  });

  it('refuses unregistered objects naming the registered ones, and bad keys', () => {
    const check = (request: Parameters<typeof resolveTarget>[1], pattern: RegExp): void =>
      assert.throws(() => resolveTarget(context, request), pattern);
    check(
      { object: 'Case', file: 'x' },
      /Case is not a registered integration object.*registered: Product2, Pricebook2, Account, Contact/
    );
    check({ object: 'PricebookEntry', file: 'x' }, /needs "pricebook": "standard" or "custom"/);
    check(
      { object: 'PricebookEntry', file: 'x', pricebook: 'standard' },
      /no External_ID_Field__c.*--external-id/
    );
    check({ object: 'Opportunity', file: 'x' }, /Opportunity has no External_ID_Field__c/);
    check(
      { object: 'Account', file: 'x', externalId: 'Credit_Limit__c' },
      /Account has no field Credit_Limit__c/
    );
    check(
      { object: 'Account', file: 'x', externalId: 'ERP_Credit_Limit__c' },
      /not an External ID field/
    );
    assert.equal(
      resolveTarget(context, { object: 'Account', file: 'x', externalId: 'Id' }).externalIdField,
      'Id'
    );
  });

  it('names the plan file and step in its errors', () => {
    const bad = (content: string, pattern: RegExp): void => {
      const plan = path.join(dir, `bad-${++counter}.json`);
      fs.writeFileSync(plan, content);
      assert.throws(() => readPlan(plan, context), pattern);
    };
    bad('{', /not a JSON plan/);
    bad('{"steps": []}', /expected \{"steps"/);
    bad('[{"object": "Account"}]', /step 1: "object" and "file" are required/);
    bad(
      '[{"object": "Account", "file": "a", "externalId": 3}]',
      /step 1: "externalId" must be a string/
    );
    bad('[{"object": "Nope__c", "file": "a"}]', /step 1: Nope__c is not a registered/);
    assert.throws(
      () => readPlan(path.join(dir, 'missing.json'), context),
      /missing\.json: no such file/
    );
  });

  it('loads a plan in order and stops after a step with failures', async () => {
    const h = await harness({ failRows: [{ match: /^BAD/, error: 'X:bad:--' }] });
    try {
      const plan = path.join(dir, 'load-plan.json');
      fs.writeFileSync(
        plan,
        JSON.stringify({
          steps: [
            { object: 'Contact', file: path.basename(csv('ERP_Contact_ID__c,LastName\nC1,x\n')) },
            {
              object: 'Account',
              file: path.basename(csv('ERP_Account_ID__c,Name\nA1,x\nBAD2,y\n'))
            },
            { object: 'Product2', file: path.basename(csv('ERP_Product_ID__c,Name\nP1,x\n')) }
          ]
        })
      );
      const r = await h.run(['--plan', plan, '--results', resultsDir()]);
      assert.equal(r.code, 1);
      assert.deepEqual(
        [...h.state.jobs.values()].map((j) => j.object),
        ['Product2', 'Account']
      );
      assert.match(
        r.err,
        /stopping: Account has failed or unprocessed rows.*\(Contact not loaded\)/
      );
      const both = await h.run(['--plan', plan, '--object', 'Account']);
      assert.equal(both.code, 2);
      assert.match(both.err, /either --plan or --object/);
    } finally {
      await h.stop();
    }
  });
});

describe('load:bulk usage and auth errors', () => {
  let h: Harness;
  before(async () => {
    h = await harness({}, 'wrong-token');
  });
  after(() => h.stop());

  it('a rejected session is a clear error, exit 2', async () => {
    const r = await h.run(['--object', 'Account', '--file', csv(ACCOUNTS)]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /rejected the session \(INVALID_SESSION_ID: Session expired or invalid\); log in again/
    );
    assert.equal(h.server.log[0].status, 401);
  });

  it('missing file, unregistered object, bad options, --help', async () => {
    const missing = await h.run(['--object', 'Account', '--file', path.join(dir, 'none.csv')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /none\.csv: no such file/);
    const unregistered = await h.run(['--object', 'Case', '--file', csv(ACCOUNTS)]);
    assert.equal(unregistered.code, 2);
    assert.match(unregistered.err, /Case is not a registered integration object/);
    for (const [args, pattern] of [
      [['--object', 'Account'], /--object and --file are required/],
      [['--bogus'], /Unknown option '--bogus'/],
      [
        ['--object', 'Account', '--file', 'x', '--parallel', '0'],
        /--parallel must be a positive whole number/
      ],
      [
        ['--object', 'Account', '--file', 'x', '--column-delimiter', 'DASH'],
        /--column-delimiter must be one of/
      ]
    ] as const) {
      const r = await h.run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, pattern);
    }
    const help = await h.run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: npm run load:bulk/);
  });

  it('no auth at all names both ways to log in', async () => {
    const r = await h.run(['--object', 'Account', '--file', csv(ACCOUNTS)], {
      env: {},
      resolver: () => envConnectionResolver({})
    });
    assert.equal(r.code, 2);
    assert.match(r.err, /no org: pass --target-org .* or set SF_INSTANCE_URL and SF_ACCESS_TOKEN/);
  });

  it('an unreachable instance is a clear error', async () => {
    const r = await h.run(['--object', 'Account', '--file', csv(ACCOUNTS)], {
      resolver: () =>
        envConnectionResolver({ SF_INSTANCE_URL: 'http://127.0.0.1:9', SF_ACCESS_TOKEN: 't' })
    });
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });
});

describe('org connection resolvers', () => {
  const fakeSf = (json: unknown, exit = 0): string => {
    const file = path.join(dir, `sf-${++counter}`);
    fs.writeFileSync(file, `#!/bin/sh\necho '${JSON.stringify(json)}'\nexit ${exit}\n`, {
      mode: 0o755
    });
    return file;
  };

  it('reads sf org display --json', async () => {
    const command = fakeSf({
      status: 0,
      result: {
        instanceUrl: 'https://acme.my.salesforce.com/',
        accessToken: '00D!x',
        apiVersion: '64.0',
        alias: 'dev'
      }
    });
    const connection = await sfCliConnectionResolver('dev', { command })();
    assert.deepEqual(connection, {
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: '00D!x',
      apiVersion: '64.0',
      label: 'dev'
    });
    const override = await sfCliConnectionResolver(undefined, { command, apiVersion: 'v62.0' })();
    assert.equal(override.apiVersion, '62.0');
  });

  it('explains an unknown org, a default-less CLI, an expired org and a missing CLI', async () => {
    await assert.rejects(
      sfCliConnectionResolver('nope', {
        command: fakeSf(
          {
            status: 1,
            name: 'NamedOrgNotFoundError',
            message: 'No authorization information found for nope.'
          },
          1
        )
      })(),
      /cannot use nope: No authorization information found for nope\. — check `.*org list`/
    );
    await assert.rejects(
      sfCliConnectionResolver(undefined, {
        command: fakeSf(
          { status: 1, name: 'NoDefaultEnvError', message: 'No default environment found.' },
          1
        )
      })(),
      /cannot use the default target org: No default environment found\. — pass --target-org/
    );
    await assert.rejects(
      sfCliConnectionResolver('dev', {
        command: fakeSf({ status: 0, result: { connectedStatus: 'RefreshTokenAuthError' } })
      })(),
      /dev has no access token \(status: RefreshTokenAuthError\)/
    );
    await assert.rejects(
      sfCliConnectionResolver('dev', { command: path.join(dir, 'no-sf') })(),
      /is not installed or not on PATH/
    );
    const notJson = path.join(dir, 'sf-text');
    fs.writeFileSync(notJson, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    await assert.rejects(
      sfCliConnectionResolver('dev', { command: notJson })(),
      /did not print JSON/
    );
  });

  it('validates env values', async () => {
    await assert.rejects(
      envConnectionResolver({ SF_INSTANCE_URL: 'ftp://x', SF_ACCESS_TOKEN: 't' })(),
      OrgAuthError
    );
    await assert.rejects(
      envConnectionResolver({
        SF_INSTANCE_URL: 'https://x',
        SF_ACCESS_TOKEN: 't',
        SF_API_VERSION: '65'
      })(),
      /not like 65\.0/
    );
    const ok = await envConnectionResolver({
      SF_INSTANCE_URL: 'https://x.my.salesforce.com/path',
      SF_ACCESS_TOKEN: 't'
    })();
    assert.equal(ok.instanceUrl, 'https://x.my.salesforce.com');
  });

  it('runPool bounds concurrency and rethrows the first failure', async () => {
    let running = 0;
    let peak = 0;
    await runPool([1, 2, 3, 4, 5], 2, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    assert.equal(peak, 2);
    await assert.rejects(
      runPool([1, 2], 1, () => Promise.reject(new Error('boom'))),
      /boom/
    );
  });
});
