/**
 * The ERP inquiry contract: what the ERP answers when a sales rep opens an Account or Order page
 * (ADR 12). Two halves:
 *
 * - **ERP-facing** (`Erp*`): the three read-only endpoints the ERP exposes below the `ERP_API`
 *   named credential. Their examples are the `ErpContract_Inquiry*` static resources, shared by
 *   the Apex tests (mocked callouts), the contract test and the local preview's ERP sandbox.
 * - **Panel-facing** (`*Panel`): what the Apex controllers return to the Lightning web
 *   components, with where the data came from (`source`) and how old it is (`asOf`). Apex leaves
 *   null properties out of its JSON, so every nullable property is optional.
 *
 * @module
 */

/** Path of the credit summary of one ERP account; `{erpAccountId}` is URL-encoded. */
export const INQUIRY_CREDIT_PATH = '/erp-bridge/v1/accounts/{erpAccountId}/credit';
/** Path of the invoices of one ERP account; query `status`, `page` (from 0) and `pageSize`. */
export const INQUIRY_INVOICES_PATH = '/erp-bridge/v1/accounts/{erpAccountId}/invoices';
/** Path of the status of one ERP order; `{erpOrderId}` is URL-encoded. */
export const INQUIRY_ORDER_STATUS_PATH = '/erp-bridge/v1/orders/{erpOrderId}/status';
/** Most invoices the panel asks for per page. */
export const MAX_INVOICE_PAGE_SIZE = 50;

/** Credit status, the values of `Account.ERP_Credit_Status__c`. */
export type ErpCreditStatus = 'Good Standing' | 'On Hold' | 'Blocked' | 'Unknown';

/** Answer of `GET /erp-bridge/v1/accounts/{erpAccountId}/credit`. */
export interface ErpCreditSummary {
  /** The ERP's account number (`Account.ERP_Account_ID__c`). */
  erpAccountId: string;
  /** Credit standing. */
  creditStatus: ErpCreditStatus;
  /** Credit limit in the account currency. */
  creditLimit: number;
  /** Sum of unpaid invoice amounts. */
  openBalance: number;
  /** Part of the open balance past its due date. */
  overdueBalance: number;
  /** Payment terms code, for example `NET30`. */
  paymentTerms: string | null;
  /** ISO 4217 currency code of the amounts. */
  currencyIsoCode: string;
  /** When the ERP computed these figures: ISO 8601 in UTC with milliseconds. */
  asOf: string;
}

/** Invoice status as the ERP reports it. */
export type ErpInvoiceStatus = 'OPEN' | 'OVERDUE' | 'PAID';

/** The `status` filter of the invoices endpoint: one status, or every invoice. */
export type InvoiceStatusFilter = ErpInvoiceStatus | 'ALL';

/** One invoice. */
export interface ErpInvoice {
  /** The ERP's invoice number, unique per ERP. */
  invoiceNumber: string;
  /** Issue date, `YYYY-MM-DD`. */
  issueDate: string;
  /** Due date, `YYYY-MM-DD`. */
  dueDate: string;
  /** Invoiced amount. */
  amount: number;
  /** Amount still unpaid (0 when paid). */
  openAmount: number;
  /** ISO 4217 currency code. */
  currencyIsoCode: string;
  /** Status: OVERDUE when unpaid after the due date. */
  status: ErpInvoiceStatus;
  /** Whole days past the due date at `asOf` (counted in UTC dates); 0 unless OVERDUE. */
  daysOverdue: number;
  /** The ERP order the invoice bills, when there is one. */
  erpOrderId: string | null;
}

/** Totals over every invoice matching the filter (not only the page). */
export interface ErpInvoiceTotals {
  /** Sum of `amount`. */
  amount: number;
  /** Sum of `openAmount`. */
  openAmount: number;
  /** Sum of `openAmount` of OVERDUE invoices. */
  overdueAmount: number;
}

/** Answer of `GET /erp-bridge/v1/accounts/{erpAccountId}/invoices?status=&page=&pageSize=`. */
export interface ErpInvoicePage {
  /** The ERP's account number. */
  erpAccountId: string;
  /** The filter applied. */
  status: InvoiceStatusFilter;
  /** Page number, from 0. */
  page: number;
  /** Invoices per page, 1 to 50. */
  pageSize: number;
  /** Invoices matching the filter, over all pages. */
  totalCount: number;
  /** Totals over every matching invoice. */
  totals: ErpInvoiceTotals;
  /** The page's invoices, newest due date first (then by invoice number, descending). */
  invoices: ErpInvoice[];
  /** When the ERP read the invoices: ISO 8601 in UTC with milliseconds. */
  asOf: string;
}

/** Status of an ERP order, the values of `Order.ERP_Status__c` the ERP reports. */
export type ErpInquiryOrderStatus =
  | 'Acknowledged'
  | 'Rejected'
  | 'Released'
  | 'Partially Shipped'
  | 'Shipped'
  | 'Invoiced'
  | 'Cancelled'
  | 'Returned';

/** One step of an ERP order's history. */
export interface ErpOrderStatusStep {
  /** The status reached. */
  status: ErpInquiryOrderStatus;
  /** The ERP's sequence number of the change (ascending). */
  sequence: number;
  /** When it happened: ISO 8601 in UTC with milliseconds. */
  occurredAt: string;
  /** A note for people, for example a carrier; null when none. */
  note: string | null;
}

/** Answer of `GET /erp-bridge/v1/orders/{erpOrderId}/status`. */
export interface ErpOrderStatusDetail {
  /** The ERP's order number (`Order.ERP_Order_ID__c`). */
  erpOrderId: string;
  /** Current status. */
  status: ErpInquiryOrderStatus;
  /** Sequence number of the current status. */
  sequence: number;
  /** Every status change, oldest first. */
  history: ErpOrderStatusStep[];
  /** Carrier tracking numbers, when shipped. */
  trackingNumbers: string[];
  /** Expected delivery date, `YYYY-MM-DD`; null when unknown. */
  expectedDeliveryDate: string | null;
  /** When the ERP read the order: ISO 8601 in UTC with milliseconds. */
  asOf: string;
}

/** A refusal (404 for an unknown ID, 4xx/5xx otherwise) from an inquiry endpoint. */
export interface ErpInquiryErrorResponse {
  /** Why the ERP cannot answer. */
  errors: ErpInquiryError[];
}

/** One reason. */
export interface ErpInquiryError {
  /** Error code, for example `NOT_FOUND`. */
  code: string;
  /** What is wrong, for people. */
  message: string;
}

/**
 * Where panel data came from: `LIVE` — asked the ERP now; `CACHE` — the ERP's answer from Platform
 * Cache, younger than `Cache_TTL_Seconds__c`; `SYNCED` — the ERP could not be asked (outage,
 * timeout, circuit breaker open, no ERP ID), so the values are those last synced into Salesforce.
 */
export type InquirySource = 'LIVE' | 'CACHE' | 'SYNCED';

/** What every panel answer says about itself. */
export interface InquiryMeta {
  /** The Salesforce record the panel is on. */
  recordId: string;
  /** Where the data came from. */
  source: InquirySource;
  /** How old the data is: the ERP's `asOf`, or the last sync time for SYNCED; absent when never synced. */
  asOf?: string | null;
  /** True when the data did not come from the ERP just now or from the cache (source SYNCED). */
  stale: boolean;
  /** Why the data is stale, for people (for example "The ERP did not answer in time."). */
  staleReason?: string | null;
}

/** `ErpCreditController.getCreditSummary` answer: the credit panel on an Account. */
export interface CreditPanel extends InquiryMeta {
  /** The ERP's account number; absent when the account is not linked to the ERP. */
  erpAccountId?: string | null;
  /** Credit standing. */
  creditStatus?: ErpCreditStatus | null;
  /** Credit limit. */
  creditLimit?: number | null;
  /** Unpaid balance. */
  openBalance?: number | null;
  /** Overdue part of the balance. */
  overdueBalance?: number | null;
  /** Credit limit minus open balance, never below 0. */
  availableCredit?: number | null;
  /** Open balance as a percentage of the limit (0–100, capped), for the utilisation bar. */
  utilisationPercent?: number | null;
  /** Payment terms code. */
  paymentTerms?: string | null;
  /** Currency of the amounts. */
  currencyIsoCode?: string | null;
}

/** `ErpInvoiceController.getInvoices` answer: the invoice list on an Account. */
export interface InvoicePanel extends InquiryMeta {
  /** The ERP's account number; absent when the account is not linked to the ERP. */
  erpAccountId?: string | null;
  /** The filter applied. */
  status: InvoiceStatusFilter;
  /** Page number, from 0. */
  page: number;
  /** Invoices per page. */
  pageSize: number;
  /** Matching invoices over all pages (0 when unavailable). */
  totalCount: number;
  /** False when the invoices could not be read (they are never copied into Salesforce). */
  available: boolean;
  /** Totals over every matching invoice; when unavailable, the synced open and overdue balances. */
  totals?: ErpInvoiceTotals | null;
  /** The page's invoices. */
  invoices: ErpInvoice[];
  /** Currency of the totals. */
  currencyIsoCode?: string | null;
}

/** One step of the timeline. */
export interface OrderTimelineStep {
  /** The status. */
  status: string;
  /** ERP sequence number; absent for Salesforce-side steps (Draft, Submitted). */
  sequence?: number | null;
  /** When it happened. */
  occurredAt?: string | null;
  /** A note or details. */
  note?: string | null;
}

/** `ErpOrderStatusController.getOrderStatus` answer: the order status timeline on an Order. */
export interface OrderStatusPanel extends InquiryMeta {
  /** Salesforce order number. */
  orderNumber: string;
  /** The ERP's order number; absent until the ERP acknowledged the order. */
  erpOrderId?: string | null;
  /** Current ERP status; absent before submission. */
  erpStatus?: string | null;
  /** The lifecycle path to show, in order, ending with the current or next expected status. */
  path: string[];
  /** Status history, oldest first. */
  history: OrderTimelineStep[];
  /** Tracking numbers, when shipped (live data only). */
  trackingNumbers: string[];
  /** Expected delivery date (live data only). */
  expectedDeliveryDate?: string | null;
  /** The ERP's rejection reasons (`Order.ERP_Error__c`). */
  errorMessage?: string | null;
  /** True when this user may resubmit the order now (rejected, and the user may edit and submit it). */
  canResubmit: boolean;
}
