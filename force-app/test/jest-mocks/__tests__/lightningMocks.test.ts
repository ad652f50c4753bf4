// Proves that jest.config maps the lightning/* modules to these mocks and that the mocks behave
// like the platform where components depend on it.
import type { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import * as navigationMock from '../lightning/navigation';
import * as uiRecordApiMock from '../lightning/uiRecordApi';

const record = {
  fields: {
    Name: { value: 'Acme', displayValue: null },
    Owner: { value: { fields: { Name: { value: 'Ada Lovelace', displayValue: null } } } }
  }
};

describe('lightning/* jest mocks', () => {
  afterEach(() => {
    jest.clearAllMocks();
  });

  it('records navigation through NavigationMixin', () => {
    // Given
    const pageReference = { type: 'standard__recordPage', attributes: { recordId: '001' } };
    // A plain base class stands in for LightningElement, which only the engine can construct.
    const Navigator = NavigationMixin(class {} as unknown as typeof LightningElement);
    const navigator = new Navigator() as unknown as Record<symbol, (ref: unknown) => void>;

    // When
    navigator[(NavigationMixin as unknown as { Navigate: symbol }).Navigate](pageReference);

    // Then
    expect(navigationMock.navigate).toHaveBeenCalledWith(pageReference, undefined);
  });

  it('creates a bubbling, composed lightning__showtoast event', () => {
    // When
    const event = new ShowToastEvent({ title: 'Saved', message: 'Done', variant: 'success' });

    // Then
    expect(event.type).toBe('lightning__showtoast');
    expect(event.bubbles && event.composed).toBe(true);
    expect(event.detail).toEqual({ title: 'Saved', message: 'Done', variant: 'success' });
  });

  it('reads field values, following relationships, from UI API records', () => {
    expect(getFieldValue(record, 'Account.Name')).toBe('Acme');
    expect(getFieldValue(record, { objectApiName: 'Account', fieldApiName: 'Owner.Name' })).toBe(
      'Ada Lovelace'
    );
    expect(getFieldValue(record, 'Account.Phone')).toBeUndefined();
    expect(() => getFieldValue(record, 'Name')).toThrow(TypeError);
    expect(uiRecordApiMock.getFieldDisplayValue(record, 'Account.Name')).toBeNull();
  });

  it('provides getRecord as an LDS test wire adapter', () => {
    expect(typeof (getRecord as unknown as { emit: unknown }).emit).toBe('function');
  });
});
