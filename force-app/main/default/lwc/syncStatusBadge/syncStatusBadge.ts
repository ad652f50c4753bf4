import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getSyncStatus from '@salesforce/apex/SyncStatusController.getSyncStatus';
import LABEL_TITLE from '@salesforce/label/c.SyncStatus_Title';
import LABEL_LOADING from '@salesforce/label/c.SyncStatus_Loading';
import LABEL_REFRESH from '@salesforce/label/c.SyncStatus_Refresh';
import LABEL_ICON_ALTERNATIVE_TEXT from '@salesforce/label/c.SyncStatus_IconAlternativeText';
import LABEL_SYNCED from '@salesforce/label/c.SyncStatus_Synced';
import LABEL_PENDING from '@salesforce/label/c.SyncStatus_Pending';
import LABEL_FAILED from '@salesforce/label/c.SyncStatus_Failed';
import LABEL_NEVER_SYNCED from '@salesforce/label/c.SyncStatus_NeverSynced';
import LABEL_LAST_SYNCED from '@salesforce/label/c.SyncStatus_LastSynced';
import LABEL_FAILED_COUNT from '@salesforce/label/c.SyncStatus_FailedCount';
import LABEL_STALE from '@salesforce/label/c.SyncStatus_Stale';
import LABEL_STALE_HINT from '@salesforce/label/c.SyncStatus_StaleHint';
import LABEL_LAST_ERROR from '@salesforce/label/c.SyncStatus_LastError';
import LABEL_REFERENCE from '@salesforce/label/c.SyncStatus_Reference';
import LABEL_LOAD_ERROR from '@salesforce/label/c.SyncStatus_LoadError';
import LABEL_UNKNOWN_ERROR from '@salesforce/label/c.SyncStatus_UnknownError';

/** The status codes SyncStatusController.getSyncStatus returns. */
export type SyncStatusCode = 'SYNCED' | 'PENDING' | 'FAILED' | 'NEVER_SYNCED';

/**
 * SyncStatusController.SyncStatus as it arrives in JavaScript. Apex leaves null properties out
 * of the response, so every nullable property is optional.
 */
export interface SyncStatus {
  recordId: string;
  status: SyncStatusCode;
  /** ISO 8601 time of the latest delivered message's processing. */
  lastSyncedAt?: string | null;
  failedCount: number;
  lastError?: string | null;
  lastCorrelationId?: string | null;
}

/** What a wire adapter provisions. */
interface WireResult<T> {
  data?: T;
  error?: unknown;
}

interface StatusPresentation {
  label: string;
  iconName: string;
  themeClass: string;
  /** Icons on dark badges are drawn white. */
  iconVariant?: 'inverse';
}

/** A synced record counts as stale when its last sync is older than this. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

const PRESENTATION: Record<SyncStatusCode, StatusPresentation> = {
  SYNCED: {
    label: LABEL_SYNCED,
    iconName: 'utility:success',
    themeClass: 'slds-theme_success',
    iconVariant: 'inverse'
  },
  PENDING: { label: LABEL_PENDING, iconName: 'utility:clock', themeClass: 'slds-theme_warning' },
  FAILED: {
    label: LABEL_FAILED,
    iconName: 'utility:error',
    themeClass: 'slds-theme_error',
    iconVariant: 'inverse'
  },
  NEVER_SYNCED: {
    label: LABEL_NEVER_SYNCED,
    iconName: 'utility:info',
    themeClass: 'slds-badge_lightest'
  }
};

/**
 * Reads a readable message from a wire or refresh error: Apex and UI API errors carry it in
 * `body.message`, JavaScript errors in `message`.
 */
function toErrorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { body, message } = error as { body?: { message?: unknown }; message?: unknown };
    if (typeof body?.message === 'string' && body.message) {
      return body.message;
    }
    if (typeof message === 'string' && message) {
      return message;
    }
  }
  return LABEL_UNKNOWN_ERROR;
}

/** The template's view of a status: every value it renders, already decided. */
interface StatusView {
  label: string;
  iconName: string;
  iconVariant?: 'inverse';
  badgeClass: string;
  lastSyncedAt?: string;
  isStale: boolean;
  failedCountText?: string;
  lastError?: string;
  lastCorrelationId?: string;
}

function toView(syncStatus: SyncStatus, now: number): StatusView {
  // A status this version doesn't know yet reads as not confirmed, like PENDING.
  const presentation = PRESENTATION[syncStatus.status] ?? PRESENTATION.PENDING;
  const lastSyncedAt = syncStatus.lastSyncedAt ?? undefined;
  const isFailed = syncStatus.status === 'FAILED';
  return {
    label: presentation.label,
    iconName: presentation.iconName,
    iconVariant: presentation.iconVariant,
    badgeClass: `slds-badge ${presentation.themeClass}`,
    lastSyncedAt,
    isStale:
      syncStatus.status === 'SYNCED' &&
      lastSyncedAt !== undefined &&
      now - Date.parse(lastSyncedAt) > STALE_AFTER_MS,
    failedCountText:
      syncStatus.failedCount > 0
        ? LABEL_FAILED_COUNT.replace('{0}', String(syncStatus.failedCount))
        : undefined,
    // The error and the reference to quote to support matter only while the record fails.
    lastError: isFailed ? (syncStatus.lastError ?? undefined) : undefined,
    lastCorrelationId: isFailed ? (syncStatus.lastCorrelationId ?? undefined) : undefined
  };
}

/**
 * Shows whether a record is in sync with the ERP: a status badge (Synced, Pending, Failed,
 * Never synced) from its integration messages, when it last synced, how many messages failed,
 * and a stale hint when the last sync is more than a day old.
 */
export default class SyncStatusBadge extends LightningElement {
  /** ID of the record the badge is about; set by the record page or the Experience site. */
  @api recordId?: string;

  readonly labels = {
    title: LABEL_TITLE,
    loading: LABEL_LOADING,
    refresh: LABEL_REFRESH,
    iconAlternativeText: LABEL_ICON_ALTERNATIVE_TEXT,
    lastSynced: LABEL_LAST_SYNCED,
    stale: LABEL_STALE,
    staleHint: LABEL_STALE_HINT,
    lastError: LABEL_LAST_ERROR,
    reference: LABEL_REFERENCE,
    loadError: LABEL_LOAD_ERROR
  };

  /** What the template shows for the current status; undefined until a status arrives. */
  view?: StatusView;
  errorMessage?: string;
  isRefreshing = false;

  /** The provisioned value as a whole, which refreshApex needs. */
  private wiredSyncStatus?: WireResult<SyncStatus>;

  @wire(getSyncStatus, { recordId: '$recordId' })
  wiredGetSyncStatus(result: WireResult<SyncStatus>): void {
    this.wiredSyncStatus = result;
    const { data, error } = result;
    if (data) {
      this.view = toView(data, Date.now());
      this.errorMessage = undefined;
    } else if (error) {
      this.showError(error);
    }
  }

  get isLoading(): boolean {
    return this.isRefreshing || (!this.view && !this.errorMessage);
  }

  async handleRefresh(): Promise<void> {
    this.isRefreshing = true;
    try {
      await refreshApex(this.wiredSyncStatus);
    } catch (error) {
      this.showError(error);
    } finally {
      this.isRefreshing = false;
    }
  }

  private showError(error: unknown): void {
    this.view = undefined;
    this.errorMessage = toErrorMessage(error);
  }
}
