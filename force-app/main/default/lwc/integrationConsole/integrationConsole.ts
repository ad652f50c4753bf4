import { format } from 'c/erpPanelSupport';
import { LightningElement, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getSummary from '@salesforce/apex/IntegrationConsoleController.getSummary';
import getDeadLetters from '@salesforce/apex/IntegrationConsoleController.getDeadLetters';
import replayMessages from '@salesforce/apex/IntegrationConsoleController.replayMessages';
import getReconciliationRuns from '@salesforce/apex/IntegrationConsoleController.getReconciliationRuns';
import getDrift from '@salesforce/apex/IntegrationConsoleController.getDrift';
import LABEL_TITLE from '@salesforce/label/c.IntegrationConsole_Title';
import LABEL_LOADING from '@salesforce/label/c.IntegrationConsole_Loading';
import LABEL_UNKNOWN_ERROR from '@salesforce/label/c.IntegrationConsole_UnknownError';
import LABEL_REFRESH from '@salesforce/label/c.IntegrationConsole_Refresh';
import LABEL_GENERATED_AT from '@salesforce/label/c.IntegrationConsole_GeneratedAt';
import LABEL_ALERT_ABOVE_THRESHOLD from '@salesforce/label/c.IntegrationConsole_AlertAboveThreshold';
import LABEL_ALERT_ICON from '@salesforce/label/c.IntegrationConsole_AlertIcon';
import LABEL_SUMMARY_HEADING from '@salesforce/label/c.IntegrationConsole_SummaryHeading';
import LABEL_SUMMARY_LOAD_ERROR from '@salesforce/label/c.IntegrationConsole_SummaryLoadError';
import LABEL_BY_STATUS_HEADING from '@salesforce/label/c.IntegrationConsole_ByStatusHeading';
import LABEL_BY_OBJECT_HEADING from '@salesforce/label/c.IntegrationConsole_ByObjectHeading';
import LABEL_BY_OBJECT_EMPTY from '@salesforce/label/c.IntegrationConsole_ByObjectEmpty';
import LABEL_BY_AGE_HEADING from '@salesforce/label/c.IntegrationConsole_ByAgeHeading';
import LABEL_NO_OBJECT from '@salesforce/label/c.IntegrationConsole_NoObject';
import LABEL_AGE_UNDER_1_HOUR from '@salesforce/label/c.IntegrationConsole_AgeUnder1Hour';
import LABEL_AGE_1_TO_24_HOURS from '@salesforce/label/c.IntegrationConsole_Age1To24Hours';
import LABEL_AGE_1_TO_7_DAYS from '@salesforce/label/c.IntegrationConsole_Age1To7Days';
import LABEL_AGE_OVER_7_DAYS from '@salesforce/label/c.IntegrationConsole_AgeOver7Days';
import LABEL_STATUS_PENDING from '@salesforce/label/c.IntegrationConsole_StatusPending';
import LABEL_STATUS_FAILED from '@salesforce/label/c.IntegrationConsole_StatusFailed';
import LABEL_STATUS_DEAD from '@salesforce/label/c.IntegrationConsole_StatusDead';
import LABEL_STATUS_DELIVERED from '@salesforce/label/c.IntegrationConsole_StatusDelivered';
import LABEL_DEAD_LETTERS_HEADING from '@salesforce/label/c.IntegrationConsole_DeadLettersHeading';
import LABEL_DEAD_LETTERS_LOAD_ERROR from '@salesforce/label/c.IntegrationConsole_DeadLettersLoadError';
import LABEL_DEAD_LETTERS_EMPTY from '@salesforce/label/c.IntegrationConsole_DeadLettersEmpty';
import LABEL_OBJECT_FILTER from '@salesforce/label/c.IntegrationConsole_ObjectFilter';
import LABEL_ALL_OBJECTS from '@salesforce/label/c.IntegrationConsole_AllObjects';
import LABEL_COLUMN_MESSAGE from '@salesforce/label/c.IntegrationConsole_ColumnMessage';
import LABEL_COLUMN_STATUS from '@salesforce/label/c.IntegrationConsole_ColumnStatus';
import LABEL_COLUMN_OBJECT from '@salesforce/label/c.IntegrationConsole_ColumnObject';
import LABEL_COLUMN_TYPE from '@salesforce/label/c.IntegrationConsole_ColumnType';
import LABEL_COLUMN_ATTEMPTS from '@salesforce/label/c.IntegrationConsole_ColumnAttempts';
import LABEL_COLUMN_ERROR_CLASS from '@salesforce/label/c.IntegrationConsole_ColumnErrorClass';
import LABEL_COLUMN_CREATED from '@salesforce/label/c.IntegrationConsole_ColumnCreated';
import LABEL_COLUMN_LAST_ERROR from '@salesforce/label/c.IntegrationConsole_ColumnLastError';
import LABEL_SHOW_DETAILS from '@salesforce/label/c.IntegrationConsole_ShowDetails';
import LABEL_DETAIL_HEADING from '@salesforce/label/c.IntegrationConsole_DetailHeading';
import LABEL_DETAIL_PROMPT from '@salesforce/label/c.IntegrationConsole_DetailPrompt';
import LABEL_PAYLOAD from '@salesforce/label/c.IntegrationConsole_Payload';
import LABEL_RESPONSE from '@salesforce/label/c.IntegrationConsole_Response';
import LABEL_RESPONSE_STATUS from '@salesforce/label/c.IntegrationConsole_ResponseStatus';
import LABEL_CORRELATION_ID from '@salesforce/label/c.IntegrationConsole_CorrelationId';
import LABEL_RECORD_ID from '@salesforce/label/c.IntegrationConsole_RecordId';
import LABEL_EXTERNAL_ID from '@salesforce/label/c.IntegrationConsole_ExternalId';
import LABEL_NONE from '@salesforce/label/c.IntegrationConsole_None';
import LABEL_REPLAY_SELECTED from '@salesforce/label/c.IntegrationConsole_ReplaySelected';
import LABEL_REPLAY_NOT_ALLOWED from '@salesforce/label/c.IntegrationConsole_ReplayNotAllowed';
import LABEL_REPLAY_IN_PROGRESS from '@salesforce/label/c.IntegrationConsole_ReplayInProgress';
import LABEL_REPLAY_RESULTS_HEADING from '@salesforce/label/c.IntegrationConsole_ReplayResultsHeading';
import LABEL_REPLAY_SUCCESS_TITLE from '@salesforce/label/c.IntegrationConsole_ReplaySuccessTitle';
import LABEL_REPLAY_SUCCESS from '@salesforce/label/c.IntegrationConsole_ReplaySuccess';
import LABEL_REPLAY_PARTIAL_TITLE from '@salesforce/label/c.IntegrationConsole_ReplayPartialTitle';
import LABEL_REPLAY_PARTIAL from '@salesforce/label/c.IntegrationConsole_ReplayPartial';
import LABEL_REPLAY_ERROR_TITLE from '@salesforce/label/c.IntegrationConsole_ReplayErrorTitle';
import LABEL_SELECTED_COUNT from '@salesforce/label/c.IntegrationConsole_SelectedCount';
import LABEL_OUTCOME_QUEUED from '@salesforce/label/c.IntegrationConsole_OutcomeQueued';
import LABEL_OUTCOME_REPUBLISHED from '@salesforce/label/c.IntegrationConsole_OutcomeRepublished';
import LABEL_OUTCOME_REPROCESSED from '@salesforce/label/c.IntegrationConsole_OutcomeReprocessed';
import LABEL_OUTCOME_REFUSED from '@salesforce/label/c.IntegrationConsole_OutcomeRefused';
import LABEL_OUTCOME_FAILED from '@salesforce/label/c.IntegrationConsole_OutcomeFailed';
import LABEL_RUNS_HEADING from '@salesforce/label/c.IntegrationConsole_RunsHeading';
import LABEL_RUNS_LOAD_ERROR from '@salesforce/label/c.IntegrationConsole_RunsLoadError';
import LABEL_RUNS_EMPTY from '@salesforce/label/c.IntegrationConsole_RunsEmpty';
import LABEL_COLUMN_RUN from '@salesforce/label/c.IntegrationConsole_ColumnRun';
import LABEL_COLUMN_STARTED from '@salesforce/label/c.IntegrationConsole_ColumnStarted';
import LABEL_COLUMN_COMPLETED from '@salesforce/label/c.IntegrationConsole_ColumnCompleted';
import LABEL_COLUMN_SALESFORCE_RECORDS from '@salesforce/label/c.IntegrationConsole_ColumnSalesforceRecords';
import LABEL_COLUMN_ERP_RECORDS from '@salesforce/label/c.IntegrationConsole_ColumnErpRecords';
import LABEL_COLUMN_MATCHED from '@salesforce/label/c.IntegrationConsole_ColumnMatched';
import LABEL_COLUMN_DRIFT from '@salesforce/label/c.IntegrationConsole_ColumnDrift';
import LABEL_COLUMN_MISSING_IN_ERP from '@salesforce/label/c.IntegrationConsole_ColumnMissingInErp';
import LABEL_COLUMN_MISSING_IN_SALESFORCE from '@salesforce/label/c.IntegrationConsole_ColumnMissingInSalesforce';
import LABEL_COLUMN_REPAIR from '@salesforce/label/c.IntegrationConsole_ColumnRepair';
import LABEL_COLUMN_ERROR from '@salesforce/label/c.IntegrationConsole_ColumnError';
import LABEL_DRIFT_HEADING from '@salesforce/label/c.IntegrationConsole_DriftHeading';
import LABEL_DRIFT_PROMPT from '@salesforce/label/c.IntegrationConsole_DriftPrompt';
import LABEL_DRIFT_LOAD_ERROR from '@salesforce/label/c.IntegrationConsole_DriftLoadError';
import LABEL_DRIFT_EMPTY from '@salesforce/label/c.IntegrationConsole_DriftEmpty';
import LABEL_COLUMN_DRIFT_TYPE from '@salesforce/label/c.IntegrationConsole_ColumnDriftType';
import LABEL_COLUMN_FIELD from '@salesforce/label/c.IntegrationConsole_ColumnField';
import LABEL_COLUMN_SALESFORCE_VALUE from '@salesforce/label/c.IntegrationConsole_ColumnSalesforceValue';
import LABEL_COLUMN_ERP_VALUE from '@salesforce/label/c.IntegrationConsole_ColumnErpValue';
import LABEL_COLUMN_RESOLUTION from '@salesforce/label/c.IntegrationConsole_ColumnResolution';

/** Dead letters the console lists at most (the controller's ceiling). */
const DEAD_LETTER_ROWS = 200;
/** Reconciliation runs the console lists. */
const RUN_ROWS = 10;
/** Drift rows of one run the console lists at most. */
const DRIFT_ROWS = 200;
/** Value of the object filter that shows every object. */
const ALL_OBJECTS = '';

/*
 * IntegrationConsoleController's DTOs as they arrive in JavaScript. Apex leaves null properties
 * out of the response, so every nullable property is optional.
 */

/** IntegrationConsoleController.StatusCount. */
export interface StatusCount {
  status: string;
  label: string;
  count: number;
}

/** IntegrationConsoleController.ObjectCount. */
export interface ObjectCount {
  objectApiName?: string | null;
  isRegistered: boolean;
  pending: number;
  failed: number;
  dead: number;
  delivered: number;
}

/** The age bucket codes of IntegrationConsoleController.AgeBucket. */
export type AgeBucketCode = 'UNDER_1_HOUR' | 'HOURS_1_TO_24' | 'DAYS_1_TO_7' | 'OVER_7_DAYS';

/** IntegrationConsoleController.AgeBucket. */
export interface AgeBucket {
  bucket: AgeBucketCode;
  count: number;
}

/** IntegrationConsoleController.Summary. */
export interface Summary {
  byStatus: StatusCount[];
  byObject: ObjectCount[];
  byAge: AgeBucket[];
  deadCount: number;
  alertThreshold: number;
  aboveThreshold: boolean;
  canReplay: boolean;
  generatedAt: string;
}

/** IntegrationConsoleController.DeadLetter. */
export interface DeadLetter {
  id: string;
  name: string;
  status: string;
  direction?: string | null;
  channel?: string | null;
  messageType?: string | null;
  objectApiName?: string | null;
  recordId?: string | null;
  externalId?: string | null;
  correlationId?: string | null;
  attempts?: number | null;
  errorClass?: string | null;
  lastError?: string | null;
  payload?: string | null;
  response?: string | null;
  responseStatusCode?: number | null;
  createdDate: string;
  nextAttemptAt?: string | null;
}

/** The outcomes of MessageReplayService.ReplayResult. */
export type ReplayOutcome = 'Queued' | 'Republished' | 'Reprocessed' | 'Refused' | 'Failed';

/** MessageReplayService.ReplayResult. */
export interface ReplayResult {
  messageId: string;
  outcome: ReplayOutcome;
  detail?: string | null;
  replayMessageId?: string | null;
}

/** IntegrationConsoleController.ReconciliationRun. */
export interface ReconciliationRun {
  id: string;
  name: string;
  objectApiName?: string | null;
  status?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  salesforceRecordCount?: number | null;
  erpRecordCount?: number | null;
  matchedCount?: number | null;
  driftCount?: number | null;
  missingInErpCount?: number | null;
  missingInSalesforceCount?: number | null;
  isRepairEnabled?: boolean | null;
  error?: string | null;
  createdDate?: string | null;
}

/** IntegrationConsoleController.Drift. */
export interface Drift {
  id: string;
  name: string;
  driftType?: string | null;
  objectApiName?: string | null;
  recordId?: string | null;
  externalId?: string | null;
  fieldApiName?: string | null;
  salesforceValue?: string | null;
  erpValue?: string | null;
  resolution?: string | null;
}

/** What a wire adapter provisions. */
interface WireResult<T> {
  data?: T;
  error?: unknown;
}

/** The state of one data area, as the template renders it. */
interface AreaState<T> {
  isLoading: boolean;
  errorMessage?: string;
  isEmpty: boolean;
  rows: T[];
}

const AGE_LABELS: Record<AgeBucketCode, string> = {
  UNDER_1_HOUR: LABEL_AGE_UNDER_1_HOUR,
  HOURS_1_TO_24: LABEL_AGE_1_TO_24_HOURS,
  DAYS_1_TO_7: LABEL_AGE_1_TO_7_DAYS,
  OVER_7_DAYS: LABEL_AGE_OVER_7_DAYS
};

const OUTCOME_LABELS: Record<ReplayOutcome, string> = {
  Queued: LABEL_OUTCOME_QUEUED,
  Republished: LABEL_OUTCOME_REPUBLISHED,
  Reprocessed: LABEL_OUTCOME_REPROCESSED,
  Refused: LABEL_OUTCOME_REFUSED,
  Failed: LABEL_OUTCOME_FAILED
};

/** Outcomes that mean the message is on its way again. */
const REPLAYED_OUTCOMES: ReadonlySet<string> = new Set(['Queued', 'Republished', 'Reprocessed']);

const DATE_TIME_ATTRIBUTES = {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit'
};

const DEAD_LETTER_COLUMNS = [
  { label: LABEL_COLUMN_MESSAGE, fieldName: 'name', type: 'text', initialWidth: 130 },
  { label: LABEL_COLUMN_STATUS, fieldName: 'status', type: 'text', initialWidth: 90 },
  { label: LABEL_COLUMN_OBJECT, fieldName: 'objectApiName', type: 'text' },
  { label: LABEL_COLUMN_TYPE, fieldName: 'messageType', type: 'text' },
  { label: LABEL_COLUMN_ATTEMPTS, fieldName: 'attempts', type: 'number', initialWidth: 100 },
  { label: LABEL_COLUMN_ERROR_CLASS, fieldName: 'errorClass', type: 'text' },
  {
    label: LABEL_COLUMN_CREATED,
    fieldName: 'createdDate',
    type: 'date',
    typeAttributes: DATE_TIME_ATTRIBUTES
  },
  { label: LABEL_COLUMN_LAST_ERROR, fieldName: 'lastError', type: 'text', wrapText: false },
  {
    type: 'button',
    initialWidth: 110,
    typeAttributes: {
      label: LABEL_SHOW_DETAILS,
      name: 'show_details',
      title: LABEL_SHOW_DETAILS,
      variant: 'base'
    }
  }
];

const RUN_COLUMNS = [
  { label: LABEL_COLUMN_RUN, fieldName: 'name', type: 'text', initialWidth: 110 },
  { label: LABEL_COLUMN_OBJECT, fieldName: 'objectApiName', type: 'text' },
  { label: LABEL_COLUMN_STATUS, fieldName: 'status', type: 'text' },
  {
    label: LABEL_COLUMN_STARTED,
    fieldName: 'startedAt',
    type: 'date',
    typeAttributes: DATE_TIME_ATTRIBUTES
  },
  {
    label: LABEL_COLUMN_COMPLETED,
    fieldName: 'completedAt',
    type: 'date',
    typeAttributes: DATE_TIME_ATTRIBUTES
  },
  { label: LABEL_COLUMN_SALESFORCE_RECORDS, fieldName: 'salesforceRecordCount', type: 'number' },
  { label: LABEL_COLUMN_ERP_RECORDS, fieldName: 'erpRecordCount', type: 'number' },
  { label: LABEL_COLUMN_MATCHED, fieldName: 'matchedCount', type: 'number' },
  { label: LABEL_COLUMN_DRIFT, fieldName: 'driftCount', type: 'number' },
  { label: LABEL_COLUMN_MISSING_IN_ERP, fieldName: 'missingInErpCount', type: 'number' },
  {
    label: LABEL_COLUMN_MISSING_IN_SALESFORCE,
    fieldName: 'missingInSalesforceCount',
    type: 'number'
  },
  { label: LABEL_COLUMN_REPAIR, fieldName: 'isRepairEnabled', type: 'boolean' },
  { label: LABEL_COLUMN_ERROR, fieldName: 'error', type: 'text' }
];

const DRIFT_COLUMNS = [
  { label: LABEL_COLUMN_DRIFT_TYPE, fieldName: 'driftType', type: 'text' },
  { label: LABEL_COLUMN_OBJECT, fieldName: 'objectApiName', type: 'text' },
  { label: LABEL_RECORD_ID, fieldName: 'recordId', type: 'text' },
  { label: LABEL_EXTERNAL_ID, fieldName: 'externalId', type: 'text' },
  { label: LABEL_COLUMN_FIELD, fieldName: 'fieldApiName', type: 'text' },
  { label: LABEL_COLUMN_SALESFORCE_VALUE, fieldName: 'salesforceValue', type: 'text' },
  { label: LABEL_COLUMN_ERP_VALUE, fieldName: 'erpValue', type: 'text' },
  { label: LABEL_COLUMN_RESOLUTION, fieldName: 'resolution', type: 'text' }
];

/**
 * The readable messages of a wire, Apex or JavaScript error, joined: Apex and UI API errors carry
 * them in `body.message`, `body.pageErrors` or `body.fieldErrors` (and arrive alone or in an
 * array), JavaScript errors in `message`.
 */
export function reduceErrors(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list.flatMap((error) => messagesOf(error)).filter((text) => text.length > 0);
  return messages.length > 0 ? messages.join(', ') : LABEL_UNKNOWN_ERROR;
}

function messagesOf(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) {
    return typeof error === 'string' ? [error] : [];
  }
  const { body, message } = error as { body?: unknown; message?: unknown };
  if (Array.isArray(body)) {
    return body.flatMap((item) => messagesOf(item));
  }
  if (typeof body === 'object' && body !== null) {
    const {
      message: bodyMessage,
      pageErrors,
      fieldErrors
    } = body as {
      message?: unknown;
      pageErrors?: Array<{ message?: string }>;
      fieldErrors?: Record<string, Array<{ message?: string }>>;
    };
    const found = [
      ...(typeof bodyMessage === 'string' ? [bodyMessage] : []),
      ...(pageErrors ?? []).map((item) => item.message ?? ''),
      ...Object.values(fieldErrors ?? {})
        .flat()
        .map((item) => item.message ?? '')
    ];
    if (found.some((text) => text.length > 0)) {
      return found;
    }
  }
  return typeof message === 'string' ? [message] : [];
}

/** Shows JSON indented, so a payload reads well; other text as it is. */
function pretty(text: string | null | undefined): string {
  if (!text) {
    return LABEL_NONE;
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function areaState<T>(result: WireResult<T[]> | undefined): AreaState<T> {
  if (result?.error) {
    return { isLoading: false, errorMessage: reduceErrors(result.error), isEmpty: false, rows: [] };
  }
  const rows = result?.data;
  if (!rows) {
    return { isLoading: true, isEmpty: false, rows: [] };
  }
  return { isLoading: false, isEmpty: rows.length === 0, rows };
}

/**
 * The ERP integration console for integration support: message counts by status, object and
 * age with the dead-letter alert, the dead-letter queue with details and replay, and the latest
 * reconciliation runs with the drift of the selected run.
 */
export default class IntegrationConsole extends LightningElement {
  readonly labels = {
    title: LABEL_TITLE,
    loading: LABEL_LOADING,
    refresh: LABEL_REFRESH,
    generatedAt: LABEL_GENERATED_AT,
    alertIcon: LABEL_ALERT_ICON,
    summaryHeading: LABEL_SUMMARY_HEADING,
    summaryLoadError: LABEL_SUMMARY_LOAD_ERROR,
    byStatusHeading: LABEL_BY_STATUS_HEADING,
    byObjectHeading: LABEL_BY_OBJECT_HEADING,
    byObjectEmpty: LABEL_BY_OBJECT_EMPTY,
    byAgeHeading: LABEL_BY_AGE_HEADING,
    columnObject: LABEL_COLUMN_OBJECT,
    statusPending: LABEL_STATUS_PENDING,
    statusFailed: LABEL_STATUS_FAILED,
    statusDead: LABEL_STATUS_DEAD,
    statusDelivered: LABEL_STATUS_DELIVERED,
    deadLettersHeading: LABEL_DEAD_LETTERS_HEADING,
    deadLettersLoadError: LABEL_DEAD_LETTERS_LOAD_ERROR,
    deadLettersEmpty: LABEL_DEAD_LETTERS_EMPTY,
    objectFilter: LABEL_OBJECT_FILTER,
    detailPrompt: LABEL_DETAIL_PROMPT,
    lastError: LABEL_COLUMN_LAST_ERROR,
    payload: LABEL_PAYLOAD,
    response: LABEL_RESPONSE,
    responseStatus: LABEL_RESPONSE_STATUS,
    correlationId: LABEL_CORRELATION_ID,
    recordId: LABEL_RECORD_ID,
    externalId: LABEL_EXTERNAL_ID,
    replaySelected: LABEL_REPLAY_SELECTED,
    replayNotAllowed: LABEL_REPLAY_NOT_ALLOWED,
    replayInProgress: LABEL_REPLAY_IN_PROGRESS,
    replayResultsHeading: LABEL_REPLAY_RESULTS_HEADING,
    replayErrorTitle: LABEL_REPLAY_ERROR_TITLE,
    runsHeading: LABEL_RUNS_HEADING,
    runsLoadError: LABEL_RUNS_LOAD_ERROR,
    runsEmpty: LABEL_RUNS_EMPTY,
    driftPrompt: LABEL_DRIFT_PROMPT,
    driftLoadError: LABEL_DRIFT_LOAD_ERROR,
    driftEmpty: LABEL_DRIFT_EMPTY
  };

  readonly deadLetterColumns = DEAD_LETTER_COLUMNS;
  readonly runColumns = RUN_COLUMNS;
  readonly driftColumns = DRIFT_COLUMNS;

  /** Object API name the dead letters are filtered by; empty for every object. */
  objectFilter = ALL_OBJECTS;
  /** IDs of the dead letters selected for replay. */
  selectedIds: string[] = [];
  /** The dead letter whose details were asked for with its row button. */
  detailId?: string;
  /** The reconciliation run whose drift is shown. */
  selectedRunId?: string;

  isReplaying = false;
  replayResults?: ReplayResult[];
  replayErrorMessage?: string;

  summaryResult?: WireResult<Summary>;
  deadLetterResult?: WireResult<DeadLetter[]>;
  runResult?: WireResult<ReconciliationRun[]>;
  driftResult?: WireResult<Drift[]>;

  @wire(getSummary)
  wiredSummary(result: WireResult<Summary>): void {
    this.summaryResult = result;
  }

  @wire(getDeadLetters, { maxRows: DEAD_LETTER_ROWS, objectApiName: '$objectFilter' })
  wiredDeadLetters(result: WireResult<DeadLetter[]>): void {
    this.deadLetterResult = result;
  }

  @wire(getReconciliationRuns, { maxRuns: RUN_ROWS })
  wiredRuns(result: WireResult<ReconciliationRun[]>): void {
    this.runResult = result;
  }

  @wire(getDrift, { runId: '$selectedRunId', maxRows: DRIFT_ROWS })
  wiredDrift(result: WireResult<Drift[]>): void {
    this.driftResult = result;
  }

  // Summary ---------------------------------------------------------------------------------

  get summary(): Summary | undefined {
    return this.summaryResult?.data;
  }

  get isSummaryLoading(): boolean {
    return !this.summary && !this.summaryResult?.error;
  }

  get summaryErrorMessage(): string | undefined {
    return this.summaryResult?.error ? reduceErrors(this.summaryResult.error) : undefined;
  }

  get alertText(): string | undefined {
    const summary = this.summary;
    return summary?.aboveThreshold
      ? format(LABEL_ALERT_ABOVE_THRESHOLD, summary.deadCount, summary.alertThreshold)
      : undefined;
  }

  get statusTiles(): Array<StatusCount & { key: string }> {
    return (this.summary?.byStatus ?? []).map((entry) => ({ ...entry, key: entry.status }));
  }

  get objectRows(): Array<ObjectCount & { key: string; name: string }> {
    return (this.summary?.byObject ?? []).map((entry) => ({
      ...entry,
      key: entry.objectApiName ?? '',
      name: entry.objectApiName ?? LABEL_NO_OBJECT
    }));
  }

  get hasObjectRows(): boolean {
    return this.objectRows.length > 0;
  }

  get ageRows(): Array<AgeBucket & { label: string }> {
    return (this.summary?.byAge ?? []).map((entry) => ({
      ...entry,
      label: AGE_LABELS[entry.bucket] ?? entry.bucket
    }));
  }

  get objectOptions(): Array<{ label: string; value: string }> {
    const registered = (this.summary?.byObject ?? [])
      .filter((entry) => entry.isRegistered && entry.objectApiName)
      .map((entry) => ({
        label: entry.objectApiName as string,
        value: entry.objectApiName as string
      }));
    return [{ label: LABEL_ALL_OBJECTS, value: ALL_OBJECTS }, ...registered];
  }

  get canReplay(): boolean {
    return this.summary?.canReplay === true;
  }

  /** Whether to explain that the user may look but not replay. */
  get showReplayNotAllowed(): boolean {
    return this.summary !== undefined && !this.canReplay;
  }

  // Dead letters ----------------------------------------------------------------------------

  get deadLetters(): AreaState<DeadLetter> {
    return areaState(this.deadLetterResult);
  }

  get isReplayDisabled(): boolean {
    return this.isReplaying || this.selectedIds.length === 0;
  }

  get selectedCountText(): string {
    return format(LABEL_SELECTED_COUNT, this.selectedIds.length);
  }

  /** The dead letter whose details show: the one asked for, else the first selected one. */
  get detail():
    | (DeadLetter & {
        heading: string;
        lastErrorText: string;
        payloadText: string;
        responseText: string;
        correlationIdText: string;
        responseStatusText: string;
      })
    | undefined {
    const rows = this.deadLetters.rows;
    const row =
      rows.find((candidate) => candidate.id === this.detailId) ??
      rows.find((candidate) => this.selectedIds.includes(candidate.id));
    if (!row) {
      return undefined;
    }
    return {
      ...row,
      heading: format(LABEL_DETAIL_HEADING, row.name),
      lastErrorText: row.lastError || LABEL_NONE,
      payloadText: pretty(row.payload),
      responseText: pretty(row.response),
      correlationIdText: row.correlationId || LABEL_NONE,
      responseStatusText:
        row.responseStatusCode === undefined || row.responseStatusCode === null
          ? LABEL_NONE
          : String(row.responseStatusCode)
    };
  }

  get replayResultRows(): Array<{
    key: string;
    name: string;
    outcomeLabel: string;
    detail: string;
    className: string;
  }> {
    const names = new Map(this.deadLetters.rows.map((row) => [row.id, row.name]));
    return (this.replayResults ?? []).map((result) => ({
      key: result.messageId,
      name: names.get(result.messageId) ?? result.messageId,
      outcomeLabel: OUTCOME_LABELS[result.outcome] ?? result.outcome,
      detail: result.detail ?? '',
      className: REPLAYED_OUTCOMES.has(result.outcome)
        ? 'slds-text-color_success'
        : 'slds-text-color_error'
    }));
  }

  get hasReplayResults(): boolean {
    return this.replayResultRows.length > 0;
  }

  handleObjectFilterChange(event: CustomEvent<{ value: string }>): void {
    this.objectFilter = event.detail.value;
    this.selectedIds = [];
    this.detailId = undefined;
  }

  handleRowSelection(event: CustomEvent<{ selectedRows: DeadLetter[] }>): void {
    this.selectedIds = event.detail.selectedRows.map((row) => row.id);
  }

  handleRowAction(event: CustomEvent<{ action: { name: string }; row: DeadLetter }>): void {
    if (event.detail.action.name === 'show_details') {
      this.detailId = event.detail.row.id;
    }
  }

  async handleReplay(): Promise<void> {
    const messageIds = [...this.selectedIds];
    this.isReplaying = true;
    this.replayErrorMessage = undefined;
    this.replayResults = undefined;
    try {
      const results = (await replayMessages({ messageIds })) as ReplayResult[];
      this.replayResults = results;
      this.selectedIds = [];
      this.toastResults(results);
      await this.refreshMessages();
    } catch (error) {
      this.replayErrorMessage = reduceErrors(error);
      this.dispatchEvent(
        new ShowToastEvent({
          title: LABEL_REPLAY_ERROR_TITLE,
          message: this.replayErrorMessage,
          variant: 'error'
        })
      );
    } finally {
      this.isReplaying = false;
    }
  }

  async handleRefresh(): Promise<void> {
    try {
      await Promise.all([this.refreshMessages(), refreshApex(this.runResult)]);
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({
          title: LABEL_UNKNOWN_ERROR,
          message: reduceErrors(error),
          variant: 'error'
        })
      );
    }
  }

  private toastResults(results: ReplayResult[]): void {
    const replayed = results.filter((result) => REPLAYED_OUTCOMES.has(result.outcome)).length;
    const notReplayed = results.length - replayed;
    this.dispatchEvent(
      notReplayed === 0
        ? new ShowToastEvent({
            title: LABEL_REPLAY_SUCCESS_TITLE,
            message: format(LABEL_REPLAY_SUCCESS, replayed, results.length),
            variant: 'success'
          })
        : new ShowToastEvent({
            title: LABEL_REPLAY_PARTIAL_TITLE,
            message: format(LABEL_REPLAY_PARTIAL, replayed, results.length, notReplayed),
            variant: 'warning',
            mode: 'sticky'
          })
    );
  }

  private async refreshMessages(): Promise<void> {
    await Promise.all([refreshApex(this.summaryResult), refreshApex(this.deadLetterResult)]);
  }

  // Reconciliation --------------------------------------------------------------------------

  get runs(): AreaState<ReconciliationRun> {
    return areaState(this.runResult);
  }

  get selectedRunIds(): string[] {
    return this.selectedRunId ? [this.selectedRunId] : [];
  }

  get driftHeading(): string | undefined {
    const run = this.runs.rows.find((candidate) => candidate.id === this.selectedRunId);
    return run ? format(LABEL_DRIFT_HEADING, run.name) : undefined;
  }

  get drift(): AreaState<Drift> | undefined {
    return this.selectedRunId ? areaState(this.driftResult) : undefined;
  }

  handleRunSelection(event: CustomEvent<{ selectedRows: ReconciliationRun[] }>): void {
    const [run] = event.detail.selectedRows;
    if (run?.id !== this.selectedRunId) {
      // The drift of the previous run must not show under the new run's heading.
      this.driftResult = undefined;
    }
    this.selectedRunId = run?.id;
  }
}
