import { createElement } from 'lwc';
import ErpCreditPanel from 'c/erpCreditPanel';
import type { CreditPanel } from 'c/erpCreditPanel';
import getCreditSummary from '@salesforce/apex/ErpCreditController.getCreditSummary';
import type { CreditPanel as ContractCreditPanel } from '../../../../../../types/contract/inquiry';
import mockCredit from './data/getCreditSummary.json';
import mockCreditStale from './data/getCreditSummaryStale.json';
import mockCreditNotLinked from './data/getCreditSummaryNotLinked.json';
import {
  flushPromises,
  query,
  queryAll,
  text,
  resetDom,
  type Stub
} from '../../../../../test/jest-mocks/support/dom';

jest.mock('@salesforce/apex/ErpCreditController.getCreditSummary', () => ({ default: jest.fn() }), {
  virtual: true
});

// In jest a label import yields its name; this one needs its placeholder to show the value.
jest.mock('@salesforce/label/c.ErpCredit_UtilisationText', () => ({ default: '{0}% used' }), {
  virtual: true
});

/** Compile-time check: every answer the contract allows is one the component reads. */
const contractFits: ContractCreditPanel extends CreditPanel ? true : false = true;

const getCreditSummaryMock = jest.mocked(getCreditSummary as unknown as jest.Mock);

const RECORD_ID = '001000000000001AAA';

async function createPanel(answer: unknown = mockCredit): Promise<HTMLElement> {
  getCreditSummaryMock.mockResolvedValueOnce(answer);
  const element = createElement('c-erp-credit-panel', { is: ErpCreditPanel });
  element.recordId = RECORD_ID;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function amount(element: HTMLElement, key: string): Stub | null {
  return query(element, `[data-amount="${key}"] lightning-formatted-number`);
}

describe('c-erp-credit-panel', () => {
  afterEach(() => {
    resetDom();
  });

  it('reads the contract answer type', () => {
    expect(contractFits).toBe(true);
  });

  it('asks once for the credit of its account, from the cache if there is one', async () => {
    // Given / When
    await createPanel();

    // Then
    expect(getCreditSummaryMock).toHaveBeenCalledTimes(1);
    expect(getCreditSummaryMock).toHaveBeenCalledWith({ accountId: RECORD_ID, refresh: false });
  });

  it('shows a spinner with alternative text and disables refresh while loading', async () => {
    // Given: an answer that has not arrived yet
    getCreditSummaryMock.mockReturnValueOnce(new Promise(() => undefined));
    const element = createElement('c-erp-credit-panel', { is: ErpCreditPanel });
    element.recordId = RECORD_ID;

    // When
    document.body.appendChild(element);
    await flushPromises();

    // Then
    expect(query(element, '[data-id="loading"] lightning-spinner')?.alternativeText).toBe(
      'c.ErpCredit_Loading'
    );
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);
    expect(query(element, '[data-id="status-badge"]')).toBeNull();
    expect(query(element, '[data-id="error"]')).toBeNull();
  });

  it('shows status, amounts, utilisation, payment terms and the time of live figures', async () => {
    // Given / When
    const element = await createPanel();

    // Then: the status in words and colour
    const badge = query(element, '[data-id="status-badge"]');
    expect(badge?.textContent?.trim()).toBe('c.ErpCredit_StatusOnHold');
    expect(badge?.classList).toContain('slds-theme_warning');
    expect(query(element, '[data-id="status-badge"] lightning-icon')?.iconName).toBe(
      'utility:warning'
    );
    // The amounts in the account currency
    expect(amount(element, 'creditLimit')?.value).toBe(75000);
    expect(amount(element, 'openBalance')?.value).toBe(30100);
    expect(amount(element, 'overdueBalance')?.value).toBe(4200.75);
    expect(amount(element, 'availableCredit')?.value).toBe(44900);
    expect(amount(element, 'creditLimit')?.formatStyle).toBe('currency');
    expect(amount(element, 'creditLimit')?.currencyCode).toBe('EUR');
    expect(text(element, '[data-id="payment-terms"]')).toBe('NET45');
    expect(text(element, '[data-id="erp-account"]')).toBe('ERP-ACC-1002');
    // The utilisation bar, with its value as text as well
    const bar = query(element, '[data-id="utilisation-bar"]');
    expect(bar?.getAttribute('role')).toBe('progressbar');
    expect(bar?.getAttribute('aria-valuenow')).toBe('40');
    expect(bar?.getAttribute('aria-valuetext')).toBe('40% used');
    const barValue = query(element, '[data-id="utilisation-bar"] span');
    expect(barValue?.className).toContain('utilisation-ok');
    expect(barValue?.getAttribute('style')).toContain('width: 40%');
    expect(text(element, '[data-id="utilisation-text"]')).toBe('40% used');
    expect(query(element, '[data-id="utilisation-warning"]')).toBeNull();
    // How fresh the figures are
    expect(query(element, '[data-id="as-of-time"]')?.value).toBe(mockCredit.asOf);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpCredit_SourceLive');
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(query(element, '[data-id="stale-reason"]')).toBeNull();
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(false);
  });

  it('warns in words and colour from 80 % utilisation', async () => {
    // Given / When
    const element = await createPanel({ ...mockCredit, source: 'CACHE', utilisationPercent: 80 });

    // Then
    expect(query(element, '[data-id="utilisation-bar"] span')?.className).toContain(
      'utilisation-warning'
    );
    expect(text(element, '[data-id="utilisation-warning"]')).toContain('c.ErpCredit_NearLimit');
    expect(text(element, '[data-id="source"]')).toBe('c.ErpCredit_SourceCache');
  });

  it('shows the limit as reached from 100 % utilisation', async () => {
    // Given / When
    const element = await createPanel({
      ...mockCredit,
      creditStatus: 'Blocked',
      utilisationPercent: 100,
      availableCredit: 0
    });

    // Then
    expect(query(element, '[data-id="utilisation-bar"]')?.getAttribute('aria-valuenow')).toBe(
      '100'
    );
    expect(query(element, '[data-id="utilisation-bar"] span')?.className).toContain(
      'utilisation-error'
    );
    const warning = query(element, '[data-id="utilisation-warning"]');
    expect(warning?.textContent).toContain('c.ErpCredit_LimitReached');
    expect(warning?.className).toContain('slds-text-color_error');
    expect(query(element, '[data-id="status-badge"]')?.classList).toContain('slds-theme_error');
    expect(text(element, '[data-id="status-badge"]')).toBe('c.ErpCredit_StatusBlocked');
  });

  it('marks synced figures as stale and says why', async () => {
    // Given / When
    const element = await createPanel(mockCreditStale);

    // Then
    expect(text(element, '[data-id="stale"]')).toBe('c.ErpCredit_Stale');
    expect(text(element, '[data-id="stale-reason"]')).toBe(mockCreditStale.staleReason);
    expect(text(element, '[data-id="source"]')).toBe('c.ErpCredit_SourceSynced');
    expect(query(element, '[data-id="as-of-time"]')?.value).toBe(mockCreditStale.asOf);
    // Synced figures have no payment terms: said, not left blank
    expect(text(element, '[data-id="payment-terms"]')).toBe('c.ErpCredit_NoValue');
  });

  it('explains staleness without a reason, missing values and an unknown status', async () => {
    // Given / When
    const element = await createPanel({
      recordId: RECORD_ID,
      source: 'SYNCED',
      stale: true,
      erpAccountId: 'ERP-ACC-1002',
      creditStatus: 'Under Review',
      creditLimit: 1000
    });

    // Then
    expect(text(element, '[data-id="stale-reason"]')).toBe('c.ErpCredit_StaleHint');
    expect(text(element, '[data-id="as-of"]')).toContain('c.ErpCredit_NeverSynced');
    expect(query(element, '[data-id="as-of-time"]')).toBeNull();
    expect(text(element, '[data-id="status-badge"]')).toBe('Under Review');
    expect(query(element, '[data-id="status-badge"]')?.classList).toContain('slds-badge_lightest');
    expect(amount(element, 'creditLimit')?.value).toBe(1000);
    expect(amount(element, 'openBalance')).toBeNull();
    expect(text(element, '[data-amount="openBalance"]')).toBe('c.ErpCredit_NoValue');
    expect(query(element, '[data-id="utilisation"]')).toBeNull();
  });

  it('shows Unknown when the ERP gives no status, and good standing in green', async () => {
    // Given / When
    const unknown = await createPanel({ ...mockCredit, creditStatus: undefined });
    const good = await createPanel({ ...mockCredit, creditStatus: 'Good Standing' });

    // Then
    expect(text(unknown, '[data-id="status-badge"]')).toBe('c.ErpCredit_StatusUnknown');
    expect(text(good, '[data-id="status-badge"]')).toBe('c.ErpCredit_StatusGoodStanding');
    expect(query(good, '[data-id="status-badge"]')?.classList).toContain('slds-theme_success');
  });

  it('says so when the account is not linked to the ERP', async () => {
    // Given / When
    const element = await createPanel(mockCreditNotLinked);

    // Then
    expect(text(element, '[data-id="not-linked"]')).toBe('c.ErpCredit_NotLinked');
    expect(query(element, '[data-id="status-badge"]')).toBeNull();
    expect(query(element, '[data-id="figures"]')).toBeNull();
  });

  it('shows the message of an Apex error in an alert', async () => {
    // Given
    const message = 'The account was not found or you do not have access to it.';
    getCreditSummaryMock.mockRejectedValueOnce({ body: { message }, status: 500 });
    const element = createElement('c-erp-credit-panel', { is: ErpCreditPanel });
    element.recordId = RECORD_ID;

    // When
    document.body.appendChild(element);
    await flushPromises();

    // Then
    const alert = query(element, '[data-id="error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('c.ErpCredit_LoadError');
    expect(alert?.textContent).toContain(message);
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="status-badge"]')).toBeNull();
  });

  it('reads script errors, plain texts and lists, and has a generic message otherwise', async () => {
    // Given
    const element = await createPanel();
    getCreditSummaryMock.mockRejectedValueOnce([new Error('Script problem'), 'Plain problem']);

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('Script problem, Plain problem');
    expect(query(element, '[data-id="status-badge"]')).toBeNull();

    // When the next refresh fails without a readable error
    getCreditSummaryMock.mockRejectedValueOnce(42);
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('c.ErpCredit_UnknownError');
  });

  it('asks the ERP again past the cache when refreshed, with a spinner meanwhile', async () => {
    // Given
    const element = await createPanel(mockCreditStale);
    let answer: (value: unknown) => void = () => undefined;
    getCreditSummaryMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));

    // When
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(getCreditSummaryMock).toHaveBeenLastCalledWith({ accountId: RECORD_ID, refresh: true });
    expect(query(element, '[data-id="loading"] lightning-spinner')).not.toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(true);

    // When the answer arrives
    answer(mockCredit);
    await flushPromises();

    // Then
    expect(query(element, 'lightning-spinner')).toBeNull();
    expect(query(element, '[data-id="refresh"]')?.disabled).toBe(false);
    expect(query(element, '[data-id="stale"]')).toBeNull();
    expect(text(element, '[data-id="source"]')).toBe('c.ErpCredit_SourceLive');
  });

  it('replaces an error with the figures once a refresh succeeds', async () => {
    // Given
    getCreditSummaryMock.mockRejectedValueOnce({ body: { message: 'Temporary failure' } });
    const element = createElement('c-erp-credit-panel', { is: ErpCreditPanel });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    await flushPromises();

    // When
    getCreditSummaryMock.mockResolvedValueOnce(mockCredit);
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(query(element, '[data-id="error"]')).toBeNull();
    expect(query(element, '[data-id="status-badge"]')).not.toBeNull();
  });

  it('shows a source it does not know as it is, and a generic message for an empty error', async () => {
    // Given
    const element = await createPanel({
      ...mockCredit,
      source: 'ARCHIVE',
      currencyIsoCode: undefined
    });

    // Then
    expect(text(element, '[data-id="source"]')).toBe('ARCHIVE');
    expect(amount(element, 'creditLimit')?.currencyCode).toBeUndefined();

    // When
    getCreditSummaryMock.mockRejectedValueOnce(null);
    query(element, '[data-id="refresh"]')?.click();
    await flushPromises();

    // Then
    expect(text(element, '[data-id="error"]')).toContain('c.ErpCredit_UnknownError');
  });

  it('is accessible: named controls, labelled icons, a live region and no colour-only signal', async () => {
    // Given / When
    const element = await createPanel({ ...mockCreditStale, utilisationPercent: 92 });

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
    expect(query(element, 'lightning-card')?.title).toBe('c.ErpCredit_Title');
    expect(query(element, '[data-id="status-region"]')?.getAttribute('aria-live')).toBe('polite');
    expect(query(element, '[data-id="status-region"] [data-id="status-badge"]')).not.toBeNull();
    const bar = query(element, '[data-id="utilisation-bar"]');
    expect(bar?.getAttribute('aria-labelledby')).toBe(
      query(element, '[data-id="utilisation"] .slds-text-title')?.getAttribute('id')
    );
    expect(text(element, '[data-id="utilisation-warning"]')).toContain('c.ErpCredit_NearLimit');
    expect(text(element, '[data-id="stale-reason"]')).toBe(mockCreditStale.staleReason);
  });
});
