/**
 * Jest mock of `lightning/uiRecordApi`: LDS test wire adapters for the wired functions (emit data
 * with `getRecord.emit(record)`, errors with `getRecord.error()`), jest mocks that resolve for the
 * imperative ones, and working `getFieldValue`/`getFieldDisplayValue` over UI API record JSON.
 */
import { createLdsTestWireAdapter } from '@salesforce/sfdx-lwc-jest';

export const getRecord = createLdsTestWireAdapter(jest.fn());
export const getRecords = createLdsTestWireAdapter(jest.fn());
export const getRecordCreateDefaults = createLdsTestWireAdapter(jest.fn());
export const createRecord = jest.fn().mockResolvedValue({});
export const updateRecord = jest.fn().mockResolvedValue({});
export const deleteRecord = jest.fn().mockResolvedValue(undefined);
export const notifyRecordUpdateAvailable = jest.fn().mockResolvedValue(undefined);

/** A field reference: `'Account.Name'` or `{ objectApiName, fieldApiName }` from a schema import. */
type FieldReference = string | { objectApiName: string; fieldApiName: string };

interface FieldValue {
  value: unknown;
  displayValue?: string | null;
}

interface RecordRepresentation {
  fields?: Record<string, FieldValue | undefined>;
}

/** The field path after the object name: `'Account.Owner.Name'` → `['Owner', 'Name']`. */
function fieldPath(field: FieldReference): string[] {
  const qualified =
    typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
  const separator = qualified.indexOf('.');
  if (separator < 1) {
    throw new TypeError(`Field reference must include the object API name: ${qualified}`);
  }
  return qualified.substring(separator + 1).split('.');
}

/** The field's entry, following relationship fields (`Owner.Name`); undefined if absent. */
function fieldEntry(record: unknown, field: FieldReference): FieldValue | undefined {
  let current = record as RecordRepresentation | undefined;
  let entry: FieldValue | undefined;
  for (const name of fieldPath(field)) {
    entry = current?.fields?.[name];
    if (entry === undefined) {
      return undefined;
    }
    current = entry.value as RecordRepresentation | undefined;
  }
  return entry;
}

export const getFieldValue = jest.fn(
  (record: unknown, field: FieldReference): unknown => fieldEntry(record, field)?.value
);

export const getFieldDisplayValue = jest.fn(
  (record: unknown, field: FieldReference): unknown => fieldEntry(record, field)?.displayValue
);
