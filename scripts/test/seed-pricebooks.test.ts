/**
 * seed:pricebooks end to end: the CLI's `main()` against the loopback REST server over real HTTP
 * — SOQL reads, sObject Collections upserts/creates/updates, idempotence, dry run, partial
 * failures, auth and usage errors — plus the data validation with its precise messages.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { envConnectionResolver } from '../org/connection.js';
import { readSeedData, SeedDataError } from '../org/pricebooks/data.js';
import { restClient } from '../org/rest.js';
import { main, type SeedMainDeps, type SeedMainResult } from '../org/seed-pricebooks.js';
import { installRestData, parseSoql, type RestDataOptions } from './loopback/rest-data.js';
import { startLoopback, type LoopbackServer } from './loopback/server.js';
import { MAIN_ROOT, makeTempDir } from './support/temp-project.js';

const SAMPLE = path.join(MAIN_ROOT, 'data', 'pricebooks');
const dir = makeTempDir('seed-pricebooks');
let counter = 0;

function dataDir(files: Record<string, string>): string {
  const folder = path.join(dir, `data-${++counter}`);
  fs.mkdirSync(folder);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

async function withServer<T>(
  options: RestDataOptions,
  fn: (
    server: LoopbackServer,
    state: ReturnType<typeof installRestData>,
    run: (
      args: string[],
      deps?: SeedMainDeps
    ) => Promise<SeedMainResult & { out: string; err: string }>
  ) => Promise<T>
): Promise<T> {
  const server = await startLoopback();
  const state = installRestData(server, options);
  const run = async (args: string[], deps: SeedMainDeps = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await main(args, {
      env: { SF_INSTANCE_URL: server.url, SF_ACCESS_TOKEN: server.accessToken },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...deps
    });
    return { ...result, out: out.join('\n'), err: err.join('\n') };
  };
  try {
    return await fn(server, state, run);
  } finally {
    await server.stop();
  }
}

describe('seed:pricebooks against the loopback REST API', () => {
  it('first run creates everything in order; a second run changes nothing and says so', async () => {
    await withServer({}, async (server, state, run) => {
      const first = await run(['--data', SAMPLE]);
      assert.equal(first.code, 0, first.err);
      assert.match(first.out, /5 product\(s\), 2 price list\(s\), 7 price-list entries/);
      assert.match(first.out, /Product2 +5 to create, 0 to update, 0 unchanged/);
      assert.match(first.out, /standard PricebookEntry +5 to create/);
      assert.match(first.out, /Pricebook2 +2 to create/);
      assert.match(first.out, /PricebookEntry +7 to create/);
      assert.match(first.out, /Seeded: 19 created, 0 updated, 0 failed/);
      const writes = server.log
        .filter((l) => l.method !== 'GET')
        .map((l) => `${l.method} ${l.path.replace('/services/data/v65.0', '')}`);
      assert.deepEqual(writes, [
        'PATCH /composite/sobjects/Product2/ERP_Product_ID__c',
        'POST /composite/sobjects',
        'PATCH /composite/sobjects/Pricebook2/ERP_Price_List_ID__c',
        'POST /composite/sobjects'
      ]);
      assert.equal(state.all('Product2').length, 5);
      const widget = state.all('Product2').find((p) => p.ERP_Product_ID__c === 'ERP-P-100');
      assert.equal(widget?.ProductCode, 'SKU-100');
      const entries = state.all('PricebookEntry');
      assert.equal(entries.length, 12);
      assert.equal(entries.filter((e) => e.Pricebook2Id === state.standardPricebookId).length, 5);
      const gizmo = state.all('Product2').find((p) => p.ERP_Product_ID__c === 'ERP-P-300');
      assert.equal(gizmo?.IsActive, false);

      const sentBefore = server.log.length;
      const second = await run(['--data', SAMPLE]);
      assert.equal(second.code, 0, second.err);
      assert.match(second.out, /Nothing to do: 0 to create, 0 to update/);
      assert.match(second.out, /Product2 +0 to create, 0 to update, 5 unchanged/);
      assert.ok(server.log.slice(sentBefore).every((l) => l.method === 'GET'));
    });
  });

  it('updates only what differs and shows old → new', async () => {
    await withServer({}, async (server, state, run) => {
      assert.equal((await run(['--data', SAMPLE])).code, 0);
      const folder = dataDir({
        'p.json': fs
          .readFileSync(path.join(SAMPLE, 'products.json'), 'utf8')
          .replace('"Widget"', '"Widget XL"')
          .replace('"unitPrice": 100 }', '"unitPrice": 110 }'),
        'accessories.csv': fs.readFileSync(path.join(SAMPLE, 'accessories.csv'), 'utf8'),
        'w.csv': fs.readFileSync(path.join(SAMPLE, 'wholesale-entries.csv'), 'utf8')
      });
      const r = await run(['--data', folder]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /~ ERP-P-100 \(Name: "Widget" → "Widget XL"\)/);
      assert.match(r.out, /~ PL-RETAIL \/ ERP-P-100 \(UnitPrice: 100 → 110\)/);
      assert.match(r.out, /Total: 0 to create, 2 to update/);
      assert.match(r.out, /Seeded: 0 created, 2 updated, 0 failed/);
      const patch = server.log.filter((l) => l.method === 'PATCH').map((l) => l.path);
      assert.ok(patch.some((p) => p.endsWith('/composite/sobjects')));
      assert.equal(
        state.all('Product2').find((p) => p.ERP_Product_ID__c === 'ERP-P-100')?.Name,
        'Widget XL'
      );
    });
  });

  it('--dry-run reads the org, prints the plan and writes nothing', async () => {
    await withServer({}, async (server, state, run) => {
      const r = await run(['--data', SAMPLE, '--dry-run']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /\+ ERP-P-100/);
      assert.match(r.out, /\+ standard \/ ERP-P-100/);
      assert.match(r.out, /\+ PL-WHOLESALE \/ ERP-P-400/);
      assert.match(r.out, /Total: 19 to create, 0 to update/);
      assert.match(r.out, /Dry run: nothing was written/);
      assert.ok(server.log.every((l) => l.method === 'GET'));
      assert.equal(state.writes.size, 0);
      assert.equal(state.all('Product2').length, 0);
    });
  });

  it('a bad data file fails before any request, naming file, row and field', async () => {
    await withServer({}, async (server, _state, run) => {
      const folder = dataDir({
        'a.csv': 'ERP_Product_ID__c,Name,ProductCode,StandardPrice\nP1,One,S1,abc\n,Two,S2,5\n',
        'b.json': JSON.stringify({
          products: [{ erpProductId: 'p1', name: 'Dup', sku: 'S', standardPrice: 1, colour: 'x' }],
          priceLists: [
            { erpPriceListId: 'L', name: 'L', entries: [{ erpProductId: 'NOPE', unitPrice: -1 }] }
          ]
        })
      });
      const r = await run(['--data', folder]);
      assert.equal(r.code, 2);
      assert.match(r.err, /problem\(s\) in the seed data; nothing was sent/);
      assert.match(r.err, /a\.csv: row 2, StandardPrice: "abc" is not a number/);
      assert.match(r.err, /a\.csv: row 3, ERP_Product_ID__c: is required and must not be blank/);
      assert.match(r.err, /b\.json: products\[0\], colour: unknown field/);
      assert.match(r.err, /b\.json: priceLists\[0\]\.entries\[0\], unitPrice: -1 is not a price/);
      assert.equal(server.log.length, 0);
    });
  });

  it('reports a partial failure per record, skips what depends on it, exits 1', async () => {
    await withServer(
      {
        failRecords: [
          {
            object: 'Product2',
            match: (r) => r.ERP_Product_ID__c === 'ERP-P-200',
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Gadgets need approval',
            fields: ['Name']
          }
        ]
      },
      async (_server, state, run) => {
        const r = await run(['--data', SAMPLE]);
        assert.equal(r.code, 1);
        assert.match(
          r.out,
          /✗ Product2 ERP-P-200: FIELD_CUSTOM_VALIDATION_EXCEPTION: Gadgets need approval \(fields: Name\)/
        );
        assert.match(
          r.out,
          /✗ standard PricebookEntry standard \/ ERP-P-200: SKIPPED: product ERP-P-200 was not saved/
        );
        assert.match(r.out, /✗ PricebookEntry PL-RETAIL \/ ERP-P-200: SKIPPED/);
        assert.match(r.out, /Seeded: 15 created, 0 updated, 4 failed/);
        assert.match(r.err, /Product2: 4 of 5 saved, 1 failed/);
        assert.equal(state.all('Product2').length, 4);
      }
    );
  });

  it('a custom entry whose standard entry fails is skipped; the org error is reported', async () => {
    await withServer(
      {
        failRecords: [
          {
            object: 'PricebookEntry',
            match: (r) => r.UnitPrice === 8.9,
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: 'nope'
          }
        ]
      },
      async (_server, _state, run) => {
        const r = await run(['--data', SAMPLE]);
        assert.equal(r.code, 1);
        assert.match(
          r.out,
          /✗ standard PricebookEntry standard \/ ERP-P-400: FIELD_INTEGRITY_EXCEPTION: nope/
        );
        assert.match(
          r.out,
          /✗ PricebookEntry PL-WHOLESALE \/ ERP-P-400: SKIPPED: the standard entry of ERP-P-400 was not saved/
        );
      }
    );
  });

  it('an org without the project fields, and multi-currency data in a single-currency org', async () => {
    await withServer({ undeployed: true }, async (server, _state, run) => {
      const r = await run(['--data', SAMPLE]);
      assert.equal(r.code, 2);
      assert.match(
        r.err,
        /the org lacks a field the seed needs .*ERP_Product_ID__c.*deploy force-app first/
      );
      assert.ok(server.log.every((l) => l.method === 'GET'));
    });
    const multi = dataDir({
      'p.json': JSON.stringify({
        products: [
          {
            erpProductId: 'M1',
            name: 'M',
            sku: 'M',
            standardPrices: [
              { unitPrice: 1, currency: 'EUR' },
              { unitPrice: 2, currency: 'USD' }
            ]
          }
        ],
        priceLists: [
          {
            erpPriceListId: 'ML',
            name: 'ML',
            entries: [{ erpProductId: 'M1', unitPrice: 1, currency: 'EUR' }]
          }
        ]
      })
    });
    await withServer({}, async (_server, _state, run) => {
      const r = await run(['--data', multi]);
      assert.equal(r.code, 2);
      assert.match(r.err, /the data has currencies but the org is not multi-currency/);
    });
    await withServer({ multiCurrency: true }, async (_server, state, run) => {
      const r = await run(['--data', multi]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /multi-currency/);
      assert.deepEqual(
        state
          .all('PricebookEntry')
          .map((e) => `${e.CurrencyIsoCode}:${e.UnitPrice}`)
          .sort(),
        ['EUR:1', 'EUR:1', 'USD:2']
      );
      assert.match((await run(['--data', multi])).out, /Nothing to do/);
    });
  });

  it('no auth, a rejected session, usage errors and --help', async () => {
    await withServer({}, async (_server, _state, run) => {
      const none = await run(['--data', SAMPLE], {
        env: {},
        resolver: () => envConnectionResolver({})
      });
      assert.equal(none.code, 2);
      assert.match(none.err, /no org: pass --target-org/);
      const rejected = await run(['--data', SAMPLE], {
        resolver: () =>
          envConnectionResolver({ SF_INSTANCE_URL: _server.url, SF_ACCESS_TOKEN: 'expired' })
      });
      assert.equal(rejected.code, 2);
      assert.match(rejected.err, /rejected the session \(INVALID_SESSION_ID/);
      const unreachable = await run(['--data', SAMPLE], {
        resolver: () =>
          envConnectionResolver({ SF_INSTANCE_URL: 'http://127.0.0.1:9', SF_ACCESS_TOKEN: 't' })
      });
      assert.equal(unreachable.code, 2);
      assert.match(unreachable.err, /cannot reach http:\/\/127\.0\.0\.1:9/);
      const missing = await run(['--data', path.join(dir, 'nowhere')]);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /nowhere: no such file or folder/);
      const bogus = await run(['--bogus']);
      assert.equal(bogus.code, 2);
      assert.match(bogus.err, /Unknown option '--bogus'/);
      const help = await run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.out, /Usage: npm run seed:pricebooks/);
    });
  });
});

describe('seed data validation', () => {
  const problems = (files: Record<string, string>): string[] => {
    try {
      readSeedData(dataDir(files));
    } catch (error) {
      assert.ok(error instanceof SeedDataError);
      return error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    }
    assert.fail('expected a SeedDataError');
  };

  it('reads the shipped sample: JSON and both CSV kinds', () => {
    const data = readSeedData(SAMPLE);
    assert.deepEqual(data.files, ['accessories.csv', 'products.json', 'wholesale-entries.csv']);
    assert.equal(data.multiCurrency, false);
    const cable = data.products.find((p) => p.erpProductId === 'ERP-P-400');
    assert.equal(cable?.name, 'Cable, 2 m');
    assert.deepEqual(cable?.standardPrices, [{ unitPrice: 8.9 }]);
    const wholesale = data.priceLists.find((l) => l.erpPriceListId === 'PL-WHOLESALE');
    assert.equal(wholesale?.entries.length, 4);
    assert.equal(readSeedData(path.join(SAMPLE, 'products.json')).products.length, 3);
  });

  it('names file, place, field and reason', () => {
    assert.deepEqual(
      problems({
        'x.json': JSON.stringify({
          products: [
            { erpProductId: 'A', name: 'A', sku: 'A', standardPrice: 1 },
            { erpProductId: 'a', name: 'B', sku: '', standardPrice: 2, active: 'yes' },
            'nope',
            { erpProductId: 'C', name: 'C', sku: 'C', standardPrice: 1, standardPrices: [] },
            { erpProductId: 'D', name: 'D', sku: 'D', standardPrices: [{ unitPrice: 1 }, 3] },
            {
              erpProductId: 'E',
              name: 'x'.repeat(300),
              sku: 'E',
              standardPrice: 1,
              currency: 'eur'
            }
          ],
          priceLists: [
            { erpPriceListId: 'L', name: 'L', entries: 'none' },
            { erpPriceListId: 'l', name: 'L2', entries: [] },
            {
              erpPriceListId: 'M',
              name: 'M',
              entries: [{ erpProductId: 'A', unitPrice: 1 }, { erpProductId: 'A', unitPrice: 2 }, 7]
            }
          ],
          extra: 1
        })
      }),
      [
        'x.json: extra: unknown field; expected one of products, priceLists, $schema, description',
        'x.json: products[1], sku: is required and must not be blank',
        'x.json: products[1], active: "yes" is not true or false',
        'x.json: products[2]: must be an object',
        'x.json: products[3], standardPrices: give either standardPrice or standardPrices, not both',
        'x.json: products[4].standardPrices[0], currency: is required in standardPrices (one price per currency)',
        'x.json: products[4].standardPrices[1]: must be an object {"unitPrice", "currency"}',
        'x.json: products[5], name: is 300 characters; at most 255',
        'x.json: products[5], currency: "eur" is not an ISO currency code like EUR',
        'x.json: priceLists[0], entries: must be an array of {"erpProductId", "unitPrice"}',
        'x.json: priceLists[1], erpPriceListId: duplicate price list "l" (also in ' +
          path.relative(process.cwd(), path.join(dir, `data-${counter}`, 'x.json')) +
          ', priceLists[0])',
        'x.json: priceLists[2].entries[2]: must be an object {"erpProductId", "unitPrice"}',
        'x.json: priceLists[2].entries[1], erpProductId: "A" is already priced in M (priceLists[2].entries[0])'
      ].map((line) =>
        line.replace(
          /^x\.json/,
          path.relative(process.cwd(), path.join(dir, `data-${counter}`, 'x.json'))
        )
      )
    );
  });

  it('CSV headers, value counts, duplicates across files, currencies', () => {
    const csvProblems = problems({
      'a.csv': 'ERP_Product_ID__c,Name,Colour\n',
      'b.csv': 'ERP_Product_ID__c,Name,ProductCode,StandardPrice\nP1,One,S1,1\nP2,Two\n',
      'c.json': JSON.stringify({
        products: [{ erpProductId: 'P1', name: 'x', sku: 'y', standardPrice: 1 }]
      }),
      'd.csv':
        'ERP_Price_List_ID__c,PriceListName,ERP_Product_ID__c,UnitPrice,CurrencyIsoCode\nL1,One,P1,1,EUR\nL1,Other,P1,2,USD\n',
      'e.json': '{',
      'f.csv': ''
    }).join('\n');
    assert.match(
      csvProblems,
      /a\.csv: row 1: missing column\(s\) ProductCode, StandardPrice; unknown column\(s\) Colour/
    );
    assert.match(csvProblems, /b\.csv: row 3: has 2 values; the header has 4/);
    assert.match(
      csvProblems,
      /c\.json: products\[0\], erpProductId: duplicate product "P1" \(also in .*b\.csv, row 2\)/
    );
    assert.match(
      csvProblems,
      /d\.csv: row 3, PriceListName: "Other" differs from "One" given for L1 in row 2/
    );
    assert.match(csvProblems, /d\.csv: row 2, currency: product "P1" has no standard price in EUR/);
    assert.match(csvProblems, /has no currency, but other prices do/);
    assert.match(csvProblems, /e\.json: not valid JSON/);
    assert.match(csvProblems, /f\.csv: row 1: no header row/);
    assert.deepEqual(problems({ 'readme.txt': 'x' }), [
      `${path.join(dir, `data-${counter}`)}: no .json or .csv files in this folder`
    ]);
    assert.deepEqual(problems({ 'p.json': '{"priceLists": []}' }).length, 1);
  });

  it('a products CSV may repeat a product once per currency', () => {
    const data = readSeedData(
      dataDir({
        'p.csv':
          'ERP_Product_ID__c,Name,ProductCode,StandardPrice,CurrencyIsoCode\nP1,One,S1,1,EUR\nP1,One,S1,1.1,USD\n'
      })
    );
    assert.equal(data.multiCurrency, true);
    assert.deepEqual(data.products[0].standardPrices, [
      { unitPrice: 1, currency: 'EUR' },
      { unitPrice: 1.1, currency: 'USD' }
    ]);
  });
});

describe('REST client and loopback SOQL subset', () => {
  it('parses SELECT … WHERE with =, IN, booleans and escaped quotes', () => {
    assert.deepEqual(
      parseSoql(
        "SELECT Id, Name FROM Product2 WHERE IsActive = true AND ERP_Product_ID__c IN ('a', 'b\\'c')"
      ),
      {
        fields: ['Id', 'Name'],
        object: 'Product2',
        conditions: [
          { field: 'IsActive', values: [true] },
          { field: 'ERP_Product_ID__c', values: ['a', "b'c"] }
        ]
      }
    );
    assert.throws(() => parseSoql('DELETE x'), /unsupported query/);
    assert.throws(() => parseSoql('SELECT Id FROM A WHERE B LIKE 1'), /unsupported condition/);
  });

  it('follows nextRecordsUrl and reports API errors with their code', async () => {
    const server = await startLoopback();
    try {
      let page = 0;
      server.route('GET', '/services/data/:version/query', (ctx) => {
        ctx.json(200, {
          done: false,
          nextRecordsUrl: '/services/data/v65.0/query/01g-2',
          records: [{ n: ++page }]
        });
      });
      server.route('GET', '/services/data/:version/query/:locator', (ctx) => {
        ctx.json(200, { done: true, records: [{ n: ++page }] });
      });
      server.route('GET', '/services/data/:version/broken', (ctx) => {
        ctx.res.writeHead(500);
        ctx.res.end('plain failure');
      });
      const rest = restClient({
        instanceUrl: server.url,
        accessToken: server.accessToken,
        apiVersion: '65.0'
      });
      assert.deepEqual(await rest.query('SELECT n FROM X'), [{ n: 1 }, { n: 2 }]);
      await assert.rejects(
        rest.request('GET', `${rest.dataPath}/broken`),
        /HTTP_500: plain failure \(HTTP 500, GET/
      );
      await assert.rejects(
        rest.request('GET', `${rest.dataPath}/nothing`),
        /NOT_FOUND: The requested resource does not exist/
      );
    } finally {
      await server.stop();
    }
  });
});
