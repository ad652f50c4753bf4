import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { rollup } from 'rollup';
import { ContractValidator, generateContractSchema } from '../lib/contract.js';
import {
  buildPreview,
  componentCompilerOptions,
  contentHash,
  PANELS,
  tagOf,
  versionReferences
} from '../preview/build.js';
import {
  ApexError,
  CircuitBreaker,
  ControllerEmulator,
  EMULATED_APEX_METHODS,
  ErpTimeoutError,
  httpTransport,
  orderPath,
  readSettings,
  readStaleReasons,
  STALE_REASON_LABELS,
  staleReasonsFrom,
  type EmulatorSettings,
  type ErpTransport
} from '../preview/emulator.js';
import { labelNameOf, parseLabels, readLabels } from '../preview/labels.js';
import {
  callApex,
  createApexMethod,
  refreshApex,
  setApexBaseUrl,
  type WiredValue
} from '../preview/runtime/apex.js';
import { ErpSandbox } from '../preview/sandbox.js';
import {
  ACME_ACCOUNT_ID,
  buildErpData,
  buildMockOrg,
  DRAFT_ORDER_ID,
  NORDWIND_ACCOUNT_ID,
  PROSPECT_ACCOUNT_ID,
  readInquiryFixtures,
  REJECTED_ORDER_ID,
  SHIPPED_ORDER_ID,
  UNKNOWN_ACCOUNT_ID
} from '../preview/seed.js';
import { listBaseComponents, platformModules, typescriptTranspile } from '../preview/shims.js';
import { pageRecords, startPreviewServer, type PreviewServer } from '../preview/server.js';
import type { CreditPanel, InvoicePanel, OrderStatusPanel } from '../../types/contract/inquiry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const INQUIRY_TYPES = path.join(ROOT, 'types/contract/inquiry.ts');
const NOW = Date.parse('2026-11-25T09:00:00.000Z');

const fixtures = readInquiryFixtures(ROOT);
/** The stale reasons: the texts of the Apex layer's `ErpInquiry_Stale*` custom labels. */
const STALE = readStaleReasons(ROOT);
let validator: ContractValidator;

const settings: EmulatorSettings = {
  cacheTtlSeconds: 300,
  inquiryTimeoutMs: 5000,
  breakerFailureThreshold: 3,
  breakerWindowSeconds: 60,
  breakerCooldownSeconds: 120
};

/** A transport answering from the sandbox in-process, with scripted faults. */
function sandboxTransport(sandbox: ErpSandbox) {
  const calls: string[] = [];
  let fault: 'timeout' | 'connection' | 'garbage' | 'http418' | undefined;
  const transport: ErpTransport = async (pathAndQuery, timeoutMs) => {
    calls.push(pathAndQuery);
    if (fault === 'timeout') throw new ErpTimeoutError(timeoutMs);
    if (fault === 'connection') throw new Error('ECONNREFUSED');
    if (fault === 'garbage') return { status: 200, body: '<html>proxy error</html>' };
    if (fault === 'http418') return { status: 418, body: '{}' };
    const answer = await sandbox.respond('GET', pathAndQuery);
    return { status: answer.status, body: JSON.stringify(answer.body) };
  };
  return { calls, transport, setFault: (f: typeof fault) => (fault = f) };
}

function emulatorFixture(overrides: Partial<EmulatorSettings> = {}) {
  let now = NOW;
  const sandbox = new ErpSandbox(buildErpData(fixtures), {
    now: () => new Date(now),
    sleep: async () => {}
  });
  const link = sandboxTransport(sandbox);
  const emulator = new ControllerEmulator({
    org: buildMockOrg(),
    transport: link.transport,
    settings: { ...settings, ...overrides },
    staleReasons: STALE,
    now: () => now
  });
  return { sandbox, emulator, ...link, advance: (ms: number) => (now += ms) };
}

before(() => {
  validator = new ContractValidator(
    generateContractSchema(INQUIRY_TYPES),
    'types/contract/inquiry.ts'
  );
});

describe('preview ERP sandbox', () => {
  const sandbox = new ErpSandbox(buildErpData(fixtures), { now: () => new Date(NOW) });

  it('answers the credit endpoint with the fixture, valid against ErpCreditSummary', () => {
    const answer = sandbox.answer('GET', '/erp-bridge/v1/accounts/ERP-ACC-1002/credit');
    assert.equal(answer.status, 200);
    assert.deepEqual(validator.validate('ErpCreditSummary', answer.body), []);
    assert.deepEqual(answer.body, { ...fixtures.credit, asOf: new Date(NOW).toISOString() });
  });

  it('answers the invoices endpoint like the fixture, and pages, filters and totals', () => {
    const first = sandbox.answer(
      'GET',
      '/erp-bridge/v1/accounts/ERP-ACC-1002/invoices?status=ALL&page=0&pageSize=10'
    );
    assert.deepEqual(validator.validate('ErpInvoicePage', first.body), []);
    assert.deepEqual(first.body, { ...fixtures.invoices, asOf: new Date(NOW).toISOString() });

    const pages = [0, 1, 2].map(
      (page) =>
        sandbox.answer(
          'GET',
          `/erp-bridge/v1/accounts/ERP-ACC-1003/invoices?status=ALL&page=${page}&pageSize=10`
        ).body as {
          invoices: Array<{ invoiceNumber: string; dueDate: string }>;
          totalCount: number;
        }
    );
    assert.deepEqual(
      pages.map((p) => p.invoices.length),
      [10, 10, 4]
    );
    assert.equal(pages[0].totalCount, 24);
    const numbers = pages.flatMap((p) => p.invoices.map((i) => i.invoiceNumber));
    assert.equal(new Set(numbers).size, 24);
    const dues = pages.flatMap((p) => p.invoices.map((i) => i.dueDate));
    assert.deepEqual(dues, [...dues].sort().reverse(), 'newest due date first');

    const overdue = sandbox.answer(
      'GET',
      '/erp-bridge/v1/accounts/ERP-ACC-1003/invoices?status=OVERDUE'
    ).body as {
      invoices: Array<{ status: string; openAmount: number }>;
      totals: { overdueAmount: number; openAmount: number };
    };
    assert.deepEqual(validator.validate('ErpInvoicePage', overdue), []);
    assert.ok(
      overdue.invoices.length === 2 && overdue.invoices.every((i) => i.status === 'OVERDUE')
    );
    assert.equal(overdue.totals.overdueAmount, overdue.totals.openAmount);
    // The credit summary's balances are the invoice totals.
    const all = sandbox.answer('GET', '/erp-bridge/v1/accounts/ERP-ACC-1003/invoices').body as {
      totals: { openAmount: number; overdueAmount: number };
    };
    const credit = sandbox.answer('GET', '/erp-bridge/v1/accounts/ERP-ACC-1003/credit').body as {
      openBalance: number;
      overdueBalance: number;
    };
    assert.equal(credit.openBalance, all.totals.openAmount);
    assert.equal(credit.overdueBalance, all.totals.overdueAmount);
  });

  it('answers the order status endpoint, valid against ErpOrderStatusDetail', () => {
    for (const id of ['SO-100045', 'SO-100052']) {
      const answer = sandbox.answer('GET', `/erp-bridge/v1/orders/${id}/status`);
      assert.equal(answer.status, 200);
      assert.deepEqual(validator.validate('ErpOrderStatusDetail', answer.body), []);
    }
    assert.deepEqual(sandbox.answer('GET', '/erp-bridge/v1/orders/SO-100045/status').body, {
      ...fixtures.orderStatus,
      asOf: new Date(NOW).toISOString()
    });
  });

  it('answers 404 with an ErpInquiryErrorResponse for unknown IDs, 400 for bad queries', () => {
    const unknown = sandbox.answer('GET', '/erp-bridge/v1/accounts/ERP-ACC-9999/credit');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, fixtures.error);
    assert.deepEqual(validator.validate('ErpInquiryErrorResponse', unknown.body), []);
    for (const route of [
      '/erp-bridge/v1/accounts/ERP-ACC-9999/invoices',
      '/erp-bridge/v1/orders/SO-1/status',
      '/erp-bridge/v1/nothing'
    ]) {
      const answer = sandbox.answer('GET', route);
      assert.equal(answer.status, 404, route);
      assert.deepEqual(validator.validate('ErpInquiryErrorResponse', answer.body), []);
    }
    for (const query of ['status=LATE', 'page=-1', 'page=x', 'pageSize=0', 'pageSize=51']) {
      const answer = sandbox.answer(
        'GET',
        `/erp-bridge/v1/accounts/ERP-ACC-1002/invoices?${query}`
      );
      assert.equal(answer.status, 400, query);
      assert.deepEqual(validator.validate('ErpInquiryErrorResponse', answer.body), []);
    }
    assert.equal(sandbox.answer('POST', '/erp-bridge/v1/orders/SO-100045/status').status, 405);
  });

  it('simulates slowness and outages', async () => {
    const delays: number[] = [];
    const simulated = new ErpSandbox(buildErpData(fixtures), {
      sleep: async (ms) => void delays.push(ms)
    });
    assert.deepEqual(simulated.control({ mode: 'slow', delayMs: 2500 }), {
      mode: 'slow',
      delayMs: 2500,
      requests: 0
    });
    assert.equal(
      (await simulated.respond('GET', '/erp-bridge/v1/orders/SO-100045/status')).status,
      200
    );
    assert.deepEqual(delays, [2500]);
    simulated.control({ mode: 'down' });
    const down = await simulated.respond('GET', '/erp-bridge/v1/orders/SO-100045/status');
    assert.equal(down.status, 503);
    assert.deepEqual(validator.validate('ErpInquiryErrorResponse', down.body), []);
    assert.equal(simulated.state.requests, 2);
    assert.throws(() => simulated.control({ mode: 'sideways' }), /mode must be/);
    assert.throws(() => simulated.control({ delayMs: -1 }), /delayMs must be/);
    assert.throws(() => simulated.control({ delayMs: 1.5 }), /delayMs must be/);
  });
});

describe('preview controller emulator', () => {
  it('reads its settings from Integration_Setting.Default', () => {
    const read = readSettings(ROOT);
    assert.equal(read.cacheTtlSeconds, 300);
    assert.equal(read.inquiryTimeoutMs, 5000);
    assert.equal(read.breakerFailureThreshold, 5);
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-settings-'));
    const file = path.join(
      broken,
      'force-app/main/default/customMetadata/Integration_Setting.Default.md-meta.xml'
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '<CustomMetadata></CustomMetadata>');
    assert.throws(() => readSettings(broken), /Cache_TTL_Seconds__c is missing/);
    fs.rmSync(broken, { recursive: true, force: true });
  });

  it('answers LIVE, then from the CACHE with no callout, and refresh asks again', async () => {
    const { emulator, calls } = emulatorFixture();
    const live = await emulator.getCreditSummary(ACME_ACCOUNT_ID, false);
    assert.deepEqual(validator.validate('CreditPanel', live), []);
    assert.deepEqual(
      { source: live.source, stale: live.stale, limit: live.creditLimit, open: live.openBalance },
      { source: 'LIVE', stale: false, limit: 75000, open: 30100 }
    );
    assert.equal(live.availableCredit, 44900);
    assert.equal(live.utilisationPercent, 40, 'a whole percentage, as the Apex controller answers');
    assert.equal('staleReason' in live, false, 'nulls are left out, as in Apex');
    const cached = await emulator.getCreditSummary(ACME_ACCOUNT_ID, false);
    assert.equal(cached.source, 'CACHE');
    assert.equal(cached.asOf, live.asOf);
    assert.equal(calls.length, 1, 'a cache hit makes no callout');
    assert.equal((await emulator.getCreditSummary(ACME_ACCOUNT_ID, true)).source, 'LIVE');
    assert.equal(calls.length, 2);
    assert.equal(emulator.status().cacheEntries, 1);
    emulator.clearCache();
    assert.equal(emulator.status().cacheEntries, 0);
  });

  it('expires cached answers after the TTL', async () => {
    const { emulator, calls, advance } = emulatorFixture();
    await emulator.getOrderStatus(SHIPPED_ORDER_ID, false);
    advance(299_000);
    assert.equal((await emulator.getOrderStatus(SHIPPED_ORDER_ID, false)).source, 'CACHE');
    advance(2_000);
    assert.equal(emulator.status().cacheEntries, 0);
    assert.equal((await emulator.getOrderStatus(SHIPPED_ORDER_ID, false)).source, 'LIVE');
    assert.equal(calls.length, 2);
  });

  it('falls back to the synced fields on timeouts, 5xx and connection errors', async () => {
    const { emulator, setFault, sandbox } = emulatorFixture();
    setFault('timeout');
    const timedOut = await emulator.getCreditSummary(ACME_ACCOUNT_ID, true);
    assert.deepEqual(validator.validate('CreditPanel', timedOut), []);
    assert.deepEqual(
      { source: timedOut.source, stale: timedOut.stale, reason: timedOut.staleReason },
      { source: 'SYNCED', stale: true, reason: STALE.noAnswer }
    );
    assert.equal(timedOut.openBalance, 27650, 'the synced Account field');
    assert.equal(timedOut.asOf, '2026-11-24T06:00:00.000Z', 'ERP_Last_Synced_At__c');
    // A connection error is a CalloutException in Apex, like a timeout: no answer.
    setFault('connection');
    assert.equal(
      (await emulator.getCreditSummary(ACME_ACCOUNT_ID, true)).staleReason,
      STALE.noAnswer
    );
    setFault(undefined);
    sandbox.control({ mode: 'down' });
    const invoices = await emulator.getInvoices(ACME_ACCOUNT_ID, { refresh: true });
    assert.deepEqual(validator.validate('InvoicePanel', invoices), []);
    assert.equal(invoices.staleReason, STALE.unavailable, '503');
    assert.deepEqual(
      {
        source: invoices.source,
        available: invoices.available,
        rows: invoices.invoices.length,
        count: invoices.totalCount
      },
      { source: 'SYNCED', available: false, rows: 0, count: 0 }
    );
    assert.deepEqual(invoices.totals, { amount: 27650, openAmount: 27650, overdueAmount: 1750.5 });
    assert.equal(invoices.currencyIsoCode, 'EUR');
  });

  it('opens the breaker at the threshold, stops calling, then half-opens for one trial', async () => {
    const { emulator, calls, sandbox, advance } = emulatorFixture();
    sandbox.control({ mode: 'down' });
    for (let i = 0; i < 3; i++) await emulator.getOrderStatus(SHIPPED_ORDER_ID, true);
    assert.equal(emulator.breaker.state, 'open');
    assert.equal(calls.length, 3);
    const blocked = await emulator.getOrderStatus(SHIPPED_ORDER_ID, true);
    assert.equal(blocked.staleReason, STALE.breakerOpen);
    assert.equal(calls.length, 3, 'no callout while open');
    advance(120_000);
    assert.equal(emulator.breaker.state, 'half-open');
    await emulator.getOrderStatus(SHIPPED_ORDER_ID, true);
    assert.equal(calls.length, 4, 'one trial');
    assert.equal(emulator.breaker.state, 'open', 'a failed trial re-opens');
    advance(120_000);
    sandbox.control({ mode: 'up' });
    const recovered = await emulator.getOrderStatus(SHIPPED_ORDER_ID, true);
    assert.equal(recovered.source, 'LIVE');
    assert.equal(emulator.breaker.state, 'closed');
    assert.equal(emulator.status().failures, 0);
  });

  it('counts failures only within the window', () => {
    let now = 0;
    const breaker = new CircuitBreaker(settings, () => now);
    breaker.recordFailure();
    breaker.recordFailure();
    now += 61_000;
    breaker.recordFailure();
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.failureCount, 1);
    breaker.recordFailure();
    breaker.recordFailure();
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.allow(), false);
    now += 120_000;
    assert.equal(breaker.allow(), true);
    assert.equal(breaker.allow(), false, 'only one trial while half-open');
    breaker.reset();
    assert.equal(breaker.state, 'closed');
  });

  it('treats 404 as "the ERP does not know the ID", not as a failure', async () => {
    const { emulator } = emulatorFixture();
    const panel = await emulator.getCreditSummary(UNKNOWN_ACCOUNT_ID, false);
    assert.equal(panel.source, 'SYNCED');
    assert.equal(panel.staleReason, STALE.notFound);
    assert.equal(emulator.breaker.failureCount, 0);
  });

  it('answers SYNCED with no callout for records without an ERP ID', async () => {
    const { emulator, calls } = emulatorFixture();
    const credit = await emulator.getCreditSummary(PROSPECT_ACCOUNT_ID, false);
    assert.deepEqual(validator.validate('CreditPanel', credit), []);
    assert.equal(credit.staleReason, STALE.notLinked);
    assert.equal(credit.erpAccountId, undefined);
    const invoices = await emulator.getInvoices(PROSPECT_ACCOUNT_ID, {});
    assert.deepEqual(validator.validate('InvoicePanel', invoices), []);
    assert.equal(invoices.totals, undefined);
    const draft = await emulator.getOrderStatus(DRAFT_ORDER_ID, false);
    assert.deepEqual(validator.validate('OrderStatusPanel', draft), []);
    assert.equal(draft.staleReason, STALE.orderNotInErp);
    assert.deepEqual(draft.path, [
      'Draft',
      'Submitted',
      'Acknowledged',
      'Released',
      'Shipped',
      'Invoiced'
    ]);
    assert.equal(calls.length, 0);
  });

  it('treats unreadable answers and other refusals as SYNCED without opening the breaker', async () => {
    const { emulator, setFault } = emulatorFixture();
    setFault('garbage');
    assert.equal(
      (await emulator.getCreditSummary(ACME_ACCOUNT_ID, true)).staleReason,
      STALE.unreadable
    );
    setFault('http418');
    assert.equal(
      (await emulator.getCreditSummary(ACME_ACCOUNT_ID, true)).staleReason,
      STALE.refused
    );
    assert.equal(emulator.breaker.failureCount, 0);
  });

  it('pages and filters invoices, one cache entry per filter and page', async () => {
    const { emulator, calls } = emulatorFixture();
    const page1 = await emulator.getInvoices(NORDWIND_ACCOUNT_ID, {
      status: 'ALL',
      page: 1,
      pageSize: 10
    });
    assert.deepEqual(validator.validate('InvoicePanel', page1), []);
    assert.deepEqual(
      [page1.source, page1.page, page1.totalCount, page1.invoices.length],
      ['LIVE', 1, 24, 10]
    );
    assert.equal(page1.currencyIsoCode, 'USD');
    const open = (await emulator.getInvoices(NORDWIND_ACCOUNT_ID, {
      status: 'OPEN'
    })) as InvoicePanel;
    assert.equal(open.totalCount, 3);
    assert.equal(
      (await emulator.getInvoices(NORDWIND_ACCOUNT_ID, { status: 'ALL', page: 1, pageSize: 10 }))
        .source,
      'CACHE'
    );
    assert.equal(calls.length, 2);
    await assert.rejects(
      emulator.getInvoices(NORDWIND_ACCOUNT_ID, { status: 'LATE' }),
      /OPEN, OVERDUE, PAID or ALL/
    );
    await assert.rejects(
      emulator.getInvoices(NORDWIND_ACCOUNT_ID, { pageSize: 51 }),
      /from 1 to 50/
    );
    await assert.rejects(emulator.getInvoices(NORDWIND_ACCOUNT_ID, { page: -1 }), /whole number/);
  });

  it('builds the order timeline live and from the synced history', async () => {
    const { emulator, sandbox } = emulatorFixture();
    const live = (await emulator.getOrderStatus(SHIPPED_ORDER_ID, false)) as OrderStatusPanel;
    assert.deepEqual(validator.validate('OrderStatusPanel', live), []);
    assert.deepEqual(live.path, [
      'Draft',
      'Submitted',
      'Acknowledged',
      'Released',
      'Partially Shipped',
      'Shipped',
      'Invoiced'
    ]);
    assert.equal(live.erpStatus, 'Shipped');
    assert.equal(live.history.length, 4);
    assert.deepEqual(live.trackingNumbers, fixtures.orderStatus.trackingNumbers);
    assert.equal(live.canResubmit, false);
    sandbox.control({ mode: 'down' });
    const synced = await emulator.getOrderStatus(SHIPPED_ORDER_ID, true);
    assert.deepEqual(validator.validate('OrderStatusPanel', synced), []);
    assert.equal(synced.erpStatus, 'Partially Shipped');
    assert.equal(synced.history.length, 3);
    assert.equal(synced.asOf, '2026-11-10T15:05:00.000Z', 'the latest history row');
    assert.deepEqual(synced.trackingNumbers, []);
  });

  it('lets a permitted user resubmit a rejected order', async () => {
    const { emulator } = emulatorFixture();
    const rejected = await emulator.getOrderStatus(REJECTED_ORDER_ID, false);
    assert.equal(rejected.canResubmit, true);
    assert.match(rejected.errorMessage ?? '', /Credit hold/);
    assert.deepEqual(rejected.path, [
      'Draft',
      'Submitted',
      'Rejected',
      'Released',
      'Shipped',
      'Invoiced'
    ]);
    const result = emulator.submitOrder(REJECTED_ORDER_ID);
    assert.equal(result.success, true);
    assert.equal(result.integrationKey, `SF-${REJECTED_ORDER_ID}-v1`);
    assert.throws(() => emulator.submitOrder(REJECTED_ORDER_ID), /only draft or rejected/);
    assert.equal((await emulator.getOrderStatus(REJECTED_ORDER_ID, false)).canResubmit, false);
    assert.throws(() => emulator.submitOrder(SHIPPED_ORDER_ID), /not submitted/);
    const org = buildMockOrg();
    org.orders.get(DRAFT_ORDER_ID)!.userCanSubmit = false;
    const denied = new ControllerEmulator({
      org,
      settings,
      staleReasons: STALE,
      transport: async () => ({ status: 200, body: '{}' })
    });
    assert.throws(() => denied.submitOrder(DRAFT_ORDER_ID), /don't have edit access/);
  });

  it('refuses records the user cannot read, with no callout', async () => {
    const { emulator, calls } = emulatorFixture();
    await assert.rejects(
      emulator.invoke('ErpCreditController', 'getCreditSummary', {
        accountId: '001XXXXXXXXXXXXXXX'
      }),
      (error: ApexError) =>
        error instanceof ApexError && /not found or you do not have access/.test(error.message)
    );
    await assert.rejects(
      emulator.invoke('ErpOrderStatusController', 'getOrderStatus', { orderId: 42 }),
      /not found/
    );
    await assert.rejects(emulator.invoke('SyncStatusController', 'getSyncStatus', {}), /not found/);
    await assert.rejects(
      emulator.invoke('Nope', 'nothing', {}),
      /emulates no Apex method Nope.nothing/
    );
    assert.equal(calls.length, 0);
  });

  it('dispatches every emulated method by name', async () => {
    const { emulator } = emulatorFixture();
    const results = await Promise.all([
      emulator.invoke('ErpCreditController', 'getCreditSummary', {
        accountId: ACME_ACCOUNT_ID,
        refresh: false
      }),
      emulator.invoke('ErpInvoiceController', 'getInvoices', {
        accountId: ACME_ACCOUNT_ID,
        query: { status: 'OPEN' }
      }),
      emulator.invoke('ErpOrderStatusController', 'getOrderStatus', { orderId: SHIPPED_ORDER_ID }),
      emulator.invoke('OrderSubmissionController', 'submitOrder', { orderId: DRAFT_ORDER_ID }),
      emulator.invoke('SyncStatusController', 'getSyncStatus', { recordId: ACME_ACCOUNT_ID }),
      emulator.invoke('SyncStatusController', 'getSyncStatus', { recordId: PROSPECT_ACCOUNT_ID })
    ]);
    assert.equal(results.length, EMULATED_APEX_METHODS.length + 1);
    assert.equal((results[0] as CreditPanel).creditStatus, 'On Hold');
    assert.equal((results[1] as InvoicePanel).totalCount, 1);
    assert.deepEqual(results[5], {
      recordId: PROSPECT_ACCOUNT_ID,
      status: 'NEVER_SYNCED',
      failedCount: 0
    });
  });

  it('computes the lifecycle path with its exceptions', () => {
    assert.deepEqual(orderPath(['Acknowledged', 'Released', 'Shipped', 'Returned', 'Cancelled']), [
      'Draft',
      'Submitted',
      'Acknowledged',
      'Released',
      'Shipped',
      'Invoiced',
      'Cancelled',
      'Returned'
    ]);
  });

  it('computes utilisation edge cases', async () => {
    const org = buildMockOrg();
    const prospect = org.accounts.get(PROSPECT_ACCOUNT_ID)!;
    const emulator = new ControllerEmulator({
      org,
      settings,
      staleReasons: STALE,
      transport: async () => ({ status: 500, body: '' })
    });
    prospect.ERP_Credit_Limit__c = 0;
    prospect.ERP_Open_Balance__c = 10;
    assert.equal(
      (await emulator.getCreditSummary(PROSPECT_ACCOUNT_ID, false)).utilisationPercent,
      undefined,
      'no utilisation without a positive limit (left out, as Apex leaves nulls out)'
    );
    prospect.ERP_Credit_Limit__c = 100;
    prospect.ERP_Open_Balance__c = 12.5;
    assert.equal(
      (await emulator.getCreditSummary(PROSPECT_ACCOUNT_ID, false)).utilisationPercent,
      13,
      'rounded half up'
    );
    prospect.ERP_Credit_Limit__c = 100;
    prospect.ERP_Open_Balance__c = 250;
    const over = await emulator.getCreditSummary(PROSPECT_ACCOUNT_ID, false);
    assert.deepEqual([over.utilisationPercent, over.availableCredit], [100, 0]);
  });
});

describe('preview labels', () => {
  it('reads every custom label', () => {
    const labels = readLabels(ROOT);
    assert.ok(labels.size > 100);
    assert.equal(labels.get('SyncStatus_Title') !== undefined, true);
  });

  it("gives the emulator's stale reasons the texts of the Apex layer's labels", () => {
    const labels = readLabels(ROOT);
    assert.deepEqual(Object.values(STALE_REASON_LABELS).sort(), [
      'ErpInquiry_StaleBreakerOpen',
      'ErpInquiry_StaleNoAnswer',
      'ErpInquiry_StaleNotFound',
      'ErpInquiry_StaleNotLinked',
      'ErpInquiry_StaleOrderNotInErp',
      'ErpInquiry_StaleRefused',
      'ErpInquiry_StaleUnavailable',
      'ErpInquiry_StaleUnreadable'
    ]);
    for (const [reason, label] of Object.entries(STALE_REASON_LABELS)) {
      assert.equal(STALE[reason as keyof typeof STALE], labels.get(label), reason);
    }
    // Each label the Apex classes answer with is one the emulator uses.
    const apex = ['ErpInquiryService', 'ErpCreditController', 'ErpInvoiceController']
      .concat('ErpOrderStatusController')
      .map((name) =>
        fs.readFileSync(path.join(ROOT, `force-app/main/default/classes/erp/${name}.cls`), 'utf8')
      )
      .join('\n');
    const used = new Set([...apex.matchAll(/Label\.(ErpInquiry_Stale\w+)/g)].map((m) => m[1]));
    assert.deepEqual([...used].sort(), Object.values(STALE_REASON_LABELS).sort());
    const partial = new Map(labels);
    partial.delete('ErpInquiry_StaleRefused');
    partial.set('ErpInquiry_StaleNoAnswer', '');
    assert.throws(
      () => staleReasonsFrom(partial),
      /ErpInquiry_StaleNoAnswer, ErpInquiry_StaleRefused .*CustomLabels/
    );
  });

  it('parses label files and refuses broken ones', () => {
    const xml =
      '<CustomLabels><labels><fullName>A_One</fullName><value>Tom &amp; Jerry</value></labels><labels><fullName>A_Two</fullName></labels></CustomLabels>';
    assert.deepEqual(
      [...parseLabels(xml, 'x')],
      [
        ['A_One', 'Tom & Jerry'],
        ['A_Two', '']
      ]
    );
    assert.throws(() => parseLabels('<Other/>', 'x.xml'), /x.xml: no <CustomLabels>/);
    assert.throws(
      () => parseLabels('<CustomLabels><labels><value>v</value></labels></CustomLabels>', 'x.xml'),
      /no <fullName>/
    );
    assert.throws(() => readLabels(os.tmpdir()), /cannot read the custom labels/);
  });

  it('names label imports', () => {
    assert.equal(labelNameOf('@salesforce/label/c.ErpCredit_Title'), 'ErpCredit_Title');
    assert.equal(labelNameOf('@salesforce/label/ns.Other'), undefined);
    assert.equal(labelNameOf('@salesforce/apex/A.b'), undefined);
  });
});

describe('preview shims', () => {
  const componentsDir = path.join(os.tmpdir(), 'preview-shims-components');

  /** Bundles a virtual component module through the shims only. */
  async function bundle(source: string): Promise<string> {
    const entry = path.join(componentsDir, 'c', 'probe', 'probe.ts');
    const build = await rollup({
      input: entry,
      plugins: [
        {
          name: 'probe',
          resolveId: (id) => (id === entry ? id : null),
          load: (id) => (id === entry ? source : null)
        },
        platformModules({
          labels: new Map([['Probe_Title', 'Probe "title"']]),
          apexMethods: EMULATED_APEX_METHODS,
          componentsDir,
          baseComponents: new Set(['card'])
        }),
        typescriptTranspile(componentCompilerOptions(ROOT))
      ],
      external: (id) => id === 'lightning/card',
      onwarn: () => {}
    });
    const { output } = await build.generate({ format: 'es' });
    await build.close();
    return output[0].code;
  }

  it('resolves labels, Apex methods, refreshApex, the user ID and toasts at build time', async () => {
    const code = await bundle(
      [
        "import title from '@salesforce/label/c.Probe_Title';",
        "import getCredit from '@salesforce/apex/ErpCreditController.getCreditSummary';",
        "import { refreshApex } from '@salesforce/apex';",
        "import userId from '@salesforce/user/Id';",
        "import { ShowToastEvent } from 'lightning/platformShowToastEvent';",
        "import card from 'lightning/card';",
        'const typed: string = title;',
        'export default [typed, getCredit, refreshApex, userId, ShowToastEvent, card];'
      ].join('\n')
    );
    assert.match(code, /Probe \\"title\\"/);
    assert.match(code, /createApexMethod\("ErpCreditController", "getCreditSummary"\)/);
    assert.match(code, /lightning__showtoast/);
    assert.match(code, /005000000000001AAA/);
    assert.doesNotMatch(code, /: string/);
  });

  it('fails the build naming every missing label and who imports it', async () => {
    await assert.rejects(
      bundle(
        "import a from '@salesforce/label/c.Nope_One';\nimport b from '@salesforce/label/c.Nope_Two';\nexport default a + b;"
      ),
      /Missing custom labels .*c\.Nope_One \(imported by .*probe\.ts\); c\.Nope_Two/
    );
  });

  it('fails the build on Apex methods and platform modules the preview does not provide', async () => {
    await assert.rejects(
      bundle("import x from '@salesforce/apex/Foo.bar';\nexport default x;"),
      /emulates no Foo\.bar/
    );
    await assert.rejects(
      bundle("import x from '@salesforce/apex/NoMethod';\nexport default x;"),
      /must name Class\.method/
    );
    await assert.rejects(
      bundle("import { getRecord } from 'lightning/uiRecordApi';\nexport default getRecord;"),
      /lightning\/uiRecordApi \(imported by .*\) is a Salesforce platform module the local preview does not provide/
    );
    await assert.rejects(
      bundle("import x from '@salesforce/schema/Account.Name';\nexport default x;"),
      /@salesforce\/schema\/Account\.Name .* does not provide/
    );
    await assert.rejects(bundle('export default <string>;'), /probe\.ts: /);
  });

  it('lists the base components', () => {
    const base = listBaseComponents(ROOT);
    assert.ok(base.has('card') && base.has('datatable') && !base.has('platformShowToastEvent'));
  });
});

describe('preview server and the Apex shim', () => {
  let server: PreviewServer;
  let siteDir: string;

  before(async () => {
    siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-site-'));
    fs.writeFileSync(
      path.join(siteDir, 'index.html'),
      '<script type="application/json">__PREVIEW_RECORDS__</script>'
    );
    fs.writeFileSync(path.join(siteDir, 'app.js'), 'window.ok = true;');
    server = await startPreviewServer({
      root: ROOT,
      siteDir,
      port: 0,
      settings: { inquiryTimeoutMs: 300 }
    });
    setApexBaseUrl(server.url);
  });

  after(async () => {
    await server.close();
    fs.rmSync(siteDir, { recursive: true, force: true });
  });

  it('calls the emulator through the HTTP Apex shim, which reaches the sandbox over HTTP', async () => {
    const panel = (await callApex('ErpCreditController', 'getCreditSummary', {
      accountId: ACME_ACCOUNT_ID
    })) as CreditPanel;
    assert.equal(panel.source, 'LIVE');
    assert.equal(panel.creditLimit, 75000);
    const getInvoices = createApexMethod('ErpInvoiceController', 'getInvoices');
    const page = (await getInvoices({
      accountId: NORDWIND_ACCOUNT_ID,
      query: { page: 2 }
    })) as InvoicePanel;
    assert.equal(page.invoices.length, 4);
  });

  it('rejects with the platform error shape', async () => {
    await assert.rejects(
      callApex('ErpCreditController', 'getCreditSummary', { accountId: 'nope' }),
      (error: { status: number; body: { message: string; exceptionType: string } }) => {
        assert.equal(error.status, 500);
        assert.match(error.body.message, /not found or you do not have access/);
        assert.equal(error.body.exceptionType, 'System.AuraHandledException');
        return true;
      }
    );
    const response = await fetch(`${server.url}api/apex/ErpCreditController/getCreditSummary`, {
      method: 'POST',
      body: '{oops'
    });
    assert.equal(response.status, 500);
    assert.equal(
      ((await response.json()) as { exceptionType: string }).exceptionType,
      'System.JSONException'
    );
    assert.equal(
      (await fetch(`${server.url}api/apex/ErpCreditController/getCreditSummary`)).status,
      405
    );
    setApexBaseUrl('http://127.0.0.1:1');
    await assert.rejects(
      callApex('A', 'b'),
      (error: { status: number; body: { message: string } }) =>
        error.status === 0 && /did not answer/.test(error.body.message)
    );
    setApexBaseUrl(server.url);
  });

  it('is a wire adapter, and refreshApex re-runs the wire', async () => {
    const getOrderStatus = createApexMethod('ErpOrderStatusController', 'getOrderStatus');
    const values: WiredValue[] = [];
    let provisioned: () => void = () => {};
    const adapter = new getOrderStatus.adapter((value) => {
      values.push(value);
      provisioned();
    });
    adapter.connect();
    adapter.update({ orderId: undefined });
    let next = new Promise<void>((resolve) => (provisioned = resolve));
    adapter.update({ orderId: SHIPPED_ORDER_ID, refresh: false });
    await next;
    assert.equal((values[0].data as OrderStatusPanel).erpOrderId, 'SO-100045');
    next = new Promise<void>((resolve) => (provisioned = resolve));
    await refreshApex(values[0]);
    await next;
    assert.equal(values.length, 2);
    assert.equal((values[1].data as OrderStatusPanel).source, 'CACHE');
    await refreshApex({});
    next = new Promise<void>((resolve) => (provisioned = resolve));
    adapter.update({ orderId: 'unknown' });
    await next;
    assert.match(values[2].error?.body.message ?? '', /not found/);
    adapter.disconnect();
  });

  it('serves the page with the records, assets, status and controls', async () => {
    const html = await (await fetch(server.url)).text();
    assert.match(html, /Acme Industrial GmbH/);
    assert.deepEqual(
      JSON.parse(html.replace(/^.*?>/, '').replace(/<\/script>$/, '')),
      pageRecords(buildMockOrg())
    );
    assert.equal((await fetch(`${server.url}app.js`)).status, 200);
    assert.equal((await fetch(`${server.url}favicon.ico`)).status, 204);
    const css = await fetch(
      `${server.url}assets/styles/salesforce-lightning-design-system.min.css`
    );
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal((await fetch(`${server.url}assets/..%2F..%2Fpackage.json`)).status, 404);
    assert.equal((await fetch(`${server.url}nothing.js`)).status, 404);

    const erp = await fetch(`${server.url}erp/erp-bridge/v1/orders/SO-100045/status`);
    assert.equal(erp.status, 200);
    const control = await fetch(`${server.url}erp/_control`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'down' })
    });
    assert.equal(((await control.json()) as { mode: string }).mode, 'down');
    assert.equal(
      (await fetch(`${server.url}erp/_control`, { method: 'POST', body: '{"mode":1}' })).status,
      400
    );
    assert.equal((await fetch(`${server.url}erp/_control`, { method: 'PUT' })).status, 405);
    const stale = (await callApex('ErpCreditController', 'getCreditSummary', {
      accountId: ACME_ACCOUNT_ID,
      refresh: true
    })) as CreditPanel;
    assert.equal(stale.source, 'SYNCED');
    const status = (await (await fetch(`${server.url}api/_status`)).json()) as {
      erp: { mode: string };
      failures: number;
    };
    assert.equal(status.erp.mode, 'down');
    assert.equal(status.failures, 1);
    const reset = await fetch(`${server.url}api/_control`, {
      method: 'POST',
      body: JSON.stringify({ clearCache: true, resetBreaker: true })
    });
    assert.deepEqual(
      { ...((await reset.json()) as object), callouts: undefined },
      { breaker: 'closed', failures: 0, cacheEntries: 0, callouts: undefined }
    );
    const state = (await (await fetch(`${server.url}erp/_control`)).json()) as {
      mode: string;
      delayMs: number;
    };
    assert.deepEqual([state.mode, state.delayMs], ['down', 1500]);
    await fetch(`${server.url}erp/_control`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'up' })
    });
  });

  it('sends precompressed copies to browsers that accept them, with ETags and cache rules', async () => {
    const script = 'window.compressed = true;'.repeat(100);
    fs.writeFileSync(path.join(siteDir, 'big.js'), script);
    fs.writeFileSync(path.join(siteDir, 'big.js.gz'), zlib.gzipSync(script));
    fs.writeFileSync(path.join(siteDir, 'big.js.br'), zlib.brotliCompressSync(script));
    const get = (file: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
        (resolve, reject) => {
          http
            .get(`${server.url}${file}`, { headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({
                  status: res.statusCode!,
                  headers: res.headers,
                  body: Buffer.concat(chunks)
                })
              );
            })
            .on('error', reject);
        }
      );
    const br = await get('big.js?v=abc', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(zlib.brotliDecompressSync(br.body).toString(), script);
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(br.headers.vary, 'accept-encoding');
    const gzip = await get('big.js', { 'accept-encoding': 'gzip;q=1, br;q=0' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(gzip.body).toString(), script);
    assert.equal(gzip.headers['cache-control'], 'no-cache', 'no content hash: ask again');
    const plain = await get('big.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), script);
    const again = await get('big.js', {
      'if-none-match': String(gzip.headers.etag),
      'accept-encoding': 'gzip'
    });
    assert.deepEqual([again.status, again.body.length], [304, 0]);
    assert.equal((await get('big.js.gz')).status, 404, 'the copies are not served by name');
    // The SLDS stylesheet has no precompressed copy: gzipped once, in the background from the
    // server's start; sent as it is until then.
    let css = await get('assets/styles/salesforce-lightning-design-system.min.css');
    for (let i = 0; i < 100 && css.headers['content-encoding'] === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      css = await get('assets/styles/salesforce-lightning-design-system.min.css', {
        'accept-encoding': 'gzip'
      });
    }
    assert.equal(css.headers['content-encoding'], 'gzip');
    assert.ok(css.body.length < 200_000, `${css.body.length} bytes`);
    assert.equal(css.headers['cache-control'], 'public, max-age=3600');
  });

  it('sends one icon of an SLDS sprite when asked for it', async () => {
    const icon = await fetch(
      `${server.url}assets/icons/utility-sprite/svg/symbols.svg?icon=refresh`
    );
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    const svg = await icon.text();
    assert.match(
      svg,
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*><symbol [^>]*id="refresh"/
    );
    assert.equal(svg.match(/<symbol/g)?.length, 1);
    assert.ok(svg.length < 5000);
    const unknown = await fetch(
      `${server.url}assets/icons/utility-sprite/svg/symbols.svg?icon=nope`
    );
    assert.ok((await unknown.text()).length > 100_000, 'no such symbol: the whole sprite');
  });

  it('times out slow ERP answers through the HTTP transport', async () => {
    await fetch(`${server.url}erp/_control`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'slow', delayMs: 600 })
    });
    const transport = httpTransport(`${server.url}erp`);
    await assert.rejects(transport('/erp-bridge/v1/orders/SO-100045/status', 100), ErpTimeoutError);
    await assert.rejects(httpTransport('http://127.0.0.1:1')('/x', 1000), /fetch failed/);
    await fetch(`${server.url}erp/_control`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'up' })
    });
  });

  it('says so when the page is not built', async () => {
    fs.rmSync(path.join(siteDir, 'index.html'));
    const response = await fetch(server.url);
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm start/);
  });
});

describe('preview build', () => {
  it('compiles a TypeScript component with the LWC compiler into the page', async () => {
    // Inside the project: the LWC module resolver finds lightning-base-components from there.
    fs.mkdirSync(path.join(ROOT, '.build'), { recursive: true });
    const outDir = fs.mkdtempSync(path.join(ROOT, '.build', 'preview-test-'));
    try {
      const result = await buildPreview({
        root: ROOT,
        outDir,
        panels: [{ name: 'syncStatusBadge', object: 'Account', region: 'side' }],
        mode: 'development'
      });
      assert.deepEqual(
        result.panels.map((p) => p.tag),
        ['c-sync-status-badge']
      );
      assert.deepEqual(result.warnings, []);
      const app = fs.readFileSync(path.join(outDir, 'app.js'), 'utf8');
      assert.match(app, /createApexMethod\("SyncStatusController", "getSyncStatus"\)/);
      assert.match(app, /window\.ErpPreview/);
      assert.ok(
        fs.existsSync(path.join(outDir, 'index.html')) &&
          fs.existsSync(path.join(outDir, 'preview.js'))
      );
      assert.ok(fs.existsSync(path.join(outDir, 'modules/c/syncStatusBadge/syncStatusBadge.ts')));
      assert.ok(
        !fs.existsSync(path.join(outDir, 'modules/c/syncStatusBadge/syncStatusBadge.js')),
        'never the tsc output'
      );
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('minifies in production mode and writes gzip and brotli copies and a versioned page', async () => {
    fs.mkdirSync(path.join(ROOT, '.build'), { recursive: true });
    const outDir = fs.mkdtempSync(path.join(ROOT, '.build', 'preview-test-'));
    try {
      const result = await buildPreview({
        root: ROOT,
        outDir,
        panels: [{ name: 'syncStatusBadge', object: 'Account', region: 'side' }]
      });
      const app = fs.readFileSync(path.join(outDir, 'app.js'));
      assert.ok(app.toString().split('\n').length < 20, 'minified');
      assert.doesNotMatch(app.toString(), /process\.env\.NODE_ENV/);
      assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(outDir, 'app.js.gz'))), app);
      assert.deepEqual(
        zlib.brotliDecompressSync(fs.readFileSync(path.join(outDir, 'app.js.br'))),
        app
      );
      assert.ok(result.brotliBytes < result.gzipBytes && result.gzipBytes < result.bundleBytes / 3);
      assert.ok(fs.existsSync(path.join(outDir, 'preview.css.gz')));
      const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
      assert.ok(html.includes(`src="/app.js?v=${contentHash(path.join(outDir, 'app.js'))}"`));
      assert.match(html, /src="\/preview\.js\?v=[0-9a-f]{12}"/);
      assert.match(html, /href="\/preview\.css\?v=[0-9a-f]{12}"/);
      assert.match(html, /href="\/assets\/styles\/salesforce-lightning-design-system\.min\.css"/);
      assert.throws(() => versionReferences('<script src="/nope.js">', outDir), /nope\.js/);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('fails naming a component that does not exist', async () => {
    await assert.rejects(
      buildPreview({
        root: ROOT,
        outDir: path.join(os.tmpdir(), 'preview-missing'),
        panels: [{ name: 'noSuchPanel', object: 'Order', region: 'main' }]
      }),
      /shows noSuchPanel, but force-app\/main\/default\/lwc has no such component/
    );
  });

  it('places the three ERP panels and names their tags', () => {
    assert.deepEqual(
      PANELS.map((p) => tagOf(p.name)),
      ['c-erp-invoice-list', 'c-erp-credit-panel', 'c-sync-status-badge', 'c-erp-order-timeline']
    );
  });
});
