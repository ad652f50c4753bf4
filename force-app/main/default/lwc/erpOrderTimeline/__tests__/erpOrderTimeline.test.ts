import { createElement } from 'lwc';
import ErpOrderTimeline from 'c/erpOrderTimeline';
import type { OrderStatusPanel } from 'c/erpOrderTimeline';
import getOrderStatus from '@salesforce/apex/ErpOrderStatusController.getOrderStatus';
import submitOrder from '@salesforce/apex/OrderSubmissionController.submitOrder';
import type { OrderStatusPanel as ContractOrderStatusPanel } from '../../../../../../types/contract/inquiry';
import mockOrderStatus from './data/getOrderStatus.json';
import mockOrderStatusStale from './data/getOrderStatusStale.json';
import mockOrderStatusRejected from './data/getOrderStatusRejected.json';
import mockOrderStatusNotSubmitted from './data/getOrderStatusNotSubmitted.json';
import mockSubmitOrder from './data/submitOrder.json';
import mockSubmitOrderWithErrors from './data/submitOrderWithErrors.json';
import {
  flushPromises,
  query,
  queryAll,
  text,
  listenForToasts,
  resetDom,
  type Stub
} from '../../../../../test/jest-mocks/support/dom';

jest.mock(
  '@salesforce/apex/ErpOrderStatusController.getOrderStatus',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/OrderSubmissionController.submitOrder',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

// In jest a label import yields its name; these need their placeholders to show the values.
jest.mock('@salesforce/label/c.ErpOrderTimeline_Sequence', () => ({ default: 'Step {0}' }), {
  virtual: true
});
jest.mock(
  '@salesforce/label/c.ErpOrderTimeline_ResubmitSuccess',
  () => ({ default: 'Order {0} was sent again.' }),
  { virtual: true }
);

/** Compile-time check: every answer the contract allows is one the component reads. */
const contractFits: ContractOrderStatusPanel extends OrderStatusPanel ? true : false = true;

const getOrderStatusMock = jest.mocked(getOrderStatus as unknown as jest.Mock);
const submitOrderMock = jest.mocked(submitOrder as unknown as jest.Mock);

const ORDER_ID = '801000000000001AAA';

async function createTimeline(answer: unknown = mockOrderStatus): Promise<HTMLElement> {
  getOrderStatusMock.mockResolvedValueOnce(answer);
  const element = createElement('c-erp-order-timeline', { is: ErpOrderTimeline });
  element.recordId = ORDER_ID;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

describe('c-erp-order-timeline', () => {
  afterEach(() => {
    resetDom();
  });

  it('reads the contract answer type', () => {
    expect(contractFits).toBe(true);
  });

  it('asks once for the status of its order, from the cache if there is one', async () => {
    // Given / When
    await createTimeline();

    // Then
    expect(getOrderStatusMock).toHaveBeenCalledTimes(1);
    expect(getOrderStatusMock).toHaveBeenCalledWith({ orderId: ORDER_ID, refresh: false });
  });

  it('shows a spinner with alternative text and disables refresh while loading', async () => {
    // Given: an answer that has not arrived yet
    getOrderStatusMock.mockReturnValueOnce(new Promise(() => undefined));
    const element = createElement('c-erp-order-timeline', { is: ErpOrderTimeline });
    element.recordId = ORDER_ID;

    // When
    document.body.appendChild(element);
    await flushPromises();

    // Then
    expect(query(element, '[data-id="loading"] lightning-spinner')?.alternativeText).toBe(
      'c.ErpOrderTimeline_Loading'
    );
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);
    expect(query(element, 'lightning-progress-indicator')).toBeNull();
  });

  it('shows the path at the current status, the ERP order, tracking, delivery and history', async () => {
    // Given / When
    const element = await createTimeline();

    // Then: the path, at the current step, without error
    const path = query(element, 'lightning-progress-indicator');
    expect(path?.type).toBe('path');
    expect(path?.currentStep).toBe('Shipped');
    expect(path?.hasError).toBe(false);
    expect(
      queryAll(element, 'lightning-progress-step').map((step) => [step.label, step.value])
    ).toEqual(mockOrderStatus.path.map((status) => [status, status]));
    // The status in words as well
    expect(text(element, '[data-id="current-status"]')).toBe('Shipped');
    expect(text(element, '[data-id="erp-order"]')).toBe('SO-100045');
    expect(
      query(element, '[data-id="expected-delivery"] lightning-formatted-date-time')?.value
    ).toBe('2026-11-26');
    expect(
      queryAll(element, '[data-id="tracking-numbers"] li').map((li) => li.textContent)
    ).toEqual(mockOrderStatus.trackingNumbers);
    // The history, oldest first, with sequence, time and note
    const steps = queryAll(element, '[data-id="history"] li');
    expect(steps.map((step) => step.dataset.status)).toEqual([
      'Acknowledged',
      'Released',
      'Partially Shipped',
      'Shipped'
    ]);
    expect(steps[1].textContent).toContain('Step 2');
    expect(steps[1].querySelector<Stub>('lightning-formatted-date-time')?.value).toBe(
      '2026-11-04T07:40:00.000Z'
    );
    expect(steps[1].querySelector('[data-id="history-note"]')?.textContent?.trim()).toBe(
      'Warehouse Hamburg'
    );
    expect(steps[0].querySelector('[data-id="history-note"]')).toBeNull();
    // Fresh, accepted and nothing to resubmit
    expect(query(element, '[data-id="as-of-time"]')?.value).toBe(mockOrderStatus.asOf);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpOrderTimeline_SourceLive');
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(query(element, '[data-id="erp-error"]')).toBeNull();
    expect(query(element, '[data-id="resubmit"]')).toBeNull();
    expect(query(element, '[data-id="not-submitted"]')).toBeNull();
  });

  it('marks a synced status as stale, says why, and leaves out what only the ERP knows', async () => {
    // Given / When
    const element = await createTimeline(mockOrderStatusStale);

    // Then
    expect(text(element, '[data-id="stale"]')).toBe('c.ErpOrderTimeline_Stale');
    expect(text(element, '[data-id="stale-reason"]')).toBe(mockOrderStatusStale.staleReason);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpOrderTimeline_SourceSynced');
    expect(query(element, '[data-id="as-of-time"]')?.value).toBe(mockOrderStatusStale.asOf);
    expect(query(element, '[data-id="tracking-numbers"]')).toBeNull();
    expect(query(element, '[data-id="expected-delivery"]')).toBeNull();
    expect(query(element, 'lightning-progress-indicator')?.currentStep).toBe('Shipped');
  });

  it('shows the ERP rejection in an alert and the path in error, with Resubmit when allowed', async () => {
    // Given / When
    const element = await createTimeline(mockOrderStatusRejected);

    // Then
    const path = query(element, 'lightning-progress-indicator');
    expect(path?.currentStep).toBe('Rejected');
    expect(path?.hasError).toBe(true);
    const alert = query(element, '[data-id="erp-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('c.ErpOrderTimeline_Rejected');
    expect(alert?.textContent).toContain('Credit limit exceeded for customer ERP-ACC-1002.');
    expect(query(element, '[data-id="erp-error"] lightning-icon')?.alternativeText).toBe(
      'c.ErpOrderTimeline_ErrorIcon'
    );
    expect(text(element, '[data-id="erp-order"]')).toBe('c.ErpOrderTimeline_NotAssigned');
    // A Salesforce-side step has no sequence
    const submitted = query(element, '[data-status="Submitted"]');
    expect(submitted?.textContent).not.toContain('Step');
    const resubmit = query(element, '[data-id="resubmit"]');
    expect(resubmit?.label).toBe('c.ErpOrderTimeline_Resubmit');
    expect(resubmit?.disabled).toBe(false);
  });

  it('hides Resubmit when the user may not resubmit', async () => {
    // Given / When
    const element = await createTimeline({ ...mockOrderStatusRejected, canResubmit: false });

    // Then
    expect(query(element, '[data-id="erp-error"]')).not.toBeNull();
    expect(query(element, '[data-id="resubmit"]')).toBeNull();
  });

  it('resubmits the order, confirms it and reads the status again past the cache', async () => {
    // Given
    const element = await createTimeline(mockOrderStatusRejected);
    const toasts = listenForToasts(element);
    let finish: (value: unknown) => void = () => undefined;
    submitOrderMock.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    getOrderStatusMock.mockResolvedValueOnce({
      ...mockOrderStatusRejected,
      erpStatus: undefined,
      errorMessage: undefined,
      canResubmit: false,
      source: 'LIVE',
      stale: false,
      path: ['Draft', 'Submitted', 'Acknowledged', 'Released', 'Shipped', 'Invoiced'],
      history: [mockOrderStatusRejected.history[0]]
    });

    // When
    query(element, '[data-id="resubmit"]')?.click();
    await flushPromises();

    // Then: busy
    expect(submitOrderMock).toHaveBeenCalledWith({ orderId: ORDER_ID });
    expect(query(element, '[data-id="resubmit"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="resubmitting"] lightning-spinner')?.alternativeText).toBe(
      'c.ErpOrderTimeline_Resubmitting'
    );

    // When the submission succeeds
    finish(mockSubmitOrder);
    await flushPromises();

    // Then
    expect(toasts).toEqual([
      {
        title: 'c.ErpOrderTimeline_ResubmitSuccessTitle',
        message: 'Order 00000101 was sent again.',
        variant: 'success'
      }
    ]);
    expect(getOrderStatusMock).toHaveBeenCalledTimes(2);
    expect(getOrderStatusMock).toHaveBeenLastCalledWith({ orderId: ORDER_ID, refresh: true });
    expect(query(element, '[data-id="resubmit"]')).toBeNull();
    expect(query(element, '[data-id="erp-error"]')).toBeNull();
    expect(query(element, 'lightning-progress-indicator')?.currentStep).toBe('Submitted');
    expect(query(element, '[data-id="resubmit-errors"]')).toBeNull();
  });

  it('lists the reasons a resubmission was refused, with code and field', async () => {
    // Given
    submitOrderMock.mockResolvedValueOnce(mockSubmitOrderWithErrors);
    const element = await createTimeline(mockOrderStatusRejected);
    const toasts = listenForToasts(element);

    // When
    query(element, '[data-id="resubmit"]')?.click();
    await flushPromises();

    // Then
    const errors = query(element, '[data-id="resubmit-errors"]');
    expect(errors?.getAttribute('role')).toBe('alert');
    expect(errors?.textContent).toContain('c.ErpOrderTimeline_ResubmitErrorTitle');
    const sku = query(element, '[data-code="PRODUCT_WITHOUT_SKU"]');
    expect(sku?.textContent).toContain('PRODUCT_WITHOUT_SKU');
    expect(sku?.textContent).toContain('OrderItems[0].Product2.ProductCode');
    expect(sku?.textContent).toContain('product Widget has no product code (SKU).');
    expect(text(element, '[data-code="NOT_DRAFT"]')).toBe(
      'NOT_DRAFT Order 00000101 is not a draft.'
    );
    expect(toasts).toEqual([
      expect.objectContaining({ title: 'c.ErpOrderTimeline_ResubmitErrorTitle', variant: 'error' })
    ]);
    expect(toasts[0].message).toContain('Order 00000101 is not a draft.');
    // The panel is not read again; the user can try once more
    expect(getOrderStatusMock).toHaveBeenCalledTimes(1);
    expect(query(element, '[data-id="resubmit"]')?.disabled).toBe(false);
  });

  it('shows the Apex error when the resubmission is refused, or a generic one', async () => {
    // Given
    const message = 'The order was not submitted to the ERP. Order 00000101 has no order products.';
    submitOrderMock.mockRejectedValueOnce({ body: { message }, status: 400 });
    const element = await createTimeline(mockOrderStatusRejected);
    const toasts = listenForToasts(element);

    // When
    query(element, '[data-id="resubmit"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="resubmit-errors"]')).toContain(message);
    expect(toasts).toEqual([expect.objectContaining({ message, variant: 'error' })]);

    // When a refusal comes without reasons
    submitOrderMock.mockResolvedValueOnce({ orderId: ORDER_ID, success: false });
    query(element, '[data-id="resubmit"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="resubmit-errors"]')).toContain(
      'c.ErpOrderTimeline_UnknownError'
    );
    expect(queryAll(element, '[data-id="resubmit-errors"] li')).toHaveLength(1);
  });

  it('says so when the order has not been submitted to the ERP', async () => {
    // Given / When
    const element = await createTimeline(mockOrderStatusNotSubmitted);

    // Then
    expect(text(element, '[data-id="not-submitted"]')).toBe('c.ErpOrderTimeline_NotSubmitted');
    expect(query(element, 'lightning-progress-indicator')).toBeNull();
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(query(element, '[data-id="resubmit"]')).toBeNull();
  });

  it('counts a draft in its history as not submitted, and a submitted one on the path', async () => {
    // Given / When
    const draft = await createTimeline({
      ...mockOrderStatusNotSubmitted,
      history: [{ status: 'Draft', occurredAt: '2026-11-02T10:00:00.000Z' }]
    });
    const submitted = await createTimeline({
      ...mockOrderStatusNotSubmitted,
      source: 'CACHE',
      stale: false,
      history: [{ status: 'Submitted' }]
    });

    // Then
    expect(query(draft, '[data-id="not-submitted"]')).not.toBeNull();
    expect(query(submitted, '[data-id="not-submitted"]')).toBeNull();
    expect(query(submitted, 'lightning-progress-indicator')?.currentStep).toBe('Submitted');
    expect(text(submitted, '[data-id="as-of"]')).toContain('c.ErpOrderTimeline_NeverSynced');
    expect(text(submitted, '[data-id="source"]')).toBe('c.ErpOrderTimeline_SourceCache');
    expect(query(submitted, '[data-status="Submitted"] lightning-formatted-date-time')).toBeNull();
  });

  it('explains staleness without a reason', async () => {
    // Given / When
    const element = await createTimeline({ ...mockOrderStatusStale, staleReason: undefined });

    // Then
    expect(text(element, '[data-id="stale-reason"]')).toBe('c.ErpOrderTimeline_StaleHint');
  });

  it('shows the message of an Apex error in an alert', async () => {
    // Given
    const message = 'The order was not found or you do not have access to it.';
    getOrderStatusMock.mockRejectedValueOnce({ body: { message }, status: 500 });
    const element = createElement('c-erp-order-timeline', { is: ErpOrderTimeline });
    element.recordId = ORDER_ID;

    // When
    document.body.appendChild(element);
    await flushPromises();

    // Then
    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('c.ErpOrderTimeline_LoadError');
    expect(alert?.textContent).toContain(message);
    expect(query(element, 'lightning-progress-indicator')).toBeNull();
    expect(query(element, '[data-id="not-submitted"]')).toBeNull();
  });

  it('reads script errors, plain texts and lists, and has a generic message otherwise', async () => {
    // Given
    const element = await createTimeline();
    getOrderStatusMock.mockRejectedValueOnce([new Error('Script problem'), 'Plain problem']);

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('Script problem, Plain problem');

    // When the next load fails without a readable error
    getOrderStatusMock.mockRejectedValueOnce({ body: {} });
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('c.ErpOrderTimeline_UnknownError');
  });

  it('asks the ERP again past the cache when refreshed, with a spinner meanwhile', async () => {
    // Given
    const element = await createTimeline(mockOrderStatusStale);
    let answer: (value: unknown) => void = () => undefined;
    getOrderStatusMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(getOrderStatusMock).toHaveBeenLastCalledWith({ orderId: ORDER_ID, refresh: true });
    expect(query(element, '[data-id="loading"] lightning-spinner')).not.toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);

    // When the answer arrives
    answer(mockOrderStatus);
    await flushPromises();

    // Then
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="stale"]')).toBeNull();
  });

  it('reads a sparse answer: lists left out, a source it does not know', async () => {
    // Given / When: Apex leaves out null properties
    const element = await createTimeline({
      recordId: ORDER_ID,
      source: 'ARCHIVE',
      stale: false,
      erpStatus: 'Acknowledged',
      canResubmit: true
    });
    submitOrderMock.mockRejectedValueOnce(null);
    query(element, '[data-id="resubmit"]')?.click();
    await flushPromises();

    // Then
    expect(query(element, 'lightning-progress-indicator')?.currentStep).toBe('Acknowledged');
    expect(queryAll(element, 'lightning-progress-step')).toHaveLength(0);
    expect(query(element, '[data-id="history"]')).toBeNull();
    expect(query(element, '[data-id="tracking-numbers"]')).toBeNull();
    expect(text(element, '[data-id="source"]')).toBe('ARCHIVE');
    expect(text(element, '[data-id="resubmit-errors"]')).toContain(
      'c.ErpOrderTimeline_UnknownError'
    );

    // When a later resubmission succeeds for an order whose number was left out
    const toasts = listenForToasts(element);
    submitOrderMock.mockResolvedValueOnce(mockSubmitOrder);
    getOrderStatusMock.mockResolvedValueOnce(mockOrderStatus);
    query(element, '[data-id="resubmit"]')?.click();
    await flushPromises();

    // Then
    expect(toasts[0].message).toBe('Order  was sent again.');
  });

  it('is accessible: named controls and path, labelled icons, headings and live regions', async () => {
    // Given / When
    const element = await createTimeline({
      ...mockOrderStatusRejected,
      trackingNumbers: ['JJD000390007812345']
    });

    // Then
    const buttons = queryAll(element, 'lightning-button-icon, lightning-button, button');
    expect(buttons.length).toBeGreaterThan(1);
    buttons.forEach((button) => {
      const name = button.alternativeText ?? button.label ?? button.textContent;
      expect(typeof name === 'string' && name.trim().length > 0).toBe(true);
    });
    queryAll(element, 'lightning-icon').forEach((icon) => {
      expect(icon.alternativeText).toBeTruthy();
    });
    expect(query(element, 'lightning-card')?.title).toBe('c.ErpOrderTimeline_Title');
    expect(query(element, 'lightning-progress-indicator')?.getAttribute('aria-label')).toBe(
      'c.ErpOrderTimeline_Progress'
    );
    expect(queryAll(element, 'h3').map((heading) => heading.textContent?.trim())).toEqual([
      'c.ErpOrderTimeline_Rejected',
      'c.ErpOrderTimeline_TrackingNumbers',
      'c.ErpOrderTimeline_History'
    ]);
    expect(query(element, '[data-id="status-region"]')?.getAttribute('aria-live')).toBe('polite');
    expect(query(element, '[data-id="resubmit-region"]')?.getAttribute('aria-live')).toBe('polite');
  });
});
