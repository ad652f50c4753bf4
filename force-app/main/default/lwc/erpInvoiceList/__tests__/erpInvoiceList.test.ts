import { createElement } from 'lwc';
import ErpInvoiceList from 'c/erpInvoiceList';
import type { InvoicePanel, InvoiceRow } from 'c/erpInvoiceList';
import getInvoices from '@salesforce/apex/ErpInvoiceController.getInvoices';
import type { InvoicePanel as ContractInvoicePanel } from '../../../../../../types/contract/inquiry';
import mockInvoices from './data/getInvoices.json';
import mockInvoicesEmpty from './data/getInvoicesEmpty.json';
import mockInvoicesUnavailable from './data/getInvoicesUnavailable.json';
import {
  flushPromises,
  query,
  queryAll,
  text,
  resetDom,
  type Stub
} from '../../../../../test/jest-mocks/support/dom';

jest.mock('@salesforce/apex/ErpInvoiceController.getInvoices', () => ({ default: jest.fn() }), {
  virtual: true
});

// In jest a label import yields its name; these need their placeholders to show the values.
jest.mock('@salesforce/label/c.ErpInvoices_PageOf', () => ({ default: 'Page {0} of {1}' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.ErpInvoices_InvoiceCount', () => ({ default: '{0} invoices' }), {
  virtual: true
});

/** Compile-time check: every answer the contract allows is one the component reads. */
const contractFits: ContractInvoicePanel extends InvoicePanel ? true : false = true;

const getInvoicesMock = jest.mocked(getInvoices as unknown as jest.Mock);

const RECORD_ID = '001000000000001AAA';

async function createList(answer: unknown = mockInvoices): Promise<HTMLElement> {
  getInvoicesMock.mockResolvedValueOnce(answer);
  const element = createElement('c-erp-invoice-list', { is: ErpInvoiceList });
  element.recordId = RECORD_ID;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function total(element: HTMLElement, key: string): Stub | null {
  return query(element, `[data-total="${key}"] lightning-formatted-number`);
}

/** The query of the latest Apex call. */
function lastQuery(): unknown {
  return (getInvoicesMock.mock.lastCall?.[0] as { query: unknown }).query;
}

/** A page of a longer list: 23 invoices, 10 a page. */
function pageOf23(page: number): unknown {
  return { ...mockInvoices, page, totalCount: 23 };
}

describe('c-erp-invoice-list', () => {
  afterEach(() => {
    resetDom();
  });

  it('reads the contract answer type', () => {
    expect(contractFits).toBe(true);
  });

  it('asks once for the first page of every invoice, from the cache if there is one', async () => {
    // Given / When
    await createList();

    // Then
    expect(getInvoicesMock).toHaveBeenCalledTimes(1);
    expect(getInvoicesMock).toHaveBeenCalledWith({
      accountId: RECORD_ID,
      query: { status: 'ALL', page: 0, pageSize: 10, refresh: false }
    });
  });

  it('shows a spinner with alternative text and disables the controls while loading', async () => {
    // Given: an answer that has not arrived yet
    getInvoicesMock.mockReturnValueOnce(new Promise(() => undefined));
    const element = createElement('c-erp-invoice-list', { is: ErpInvoiceList });
    element.recordId = RECORD_ID;

    // When
    document.body.appendChild(element);
    await flushPromises();

    // Then
    expect(query(element, '[data-id="loading"] lightning-spinner')?.alternativeText).toBe(
      'c.ErpInvoices_Loading'
    );
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="status-filter"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="invoice-table"]')).toBeNull();
  });

  it('lists the invoices with overdue ones marked in words and colour, and the totals', async () => {
    // Given / When
    const element = await createList();

    // Then: a row per invoice
    const table = query(element, '[data-id="invoice-table"]');
    expect(table?.keyField).toBe('invoiceNumber');
    expect((table?.columns as Array<{ fieldName: string }>).map((c) => c.fieldName)).toEqual([
      'invoiceNumber',
      'issueDate',
      'dueDate',
      'amount',
      'openAmount',
      'statusLabel',
      'daysOverdue'
    ]);
    const rows = table?.data as InvoiceRow[];
    expect(rows.map((row) => row.invoiceNumber)).toEqual([
      'INV-2026-0131',
      'INV-2026-0107',
      'INV-2026-0088'
    ]);
    // The overdue invoice: a class on its cells, an icon and the word
    const overdue = rows[1];
    expect(overdue.statusLabel).toBe('c.ErpInvoices_StatusOverdue');
    expect(overdue.rowClass).toBe('slds-text-color_error');
    expect(overdue.statusIcon).toBe('utility:warning');
    expect(overdue.daysOverdue).toBe(38);
    const columns = table?.columns as Array<{ cellAttributes: { class: unknown } }>;
    columns.forEach((column) => {
      expect(column.cellAttributes.class).toEqual({ fieldName: 'rowClass' });
    });
    // The others are not marked
    expect(rows[0].statusLabel).toBe('c.ErpInvoices_StatusOpen');
    expect(rows[0].rowClass).toBeUndefined();
    expect(rows[2].statusLabel).toBe('c.ErpInvoices_StatusPaid');
    expect(rows[2].statusIcon).toBeUndefined();
    // Totals over the filter, in the account currency
    expect(total(element, 'amount')?.value).toBe(39900);
    expect(total(element, 'openAmount')?.value).toBe(30100);
    expect(total(element, 'overdueAmount')?.value).toBe(4200.75);
    expect(total(element, 'amount')?.currencyCode).toBe('EUR');
    // One page only
    expect(text(element, '[data-id="page-text"]')).toBe('Page 1 of 1 · 3 invoices');
    expect(query(element, '[data-id="previous"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="next"]')?.disabled).toBe(true);
    // Fresh from the ERP
    expect(query(element, '[data-id="as-of-time"]')?.value).toBe(mockInvoices.asOf);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpInvoices_SourceLive');
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(query(element, '[data-id="empty"]')).toBeNull();
    expect(query(element, '[data-id="unavailable"]')).toBeNull();
  });

  it('pages forward and back, and disables the buttons at the ends', async () => {
    // Given: page 2 of 3
    const element = await createList(pageOf23(1));
    expect(text(element, '[data-id="page-text"]')).toBe('Page 2 of 3 · 23 invoices');
    expect(query(element, '[data-id="previous"]')?.disabled).toBe(false);
    expect(query(element, '[data-id="next"]')?.disabled).toBe(false);

    // When
    getInvoicesMock.mockResolvedValueOnce(pageOf23(2));
    query(element, '[data-id="next"]')?.click();
    await flushPromises();

    // Then
    expect(lastQuery()).toEqual({ status: 'ALL', page: 2, pageSize: 10, refresh: false });
    expect(text(element, '[data-id="page-text"]')).toBe('Page 3 of 3 · 23 invoices');
    expect(query(element, '[data-id="next"]')?.disabled).toBe(true);

    // When
    getInvoicesMock.mockResolvedValueOnce(pageOf23(1));
    query(element, '[data-id="previous"]')?.click();
    await flushPromises();

    // Then
    expect(lastQuery()).toEqual({ status: 'ALL', page: 1, pageSize: 10, refresh: false });
    expect(getInvoicesMock).toHaveBeenCalledTimes(3);
  });

  it('asks for the first page of the chosen status and says so when none matches', async () => {
    // Given: on page 2
    const element = await createList(pageOf23(1));

    // When
    getInvoicesMock.mockResolvedValueOnce(mockInvoicesEmpty);
    query(element, '[data-id="status-filter"]')?.dispatchEvent(
      new CustomEvent('change', { detail: { value: 'OVERDUE' } })
    );
    await flushPromises();

    // Then
    expect(lastQuery()).toEqual({ status: 'OVERDUE', page: 0, pageSize: 10, refresh: false });
    expect(query(element, '[data-id="status-filter"]')?.value).toBe('OVERDUE');
    expect(text(element, '[data-id="empty"]')).toBe('c.ErpInvoices_Empty');
    expect(query(element, '[data-id="invoice-table"]')).toBeNull();
    expect(query(element, '[data-id="pager"]')).toBeNull();
    expect(total(element, 'overdueAmount')?.value).toBe(0);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpInvoices_SourceCache');
  });

  it('offers every status as a filter', async () => {
    // Given / When
    const element = await createList();

    // Then
    const filter = query(element, '[data-id="status-filter"]');
    expect(filter?.label).toBe('c.ErpInvoices_StatusFilter');
    expect(filter?.value).toBe('ALL');
    expect(filter?.options).toEqual([
      { label: 'c.ErpInvoices_StatusAll', value: 'ALL' },
      { label: 'c.ErpInvoices_StatusOpen', value: 'OPEN' },
      { label: 'c.ErpInvoices_StatusOverdue', value: 'OVERDUE' },
      { label: 'c.ErpInvoices_StatusPaid', value: 'PAID' }
    ]);
  });

  it('says when the ERP cannot be asked, why, and shows the synced balances', async () => {
    // Given / When
    const element = await createList(mockInvoicesUnavailable);

    // Then
    expect(text(element, '[data-id="unavailable"]')).toBe('c.ErpInvoices_Unavailable');
    expect(text(element, '[data-id="stale"]')).toBe('c.ErpInvoices_Stale');
    expect(text(element, '[data-id="stale-reason"]')).toBe(mockInvoicesUnavailable.staleReason);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpInvoices_SourceSynced');
    expect(query(element, '[data-id="as-of-time"]')?.value).toBe(mockInvoicesUnavailable.asOf);
    // The synced balances; no invoiced total, which Salesforce does not hold
    expect(total(element, 'amount')).toBeNull();
    expect(total(element, 'openAmount')?.value).toBe(30100);
    expect(total(element, 'overdueAmount')?.value).toBe(4200.75);
    expect(query(element, '[data-id="invoice-table"]')).toBeNull();
    expect(query(element, '[data-id="empty"]')).toBeNull();
    expect(query(element, '[data-id="pager"]')).toBeNull();
  });

  it('explains staleness without a reason or time, and shows a status it does not know', async () => {
    // Given / When
    const element = await createList({
      ...mockInvoices,
      source: 'SYNCED',
      stale: true,
      asOf: undefined,
      totals: undefined,
      page: undefined,
      pageSize: 0,
      invoices: [{ ...mockInvoices.invoices[0], status: 'DISPUTED' }]
    });

    // Then
    expect(text(element, '[data-id="stale-reason"]')).toBe('c.ErpInvoices_StaleHint');
    expect(text(element, '[data-id="as-of"]')).toContain('c.ErpInvoices_NeverSynced');
    expect((query(element, '[data-id="invoice-table"]')?.data as InvoiceRow[])[0].statusLabel).toBe(
      'DISPUTED'
    );
    expect(query(element, '[data-id="totals"]')).toBeNull();
    // Without a page size the default of 10 counts the pages
    expect(text(element, '[data-id="page-text"]')).toBe('Page 1 of 1 · 3 invoices');
  });

  it('shows the message of an Apex error in an alert', async () => {
    // Given
    const message = 'The account was not found or you do not have access to it.';
    getInvoicesMock.mockRejectedValueOnce({ body: { message }, status: 500 });
    const element = createElement('c-erp-invoice-list', { is: ErpInvoiceList });
    element.recordId = RECORD_ID;

    // When
    document.body.appendChild(element);
    await flushPromises();

    // Then
    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('c.ErpInvoices_LoadError');
    expect(alert?.textContent).toContain(message);
    expect(query(element, '[data-id="invoice-table"]')).toBeNull();
    expect(query(element, 'lightning-spinner')).toBeNull();
  });

  it('reads script errors, plain texts and lists, and has a generic message otherwise', async () => {
    // Given
    const element = await createList();
    getInvoicesMock.mockRejectedValueOnce([new Error('Script problem'), 'Plain problem']);

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('Script problem, Plain problem');

    // When the next load fails without a readable error
    getInvoicesMock.mockRejectedValueOnce(null);
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('c.ErpInvoices_UnknownError');
  });

  it('asks the ERP again past the cache for the same filter and page when refreshed', async () => {
    // Given
    const element = await createList(pageOf23(1));
    let answer: (value: unknown) => void = () => undefined;
    getInvoicesMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(lastQuery()).toEqual({ status: 'ALL', page: 1, pageSize: 10, refresh: true });
    expect(query(element, '[data-id="loading"] lightning-spinner')).not.toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="next"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="previous"]')?.disabled).toBe(true);

    // When the answer arrives
    answer(pageOf23(1));
    await flushPromises();

    // Then
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(false);
  });

  it('reads a sparse answer: lists and counts left out, a source it does not know', async () => {
    // Given / When: Apex leaves out null properties
    const element = await createList({
      recordId: RECORD_ID,
      source: 'ARCHIVE',
      stale: false,
      available: true,
      status: 'ALL',
      page: 0,
      pageSize: 10
    });

    // Then
    expect(text(element, '[data-id="empty"]')).toBe('c.ErpInvoices_Empty');
    expect(query(element, '[data-id="totals"]')).toBeNull();
    expect(text(element, '[data-id="source"]')).toBe('ARCHIVE');
  });

  it('is accessible: named controls and table, labelled icons and a live region', async () => {
    // Given / When
    const element = await createList({ ...mockInvoices, stale: true, source: 'SYNCED' });

    // Then
    const buttons = queryAll(element, 'lightning-button-icon, lightning-button, button');
    expect(buttons.length).toBeGreaterThan(2);
    buttons.forEach((button) => {
      const name = button.alternativeText ?? button.label ?? button.textContent;
      expect(typeof name === 'string' && name.trim().length > 0).toBe(true);
    });
    queryAll(element, 'lightning-icon').forEach((icon) => {
      expect(icon.alternativeText).toBeTruthy();
    });
    expect(query(element, 'lightning-card')?.title).toBe('c.ErpInvoices_Title');
    expect(query(element, '[data-id="invoice-table"]')?.ariaLabel).toBe('c.ErpInvoices_Title');
    expect(text(element, 'h3')).toBe('c.ErpInvoices_Totals');
    expect(query(element, '[data-id="status-region"]')?.getAttribute('aria-live')).toBe('polite');
    expect(query(element, '[data-id="status-region"] [data-id="stale"]')).not.toBeNull();
  });
});
