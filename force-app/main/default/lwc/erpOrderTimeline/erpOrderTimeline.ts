import { format, reduceErrors as reduceErrorsWith } from 'c/erpPanelSupport';
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getOrderStatus from '@salesforce/apex/ErpOrderStatusController.getOrderStatus';
import submitOrder from '@salesforce/apex/OrderSubmissionController.submitOrder';
import LABEL_TITLE from '@salesforce/label/c.ErpOrderTimeline_Title';
import LABEL_LOADING from '@salesforce/label/c.ErpOrderTimeline_Loading';
import LABEL_REFRESH from '@salesforce/label/c.ErpOrderTimeline_Refresh';
import LABEL_LOAD_ERROR from '@salesforce/label/c.ErpOrderTimeline_LoadError';
import LABEL_UNKNOWN_ERROR from '@salesforce/label/c.ErpOrderTimeline_UnknownError';
import LABEL_NOT_SUBMITTED from '@salesforce/label/c.ErpOrderTimeline_NotSubmitted';
import LABEL_PROGRESS from '@salesforce/label/c.ErpOrderTimeline_Progress';
import LABEL_CURRENT_STATUS from '@salesforce/label/c.ErpOrderTimeline_CurrentStatus';
import LABEL_ERP_ORDER from '@salesforce/label/c.ErpOrderTimeline_ErpOrder';
import LABEL_NOT_ASSIGNED from '@salesforce/label/c.ErpOrderTimeline_NotAssigned';
import LABEL_HISTORY from '@salesforce/label/c.ErpOrderTimeline_History';
import LABEL_SEQUENCE from '@salesforce/label/c.ErpOrderTimeline_Sequence';
import LABEL_TRACKING_NUMBERS from '@salesforce/label/c.ErpOrderTimeline_TrackingNumbers';
import LABEL_EXPECTED_DELIVERY from '@salesforce/label/c.ErpOrderTimeline_ExpectedDelivery';
import LABEL_REJECTED from '@salesforce/label/c.ErpOrderTimeline_Rejected';
import LABEL_ERROR_ICON from '@salesforce/label/c.ErpOrderTimeline_ErrorIcon';
import LABEL_RESUBMIT from '@salesforce/label/c.ErpOrderTimeline_Resubmit';
import LABEL_RESUBMITTING from '@salesforce/label/c.ErpOrderTimeline_Resubmitting';
import LABEL_RESUBMIT_SUCCESS_TITLE from '@salesforce/label/c.ErpOrderTimeline_ResubmitSuccessTitle';
import LABEL_RESUBMIT_SUCCESS from '@salesforce/label/c.ErpOrderTimeline_ResubmitSuccess';
import LABEL_RESUBMIT_ERROR_TITLE from '@salesforce/label/c.ErpOrderTimeline_ResubmitErrorTitle';
import LABEL_AS_OF from '@salesforce/label/c.ErpOrderTimeline_AsOf';
import LABEL_NEVER_SYNCED from '@salesforce/label/c.ErpOrderTimeline_NeverSynced';
import LABEL_SOURCE_LIVE from '@salesforce/label/c.ErpOrderTimeline_SourceLive';
import LABEL_SOURCE_CACHE from '@salesforce/label/c.ErpOrderTimeline_SourceCache';
import LABEL_SOURCE_SYNCED from '@salesforce/label/c.ErpOrderTimeline_SourceSynced';
import LABEL_STALE from '@salesforce/label/c.ErpOrderTimeline_Stale';
import LABEL_STALE_HINT from '@salesforce/label/c.ErpOrderTimeline_StaleHint';

/*
 * ErpOrderStatusController's and OrderSubmissionController's DTOs as they arrive in JavaScript:
 * the `OrderStatusPanel` of types/contract/inquiry.ts, restated here because the build compiles
 * only this bundle (the test checks that the contract's type fits this one). Apex leaves null
 * properties out.
 */

/** Where the data came from. */
export type InquirySource = 'LIVE' | 'CACHE' | 'SYNCED';

/** One step of the timeline. */
export interface OrderTimelineStep {
  status: string;
  sequence?: number | null;
  occurredAt?: string | null;
  note?: string | null;
}

/** ErpOrderStatusController.OrderStatusPanel. */
export interface OrderStatusPanel {
  recordId: string;
  source: InquirySource;
  asOf?: string | null;
  stale: boolean;
  staleReason?: string | null;
  orderNumber: string;
  erpOrderId?: string | null;
  erpStatus?: string | null;
  path: string[];
  history: OrderTimelineStep[];
  trackingNumbers: string[];
  expectedDeliveryDate?: string | null;
  errorMessage?: string | null;
  canResubmit: boolean;
}

/** OrderSubmissionError. */
export interface SubmissionError {
  code: string;
  field?: string | null;
  message: string;
}

/** OrderSubmissionResult. */
export interface SubmissionResult {
  orderId: string;
  success: boolean;
  integrationKey?: string | null;
  correlationId?: string | null;
  errors?: SubmissionError[] | null;
}

/** The ERP status of a rejected order. */
const REJECTED = 'Rejected';
/** The Salesforce status of an order not yet submitted. */
const DRAFT = 'Draft';

const SOURCE_LABELS: Record<InquirySource, string> = {
  LIVE: LABEL_SOURCE_LIVE,
  CACHE: LABEL_SOURCE_CACHE,
  SYNCED: LABEL_SOURCE_SYNCED
};

/**
 * The readable messages of an Apex or JavaScript error (alone or in an array), joined.
 *
 * @param errors - what a failed call threw
 * @returns the messages, or the component's "unknown error" label
 */
export function reduceErrors(errors: unknown): string {
  return reduceErrorsWith(errors, LABEL_UNKNOWN_ERROR);
}

/** A history step as the template lists it. */
interface HistoryItem extends OrderTimelineStep {
  key: string;
  sequenceText?: string;
}

/** A reason the resubmission failed, as the template lists it. */
interface ResubmitErrorItem {
  key: string;
  code?: string;
  field?: string;
  message: string;
}

/**
 * The ERP status of an order: where it is on its way (Draft to Invoiced), the ERP order number,
 * the status history, tracking numbers and expected delivery, the ERP's rejection reasons with a
 * Resubmit button when the user may resubmit, and how fresh it all is. Asks the ERP through
 * ErpOrderStatusController (one call per load); Refresh asks again past the cache.
 */
export default class ErpOrderTimeline extends LightningElement {
  /** ID of the order; set by the record page or the Experience site. */
  @api recordId?: string;

  readonly labels = {
    title: LABEL_TITLE,
    loading: LABEL_LOADING,
    refresh: LABEL_REFRESH,
    loadError: LABEL_LOAD_ERROR,
    notSubmitted: LABEL_NOT_SUBMITTED,
    progress: LABEL_PROGRESS,
    currentStatus: LABEL_CURRENT_STATUS,
    erpOrder: LABEL_ERP_ORDER,
    history: LABEL_HISTORY,
    trackingNumbers: LABEL_TRACKING_NUMBERS,
    expectedDelivery: LABEL_EXPECTED_DELIVERY,
    rejected: LABEL_REJECTED,
    errorIcon: LABEL_ERROR_ICON,
    resubmit: LABEL_RESUBMIT,
    resubmitting: LABEL_RESUBMITTING,
    resubmitErrorTitle: LABEL_RESUBMIT_ERROR_TITLE,
    asOf: LABEL_AS_OF,
    neverSynced: LABEL_NEVER_SYNCED,
    stale: LABEL_STALE
  };

  panel?: OrderStatusPanel;
  errorMessage?: string;
  isLoading = false;
  isResubmitting = false;
  /** Why the last resubmission failed; empty when it did not fail. */
  resubmitErrors: ResubmitErrorItem[] = [];

  override connectedCallback(): void {
    void this.load(false);
  }

  get hasPanel(): boolean {
    return this.panel !== undefined && !this.errorMessage;
  }

  /** The ERP status, or else the latest status of the history (Draft, Submitted). */
  get currentStatus(): string | undefined {
    const panel = this.panel;
    return panel?.erpStatus || panel?.history[panel.history.length - 1]?.status || undefined;
  }

  get isNotSubmitted(): boolean {
    const status = this.currentStatus;
    return this.hasPanel && (!status || status === DRAFT);
  }

  get isSubmitted(): boolean {
    return this.hasPanel && !this.isNotSubmitted;
  }

  get isRejected(): boolean {
    return this.currentStatus === REJECTED;
  }

  get pathSteps(): string[] {
    return this.panel?.path ?? [];
  }

  get erpOrderText(): string {
    return this.panel?.erpOrderId || LABEL_NOT_ASSIGNED;
  }

  get historyItems(): HistoryItem[] {
    return (this.panel?.history ?? []).map((step, index) => ({
      ...step,
      key: `${index}-${step.status}`,
      sequenceText:
        typeof step.sequence === 'number' ? format(LABEL_SEQUENCE, step.sequence) : undefined
    }));
  }

  get hasHistory(): boolean {
    return this.historyItems.length > 0;
  }

  get trackingNumbers(): string[] {
    return this.panel?.trackingNumbers ?? [];
  }

  get hasTrackingNumbers(): boolean {
    return this.trackingNumbers.length > 0;
  }

  get expectedDeliveryDate(): string | undefined {
    return this.panel?.expectedDeliveryDate ?? undefined;
  }

  get erpError(): string | undefined {
    return this.panel?.errorMessage ?? undefined;
  }

  get canResubmit(): boolean {
    return this.hasPanel && this.panel?.canResubmit === true;
  }

  get isResubmitDisabled(): boolean {
    return this.isResubmitting || this.isLoading;
  }

  get hasResubmitErrors(): boolean {
    return this.resubmitErrors.length > 0;
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

  handleRefresh(): void {
    void this.load(true);
  }

  async handleResubmit(): Promise<void> {
    this.isResubmitting = true;
    this.resubmitErrors = [];
    try {
      const result = (await submitOrder({ orderId: this.recordId })) as SubmissionResult;
      if (result.success) {
        this.toast(
          LABEL_RESUBMIT_SUCCESS_TITLE,
          format(LABEL_RESUBMIT_SUCCESS, this.orderNumber),
          'success'
        );
        // The order's ERP status changed: read it again, past the cache.
        await this.load(true);
      } else {
        this.showResubmitErrors(
          (result.errors ?? []).map((error, index) => ({
            key: String(index),
            code: error.code,
            field: error.field ?? undefined,
            message: error.message
          }))
        );
      }
    } catch (error) {
      this.showResubmitErrors([{ key: '0', message: reduceErrors(error) }]);
    } finally {
      this.isResubmitting = false;
    }
  }

  private get orderNumber(): string {
    return this.panel?.orderNumber ?? '';
  }

  private showResubmitErrors(errors: ResubmitErrorItem[]): void {
    const shown = errors.length > 0 ? errors : [{ key: '0', message: LABEL_UNKNOWN_ERROR }];
    this.resubmitErrors = shown;
    this.toast(LABEL_RESUBMIT_ERROR_TITLE, shown.map((error) => error.message).join(' '), 'error');
  }

  private toast(title: string, message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  private async load(refresh: boolean): Promise<void> {
    this.isLoading = true;
    try {
      this.panel = (await getOrderStatus({ orderId: this.recordId, refresh })) as OrderStatusPanel;
      this.errorMessage = undefined;
    } catch (error) {
      this.panel = undefined;
      this.errorMessage = reduceErrors(error);
    } finally {
      this.isLoading = false;
    }
  }
}
