/**
 * The controller emulator of the local preview: answers the Apex methods the panels call
 * (`/api/apex/<Class>/<method>`) with the semantics of the Apex inquiry layer, so a panel in the
 * browser sees what it would see in an org:
 *
 * - **LIVE**: asked the ERP (the embedded sandbox) now, within the inquiry timeout; the answer is
 *   cached.
 * - **CACHE**: the ERP's answer from the in-memory cache, younger than the TTL, keyed by kind and
 *   ERP ID (plus filter and page for invoices); `refresh` bypasses the read and stores anew.
 * - **SYNCED**: the ERP could not be asked (no ERP ID, circuit breaker open, timeout, 5xx,
 *   connection error, unparsable answer, or a 404 for an ID the ERP does not know): the values
 *   last synced into the mock org's records, `stale: true` and the sentence saying why that the
 *   Apex layer gives in that case: the text of its `ErpInquiry_Stale*` custom label
 *   ({@link STALE_REASON_LABELS}).
 * - A circuit breaker counts failures (timeouts, 5xx, 408, 429, connection errors) within a
 *   window; at the threshold it opens for the cool-down (no calls), then lets one trial through
 *   (half-open): success closes it, failure re-opens it. 2xx and 404 are not failures.
 * - An unknown record ID fails like the controllers' user-mode access check, with no ERP call.
 *
 * Settings (TTL, timeout, breaker) come from `Integration_Setting.Default`, like
 * `IntegrationSettings` in Apex. Answers have the shapes of the panel types of
 * `types/contract/inquiry.ts`, with null properties left out as Apex does.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  INQUIRY_CREDIT_PATH,
  INQUIRY_INVOICES_PATH,
  INQUIRY_ORDER_STATUS_PATH,
  MAX_INVOICE_PAGE_SIZE,
  type CreditPanel,
  type ErpCreditSummary,
  type ErpInvoicePage,
  type ErpOrderStatusDetail,
  type InquirySource,
  type InvoicePanel,
  type InvoiceStatusFilter,
  type OrderStatusPanel,
  type OrderTimelineStep
} from '../../types/contract/inquiry.js';
import { LABELS_PATH, readLabels } from './labels.js';
import type { MockAccount, MockOrder, MockOrg } from './seed.js';

/** The settings the emulator follows (the inquiry part of `Integration_Setting__mdt`). */
export interface EmulatorSettings {
  cacheTtlSeconds: number;
  inquiryTimeoutMs: number;
  breakerFailureThreshold: number;
  breakerWindowSeconds: number;
  breakerCooldownSeconds: number;
}

/** Project-relative path of the settings record. */
export const SETTINGS_PATH =
  'force-app/main/default/customMetadata/Integration_Setting.Default.md-meta.xml';

const SETTING_FIELDS: Record<keyof EmulatorSettings, string> = {
  cacheTtlSeconds: 'Cache_TTL_Seconds__c',
  inquiryTimeoutMs: 'Inquiry_Timeout_Ms__c',
  breakerFailureThreshold: 'Breaker_Failure_Threshold__c',
  breakerWindowSeconds: 'Breaker_Window_Seconds__c',
  breakerCooldownSeconds: 'Breaker_Cooldown_Seconds__c'
};

/**
 * Reads the inquiry settings from the `Default` settings record.
 *
 * @param root - the project root
 * @returns the settings
 * @throws Error naming the field that is missing or not a positive number
 */
export function readSettings(root: string): EmulatorSettings {
  const xml = fs.readFileSync(path.join(root, SETTINGS_PATH), 'utf8');
  const settings = {} as EmulatorSettings;
  for (const [key, field] of Object.entries(SETTING_FIELDS) as Array<
    [keyof EmulatorSettings, string]
  >) {
    const match = new RegExp(`<field>${field}</field>\\s*<value[^>]*>([^<]*)</value>`).exec(xml);
    const value = Number(match?.[1]);
    if (match === null || !Number.isFinite(value) || value <= 0) {
      throw new Error(`${SETTINGS_PATH}: ${field} is missing or not a positive number`);
    }
    settings[key] = value;
  }
  return settings;
}

/** What the ERP answered: the HTTP status and the body's text. */
export interface ErpReply {
  status: number;
  body: string;
}

/** Thrown by a transport when the ERP did not answer within the timeout. */
export class ErpTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The ERP did not answer within ${timeoutMs} ms`);
    this.name = 'ErpTimeoutError';
  }
}

/**
 * Asks the ERP: GET of a contract path (with query), within a timeout. Rejects with
 * {@link ErpTimeoutError} on timeout and with another error when the connection fails.
 */
export type ErpTransport = (pathAndQuery: string, timeoutMs: number) => Promise<ErpReply>;

/**
 * The transport of the preview server: HTTP GET to the sandbox (or any ERP base URL).
 *
 * @param baseUrl - the ERP's base URL, e.g. `http://127.0.0.1:4300/erp`
 * @returns the transport
 */
export function httpTransport(baseUrl: string): ErpTransport {
  return async (pathAndQuery, timeoutMs) => {
    try {
      const response = await fetch(baseUrl + pathAndQuery, {
        signal: AbortSignal.timeout(timeoutMs)
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new ErpTimeoutError(timeoutMs);
      throw error;
    }
  };
}

/** An error a controller throws: the panel receives it as `{ body: { message } }`. */
export class ApexError extends Error {
  /** The Apex exception type. */
  readonly exceptionType: string;
  constructor(message: string, exceptionType = 'System.AuraHandledException') {
    super(message);
    this.name = 'ApexError';
    this.exceptionType = exceptionType;
  }
}

/** State of the circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The org-wide circuit breaker of ERP inquiries. */
export class CircuitBreaker {
  private failures: number[] = [];
  private openUntil = 0;
  private trialInFlight = false;
  private opened = false;

  constructor(
    private readonly settings: EmulatorSettings,
    private readonly now: () => number
  ) {}

  /** The state now. */
  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /**
   * Whether a call may go out: always when closed, never while open, and one trial when the
   * cool-down is over (half-open).
   */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** The ERP answered (2xx, 404 or another non-failure): closes the breaker. */
  recordSuccess(): void {
    this.opened = false;
    this.trialInFlight = false;
    this.failures = [];
  }

  /** A failure (timeout, 5xx, 408, 429, connection error): opens at the threshold or after a failed trial. */
  recordFailure(): void {
    const now = this.now();
    const windowStart = now - this.settings.breakerWindowSeconds * 1000;
    this.failures = [...this.failures.filter((at) => at > windowStart), now];
    if (this.trialInFlight || this.failures.length >= this.settings.breakerFailureThreshold) {
      this.opened = true;
      this.trialInFlight = false;
      this.openUntil = now + this.settings.breakerCooldownSeconds * 1000;
      this.failures = [];
    }
  }

  /** Failures counted in the current window. */
  get failureCount(): number {
    const windowStart = this.now() - this.settings.breakerWindowSeconds * 1000;
    return this.failures.filter((at) => at > windowStart).length;
  }

  /** Closes the breaker and forgets failures. */
  reset(): void {
    this.recordSuccess();
  }
}

/**
 * Why panel data are stale: the custom label the Apex layer answers with in each case
 * (`ErpInquiryService`, `ErpCreditController`, `ErpInvoiceController`, `ErpOrderStatusController`).
 */
export const STALE_REASON_LABELS = {
  /** An account with no ERP account ID (credit and invoice controllers). */
  notLinked: 'ErpInquiry_StaleNotLinked',
  /** An order with no ERP order ID (order status controller). */
  orderNotInErp: 'ErpInquiry_StaleOrderNotInErp',
  /** The ERP answered 404 (`ErpInquiryClient.Outcome.NOT_FOUND`). */
  notFound: 'ErpInquiry_StaleNotFound',
  /** No answer: timeout or connection error (`NO_ANSWER`, a `CalloutException` in Apex). */
  noAnswer: 'ErpInquiry_StaleNoAnswer',
  /** 5xx, 408 or 429 (`UNAVAILABLE`). */
  unavailable: 'ErpInquiry_StaleUnavailable',
  /** Any other non-2xx status (`REFUSED`). */
  refused: 'ErpInquiry_StaleRefused',
  /** A 2xx whose body is not an answer (`UNREADABLE`). */
  unreadable: 'ErpInquiry_StaleUnreadable',
  /** The circuit breaker is open: the ERP was not asked. */
  breakerOpen: 'ErpInquiry_StaleBreakerOpen'
} as const;

/** The sentences shown when panel data are stale, by case (see {@link STALE_REASON_LABELS}). */
export type StaleReasons = Record<keyof typeof STALE_REASON_LABELS, string>;

/**
 * The stale reasons from the custom labels.
 *
 * @param labels - custom labels by name ({@link readLabels})
 * @returns the sentence of each case
 * @throws Error naming the labels that are missing or empty
 */
export function staleReasonsFrom(labels: ReadonlyMap<string, string>): StaleReasons {
  const missing = Object.values(STALE_REASON_LABELS).filter((name) => !labels.get(name));
  if (missing.length > 0) {
    throw new Error(
      `The preview's stale reasons need the custom labels ${missing.join(', ')} (${LABELS_PATH})`
    );
  }
  return Object.fromEntries(
    Object.entries(STALE_REASON_LABELS).map(([reason, name]) => [reason, labels.get(name)!])
  ) as StaleReasons;
}

/**
 * Reads the stale reasons from the project's custom labels.
 *
 * @param root - the project root
 * @returns the sentence of each case
 */
export function readStaleReasons(root: string): StaleReasons {
  return staleReasonsFrom(readLabels(root));
}

/** The outcome of asking the ERP. */
type Inquiry<T> = { source: 'LIVE' | 'CACHE'; answer: T } | { source: 'SYNCED'; reason: string };

interface CacheEntry {
  answer: unknown;
  expiresAt: number;
}

/** The Apex methods the emulator answers, as `Class.method`. */
export const EMULATED_APEX_METHODS = [
  'ErpCreditController.getCreditSummary',
  'ErpInvoiceController.getInvoices',
  'ErpOrderStatusController.getOrderStatus',
  'OrderSubmissionController.submitOrder',
  'SyncStatusController.getSyncStatus'
] as const;

/** The lifecycle path before the exceptions (ADR 5). */
const BASE_PATH = ['Draft', 'Submitted', 'Acknowledged', 'Released', 'Shipped', 'Invoiced'];

/**
 * The timeline's path: Draft → Submitted → Acknowledged → Released → Shipped → Invoiced, with
 * Partially Shipped inserted when it occurred, Rejected replacing Acknowledged when rejected,
 * Cancelled and Returned appended when they occurred.
 *
 * @param occurred - the statuses the order went through (history and current status)
 * @returns the path
 */
export function orderPath(occurred: Iterable<string>): string[] {
  const seen = new Set(occurred);
  const result = BASE_PATH.map((status) =>
    status === 'Acknowledged' && seen.has('Rejected') ? 'Rejected' : status
  );
  if (seen.has('Partially Shipped'))
    result.splice(result.indexOf('Shipped'), 0, 'Partially Shipped');
  for (const end of ['Cancelled', 'Returned']) if (seen.has(end)) result.push(end);
  return result;
}

/** Leaves out null and undefined properties, as Apex's JSON does. */
function omitNulls<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined)
  ) as T;
}

const round = (value: number, digits: number): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** The parameters of an invoice query, as the LWC sends them. */
export interface InvoiceQuery {
  status?: string | null;
  page?: number | null;
  pageSize?: number | null;
  refresh?: boolean | null;
}

/** The emulator. */
export class ControllerEmulator {
  readonly breaker: CircuitBreaker;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly org: MockOrg;
  private readonly transport: ErpTransport;
  readonly settings: EmulatorSettings;
  /** The sentences of the stale cases, from the custom labels. */
  readonly staleReasons: StaleReasons;
  private readonly now: () => number;
  /** ERP calls made (a cache hit makes none). */
  callouts = 0;

  /**
   * @param options - the mock org, the transport to the ERP, the settings, the stale reasons
   *   ({@link readStaleReasons}) and a clock (for tests)
   */
  constructor(options: {
    org: MockOrg;
    transport: ErpTransport;
    settings: EmulatorSettings;
    staleReasons: StaleReasons;
    now?: () => number;
  }) {
    this.org = options.org;
    this.transport = options.transport;
    this.settings = options.settings;
    this.staleReasons = options.staleReasons;
    this.now = options.now ?? Date.now;
    this.breaker = new CircuitBreaker(this.settings, this.now);
  }

  /**
   * Calls an emulated Apex method with the parameters the LWC passed.
   *
   * @param className - e.g. `ErpCreditController`
   * @param methodName - e.g. `getCreditSummary`
   * @param params - the parameters object
   * @returns the method's answer
   * @throws ApexError as the controller would (no access, bad input) or when no such method is emulated
   */
  async invoke(
    className: string,
    methodName: string,
    params: Record<string, unknown>
  ): Promise<unknown> {
    switch (`${className}.${methodName}`) {
      case 'ErpCreditController.getCreditSummary':
        return this.getCreditSummary(params.accountId, params.refresh === true);
      case 'ErpInvoiceController.getInvoices':
        return this.getInvoices(params.accountId, (params.query ?? {}) as InvoiceQuery);
      case 'ErpOrderStatusController.getOrderStatus':
        return this.getOrderStatus(params.orderId, params.refresh === true);
      case 'OrderSubmissionController.submitOrder':
        return this.submitOrder(params.orderId);
      case 'SyncStatusController.getSyncStatus':
        return this.getSyncStatus(params.recordId);
      default:
        throw new ApexError(
          `The preview emulates no Apex method ${className}.${methodName}`,
          'System.NoSuchMethodException'
        );
    }
  }

  /** Forgets every cached answer. */
  clearCache(): void {
    this.cache.clear();
  }

  /** What the control bar shows. */
  status(): { breaker: BreakerState; failures: number; cacheEntries: number; callouts: number } {
    const now = this.now();
    for (const [key, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(key);
    return {
      breaker: this.breaker.state,
      failures: this.breaker.failureCount,
      cacheEntries: this.cache.size,
      callouts: this.callouts
    };
  }

  private account(id: unknown): MockAccount {
    const account = typeof id === 'string' ? this.org.accounts.get(id) : undefined;
    if (account === undefined) {
      throw new ApexError(`Account ${String(id)} was not found or you do not have access to it.`);
    }
    return account;
  }

  private order(id: unknown): MockOrder {
    const order = typeof id === 'string' ? this.org.orders.get(id) : undefined;
    if (order === undefined) {
      throw new ApexError(`Order ${String(id)} was not found or you do not have access to it.`);
    }
    return order;
  }

  /** Asks the ERP through the cache and the breaker. */
  private async inquire<T>(
    key: string,
    pathAndQuery: string,
    refresh: boolean
  ): Promise<Inquiry<T>> {
    const now = this.now();
    const cached = this.cache.get(key);
    if (!refresh && cached !== undefined && cached.expiresAt > now) {
      return { source: 'CACHE', answer: cached.answer as T };
    }
    const reasons = this.staleReasons;
    if (!this.breaker.allow()) return { source: 'SYNCED', reason: reasons.breakerOpen };
    let reply: ErpReply;
    this.callouts++;
    try {
      reply = await this.transport(pathAndQuery, this.settings.inquiryTimeoutMs);
    } catch {
      // A timeout or a connection error: a CalloutException in Apex, NO_ANSWER.
      this.breaker.recordFailure();
      return { source: 'SYNCED', reason: reasons.noAnswer };
    }
    const { status } = reply;
    if (status >= 500 || status === 408 || status === 429) {
      this.breaker.recordFailure();
      return { source: 'SYNCED', reason: reasons.unavailable };
    }
    this.breaker.recordSuccess();
    if (status === 404) return { source: 'SYNCED', reason: reasons.notFound };
    if (status < 200 || status > 299) return { source: 'SYNCED', reason: reasons.refused };
    let answer: T;
    try {
      answer = JSON.parse(reply.body) as T;
      if (typeof answer !== 'object' || answer === null) throw new Error('not an object');
    } catch {
      return { source: 'SYNCED', reason: reasons.unreadable };
    }
    this.cache.set(key, { answer, expiresAt: this.now() + this.settings.cacheTtlSeconds * 1000 });
    return { source: 'LIVE', answer };
  }

  /** `ErpCreditController.getCreditSummary(accountId, refresh)`. */
  async getCreditSummary(accountId: unknown, refresh: boolean): Promise<CreditPanel> {
    const account = this.account(accountId);
    const erpId = account.ERP_Account_ID__c;
    const inquiry: Inquiry<ErpCreditSummary> =
      erpId === null
        ? { source: 'SYNCED', reason: this.staleReasons.notLinked }
        : await this.inquire(
            `credit:${erpId}`,
            INQUIRY_CREDIT_PATH.replace('{erpAccountId}', encodeURIComponent(erpId)),
            refresh
          );
    if (inquiry.source !== 'SYNCED') {
      const credit = inquiry.answer;
      return omitNulls(
        creditPanel(account.Id, inquiry.source, credit.asOf, null, {
          erpAccountId: credit.erpAccountId,
          creditStatus: credit.creditStatus,
          creditLimit: credit.creditLimit,
          openBalance: credit.openBalance,
          overdueBalance: credit.overdueBalance,
          paymentTerms: credit.paymentTerms,
          currencyIsoCode: credit.currencyIsoCode
        })
      );
    }
    return omitNulls(
      creditPanel(account.Id, 'SYNCED', account.ERP_Last_Synced_At__c, inquiry.reason, {
        erpAccountId: erpId,
        creditStatus: account.ERP_Credit_Status__c as CreditPanel['creditStatus'],
        creditLimit: account.ERP_Credit_Limit__c,
        openBalance: account.ERP_Open_Balance__c,
        overdueBalance: account.ERP_Overdue_Balance__c,
        paymentTerms: account.ERP_Payment_Terms__c,
        currencyIsoCode: account.CurrencyIsoCode
      })
    );
  }

  /** `ErpInvoiceController.getInvoices(accountId, query)`. */
  async getInvoices(accountId: unknown, query: InvoiceQuery): Promise<InvoicePanel> {
    const account = this.account(accountId);
    const status = (query.status ?? 'ALL') as InvoiceStatusFilter;
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? 10;
    if (!['OPEN', 'OVERDUE', 'PAID', 'ALL'].includes(status)) {
      throw new ApexError(`Invoice status must be OPEN, OVERDUE, PAID or ALL, not ${status}.`);
    }
    if (!Number.isInteger(page) || page < 0) {
      throw new ApexError('The invoice page must be a whole number from 0.');
    }
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_INVOICE_PAGE_SIZE) {
      throw new ApexError(`The invoice page size must be from 1 to ${MAX_INVOICE_PAGE_SIZE}.`);
    }
    const erpId = account.ERP_Account_ID__c;
    const inquiry: Inquiry<ErpInvoicePage> =
      erpId === null
        ? { source: 'SYNCED', reason: this.staleReasons.notLinked }
        : await this.inquire(
            `invoices:${erpId}:${status}:${page}:${pageSize}`,
            `${INQUIRY_INVOICES_PATH.replace('{erpAccountId}', encodeURIComponent(erpId))}?status=${status}&page=${page}&pageSize=${pageSize}`,
            query.refresh === true
          );
    if (inquiry.source !== 'SYNCED') {
      const answer = inquiry.answer;
      return omitNulls<InvoicePanel>({
        recordId: account.Id,
        source: inquiry.source,
        asOf: answer.asOf,
        stale: false,
        erpAccountId: answer.erpAccountId,
        status: answer.status,
        page: answer.page,
        pageSize: answer.pageSize,
        totalCount: answer.totalCount,
        available: true,
        totals: answer.totals,
        invoices: answer.invoices,
        currencyIsoCode: answer.invoices[0]?.currencyIsoCode ?? account.CurrencyIsoCode
      });
    }
    const open = account.ERP_Open_Balance__c;
    return omitNulls<InvoicePanel>({
      recordId: account.Id,
      source: 'SYNCED',
      asOf: account.ERP_Last_Synced_At__c,
      stale: true,
      staleReason: inquiry.reason,
      erpAccountId: erpId,
      status,
      page,
      pageSize,
      totalCount: 0,
      available: false,
      totals:
        open === null
          ? null
          : { amount: open, openAmount: open, overdueAmount: account.ERP_Overdue_Balance__c ?? 0 },
      invoices: [],
      currencyIsoCode: account.CurrencyIsoCode
    });
  }

  /** `ErpOrderStatusController.getOrderStatus(orderId, refresh)`. */
  async getOrderStatus(orderId: unknown, refresh: boolean): Promise<OrderStatusPanel> {
    const order = this.order(orderId);
    const erpId = order.ERP_Order_ID__c;
    const inquiry: Inquiry<ErpOrderStatusDetail> =
      erpId === null
        ? { source: 'SYNCED', reason: this.staleReasons.orderNotInErp }
        : await this.inquire(
            `order:${erpId}`,
            INQUIRY_ORDER_STATUS_PATH.replace('{erpOrderId}', encodeURIComponent(erpId)),
            refresh
          );
    const common = {
      recordId: order.Id,
      orderNumber: order.OrderNumber,
      erpOrderId: erpId,
      errorMessage: order.ERP_Error__c,
      canResubmit: order.ERP_Status__c === 'Rejected' && order.userCanSubmit
    };
    if (inquiry.source !== 'SYNCED') {
      const detail = inquiry.answer;
      const history: OrderTimelineStep[] = detail.history.map((step) =>
        omitNulls({
          status: step.status,
          sequence: step.sequence,
          occurredAt: step.occurredAt,
          note: step.note
        })
      );
      return omitNulls<OrderStatusPanel>({
        ...common,
        source: inquiry.source,
        asOf: detail.asOf,
        stale: false,
        erpStatus: detail.status,
        path: orderPath([...detail.history.map((s) => s.status), detail.status]),
        history,
        trackingNumbers: detail.trackingNumbers,
        expectedDeliveryDate: detail.expectedDeliveryDate
      });
    }
    const rows = [...order.history].sort((a, b) => a.Sequence__c - b.Sequence__c);
    const latest = rows
      .map((r) => r.Occurred_At__c)
      .sort()
      .at(-1);
    return omitNulls<OrderStatusPanel>({
      ...common,
      source: 'SYNCED',
      asOf: latest,
      stale: true,
      staleReason: inquiry.reason,
      erpStatus: order.ERP_Status__c,
      path: orderPath([...rows.map((r) => r.Status__c), order.ERP_Status__c ?? 'Draft']),
      history: rows.map((r) =>
        omitNulls({
          status: r.Status__c,
          sequence: r.Sequence__c,
          occurredAt: r.Occurred_At__c,
          note: r.Details__c
        })
      ),
      trackingNumbers: []
    });
  }

  /** `OrderSubmissionController.submitOrder(orderId)`: (re)submits a draft or rejected order. */
  submitOrder(orderId: unknown): {
    orderId: string;
    success: boolean;
    integrationKey: string;
    correlationId: string;
    errors: Array<{ code: string; field: string | null; message: string }>;
  } {
    const order = this.order(orderId);
    if (!order.userCanSubmit) {
      throw new ApexError(`You can't submit order ${order.Id}: you don't have edit access to it.`);
    }
    if (order.ERP_Status__c !== null && order.ERP_Status__c !== 'Rejected') {
      throw new ApexError(
        `The order was not submitted to the ERP. It is ${order.ERP_Status__c}; only draft or rejected orders can be submitted.`
      );
    }
    const version = order.history.filter((h) => h.Status__c === 'Submitted').length + 1;
    order.ERP_Status__c = 'Submitted';
    order.ERP_Error__c = null;
    order.history.push({
      Status__c: 'Submitted',
      Sequence__c: (order.history.at(-1)?.Sequence__c ?? 0) + 1,
      Occurred_At__c: new Date(this.now()).toISOString(),
      Details__c: 'Submitted from the preview'
    });
    this.cache.delete(`order:${order.ERP_Order_ID__c}`);
    return {
      orderId: order.Id,
      success: true,
      integrationKey: `SF-${order.Id}-v${version}`,
      correlationId: randomUUID(),
      errors: []
    };
  }

  /** `SyncStatusController.getSyncStatus(recordId)`, for the sync status badge. */
  getSyncStatus(recordId: unknown): Record<string, unknown> {
    const record =
      typeof recordId === 'string'
        ? (this.org.accounts.get(recordId) ?? this.org.orders.get(recordId))
        : undefined;
    if (record === undefined) {
      throw new ApexError(
        `Record ${String(recordId)} was not found or you do not have access to it.`
      );
    }
    const lastSyncedAt = 'ERP_Last_Synced_At__c' in record ? record.ERP_Last_Synced_At__c : null;
    return omitNulls({
      recordId: record.Id,
      status: lastSyncedAt === null ? 'NEVER_SYNCED' : 'SYNCED',
      lastSyncedAt,
      failedCount: 0
    });
  }
}

function creditPanel(
  recordId: string,
  source: InquirySource,
  asOf: string | null,
  staleReason: string | null,
  values: Omit<
    CreditPanel,
    | keyof import('../../types/contract/inquiry.js').InquiryMeta
    | 'availableCredit'
    | 'utilisationPercent'
  >
): CreditPanel {
  const limit = values.creditLimit ?? null;
  const open = values.openBalance ?? null;
  return {
    recordId,
    source,
    asOf,
    stale: source === 'SYNCED',
    staleReason,
    ...values,
    // As ErpCreditController does: a blank open balance reads as 0; the utilisation is a whole
    // percentage (half up), 0–100, and null without a positive limit.
    availableCredit: limit === null ? null : Math.max(0, round(limit - (open ?? 0), 2)),
    utilisationPercent:
      limit === null || limit <= 0
        ? null
        : Math.min(100, Math.max(0, Math.round(((open ?? 0) / limit) * 100)))
  };
}
