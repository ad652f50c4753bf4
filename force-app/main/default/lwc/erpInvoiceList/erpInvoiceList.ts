import { format, reduceErrors as reduceErrorsWith } from 'c/erpPanelSupport';
import { LightningElement, api } from 'lwc';
import getInvoices from '@salesforce/apex/ErpInvoiceController.getInvoices';
import LABEL_TITLE from '@salesforce/label/c.ErpInvoices_Title';
import LABEL_LOADING from '@salesforce/label/c.ErpInvoices_Loading';
import LABEL_REFRESH from '@salesforce/label/c.ErpInvoices_Refresh';
import LABEL_LOAD_ERROR from '@salesforce/label/c.ErpInvoices_LoadError';
import LABEL_UNKNOWN_ERROR from '@salesforce/label/c.ErpInvoices_UnknownError';
import LABEL_STATUS_FILTER from '@salesforce/label/c.ErpInvoices_StatusFilter';
import LABEL_STATUS_ALL from '@salesforce/label/c.ErpInvoices_StatusAll';
import LABEL_STATUS_OPEN from '@salesforce/label/c.ErpInvoices_StatusOpen';
import LABEL_STATUS_OVERDUE from '@salesforce/label/c.ErpInvoices_StatusOverdue';
import LABEL_STATUS_PAID from '@salesforce/label/c.ErpInvoices_StatusPaid';
import LABEL_COLUMN_INVOICE from '@salesforce/label/c.ErpInvoices_ColumnInvoice';
import LABEL_COLUMN_ISSUE_DATE from '@salesforce/label/c.ErpInvoices_ColumnIssueDate';
import LABEL_COLUMN_DUE_DATE from '@salesforce/label/c.ErpInvoices_ColumnDueDate';
import LABEL_COLUMN_AMOUNT from '@salesforce/label/c.ErpInvoices_ColumnAmount';
import LABEL_COLUMN_OPEN_AMOUNT from '@salesforce/label/c.ErpInvoices_ColumnOpenAmount';
import LABEL_COLUMN_STATUS from '@salesforce/label/c.ErpInvoices_ColumnStatus';
import LABEL_COLUMN_DAYS_OVERDUE from '@salesforce/label/c.ErpInvoices_ColumnDaysOverdue';
import LABEL_EMPTY from '@salesforce/label/c.ErpInvoices_Empty';
import LABEL_UNAVAILABLE from '@salesforce/label/c.ErpInvoices_Unavailable';
import LABEL_TOTALS from '@salesforce/label/c.ErpInvoices_Totals';
import LABEL_TOTAL_AMOUNT from '@salesforce/label/c.ErpInvoices_TotalAmount';
import LABEL_TOTAL_OPEN from '@salesforce/label/c.ErpInvoices_TotalOpen';
import LABEL_TOTAL_OVERDUE from '@salesforce/label/c.ErpInvoices_TotalOverdue';
import LABEL_PAGE_OF from '@salesforce/label/c.ErpInvoices_PageOf';
import LABEL_INVOICE_COUNT from '@salesforce/label/c.ErpInvoices_InvoiceCount';
import LABEL_PREVIOUS from '@salesforce/label/c.ErpInvoices_Previous';
import LABEL_NEXT from '@salesforce/label/c.ErpInvoices_Next';
import LABEL_AS_OF from '@salesforce/label/c.ErpInvoices_AsOf';
import LABEL_NEVER_SYNCED from '@salesforce/label/c.ErpInvoices_NeverSynced';
import LABEL_SOURCE_LIVE from '@salesforce/label/c.ErpInvoices_SourceLive';
import LABEL_SOURCE_CACHE from '@salesforce/label/c.ErpInvoices_SourceCache';
import LABEL_SOURCE_SYNCED from '@salesforce/label/c.ErpInvoices_SourceSynced';
import LABEL_STALE from '@salesforce/label/c.ErpInvoices_Stale';
import LABEL_STALE_HINT from '@salesforce/label/c.ErpInvoices_StaleHint';

/*
 * ErpInvoiceController's DTOs as they arrive in JavaScript: the `InvoicePanel` of
 * types/contract/inquiry.ts, restated here because the build compiles only this bundle (the test
 * checks that the contract's type fits this one). Apex leaves null properties out.
 */

/** Where the data came from. */
export type InquirySource = 'LIVE' | 'CACHE' | 'SYNCED';

/** The status filter: one invoice status, or every invoice. */
export type InvoiceStatusFilter = 'OPEN' | 'OVERDUE' | 'PAID' | 'ALL';

/** One invoice. */
export interface Invoice {
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  amount: number;
  openAmount: number;
  currencyIsoCode: string;
  status: string;
  daysOverdue: number;
  erpOrderId?: string | null;
}

/** Totals over every invoice matching the filter. */
export interface InvoiceTotals {
  amount: number;
  openAmount: number;
  overdueAmount: number;
}

/** ErpInvoiceController.InvoicePanel. */
export interface InvoicePanel {
  recordId: string;
  source: InquirySource;
  asOf?: string | null;
  stale: boolean;
  staleReason?: string | null;
  erpAccountId?: string | null;
  status: InvoiceStatusFilter;
  page: number;
  pageSize: number;
  totalCount: number;
  available: boolean;
  totals?: InvoiceTotals | null;
  invoices: Invoice[];
  currencyIsoCode?: string | null;
}

/** ErpInvoiceController.InvoiceQuery, as the LWC sends it. */
export interface InvoiceQuery {
  status: InvoiceStatusFilter;
  page: number;
  pageSize: number;
  refresh: boolean;
}

/** Invoices per page. */
export const PAGE_SIZE = 10;

const STATUS_LABELS: Record<string, string> = {
  ALL: LABEL_STATUS_ALL,
  OPEN: LABEL_STATUS_OPEN,
  OVERDUE: LABEL_STATUS_OVERDUE,
  PAID: LABEL_STATUS_PAID
};

const STATUS_OPTIONS = (['ALL', 'OPEN', 'OVERDUE', 'PAID'] as const).map((value) => ({
  label: STATUS_LABELS[value],
  value
}));

const SOURCE_LABELS: Record<InquirySource, string> = {
  LIVE: LABEL_SOURCE_LIVE,
  CACHE: LABEL_SOURCE_CACHE,
  SYNCED: LABEL_SOURCE_SYNCED
};

/** Overdue rows are marked in every cell; the status cell says "Overdue" with an icon. */
const ROW_CELL = { class: { fieldName: 'rowClass' } };

const DATE_ATTRIBUTES = { year: 'numeric', month: 'short', day: '2-digit' };
const CURRENCY_ATTRIBUTES = { currencyCode: { fieldName: 'currencyIsoCode' } };

const COLUMNS = [
  {
    label: LABEL_COLUMN_INVOICE,
    fieldName: 'invoiceNumber',
    type: 'text',
    cellAttributes: ROW_CELL
  },
  {
    label: LABEL_COLUMN_ISSUE_DATE,
    fieldName: 'issueDate',
    type: 'date-local',
    typeAttributes: DATE_ATTRIBUTES,
    cellAttributes: ROW_CELL
  },
  {
    label: LABEL_COLUMN_DUE_DATE,
    fieldName: 'dueDate',
    type: 'date-local',
    typeAttributes: DATE_ATTRIBUTES,
    cellAttributes: ROW_CELL
  },
  {
    label: LABEL_COLUMN_AMOUNT,
    fieldName: 'amount',
    type: 'currency',
    typeAttributes: CURRENCY_ATTRIBUTES,
    cellAttributes: ROW_CELL
  },
  {
    label: LABEL_COLUMN_OPEN_AMOUNT,
    fieldName: 'openAmount',
    type: 'currency',
    typeAttributes: CURRENCY_ATTRIBUTES,
    cellAttributes: ROW_CELL
  },
  {
    label: LABEL_COLUMN_STATUS,
    fieldName: 'statusLabel',
    type: 'text',
    cellAttributes: {
      class: { fieldName: 'rowClass' },
      iconName: { fieldName: 'statusIcon' },
      iconAlternativeText: { fieldName: 'statusLabel' }
    }
  },
  {
    label: LABEL_COLUMN_DAYS_OVERDUE,
    fieldName: 'daysOverdue',
    type: 'number',
    cellAttributes: ROW_CELL
  }
];

/** An invoice as a table row. */
export interface InvoiceRow extends Invoice {
  statusLabel: string;
  rowClass?: string;
  statusIcon?: string;
}

function toRow(invoice: Invoice): InvoiceRow {
  const isOverdue = invoice.status === 'OVERDUE';
  return {
    ...invoice,
    statusLabel: STATUS_LABELS[invoice.status] ?? invoice.status,
    rowClass: isOverdue ? 'slds-text-color_error' : undefined,
    statusIcon: isOverdue ? 'utility:warning' : undefined
  };
}

/**
 * The readable messages of an Apex or JavaScript error (alone or in an array), joined.
 *
 * @param errors - what a failed call threw
 * @returns the messages, or the component's "unknown error" label
 */
export function reduceErrors(errors: unknown): string {
  return reduceErrorsWith(errors, LABEL_UNKNOWN_ERROR);
}

/**
 * The ERP invoices of an account, a page at a time: filter by status, overdue invoices marked,
 * totals over the filter and how fresh the list is. Asks the ERP through ErpInvoiceController
 * (one call per load); Refresh asks again past the cache. When the ERP cannot be asked, it says
 * so and shows the balances last synced to Salesforce.
 */
export default class ErpInvoiceList extends LightningElement {
  /** ID of the account; set by the record page or the Experience site. */
  @api recordId?: string;

  readonly labels = {
    title: LABEL_TITLE,
    loading: LABEL_LOADING,
    refresh: LABEL_REFRESH,
    loadError: LABEL_LOAD_ERROR,
    statusFilter: LABEL_STATUS_FILTER,
    empty: LABEL_EMPTY,
    unavailable: LABEL_UNAVAILABLE,
    totals: LABEL_TOTALS,
    totalAmount: LABEL_TOTAL_AMOUNT,
    totalOpen: LABEL_TOTAL_OPEN,
    totalOverdue: LABEL_TOTAL_OVERDUE,
    previous: LABEL_PREVIOUS,
    next: LABEL_NEXT,
    asOf: LABEL_AS_OF,
    neverSynced: LABEL_NEVER_SYNCED,
    stale: LABEL_STALE
  };

  readonly columns = COLUMNS;
  readonly statusOptions = STATUS_OPTIONS;

  /** The status filter asked for. */
  status: InvoiceStatusFilter = 'ALL';
  /** The page asked for, from 0. */
  page = 0;

  panel?: InvoicePanel;
  errorMessage?: string;
  isLoading = false;

  override connectedCallback(): void {
    void this.load(false);
  }

  get hasPanel(): boolean {
    return this.panel !== undefined && !this.errorMessage;
  }

  get isAvailable(): boolean {
    return this.panel?.available === true;
  }

  get isUnavailable(): boolean {
    return this.panel?.available === false;
  }

  get rows(): InvoiceRow[] {
    return (this.panel?.invoices ?? []).map((invoice) => toRow(invoice));
  }

  get isEmpty(): boolean {
    return this.isAvailable && this.rows.length === 0;
  }

  get hasRows(): boolean {
    return this.isAvailable && this.rows.length > 0;
  }

  get totals(): InvoiceTotals | undefined {
    return this.panel?.totals ?? undefined;
  }

  get currencyIsoCode(): string | undefined {
    return this.panel?.currencyIsoCode ?? undefined;
  }

  get pageCount(): number {
    const panel = this.panel;
    return panel ? Math.max(1, Math.ceil(panel.totalCount / (panel.pageSize || PAGE_SIZE))) : 1;
  }

  get currentPage(): number {
    return this.panel?.page ?? this.page;
  }

  get pageText(): string {
    return format(LABEL_PAGE_OF, this.currentPage + 1, this.pageCount);
  }

  get countText(): string {
    return format(LABEL_INVOICE_COUNT, this.panel?.totalCount ?? 0);
  }

  get isPreviousDisabled(): boolean {
    return this.isLoading || this.currentPage <= 0;
  }

  get isNextDisabled(): boolean {
    return this.isLoading || this.currentPage >= this.pageCount - 1;
  }

  get asOf(): string | undefined {
    return this.panel?.asOf ?? undefined;
  }

  get sourceText(): string {
    const source = this.panel?.source;
    return source ? (SOURCE_LABELS[source] ?? source) : '';
  }

  get isStale(): boolean {
    return this.panel?.stale === true;
  }

  get staleReason(): string {
    return this.panel?.staleReason || LABEL_STALE_HINT;
  }

  handleStatusChange(event: CustomEvent<{ value: InvoiceStatusFilter }>): void {
    this.status = event.detail.value;
    this.page = 0;
    void this.load(false);
  }

  handlePrevious(): void {
    this.page = Math.max(0, this.currentPage - 1);
    void this.load(false);
  }

  handleNext(): void {
    this.page = this.currentPage + 1;
    void this.load(false);
  }

  handleRefresh(): void {
    void this.load(true);
  }

  private async load(refresh: boolean): Promise<void> {
    this.isLoading = true;
    const query: InvoiceQuery = {
      status: this.status,
      page: this.page,
      pageSize: PAGE_SIZE,
      refresh
    };
    try {
      const panel = (await getInvoices({ accountId: this.recordId, query })) as InvoicePanel;
      this.panel = panel;
      // The page shown is the page answered (the controller keeps it within the list).
      this.page = panel.page ?? query.page;
      this.errorMessage = undefined;
    } catch (error) {
      this.panel = undefined;
      this.errorMessage = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }
}
