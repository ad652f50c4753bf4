import { createElement } from 'lwc';
import SyncStatusBadge from 'c/syncStatusBadge';
import getSyncStatus from '@salesforce/apex/SyncStatusController.getSyncStatus';
import { refreshApex } from '@salesforce/apex';
import mockSynced from './data/getSyncStatusSynced.json';
import mockPending from './data/getSyncStatusPending.json';
import mockFailed from './data/getSyncStatusFailed.json';
import mockNeverSynced from './data/getSyncStatusNeverSynced.json';
import {
  flushPromises,
  query,
  queryAll,
  resetDom
} from '../../../../../test/jest-mocks/support/dom';

jest.mock(
  '@salesforce/apex/SyncStatusController.getSyncStatus',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true
});

// In jest a label import yields its name; this one needs its placeholder to show the count.
jest.mock(
  '@salesforce/label/c.SyncStatus_FailedCount',
  () => ({ default: 'Failed messages: {0}' }),
  {
    virtual: true
  }
);

/** The test side of the Apex wire adapter mock. */
interface ApexTestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}

const getSyncStatusAdapter = getSyncStatus as unknown as ApexTestWireAdapter;
const refreshApexMock = jest.mocked(refreshApex);

const RECORD_ID = '001000000000001AAA';
const HOUR_MS = 60 * 60 * 1000;

function createBadge(): HTMLElement {
  const element = createElement('c-sync-status-badge', { is: SyncStatusBadge });
  element.recordId = RECORD_ID;
  document.body.appendChild(element);
  return element;
}

/** Pretends the current time is `hours` after the fixture's last sync. */
function setNowHoursAfterLastSync(hours: number): void {
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse(mockSynced.lastSyncedAt) + hours * HOUR_MS);
}

describe('c-sync-status-badge', () => {
  afterEach(() => {
    resetDom();
    jest.mocked(Date.now).mockRestore?.();
  });

  it('asks for the status of its record', async () => {
    // Given / When
    createBadge();
    await flushPromises();

    // Then
    expect(getSyncStatusAdapter.getLastConfig()).toEqual({ recordId: RECORD_ID });
  });

  it('shows a spinner with alternative text while loading', async () => {
    // Given / When: no wire value yet
    const element = createBadge();
    await flushPromises();

    // Then
    const spinner = query(element, 'lightning-spinner');
    expect(spinner?.alternativeText).toBe('c.SyncStatus_Loading');
    expect(query(element, '[data-id="status-badge"]')).toBeNull();
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);
  });

  it('shows a green Synced badge with the last synced time', async () => {
    // Given
    setNowHoursAfterLastSync(1);
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // Then
    expect(query(element, 'lightning-spinner')).toBeNull();
    const badge = query(element, '[data-id="status-badge"]');
    expect(badge?.textContent?.trim()).toBe('c.SyncStatus_Synced');
    expect(badge?.classList).toContain('slds-theme_success');
    const icon = query(element, '[data-id="status-badge"] lightning-icon');
    expect(icon?.iconName).toBe('utility:success');
    expect(icon?.variant).toBe('inverse');
    const time = query(element, '[data-id="last-synced"] lightning-formatted-date-time');
    expect(time?.value).toBe(mockSynced.lastSyncedAt);
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(query(element, '[data-id="failed-count"]')).toBeNull();
    expect(query(element, '[data-id="last-error"]')).toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(false);
  });

  it('marks a synced record as stale when the last sync is older than 24 hours', async () => {
    // Given
    setNowHoursAfterLastSync(25);
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // Then
    const stale = query(element, '[data-id="stale"]');
    expect(stale?.textContent).toContain('c.SyncStatus_Stale');
    expect(stale?.textContent).toContain('c.SyncStatus_StaleHint');
    expect(query(element, '[data-id="status-badge"]')?.textContent?.trim()).toBe(
      'c.SyncStatus_Synced'
    );
  });

  it('does not mark a synced record as stale before 24 hours have passed', async () => {
    // Given
    setNowHoursAfterLastSync(23.9);
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // Then
    expect(query(element, '[data-id="stale"]')).toBeNull();
  });

  it('shows a Pending badge, never stale, with the last synced time', async () => {
    // Given: an old last sync does not make a pending record stale
    setNowHoursAfterLastSync(48);
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockPending);
    await flushPromises();

    // Then
    const badge = query(element, '[data-id="status-badge"]');
    expect(badge?.textContent?.trim()).toBe('c.SyncStatus_Pending');
    expect(badge?.classList).toContain('slds-theme_warning');
    expect(query(element, '[data-id="status-badge"] lightning-icon')?.iconName).toBe(
      'utility:clock'
    );
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(query(element, '[data-id="last-synced"] lightning-formatted-date-time')?.value).toBe(
      mockPending.lastSyncedAt
    );
    expect(query(element, '[data-id="correlation-id"]')).toBeNull();
  });

  it('shows a red Failed badge with the failed message count, last error and reference', async () => {
    // Given
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockFailed);
    await flushPromises();

    // Then
    const badge = query(element, '[data-id="status-badge"]');
    expect(badge?.textContent?.trim()).toBe('c.SyncStatus_Failed');
    expect(badge?.classList).toContain('slds-theme_error');
    expect(query(element, '[data-id="failed-count"]')?.textContent?.trim()).toBe(
      'Failed messages: 2'
    );
    expect(query(element, '[data-id="last-error"]')?.textContent?.trim()).toBe(
      mockFailed.lastError
    );
    expect(query(element, '[data-id="correlation-id"]')?.textContent?.trim()).toBe(
      mockFailed.lastCorrelationId
    );
  });

  it('shows a Never synced badge without time or count', async () => {
    // Given
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockNeverSynced);
    await flushPromises();

    // Then
    const badge = query(element, '[data-id="status-badge"]');
    expect(badge?.textContent?.trim()).toBe('c.SyncStatus_NeverSynced');
    expect(badge?.classList).toContain('slds-badge_lightest');
    expect(query(element, '[data-id="last-synced"]')).toBeNull();
    expect(query(element, '[data-id="failed-count"]')).toBeNull();
    expect(query(element, '[data-id="stale"]')).toBeNull();
  });

  it('shows a status it does not know as Pending', async () => {
    // Given
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit({ ...mockSynced, status: 'ARCHIVED' });
    await flushPromises();

    // Then
    expect(query(element, '[data-id="status-badge"]')?.textContent?.trim()).toBe(
      'c.SyncStatus_Pending'
    );
    expect(query(element, '[data-id="stale"]')).toBeNull();
  });

  it('shows the message of an Apex error in an alert', async () => {
    // Given
    const element = createBadge();
    const message = 'You do not have access to ERP Bridge integration messages.';

    // When
    getSyncStatusAdapter.error({ message });
    await flushPromises();

    // Then
    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('c.SyncStatus_LoadError');
    expect(alert?.textContent).toContain(message);
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="status-badge"]')).toBeNull();
  });

  it('shows a generic message for an error without a readable message', async () => {
    // Given
    const element = createBadge();

    // When
    getSyncStatusAdapter.error({});
    await flushPromises();

    // Then
    expect(query(element, '[data-id="error"]')?.textContent).toContain('c.SyncStatus_UnknownError');
  });

  it('replaces an error with the status once data arrives', async () => {
    // Given
    const element = createBadge();
    getSyncStatusAdapter.error({ message: 'Temporary failure' });
    await flushPromises();

    // When
    getSyncStatusAdapter.emit(mockFailed);
    await flushPromises();

    // Then
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(query(element, '[data-id="status-badge"]')).not.toBeNull();
  });

  it('refreshes the wired status when the refresh button is clicked', async () => {
    // Given
    const element = createBadge();
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(refreshApexMock).toHaveBeenCalledTimes(1);
    expect(refreshApexMock).toHaveBeenCalledWith(expect.objectContaining({ data: mockSynced }));
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(false);
  });

  it('shows a spinner while refreshing', async () => {
    // Given
    let finishRefresh: () => void = () => undefined;
    refreshApexMock.mockReturnValueOnce(new Promise<void>((resolve) => (finishRefresh = resolve)));
    const element = createBadge();
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(query(element, 'lightning-spinner')).not.toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);
    finishRefresh();
    await flushPromises();
    expect(query(element, 'lightning-spinner')).toBeNull();
  });

  it('shows the error when the refresh fails', async () => {
    // Given
    refreshApexMock.mockRejectedValueOnce(new Error('Network unavailable'));
    const element = createBadge();
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(query(element, '[data-id="error"]')?.textContent).toContain('Network unavailable');
    expect(query(element, '[data-id="status-badge"]')).toBeNull();
  });

  it('is accessible: named controls, labelled icons and a live status region', async () => {
    // Given
    setNowHoursAfterLastSync(25);
    const element = createBadge();

    // When
    getSyncStatusAdapter.emit(mockSynced);
    await flushPromises();

    // Then
    const buttons = queryAll(element, 'lightning-button-icon, lightning-button, button');
    expect(buttons.length).toBeGreaterThan(0);
    buttons.forEach((button) => {
      const name = button.alternativeText ?? button.label ?? button.textContent;
      expect(typeof name === 'string' && name.trim().length > 0).toBe(true);
    });
    queryAll(element, 'lightning-icon').forEach((icon) => {
      expect(icon.alternativeText).toBeTruthy();
    });
    expect(query(element, '[data-id="status-region"]')?.getAttribute('aria-live')).toBe('polite');
    expect(query(element, '[data-id="status-region"] [data-id="status-badge"]')).not.toBeNull();
    // The stale hint is not conveyed by colour or a tooltip only.
    expect(query(element, '[data-id="stale"] .slds-assistive-text')?.textContent).toBe(
      'c.SyncStatus_StaleHint'
    );
  });
});
