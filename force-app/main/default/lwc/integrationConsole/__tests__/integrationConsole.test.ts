import { createElement } from 'lwc';
import IntegrationConsole from '../integrationConsole';
import getSummary from '@salesforce/apex/IntegrationConsoleController.getSummary';
import getDeadLetters from '@salesforce/apex/IntegrationConsoleController.getDeadLetters';
import replayMessages from '@salesforce/apex/IntegrationConsoleController.replayMessages';
import getReconciliationRuns from '@salesforce/apex/IntegrationConsoleController.getReconciliationRuns';
import getDrift from '@salesforce/apex/IntegrationConsoleController.getDrift';
import { refreshApex } from '@salesforce/apex';
import mockSummary from './data/getSummary.json';
import mockSummaryAboveThreshold from './data/getSummaryAboveThreshold.json';
import mockDeadLetters from './data/getDeadLetters.json';
import mockReplayResults from './data/replayMessages.json';
import mockReplayWithRefusals from './data/replayMessagesWithRefusals.json';
import mockRuns from './data/getReconciliationRuns.json';
import mockDrift from './data/getDrift.json';
import {
  flushPromises,
  query,
  queryAll,
  text,
  listenForToasts,
  resetDom
} from '../../../../../test/jest-mocks/support/dom';

jest.mock(
  '@salesforce/apex/IntegrationConsoleController.getSummary',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/IntegrationConsoleController.getDeadLetters',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/IntegrationConsoleController.getReconciliationRuns',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/IntegrationConsoleController.getDrift',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/IntegrationConsoleController.replayMessages',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), {
  virtual: true
});

// In jest a label import yields its name; these need their placeholders to show the values.
jest.mock(
  '@salesforce/label/c.IntegrationConsole_AlertAboveThreshold',
  () => ({ default: '{0} dead, threshold {1}' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.IntegrationConsole_ReplaySuccess',
  () => ({ default: '{0} of {1} replayed' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.IntegrationConsole_ReplayPartial',
  () => ({ default: '{0} of {1} replayed, {2} not' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.IntegrationConsole_SelectedCount',
  () => ({ default: '{0} selected' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.IntegrationConsole_DetailHeading',
  () => ({ default: 'Message {0}' }),
  { virtual: true }
);
jest.mock(
  '@salesforce/label/c.IntegrationConsole_DriftHeading',
  () => ({ default: 'Drift of {0}' }),
  { virtual: true }
);

/** The test side of the Apex wire adapter mock. */
interface ApexTestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}

const getSummaryAdapter = getSummary as unknown as ApexTestWireAdapter;
const getDeadLettersAdapter = getDeadLetters as unknown as ApexTestWireAdapter;
const getRunsAdapter = getReconciliationRuns as unknown as ApexTestWireAdapter;
const getDriftAdapter = getDrift as unknown as ApexTestWireAdapter;
const replayMessagesMock = jest.mocked(replayMessages as unknown as jest.Mock);
const refreshApexMock = jest.mocked(refreshApex);

function createConsole(): HTMLElement {
  const element = createElement('c-integration-console', { is: IntegrationConsole });
  document.body.appendChild(element);
  return element;
}

/** Selects dead letters in the table, as a user ticking their checkboxes. */
function selectDeadLetters(element: HTMLElement, rows: unknown[]): void {
  query(element, '[data-id="dead-letter-table"]')?.dispatchEvent(
    new CustomEvent('rowselection', { detail: { selectedRows: rows } })
  );
}

/** A console with summary and dead letters loaded. */
async function createLoadedConsole(summary: unknown = mockSummary): Promise<HTMLElement> {
  const element = createConsole();
  getSummaryAdapter.emit(summary);
  getDeadLettersAdapter.emit(mockDeadLetters);
  await flushPromises();
  return element;
}

describe('c-integration-console', () => {
  afterEach(() => {
    resetDom();
  });

  describe('summary', () => {
    it('shows a spinner with alternative text while the summary loads', async () => {
      // Given / When
      const element = createConsole();
      await flushPromises();

      // Then
      expect(query(element, '[data-id="summary-loading"] lightning-spinner')?.alternativeText).toBe(
        'c.IntegrationConsole_Loading'
      );
      expect(query(element, '[data-id="status-tiles"]')).toBeNull();
      expect(query(element, '[data-id="alert"]')).toBeNull();
    });

    it('shows the message of an Apex error in an alert', async () => {
      // Given
      const element = createConsole();
      const message = "You can't use the ERP integration console.";

      // When
      getSummaryAdapter.error({ message });
      await flushPromises();

      // Then
      const alert = query(element, '[data-id="summary-error"]');
      expect(alert?.getAttribute('role')).toBe('alert');
      expect(alert?.textContent).toContain('c.IntegrationConsole_SummaryLoadError');
      expect(alert?.textContent).toContain(message);
      expect(query(element, '[data-id="summary-loading"]')).toBeNull();
    });

    it('shows a generic message for an error without a readable message', async () => {
      // Given
      const element = createConsole();

      // When
      getSummaryAdapter.error({});
      await flushPromises();

      // Then
      expect(text(element, '[data-id="summary-error"]')).toContain(
        'c.IntegrationConsole_UnknownError'
      );
    });

    it('shows counts by status, by object and by age', async () => {
      // Given
      const element = createConsole();

      // When
      getSummaryAdapter.emit(mockSummary);
      await flushPromises();

      // Then: a tile per status, zero included
      const tiles = queryAll(element, '[data-id="status-tiles"] li');
      expect(tiles.map((tile) => tile.dataset.status)).toEqual(
        mockSummary.byStatus.map((entry) => entry.status)
      );
      expect(text(element, '[data-status="Dead"] [data-id="tile-count"]')).toBe('3');
      expect(text(element, '[data-status="Dead"] [data-id="tile-label"]')).toBe('Dead');
      expect(text(element, '[data-status="Rejected"] [data-id="tile-count"]')).toBe('0');
      // A row per object; messages without object under their own name
      const objectRows = queryAll(element, '[data-id="object-table"] tbody tr');
      expect(objectRows).toHaveLength(4);
      const accountCells = Array.from(
        query(element, '[data-object="Account"]')?.querySelectorAll('th, td') ?? []
      ).map((cell) => cell.textContent?.trim());
      expect(accountCells).toEqual(['Account', '10', '1', '2', '3900']);
      expect(text(element, '[data-object=""] th')).toBe('c.IntegrationConsole_NoObject');
      // The age buckets in order, with their labels
      expect(
        queryAll(element, '[data-id="age-buckets"] [data-id="age-label"]').map((label) =>
          label.textContent?.trim()
        )
      ).toEqual([
        'c.IntegrationConsole_AgeUnder1Hour',
        'c.IntegrationConsole_Age1To24Hours',
        'c.IntegrationConsole_Age1To7Days',
        'c.IntegrationConsole_AgeOver7Days'
      ]);
      expect(text(element, '[data-bucket="DAYS_1_TO_7"] [data-id="age-count"]')).toBe('3');
      expect(query(element, '[data-id="generated-at"]')?.value).toBe(mockSummary.generatedAt);
    });

    it('shows an age bucket or status this version does not know under its code', async () => {
      // Given
      const element = createConsole();

      // When
      getSummaryAdapter.emit({
        ...mockSummary,
        byAge: [{ bucket: 'OVER_30_DAYS', count: 5 }]
      });
      await flushPromises();

      // Then
      expect(text(element, '[data-bucket="OVER_30_DAYS"] [data-id="age-label"]')).toBe(
        'OVER_30_DAYS'
      );
    });

    it('says so when no message can be counted by object', async () => {
      // Given
      const element = createConsole();

      // When
      getSummaryAdapter.emit(mockSummaryAboveThreshold);
      await flushPromises();

      // Then
      expect(query(element, '[data-id="object-table"]')).toBeNull();
      expect(text(element, '[data-id="object-empty"]')).toBe('c.IntegrationConsole_ByObjectEmpty');
    });

    it('shows the dead-letter alert with count and threshold when the threshold is reached', async () => {
      // Given
      const element = createConsole();

      // When
      getSummaryAdapter.emit(mockSummaryAboveThreshold);
      await flushPromises();

      // Then
      const alert = query(element, '[data-id="alert"]');
      expect(alert?.getAttribute('role')).toBe('alert');
      expect(alert?.textContent).toContain('31 dead, threshold 25');
      // Not conveyed by colour only: an icon with text and the sentence itself
      expect(query(element, '[data-id="alert"] lightning-icon')?.alternativeText).toBe(
        'c.IntegrationConsole_AlertIcon'
      );
    });

    it('shows no alert below the threshold', async () => {
      // Given
      const element = createConsole();

      // When
      getSummaryAdapter.emit(mockSummary);
      await flushPromises();

      // Then
      expect(query(element, '[data-id="alert"]')).toBeNull();
    });

    it('refreshes every area when the refresh button is clicked', async () => {
      // Given
      const element = await createLoadedConsole();
      getRunsAdapter.emit(mockRuns);
      await flushPromises();

      // When
      query(element, '[data-id="refresh"]')?.click();
      await flushPromises();

      // Then
      expect(refreshApexMock).toHaveBeenCalledTimes(3);
      expect(refreshApexMock).toHaveBeenCalledWith(expect.objectContaining({ data: mockSummary }));
      expect(refreshApexMock).toHaveBeenCalledWith(
        expect.objectContaining({ data: mockDeadLetters })
      );
      expect(refreshApexMock).toHaveBeenCalledWith(expect.objectContaining({ data: mockRuns }));
    });

    it('shows a toast when the refresh fails', async () => {
      // Given
      refreshApexMock.mockRejectedValueOnce({ body: { message: 'Network unavailable' } });
      const element = await createLoadedConsole();
      const toasts = listenForToasts(element);

      // When
      query(element, '[data-id="refresh"]')?.click();
      await flushPromises();

      // Then
      expect(toasts).toEqual([
        expect.objectContaining({ message: 'Network unavailable', variant: 'error' })
      ]);
    });
  });

  describe('dead letters', () => {
    it('asks for up to 200 dead letters of every object', async () => {
      // Given / When
      const element = createConsole();
      await flushPromises();

      // Then
      expect(getDeadLettersAdapter.getLastConfig()).toEqual({ maxRows: 200, objectApiName: '' });
      expect(
        query(element, '[data-id="dead-letters-loading"] lightning-spinner')?.alternativeText
      ).toBe('c.IntegrationConsole_Loading');
    });

    it('says so when there are no dead letters', async () => {
      // Given
      const element = createConsole();

      // When
      getDeadLettersAdapter.emit([]);
      await flushPromises();

      // Then
      expect(text(element, '[data-id="dead-letters-empty"]')).toBe(
        'c.IntegrationConsole_DeadLettersEmpty'
      );
      expect(query(element, '[data-id="dead-letter-table"]')).toBeNull();
    });

    it('shows the Apex error when the dead letters cannot be loaded', async () => {
      // Given
      const element = createConsole();

      // When
      getDeadLettersAdapter.error({ message: 'ERP Bridge does not sync the object "Foo".' });
      await flushPromises();

      // Then
      const alert = query(element, '[data-id="dead-letters-error"]');
      expect(alert?.getAttribute('role')).toBe('alert');
      expect(alert?.textContent).toContain('c.IntegrationConsole_DeadLettersLoadError');
      expect(alert?.textContent).toContain('ERP Bridge does not sync the object "Foo".');
    });

    it('lists the dead letters in a selectable table', async () => {
      // Given / When
      const element = await createLoadedConsole();

      // Then
      const table = query(element, '[data-id="dead-letter-table"]');
      expect(table?.data).toEqual(mockDeadLetters);
      expect(table?.keyField).toBe('id');
      expect(table?.ariaLabel).toBe('c.IntegrationConsole_DeadLettersHeading');
      expect((table?.columns as Array<{ fieldName?: string }>).map((c) => c.fieldName)).toEqual([
        'name',
        'status',
        'objectApiName',
        'messageType',
        'attempts',
        'errorClass',
        'createdDate',
        'lastError',
        undefined
      ]);
      expect(text(element, '[data-id="detail-prompt"]')).toBe('c.IntegrationConsole_DetailPrompt');
    });

    it('offers the registered objects of the summary as filter and asks again when one is chosen', async () => {
      // Given
      const element = await createLoadedConsole();
      const filter = query(element, '[data-id="object-filter"]');
      expect(filter?.options).toEqual([
        { label: 'c.IntegrationConsole_AllObjects', value: '' },
        { label: 'Account', value: 'Account' },
        { label: 'Order', value: 'Order' }
      ]);

      // When
      filter?.dispatchEvent(new CustomEvent('change', { detail: { value: 'Order' } }));
      await flushPromises();

      // Then
      expect(getDeadLettersAdapter.getLastConfig()).toEqual({
        maxRows: 200,
        objectApiName: 'Order'
      });
      expect(query(element, '[data-id="object-filter"]')?.value).toBe('Order');
    });

    it('shows error, payload, response and correlation ID of the selected message', async () => {
      // Given
      const element = await createLoadedConsole();

      // When
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // Then
      const [message] = mockDeadLetters;
      expect(text(element, '[data-id="detail"] h3')).toBe(`Message ${message.name}`);
      expect(text(element, '[data-id="detail-last-error"]')).toBe(message.lastError);
      expect(text(element, '[data-id="detail-correlation-id"]')).toBe(message.correlationId);
      expect(text(element, '[data-id="detail-response-status"]')).toBe('400');
      // JSON shows indented; the text is pre-formatted and focusable, so it can be copied
      expect(query(element, '[data-id="detail-payload"]')?.textContent).toContain(
        '"creditLimit": -1'
      );
      expect(query(element, '[data-id="detail-response"]')?.textContent).toContain(
        '"code": "INVALID_FIELD"'
      );
      expect(query(element, '[data-id="detail-payload"]')?.tagName).toBe('PRE');
      expect(query(element, '[data-id="detail-payload"]')?.getAttribute('tabindex')).toBe('0');
    });

    it('shows the details of the message whose Details button was clicked', async () => {
      // Given
      const element = await createLoadedConsole();
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="dead-letter-table"]')?.dispatchEvent(
        new CustomEvent('rowaction', {
          detail: { action: { name: 'show_details' }, row: mockDeadLetters[1] }
        })
      );
      await flushPromises();

      // Then: text that is no JSON shows as it is; missing values read "none"
      const message = mockDeadLetters[1];
      expect(text(element, '[data-id="detail"] h3')).toBe(`Message ${message.name}`);
      expect(text(element, '[data-id="detail-payload"]')).toBe('not json at all');
      expect(text(element, '[data-id="detail-response"]')).toBe('c.IntegrationConsole_None');
      expect(text(element, '[data-id="detail-response-status"]')).toBe('c.IntegrationConsole_None');
    });

    it('ignores row actions other than Details', async () => {
      // Given
      const element = await createLoadedConsole();

      // When
      query(element, '[data-id="dead-letter-table"]')?.dispatchEvent(
        new CustomEvent('rowaction', {
          detail: { action: { name: 'something_else' }, row: mockDeadLetters[1] }
        })
      );
      await flushPromises();

      // Then
      expect(query(element, '[data-id="detail"]')).toBeNull();
    });

    it('hides the replay button from a user without the replay permission', async () => {
      // Given / When
      const element = await createLoadedConsole(mockSummaryAboveThreshold);

      // Then
      expect(query(element, '[data-id="replay"]')).toBeNull();
      expect(text(element, '[data-id="replay-not-allowed"]')).toBe(
        'c.IntegrationConsole_ReplayNotAllowed'
      );
    });

    it('disables the replay button while no message is selected', async () => {
      // Given / When
      const element = await createLoadedConsole();

      // Then
      const button = query(element, '[data-id="replay"]');
      expect(button?.label).toBe('c.IntegrationConsole_ReplaySelected');
      expect(button?.disabled).toBe(true);
      expect(text(element, '[data-id="selected-count"]')).toBe('0 selected');
      expect(query(element, '[data-id="replay-not-allowed"]')).toBeNull();
    });

    it('enables the replay button once messages are selected', async () => {
      // Given
      const element = await createLoadedConsole();

      // When
      selectDeadLetters(element, mockDeadLetters);
      await flushPromises();

      // Then
      expect(query(element, '[data-id="replay"]')?.disabled).toBe(false);
      expect(text(element, '[data-id="selected-count"]')).toBe('2 selected');
    });
  });

  describe('replay', () => {
    it('replays the selected messages, shows the results and refreshes the counts and list', async () => {
      // Given
      replayMessagesMock.mockResolvedValue(mockReplayResults);
      const element = await createLoadedConsole();
      const toasts = listenForToasts(element);
      selectDeadLetters(element, mockDeadLetters);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(replayMessagesMock).toHaveBeenCalledWith({
        messageIds: mockDeadLetters.map((message) => message.id)
      });
      expect(toasts).toEqual([
        expect.objectContaining({ message: '2 of 2 replayed', variant: 'success' })
      ]);
      const results = queryAll(element, '[data-id="replay-results"] li');
      expect(results).toHaveLength(2);
      expect(results[0].textContent).toContain('IM-00000042');
      expect(results[0].textContent).toContain('c.IntegrationConsole_OutcomeQueued');
      expect(results[0].textContent).toContain('Queued as IM-00000043');
      expect(results[1].textContent).toContain('c.IntegrationConsole_OutcomeRepublished');
      expect(refreshApexMock).toHaveBeenCalledWith(expect.objectContaining({ data: mockSummary }));
      expect(refreshApexMock).toHaveBeenCalledWith(
        expect.objectContaining({ data: mockDeadLetters })
      );
      // The selection is cleared, so the button waits for a new one
      expect(query(element, '[data-id="replay"]')?.disabled).toBe(true);
      expect(query(element, '[data-id="dead-letter-table"]')?.selectedRows).toEqual([]);
      expect(query(element, '[data-id="replay-progress"]')).toBeNull();
    });

    it('shows a spinner and disables the button while replaying', async () => {
      // Given
      let finishReplay: (value: unknown) => void = () => undefined;
      replayMessagesMock.mockReturnValue(new Promise((resolve) => (finishReplay = resolve)));
      const element = await createLoadedConsole();
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(query(element, '[data-id="replay-progress"] lightning-spinner')?.alternativeText).toBe(
        'c.IntegrationConsole_ReplayInProgress'
      );
      expect(query(element, '[data-id="replay"]')?.disabled).toBe(true);
      expect(query(element, '[data-id="replay-region"]')?.getAttribute('aria-live')).toBe('polite');
      finishReplay([mockReplayResults[0]]);
      await flushPromises();
      expect(query(element, '[data-id="replay-progress"]')).toBeNull();
    });

    it('warns about refused messages and shows the reason per message', async () => {
      // Given
      replayMessagesMock.mockResolvedValue(mockReplayWithRefusals);
      const element = await createLoadedConsole();
      const toasts = listenForToasts(element);
      selectDeadLetters(element, mockDeadLetters);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(toasts).toEqual([
        expect.objectContaining({ message: '1 of 2 replayed, 1 not', variant: 'warning' })
      ]);
      const refused = query(element, '[data-message-id="a01000000000002AAA"]');
      expect(refused?.textContent).toContain('c.IntegrationConsole_OutcomeRefused');
      expect(refused?.textContent).toContain('The message was replayed already.');
      // Not by colour only: the outcome is written out, and coloured as well
      expect(
        query(element, '[data-message-id="a01000000000002AAA"] [data-id="outcome"]')?.className
      ).toContain('slds-text-color_error');
      expect(
        query(element, '[data-message-id="a01000000000001AAA"] [data-id="outcome-detail"]')
      ).toBeNull();
    });

    it('names a result by its ID when the message is no longer listed', async () => {
      // Given
      replayMessagesMock.mockResolvedValue([
        { messageId: 'a01000000000009AAA', outcome: 'Failed', detail: 'Row locked' }
      ]);
      const element = await createLoadedConsole();
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      const result = query(element, '[data-message-id="a01000000000009AAA"]');
      expect(result?.textContent).toContain('a01000000000009AAA');
      expect(result?.textContent).toContain('c.IntegrationConsole_OutcomeFailed');
    });

    it('shows the Apex error when the replay fails', async () => {
      // Given
      const message = 'You need the ERP Bridge Replay Messages permission to replay messages.';
      replayMessagesMock.mockRejectedValue({ body: { message }, status: 500 });
      const element = await createLoadedConsole();
      const toasts = listenForToasts(element);
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(toasts).toEqual([
        expect.objectContaining({
          title: 'c.IntegrationConsole_ReplayErrorTitle',
          message,
          variant: 'error'
        })
      ]);
      const alert = query(element, '[data-id="replay-error"]');
      expect(alert?.getAttribute('role')).toBe('alert');
      expect(alert?.textContent).toContain(message);
      expect(refreshApexMock).not.toHaveBeenCalled();
      // The selection stays, so the user can try again
      expect(query(element, '[data-id="replay"]')?.disabled).toBe(false);
    });

    it('reads page and field errors of a DML failure', async () => {
      // Given
      replayMessagesMock.mockRejectedValue([
        {
          body: {
            pageErrors: [{ message: 'Page problem' }, {}],
            fieldErrors: { Status__c: [{ message: 'Field problem' }, {}] }
          }
        },
        new Error('Script problem'),
        'Plain problem'
      ]);
      const element = await createLoadedConsole();
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(text(element, '[data-id="replay-error"]')).toContain(
        'Page problem, Field problem, Script problem, Plain problem'
      );
    });

    it('shows an outcome this version does not know as it is, and a generic error without message', async () => {
      // Given
      replayMessagesMock.mockResolvedValueOnce([
        { messageId: 'a01000000000001AAA', outcome: 'Deferred' }
      ]);
      replayMessagesMock.mockRejectedValueOnce(42);
      const element = await createLoadedConsole();
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(text(element, '[data-message-id="a01000000000001AAA"] [data-id="outcome"]')).toBe(
        'Deferred'
      );

      // When the next replay fails without a readable error
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(text(element, '[data-id="replay-error"]')).toContain(
        'c.IntegrationConsole_UnknownError'
      );
    });

    it('reads errors whose body is a list', async () => {
      // Given
      replayMessagesMock.mockRejectedValue({ body: [{ message: 'First' }, { message: 'Second' }] });
      const element = await createLoadedConsole();
      selectDeadLetters(element, [mockDeadLetters[0]]);
      await flushPromises();

      // When
      query(element, '[data-id="replay"]')?.click();
      await flushPromises();

      // Then
      expect(text(element, '[data-id="replay-error"]')).toContain('First, Second');
    });
  });

  describe('reconciliation', () => {
    it('asks for the 10 latest runs and shows a spinner while they load', async () => {
      // Given / When
      const element = createConsole();
      await flushPromises();

      // Then
      expect(getRunsAdapter.getLastConfig()).toEqual({ maxRuns: 10 });
      expect(query(element, '[data-id="runs-loading"] lightning-spinner')?.alternativeText).toBe(
        'c.IntegrationConsole_Loading'
      );
    });

    it('says so when there is no run yet', async () => {
      // Given
      const element = createConsole();

      // When
      getRunsAdapter.emit([]);
      await flushPromises();

      // Then
      expect(text(element, '[data-id="runs-empty"]')).toBe('c.IntegrationConsole_RunsEmpty');
    });

    it('shows the Apex error when the runs cannot be loaded', async () => {
      // Given
      const element = createConsole();

      // When
      getRunsAdapter.error({ message: 'No access to reconciliation runs' });
      await flushPromises();

      // Then
      const alert = query(element, '[data-id="runs-error"]');
      expect(alert?.getAttribute('role')).toBe('alert');
      expect(alert?.textContent).toContain('c.IntegrationConsole_RunsLoadError');
      expect(alert?.textContent).toContain('No access to reconciliation runs');
    });

    it('lists the runs with every count and asks to select one', async () => {
      // Given
      const element = createConsole();

      // When
      getRunsAdapter.emit(mockRuns);
      await flushPromises();

      // Then
      const table = query(element, '[data-id="run-table"]');
      expect(table?.data).toEqual(mockRuns);
      expect(table?.maxRowSelection).toBe('1');
      expect((table?.columns as Array<{ fieldName: string }>).map((c) => c.fieldName)).toEqual([
        'name',
        'objectApiName',
        'status',
        'startedAt',
        'completedAt',
        'salesforceRecordCount',
        'erpRecordCount',
        'matchedCount',
        'driftCount',
        'missingInErpCount',
        'missingInSalesforceCount',
        'isRepairEnabled',
        'error'
      ]);
      expect(text(element, '[data-id="drift-prompt"]')).toBe('c.IntegrationConsole_DriftPrompt');
    });

    it('loads the drift of the selected run', async () => {
      // Given
      const element = createConsole();
      getRunsAdapter.emit(mockRuns);
      await flushPromises();

      // When
      query(element, '[data-id="run-table"]')?.dispatchEvent(
        new CustomEvent('rowselection', { detail: { selectedRows: [mockRuns[0]] } })
      );
      await flushPromises();

      // Then: loading
      expect(getDriftAdapter.getLastConfig()).toEqual({ runId: mockRuns[0].id, maxRows: 200 });
      expect(text(element, '[data-id="drift-heading"]')).toBe(`Drift of ${mockRuns[0].name}`);
      expect(query(element, '[data-id="drift-loading"] lightning-spinner')?.alternativeText).toBe(
        'c.IntegrationConsole_Loading'
      );
      expect(query(element, '[data-id="run-table"]')?.selectedRows).toEqual([mockRuns[0].id]);

      // When the drift arrives
      getDriftAdapter.emit(mockDrift);
      await flushPromises();

      // Then
      const table = query(element, '[data-id="drift-table"]');
      expect(table?.data).toEqual(mockDrift);
      expect((table?.columns as Array<{ fieldName: string }>).map((c) => c.fieldName)).toEqual([
        'driftType',
        'objectApiName',
        'recordId',
        'externalId',
        'fieldApiName',
        'salesforceValue',
        'erpValue',
        'resolution'
      ]);
      expect(query(element, '[data-id="drift-loading"]')).toBeNull();
    });

    it('says so when the run found no drift, and shows drift errors', async () => {
      // Given
      const element = createConsole();
      getRunsAdapter.emit(mockRuns);
      await flushPromises();
      query(element, '[data-id="run-table"]')?.dispatchEvent(
        new CustomEvent('rowselection', { detail: { selectedRows: [mockRuns[1]] } })
      );
      await flushPromises();

      // When
      getDriftAdapter.emit([]);
      await flushPromises();

      // Then
      expect(text(element, '[data-id="drift-empty"]')).toBe('c.IntegrationConsole_DriftEmpty');

      // When the next load fails
      getDriftAdapter.error({ message: 'Drift unavailable' });
      await flushPromises();

      // Then
      expect(text(element, '[data-id="drift-error"]')).toContain('Drift unavailable');
    });

    it('asks again to select a run once the selection is cleared', async () => {
      // Given
      const element = createConsole();
      getRunsAdapter.emit(mockRuns);
      await flushPromises();
      const table = query(element, '[data-id="run-table"]');
      table?.dispatchEvent(
        new CustomEvent('rowselection', { detail: { selectedRows: [mockRuns[0]] } })
      );
      await flushPromises();

      // When
      table?.dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows: [] } }));
      await flushPromises();

      // Then
      expect(query(element, '[data-id="drift-heading"]')).toBeNull();
      expect(text(element, '[data-id="drift-prompt"]')).toBe('c.IntegrationConsole_DriftPrompt');
    });
  });

  it('is accessible: headings, named controls, labelled icons and spinners', async () => {
    // Given
    const element = await createLoadedConsole(mockSummaryAboveThreshold);
    getRunsAdapter.emit(mockRuns);
    await flushPromises();

    // Then
    expect(text(element, 'h1')).toBe('c.IntegrationConsole_Title');
    expect(queryAll(element, 'h2').map((heading) => heading.textContent?.trim())).toEqual([
      'c.IntegrationConsole_SummaryHeading',
      'c.IntegrationConsole_DeadLettersHeading',
      'c.IntegrationConsole_RunsHeading'
    ]);
    queryAll(element, 'article').forEach((section) => {
      expect(section.getAttribute('aria-labelledby')).toBeTruthy();
    });
    const buttons = queryAll(element, 'lightning-button-icon, lightning-button, button');
    expect(buttons.length).toBeGreaterThan(0);
    buttons.forEach((button) => {
      const name = button.alternativeText ?? button.label ?? button.textContent;
      expect(typeof name === 'string' && name.trim().length > 0).toBe(true);
    });
    queryAll(element, 'lightning-icon, lightning-spinner').forEach((icon) => {
      expect(icon.alternativeText).toBeTruthy();
    });
    queryAll(element, 'lightning-datatable').forEach((table) => {
      expect(table.ariaLabel).toBeTruthy();
    });
    expect(query(element, '[data-id="object-filter"]')?.label).toBe(
      'c.IntegrationConsole_ObjectFilter'
    );
  });
});
