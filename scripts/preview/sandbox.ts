/**
 * The embedded ERP sandbox of the local preview: implements the ERP inquiry contract
 * (`types/contract/inquiry.ts`) below `/erp` with seeded sample data, and simulates slowness and
 * outages.
 *
 * - `GET /erp/erp-bridge/v1/accounts/{erpAccountId}/credit` → `ErpCreditSummary`
 * - `GET /erp/erp-bridge/v1/accounts/{erpAccountId}/invoices?status=&page=&pageSize=` → `ErpInvoicePage`
 * - `GET /erp/erp-bridge/v1/orders/{erpOrderId}/status` → `ErpOrderStatusDetail`
 * - unknown IDs → 404 with an `ErpInquiryErrorResponse`; bad queries → 400
 * - `GET /erp/_control` → the mode; `POST /erp/_control` `{"mode":"up"|"down"|"slow","delayMs":n}`
 *   switches it: `down` answers 503 to every inquiry, `slow` answers after `delayMs`.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  INQUIRY_CREDIT_PATH,
  INQUIRY_INVOICES_PATH,
  INQUIRY_ORDER_STATUS_PATH,
  MAX_INVOICE_PAGE_SIZE,
  type ErpCreditSummary,
  type ErpInquiryErrorResponse,
  type ErpInvoice,
  type ErpInvoicePage,
  type ErpOrderStatusDetail,
  type InvoiceStatusFilter
} from '../../types/contract/inquiry.js';
import type { ErpData } from './seed.js';

/** The prefix of the sandbox's routes on the preview server. */
export const ERP_PREFIX = '/erp';

/** How the sandbox behaves. */
export type SandboxMode = 'up' | 'slow' | 'down';

/** The sandbox's simulation state. */
export interface SandboxState {
  mode: SandboxMode;
  /** Delay of every answer in `slow` mode, in milliseconds. */
  delayMs: number;
  /** Inquiries answered since start (any status). */
  requests: number;
}

/** An answer of the sandbox. */
export interface SandboxAnswer {
  status: number;
  body: unknown;
}

/** Default delay of the `slow` mode. */
export const DEFAULT_SLOW_DELAY_MS = 1500;
/** Longest delay the control accepts. */
export const MAX_DELAY_MS = 60_000;

const INVOICE_STATUSES: readonly InvoiceStatusFilter[] = ['OPEN', 'OVERDUE', 'PAID', 'ALL'];

/** Turns a contract path template into a matcher of the sandbox path (after the prefix). */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)');
  return new RegExp(`^${escaped}$`);
}

const CREDIT = pathPattern(INQUIRY_CREDIT_PATH);
const INVOICES = pathPattern(INQUIRY_INVOICES_PATH);
const ORDER_STATUS = pathPattern(INQUIRY_ORDER_STATUS_PATH);

const error = (status: number, code: string, message: string): SandboxAnswer => {
  const body: ErpInquiryErrorResponse = { errors: [{ code, message }] };
  return { status, body };
};

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The ERP sandbox. */
export class ErpSandbox {
  private readonly data: ErpData;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly state: SandboxState = { mode: 'up', delayMs: DEFAULT_SLOW_DELAY_MS, requests: 0 };

  /**
   * @param data - the seeded data ({@link buildErpData})
   * @param options - `now` (the clock for `asOf`) and `sleep` (the delay of slow mode), for tests
   */
  constructor(
    data: ErpData,
    options: { now?: () => Date; sleep?: (ms: number) => Promise<void> } = {}
  ) {
    this.data = data;
    this.now = options.now ?? (() => new Date());
    this.sleep =
      options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
  }

  /**
   * Changes the simulation.
   *
   * @param control - the new mode and, optionally, the delay of slow mode
   * @returns the new state
   * @throws Error when the mode or delay is invalid
   */
  control(control: { mode?: unknown; delayMs?: unknown }): SandboxState {
    const { mode, delayMs } = control;
    if (mode !== undefined && mode !== 'up' && mode !== 'slow' && mode !== 'down') {
      throw new Error(`mode must be "up", "slow" or "down", not ${JSON.stringify(mode)}`);
    }
    if (
      delayMs !== undefined &&
      (typeof delayMs !== 'number' ||
        !Number.isInteger(delayMs) ||
        delayMs < 0 ||
        delayMs > MAX_DELAY_MS)
    ) {
      throw new Error(`delayMs must be a whole number from 0 to ${MAX_DELAY_MS}`);
    }
    if (mode !== undefined) this.state.mode = mode;
    if (delayMs !== undefined) this.state.delayMs = delayMs;
    return { ...this.state };
  }

  /**
   * Answers one inquiry as the ERP would when it is up (no delay, no outage).
   *
   * @param method - the HTTP method
   * @param pathAndQuery - the path below {@link ERP_PREFIX}, with its query
   * @returns the status and body
   */
  answer(method: string, pathAndQuery: string): SandboxAnswer {
    const url = new URL(pathAndQuery, 'http://erp.invalid');
    const route = url.pathname;
    const match =
      (CREDIT.test(route) && 'credit') ||
      (INVOICES.test(route) && 'invoices') ||
      (ORDER_STATUS.test(route) && 'order') ||
      undefined;
    if (match === undefined) {
      return error(404, 'NO_SUCH_ENDPOINT', `No inquiry endpoint ${route}.`);
    }
    if (method !== 'GET') {
      return error(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed; inquiries are GET.`);
    }
    const id = decodeURIComponent(
      (match === 'credit' ? CREDIT : match === 'invoices' ? INVOICES : ORDER_STATUS).exec(route)![1]
    );
    const asOf = this.now().toISOString();
    if (match === 'order') {
      const order = this.data.orders.get(id);
      if (order === undefined) return error(404, 'NOT_FOUND', `No order ${id} in the ERP.`);
      const body: ErpOrderStatusDetail = { ...structuredClone(order), asOf };
      return { status: 200, body };
    }
    const account = this.data.accounts.get(id);
    if (account === undefined) return error(404, 'NOT_FOUND', `No account ${id} in the ERP.`);
    if (match === 'credit') {
      const body: ErpCreditSummary = { ...account.credit, asOf };
      return { status: 200, body };
    }
    return this.invoicePage(id, account.invoices, url.searchParams, asOf);
  }

  private invoicePage(
    erpAccountId: string,
    all: readonly ErpInvoice[],
    query: URLSearchParams,
    asOf: string
  ): SandboxAnswer {
    const status = (query.get('status') ?? 'ALL') as InvoiceStatusFilter;
    if (!INVOICE_STATUSES.includes(status)) {
      return error(400, 'INVALID_STATUS', `status must be one of ${INVOICE_STATUSES.join(', ')}.`);
    }
    const page = Number(query.get('page') ?? '0');
    const pageSize = Number(query.get('pageSize') ?? '10');
    if (!Number.isInteger(page) || page < 0) {
      return error(400, 'INVALID_PAGE', 'page must be a whole number from 0.');
    }
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_INVOICE_PAGE_SIZE) {
      return error(
        400,
        'INVALID_PAGE_SIZE',
        `pageSize must be from 1 to ${MAX_INVOICE_PAGE_SIZE}.`
      );
    }
    const matching = all
      .filter((invoice) => status === 'ALL' || invoice.status === status)
      .sort((a, b) => b.dueDate.localeCompare(a.dueDate));
    const body: ErpInvoicePage = {
      erpAccountId,
      status,
      page,
      pageSize,
      totalCount: matching.length,
      totals: {
        amount: round2(matching.reduce((sum, i) => sum + i.amount, 0)),
        openAmount: round2(matching.reduce((sum, i) => sum + i.openAmount, 0)),
        overdueAmount: round2(
          matching.filter((i) => i.status === 'OVERDUE').reduce((sum, i) => sum + i.openAmount, 0)
        )
      },
      invoices: structuredClone(matching.slice(page * pageSize, (page + 1) * pageSize)),
      asOf
    };
    return { status: 200, body };
  }

  /**
   * Answers one inquiry under the current simulation: 503 when down, after the delay when slow.
   *
   * @param method - the HTTP method
   * @param pathAndQuery - the path below {@link ERP_PREFIX}, with its query
   * @returns the status and body
   */
  async respond(method: string, pathAndQuery: string): Promise<SandboxAnswer> {
    this.state.requests++;
    const { mode, delayMs } = this.state;
    if (mode === 'slow') await this.sleep(delayMs);
    if (mode === 'down') {
      return error(503, 'UNAVAILABLE', 'The ERP is down for maintenance (preview simulation).');
    }
    return this.answer(method, pathAndQuery);
  }

  /**
   * Serves a request below {@link ERP_PREFIX} on the preview server (the caller checked the prefix).
   *
   * @param req - the request
   * @param res - the response
   * @param body - the request body, read by the caller
   */
  async handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const pathAndQuery = (req.url ?? '/').slice(ERP_PREFIX.length) || '/';
    const method = req.method ?? 'GET';
    let answer: SandboxAnswer;
    if (pathAndQuery.split('?')[0] === '/_control') {
      answer = this.controlRequest(method, body);
    } else {
      answer = await this.respond(method, pathAndQuery);
    }
    sendJson(res, answer.status, answer.body);
  }

  private controlRequest(method: string, body: string): SandboxAnswer {
    if (method === 'GET') return { status: 200, body: { ...this.state } };
    if (method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.');
    try {
      return { status: 200, body: this.control(JSON.parse(body || '{}') as object) };
    } catch (cause) {
      return error(400, 'INVALID_CONTROL', (cause as Error).message);
    }
  }
}

/**
 * Writes a JSON answer.
 *
 * @param res - the response
 * @param status - the HTTP status
 * @param body - the value to send as JSON
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store'
  });
  res.end(text);
}
