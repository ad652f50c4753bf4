/**
 * org:validate with a fake CommandRunner: the order of the steps and the `sf` calls, coverage
 * thresholds (org-wide and per class), JUnit/coverage files, deletion of the org on success and
 * on failure, --keep, a missing sf CLI, usage errors.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  evaluateCoverage,
  main,
  processRunner,
  sfJson,
  toJUnit,
  type ApexRunResult,
  type CommandResult,
  type CommandRunner,
  type ValidateMainDeps
} from '../org/validate.js';
import type { SmokeReport } from '../org/smoke.js';
import { makeTempDir } from './support/temp-project.js';

const dir = makeTempDir('org-validate');
let counter = 0;

const RUN: ApexRunResult = {
  summary: {
    outcome: 'Passed',
    testsRan: 3,
    passing: 3,
    failing: 0,
    orgWideCoverage: '91%'
  },
  tests: [
    {
      Outcome: 'Pass',
      MethodName: 'createsAccount',
      ApexClass: { Name: 'AccountTest' },
      RunTime: 120
    },
    { Outcome: 'Pass', MethodName: 'bulk200', ApexClass: { Name: 'AccountTest' }, RunTime: 80 },
    { Outcome: 'Pass', MethodName: 'escapes<&>', ApexClass: { Name: 'OrderTest' }, RunTime: 5 }
  ],
  coverage: {
    coverage: [
      { name: 'AccountService', totalLines: 100, totalCovered: 95 },
      { name: 'OrderService', totalLines: 50, totalCovered: 44 },
      { name: 'Empty', totalLines: 0, totalCovered: 0 }
    ]
  }
};

const OK_SMOKE: SmokeReport = {
  ok: true,
  checks: [
    { name: 'user change', ok: true, detail: 'one event', ms: 1 },
    { name: 'inbound quiet', ok: true, detail: 'none', ms: 1 },
    { name: 'order round trip', ok: true, detail: 'Activated', ms: 1 }
  ]
};

interface FakeOptions {
  run?: ApexRunResult;
  runStatus?: number;
  fail?: RegExp;
  missingSf?: boolean;
}

function fakeRunner(options: FakeOptions = {}): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const json = (result: unknown, status = 0): CommandResult => ({
    code: status === 0 ? 0 : 1,
    stdout: JSON.stringify({ status, result }),
    stderr: ''
  });
  return {
    calls,
    async run(command, args) {
      const line = `${command} ${args.join(' ')}`;
      calls.push(line);
      if (command === 'sf' && options.missingSf) {
        throw Object.assign(new Error('spawn sf ENOENT'), { code: 'ENOENT' });
      }
      if (options.fail?.test(line)) {
        return {
          code: 1,
          stdout: JSON.stringify({
            status: 1,
            name: 'DeployFailed',
            message: 'Component failures'
          }),
          stderr: ''
        };
      }
      if (line === 'sf --version') {
        return { code: 0, stdout: '@salesforce/cli/2.99.0 linux-x64 node-v20\n', stderr: '' };
      }
      if (line.startsWith('npm run build:lwc')) {
        return { code: 0, stdout: '', stderr: '' };
      }
      if (line.startsWith('sf org create scratch')) {
        return json({ username: 'test-abc@example.com', orgId: '00D000000000001' });
      }
      if (line.startsWith('sf org create user')) {
        return json({ fields: { username: 'erp-bridge-integration-1@example.com' } });
      }
      if (line.startsWith('sf project deploy start')) {
        return json({ numberComponentsDeployed: 321, status: 'Succeeded' });
      }
      if (line.startsWith('sf apex run test')) {
        const status = options.runStatus ?? 0;
        return {
          code: status === 0 ? 0 : 100,
          stdout: JSON.stringify({ status, result: options.run ?? RUN }),
          stderr: ''
        };
      }
      return json({});
    }
  };
}

async function run(args: string[], runner: CommandRunner, deps: Partial<ValidateMainDeps> = {}) {
  const out: string[] = [];
  const log: string[] = [];
  const seeded: string[] = [];
  const outputDir = path.join(dir, `out-${++counter}`);
  const result = await main(['--output-dir', outputDir, ...args], {
    runner,
    out: (l) => out.push(l),
    log: (l) => log.push(l),
    seed: async (alias) => {
      seeded.push(alias);
    },
    connect: async (alias) => ({
      instanceUrl: 'https://x.my.salesforce.com',
      accessToken: 't',
      apiVersion: '65.0',
      label: alias
    }),
    smoke: async () => OK_SMOKE,
    ...deps
  });
  return { ...result, out: out.join('\n'), log: log.join('\n'), outputDir, seeded };
}

const sfSteps = (calls: string[]): string[] =>
  calls.map((c) => c.split(' --')[0].replace(/ profileName=.*/, ''));

describe('org:validate orchestration', () => {
  it('happy path: steps in order, reports written, org deleted', async () => {
    const runner = fakeRunner();
    const r = await run(['--alias', 'val1', '--target-dev-hub', 'hub'], runner);
    assert.equal(r.code, 0, r.log);
    assert.deepEqual(sfSteps(runner.calls), [
      'sf',
      'sf org create scratch',
      'npm run build:lwc',
      'sf project deploy start',
      'sf org create user',
      'sf org assign permset',
      'sf org assign permset',
      'sf apex run test',
      'sf org delete scratch'
    ]);
    assert.match(
      runner.calls[1],
      /--definition-file .*config\/project-scratch-def\.json --alias val1 --duration-days 1 --wait 30 --target-dev-hub hub --json$/
    );
    assert.match(
      runner.calls[5],
      /--name ERP_Bridge_Sales_User --name ERP_Bridge_Integration_Support --target-org val1/
    );
    assert.match(
      runner.calls[6],
      /--name ERP_Bridge_Integration --on-behalf-of erp-bridge-integration-1@example\.com/
    );
    assert.match(
      runner.calls[7],
      /--test-level RunLocalTests --code-coverage --result-format json --output-dir .*apex --wait 60 --target-org val1 --json/
    );
    assert.match(runner.calls[8], /sf org delete scratch --no-prompt --target-org val1 --json/);
    assert.deepEqual(r.seeded, ['val1']);
    assert.match(r.log, /\[1\/9\] check sf CLI: ok \(\d+\.\d s\) — @salesforce\/cli\/2\.99\.0/);
    assert.match(r.log, /\[2\/9\] create scratch org: ok .* val1 = test-abc@example\.com/);
    assert.match(r.log, /\[8\/9\] run Apex tests: ok .* 3\/3 passed, coverage 91%/);
    assert.match(
      r.log,
      /\[9\/9\] smoke test: ok .* user change ok, inbound quiet ok, order round trip ok/
    );
    assert.match(r.log, /deleted scratch org val1/);
    assert.match(r.out, /org:validate: passed/);
    const junit = fs.readFileSync(path.join(r.outputDir, 'junit.xml'), 'utf8');
    assert.match(
      junit,
      /<testsuite name="AccountTest" tests="2" failures="0" skipped="0" time="0\.200">/
    );
    assert.match(
      junit,
      /<testcase name="escapes&lt;&amp;&gt;" classname="OrderTest" time="0\.005"\/>/
    );
    const coverage = JSON.parse(fs.readFileSync(path.join(r.outputDir, 'coverage.json'), 'utf8'));
    assert.equal(coverage.orgWide, 91);
    assert.deepEqual(coverage.below, []);
    assert.match(
      fs.readFileSync(path.join(r.outputDir, 'coverage.md'), 'utf8'),
      /\| OrderService \| 44 \| 50 \| 88 \|/
    );
    assert.ok(fs.existsSync(path.join(r.outputDir, 'smoke.json')));
  });

  it('fails under the org-wide threshold and names the classes under the class threshold; still deletes', async () => {
    const runner = fakeRunner();
    const r = await run(['--min-coverage', '95', '--min-class-coverage', '90'], runner);
    assert.equal(r.code, 1);
    assert.match(
      r.log,
      /run Apex tests: FAILED .* org-wide coverage 91% is below 95%; 1 class\(es\) below 90%: OrderService 88%/
    );
    assert.match(r.out, /FAILED at step "run Apex tests"/);
    assert.ok(runner.calls.at(-1)?.startsWith('sf org delete scratch'));
    assert.ok(!runner.calls.some((c) => c.includes('smoke')));
    assert.ok(
      fs.existsSync(path.join(r.outputDir, 'junit.xml')),
      'reports are written before failing'
    );
    const md = fs.readFileSync(path.join(r.outputDir, 'coverage.md'), 'utf8');
    assert.match(md, /Classes below 90%: OrderService/);
  });

  it('failing Apex tests (sf status 100) fail the step with the test names and write JUnit failures', async () => {
    const failing: ApexRunResult = {
      ...RUN,
      summary: {
        ...RUN.summary,
        outcome: 'Failed',
        passing: 2,
        failing: 1,
        orgWideCoverage: undefined
      },
      tests: [
        ...RUN.tests.slice(0, 2),
        {
          Outcome: 'Fail',
          MethodName: 'submits',
          ApexClass: { Name: 'OrderTest' },
          Message: 'Assert failed: "x"',
          StackTrace: 'Class.OrderTest: line 3'
        }
      ]
    };
    const r = await run([], fakeRunner({ run: failing, runStatus: 100 }));
    assert.equal(r.code, 1);
    assert.match(r.log, /1 test\(s\) failed: OrderTest\.submits/);
    const junit = fs.readFileSync(path.join(r.outputDir, 'junit.xml'), 'utf8');
    assert.match(
      junit,
      /<failure message="Assert failed: &quot;x&quot;">Class\.OrderTest: line 3<\/failure>/
    );
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(r.outputDir, 'coverage.json'), 'utf8')).orgWide,
      92.7
    );
    assert.match(
      fs.readFileSync(path.join(r.outputDir, 'coverage.md'), 'utf8'),
      /## Failing tests\n\n- `OrderTest\.submits`/
    );
  });

  it('a failing deploy stops the run, names the step, and the org is deleted', async () => {
    const runner = fakeRunner({ fail: /^sf project deploy/ });
    const r = await run(['--alias', 'val2'], runner);
    assert.equal(r.code, 1);
    assert.equal(r.result?.failedStep, 'deploy force-app');
    assert.match(
      r.log,
      /deploy force-app: FAILED .* `sf project deploy start` failed: DeployFailed: Component failures/
    );
    assert.deepEqual(sfSteps(runner.calls).slice(-2), [
      'sf project deploy start',
      'sf org delete scratch'
    ]);
    assert.equal(r.result?.deleted, true);
    assert.deepEqual(r.seeded, []);
  });

  it('a failing smoke test fails the run with the check named; a seed failure too', async () => {
    const smokeRunner = fakeRunner();
    const r = await run([], smokeRunner, {
      smoke: async () => ({
        ok: false,
        checks: [{ name: 'inbound quiet', ok: false, detail: 'published 1 event', ms: 3 }]
      })
    });
    assert.equal(r.code, 1);
    assert.match(r.log, /smoke test: FAILED .* inbound quiet: published 1 event/);
    assert.ok(smokeRunner.calls.at(-1)?.startsWith('sf org delete scratch'));
    const seedRunner = fakeRunner();
    const s = await run([], seedRunner, {
      seed: async () => {
        throw new Error('seed:pricebooks exited 1');
      }
    });
    assert.equal(s.result?.failedStep, 'seed price books');
    assert.ok(seedRunner.calls.at(-1)?.startsWith('sf org delete scratch'));
  });

  it('--keep keeps the org and says how to delete it; --skip-smoke and --integration-user', async () => {
    const runner = fakeRunner();
    const r = await run(
      ['--keep', '--skip-smoke', '--integration-user', 'int@example.com', '--alias', 'kept'],
      runner
    );
    assert.equal(r.code, 0, r.log);
    assert.ok(!runner.calls.some((c) => c.startsWith('sf org delete')));
    assert.ok(!runner.calls.some((c) => c.startsWith('sf org create user')));
    assert.match(
      r.log,
      /kept scratch org kept \(--keep\).*sf org delete scratch --target-org kept --no-prompt/
    );
    assert.match(r.log, /smoke test: ok .* skipped/);
    assert.match(
      runner.calls.find((c) => c.includes('ERP_Bridge_Integration ')) ?? '',
      /--on-behalf-of int@example\.com/
    );
  });

  it('a scratch org that cannot be created is not deleted; a failed delete is reported (exit 1)', async () => {
    const noOrg = fakeRunner({ fail: /^sf org create scratch/ });
    const r = await run([], noOrg);
    assert.equal(r.code, 1);
    assert.ok(!noOrg.calls.some((c) => c.startsWith('sf org delete')));
    const stuck = fakeRunner({ fail: /^sf org delete/ });
    const s = await run(['--alias', 'stuck'], stuck);
    assert.equal(s.code, 1);
    assert.match(
      s.log,
      /could not delete scratch org stuck: .*sf org delete scratch --target-org stuck --no-prompt/
    );
    assert.match(s.out, /could not be deleted/);
  });

  it('a missing sf CLI is a clear error and exit 2; nothing is created or deleted', async () => {
    const runner = fakeRunner({ missingSf: true });
    const r = await run([], runner);
    assert.equal(r.code, 2);
    assert.match(
      r.log,
      /the Salesforce CLI \(sf\) is not installed or not on PATH; install it with `npm install --global @salesforce\/cli`/
    );
    assert.deepEqual(runner.calls, ['sf --version']);
    await assert.rejects(sfJson(runner, ['org', 'list']), /not installed/);
  });

  it('usage errors and --help', async () => {
    const runner = fakeRunner();
    for (const [args, pattern] of [
      [['--min-coverage', '101'], /--min-coverage must be a number from 0 to 100/],
      [['--definition-file', path.join(dir, 'none.json')], /none\.json: no such file/],
      [['--bogus'], /Unknown option '--bogus'/]
    ] as const) {
      const r = await run([...args], runner);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.log, pattern);
    }
    assert.deepEqual(runner.calls, []);
    const help = await run(['--help'], runner);
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: npm run org:validate/);
  });
});

describe('org:validate helpers', () => {
  it('evaluateCoverage computes org-wide coverage when sf does not report it', () => {
    const report = evaluateCoverage(
      { ...RUN, summary: { ...RUN.summary, orgWideCoverage: undefined } },
      85,
      90
    );
    assert.equal(report.orgWide, 92.7);
    assert.deepEqual(report.below, ['OrderService']);
    assert.equal(report.ok, false);
    assert.equal(evaluateCoverage({ summary: RUN.summary, tests: [] }, 0, 0).classes.length, 0);
    assert.equal(
      evaluateCoverage({ summary: { ...RUN.summary, orgWideCoverage: undefined }, tests: [] }, 0, 0)
        .orgWide,
      0
    );
  });

  it('toJUnit marks skipped tests and falls back to FullName for the class', () => {
    const xml = toJUnit({
      summary: RUN.summary,
      tests: [{ Outcome: 'Skip', MethodName: 'later', FullName: 'LaterTest.later' }]
    });
    assert.match(xml, /<testsuite name="LaterTest" tests="1" failures="0" skipped="1"/);
    assert.match(xml, /<skipped\/>/);
  });

  it('sfJson explains non-JSON output; processRunner runs commands and reports ENOENT', async () => {
    const text: CommandRunner = {
      run: async () => ({ code: 1, stdout: 'oops', stderr: 'Error: boom' })
    };
    await assert.rejects(
      sfJson(text, ['org', 'list']),
      /`sf org list` did not print JSON \(exit 1\): Error: boom/
    );
    const echo = await processRunner.run('node', [
      '-e',
      'process.stdout.write("hi");process.stderr.write("e")'
    ]);
    assert.deepEqual(echo, { code: 0, stdout: 'hi', stderr: 'e' });
    await assert.rejects(processRunner.run(path.join(dir, 'no-such-binary'), []), {
      code: 'ENOENT'
    });
  });
});
