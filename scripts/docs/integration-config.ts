/**
 * Reads the integration configuration (the `Integration_Object__mdt` and `Field_Ownership__mdt`
 * records) out of a {@link MetadataModel}, validates it, and returns it typed and sorted for the
 * docs generator.
 *
 * @module
 */
import {
  compareText,
  customMetadataRecordsOf,
  findField,
  findObject,
  type CustomMetadataRecord,
  type FieldMetadata,
  type MetadataModel
} from '../lib/metadata-model.js';

/** The three systems that can own a field. */
export type SystemName = 'Salesforce' | 'ERP' | 'Marketing';
/** The systems Salesforce exchanges data with. */
export type ExternalSystem = Exclude<SystemName, 'Salesforce'>;
/** `Integration_Object__mdt.Direction__c`. */
export type Direction = 'Inbound' | 'Outbound' | 'Bidirectional';
/** `Integration_Object__mdt.Counterpart_System__c`. */
export type Counterpart = 'ERP' | 'Marketing' | 'Both';
/** `Integration_Object__mdt.Inbound_API__c`: the inbound API that writes an object. */
export type InboundApi = 'Records' | 'Orders' | 'Marketing';

/** API name of the custom metadata type that registers synced objects. */
export const INTEGRATION_OBJECT_TYPE = 'Integration_Object__mdt';
/** API name of the custom metadata type that assigns field owners. */
export const FIELD_OWNERSHIP_TYPE = 'Field_Ownership__mdt';

const SYSTEMS: readonly SystemName[] = ['Salesforce', 'ERP', 'Marketing'];
const DIRECTIONS: readonly Direction[] = ['Inbound', 'Outbound', 'Bidirectional'];
const COUNTERPARTS: readonly Counterpart[] = ['ERP', 'Marketing', 'Both'];
const INBOUND_APIS: readonly InboundApi[] = ['Records', 'Orders', 'Marketing'];
/** The system that calls each inbound API. */
const SENDER_OF_INBOUND_API: Readonly<Record<InboundApi, ExternalSystem>> = {
  Records: 'ERP',
  Orders: 'ERP',
  Marketing: 'Marketing'
};

/** One `Integration_Object__mdt` record. */
export interface IntegrationObject {
  /** `Object_API_Name__c`, e.g. `Account`. */
  readonly objectApiName: string;
  /** `Direction__c`. */
  readonly direction: Direction;
  /** `Counterpart_System__c`. */
  readonly counterpart: Counterpart;
  /** The counterpart as systems: `Both` is `['ERP', 'Marketing']`. */
  readonly counterpartSystems: readonly ExternalSystem[];
  /** `Canonical_Name__c` (the object's name in payloads), if set. */
  readonly canonicalName?: string;
  /** `Is_Enabled__c`. */
  readonly enabled: boolean;
  /** `Delivery_Mode__c`, if set. */
  readonly deliveryMode?: string;
  /** `Sort_Order__c`, if set. */
  readonly sortOrder?: number;
  /** `External_ID_Field__c`: the field the sync joins on, if set. */
  readonly externalIdField?: string;
  /** `Inbound_API__c`: the inbound API that writes the object, if any. */
  readonly inboundApi?: InboundApi;
  /** `Modified_At_Field__c`: the Date/Time field of the stale-update guard, if set. */
  readonly modifiedAtField?: string;
  /** `Synced_At_Field__c`: the Date/Time field stamped when an inbound change is applied, if set. */
  readonly syncedAtField?: string;
  /** Label of the object from its metadata, if the project has an object file. */
  readonly objectLabel?: string;
  /** Developer name of the record. */
  readonly developerName: string;
  /** Project-relative path of the record file. */
  readonly filePath: string;
}

/** One `Field_Ownership__mdt` record, joined with the field's metadata. */
export interface FieldOwnership {
  /** `Object_API_Name__c`. */
  readonly objectApiName: string;
  /** `Field_API_Name__c`. */
  readonly fieldApiName: string;
  /** `Owner__c`. */
  readonly owner: SystemName;
  /** `Canonical_Name__c`: the field's name in payloads. */
  readonly canonicalName: string;
  /** `Is_Enabled__c`. */
  readonly enabled: boolean;
  /** The field's metadata; `undefined` for standard fields the project does not extend. */
  readonly field?: FieldMetadata;
  /** Developer name of the record. */
  readonly developerName: string;
  /** Project-relative path of the record file. */
  readonly filePath: string;
}

/** The validated configuration. */
export interface IntegrationConfig {
  /** Integration objects sorted by `Sort_Order__c` (unset last), then object API name. */
  readonly objects: readonly IntegrationObject[];
  /** Ownership records sorted by object (in `objects` order), then field API name. */
  readonly ownership: readonly FieldOwnership[];
  /** Findings that do not stop generation (printed by the generator). */
  readonly warnings: readonly string[];
}

/** A configuration problem, tied to the file that has it. */
export interface Problem {
  /** Project-relative path of the file with the problem. */
  readonly filePath: string;
  /** What is wrong. */
  readonly message: string;
}

/** Thrown when the metadata cannot be documented; lists every problem found, each with its file. */
export class DocsValidationError extends Error {
  /** The problems, sorted by file then message. */
  readonly problems: readonly Problem[];

  /** @param problems - at least one problem */
  constructor(problems: readonly Problem[]) {
    const sorted = [...problems].sort(
      (a, b) => compareText(a.filePath, b.filePath) || compareText(a.message, b.message)
    );
    super(
      `The integration metadata has ${sorted.length} problem(s):\n` +
        sorted.map((p) => `  ${p.filePath}: ${p.message}`).join('\n')
    );
    this.name = 'DocsValidationError';
    this.problems = sorted;
  }
}

/**
 * Reads and validates the integration configuration.
 *
 * Problems reported (all at once, each naming its file): records without an object or field name;
 * unknown direction, counterpart or owner values; two `Integration_Object__mdt` records for one
 * object; a sync key that is not an external-ID field; an ownership record whose object has no
 * `Integration_Object__mdt` record; a field with two ownership records (two owners); a missing or
 * duplicate (within one object) canonical name; a custom object or custom field without metadata;
 * an owner that is not the object's counterpart system; an unknown `Inbound_API__c`, or one set on
 * an outbound-only object, on an object whose counterpart does not call that API or on an object
 * without a sync key; a records-API object without `Modified_At_Field__c`; a modified-at or
 * synced-at field that is missing or not a Date/Time. An orders or marketing object without
 * `Modified_At_Field__c` is a warning.
 *
 * @param model - the loaded project metadata
 * @returns the configuration, sorted
 * @throws DocsValidationError listing every problem
 */
export function readIntegrationConfig(model: MetadataModel): IntegrationConfig {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const objects = readObjects(model, problems, warnings);
  const byObject = new Map(objects.map((o) => [o.objectApiName.toLowerCase(), o]));
  const ownership = readOwnership(model, byObject, problems, warnings);
  if (problems.length > 0) {
    throw new DocsValidationError(problems);
  }
  const position = new Map(objects.map((o, index) => [o.objectApiName.toLowerCase(), index]));
  ownership.sort(
    (a, b) =>
      position.get(a.objectApiName.toLowerCase())! - position.get(b.objectApiName.toLowerCase())! ||
      compareText(a.fieldApiName, b.fieldApiName)
  );
  return { objects, ownership, warnings: warnings.sort(compareText) };
}

/**
 * Describes where a field's data flows, from its owner.
 *
 * @param owner - the owning system
 * @param object - the field's integration object (for the counterparts of Salesforce-owned fields)
 * @returns e.g. `ERP → Salesforce` or `Salesforce → ERP, Marketing`
 */
export function flowOf(owner: SystemName, object: IntegrationObject): string {
  if (owner === 'Salesforce') {
    return `Salesforce → ${object.counterpartSystems.join(', ')}`;
  }
  return `${owner} → Salesforce`;
}

function readObjects(
  model: MetadataModel,
  problems: Problem[],
  warnings: string[]
): IntegrationObject[] {
  const seen = new Map<string, string>();
  const objects: IntegrationObject[] = [];
  for (const record of customMetadataRecordsOf(model, INTEGRATION_OBJECT_TYPE)) {
    const report = (message: string): void => {
      problems.push({ filePath: record.filePath, message });
    };
    const objectApiName = stringValue(record, 'Object_API_Name__c');
    const direction = stringValue(record, 'Direction__c');
    const counterpart = stringValue(record, 'Counterpart_System__c');
    const sortOrder = record.values.get('Sort_Order__c');
    let valid = true;
    if (objectApiName === undefined) {
      report('Object_API_Name__c is blank');
      valid = false;
    }
    if (!isOneOf(direction, DIRECTIONS)) {
      report(`Direction__c "${direction ?? ''}" is not one of ${DIRECTIONS.join(', ')}`);
      valid = false;
    }
    if (!isOneOf(counterpart, COUNTERPARTS)) {
      report(
        `Counterpart_System__c "${counterpart ?? ''}" is not one of ${COUNTERPARTS.join(', ')}`
      );
      valid = false;
    }
    if (sortOrder !== undefined && sortOrder !== null && typeof sortOrder !== 'number') {
      report(`Sort_Order__c "${String(sortOrder)}" is not a number`);
    }
    const inboundApi = stringValue(record, 'Inbound_API__c');
    if (inboundApi !== undefined && !isOneOf(inboundApi, INBOUND_APIS)) {
      report(`Inbound_API__c "${inboundApi}" is not one of ${INBOUND_APIS.join(', ')}`);
      valid = false;
    }
    if (!valid || objectApiName === undefined) {
      continue;
    }
    const earlier = seen.get(objectApiName.toLowerCase());
    if (earlier !== undefined) {
      report(`${objectApiName} already has an Integration_Object__mdt record (${earlier})`);
      continue;
    }
    seen.set(objectApiName.toLowerCase(), record.filePath);
    const object = findObject(model, objectApiName);
    if (object === undefined && isCustomName(objectApiName)) {
      report(`object ${objectApiName} has no metadata in the project`);
    }
    const externalIdField = stringValue(record, 'External_ID_Field__c');
    if (externalIdField !== undefined) {
      checkSyncKey(model, objectApiName, externalIdField, report);
    }
    const modifiedAtField = stringValue(record, 'Modified_At_Field__c');
    const syncedAtField = stringValue(record, 'Synced_At_Field__c');
    for (const [setting, fieldApiName] of [
      ['Modified_At_Field__c', modifiedAtField],
      ['Synced_At_Field__c', syncedAtField]
    ] as const) {
      if (fieldApiName !== undefined) {
        checkDateTimeField(model, objectApiName, setting, fieldApiName, report);
      }
    }
    if (isOneOf(inboundApi, INBOUND_APIS)) {
      checkInboundApi(
        {
          objectApiName,
          inboundApi,
          direction: direction as Direction,
          counterpart: counterpart as Counterpart,
          externalIdField,
          modifiedAtField,
          filePath: record.filePath
        },
        report,
        warnings
      );
    }
    objects.push({
      objectApiName: object?.apiName ?? objectApiName,
      direction: direction as Direction,
      counterpart: counterpart as Counterpart,
      counterpartSystems:
        counterpart === 'Both' ? ['ERP', 'Marketing'] : [counterpart as ExternalSystem],
      canonicalName: stringValue(record, 'Canonical_Name__c'),
      enabled: booleanValue(record, 'Is_Enabled__c', report),
      deliveryMode: stringValue(record, 'Delivery_Mode__c'),
      sortOrder: typeof sortOrder === 'number' ? sortOrder : undefined,
      externalIdField,
      inboundApi: isOneOf(inboundApi, INBOUND_APIS) ? inboundApi : undefined,
      modifiedAtField,
      syncedAtField,
      objectLabel: object?.label,
      developerName: record.developerName,
      filePath: record.filePath
    });
  }
  return objects.sort(
    (a, b) =>
      (a.sortOrder ?? Number.POSITIVE_INFINITY) - (b.sortOrder ?? Number.POSITIVE_INFINITY) ||
      compareText(a.objectApiName, b.objectApiName)
  );
}

function checkSyncKey(
  model: MetadataModel,
  objectApiName: string,
  fieldApiName: string,
  report: (message: string) => void
): void {
  const field = findField(model, objectApiName, fieldApiName);
  if (field === undefined) {
    if (isCustomName(fieldApiName)) {
      report(`External_ID_Field__c ${objectApiName}.${fieldApiName} has no field metadata`);
    }
    return;
  }
  if (!field.externalId) {
    report(
      `External_ID_Field__c ${objectApiName}.${fieldApiName} is not marked External ID (${field.filePath})`
    );
  }
}

function checkDateTimeField(
  model: MetadataModel,
  objectApiName: string,
  setting: string,
  fieldApiName: string,
  report: (message: string) => void
): void {
  const field = findField(model, objectApiName, fieldApiName);
  if (field === undefined) {
    report(`${setting} ${objectApiName}.${fieldApiName} has no field metadata`);
  } else if (field.type !== 'DateTime') {
    report(
      `${setting} ${objectApiName}.${fieldApiName} is a ${field.type ?? 'field without type'}, not a DateTime (${field.filePath})`
    );
  }
}

/**
 * Checks that an object written by an inbound API can be: it syncs inbound, its counterpart is
 * the API's sender, and it has the sync key and (for the records API) the stale-update field the
 * API needs. A missing modified-at field of another inbound API is a warning.
 */
function checkInboundApi(
  object: {
    objectApiName: string;
    inboundApi: InboundApi;
    direction: Direction;
    counterpart: Counterpart;
    externalIdField?: string;
    modifiedAtField?: string;
    filePath: string;
  },
  report: (message: string) => void,
  warnings: string[]
): void {
  const { objectApiName, inboundApi } = object;
  const sender = SENDER_OF_INBOUND_API[inboundApi];
  if (object.direction === 'Outbound') {
    report(`Inbound_API__c is ${inboundApi} but ${objectApiName} syncs Outbound only`);
  }
  if (object.counterpart !== sender && object.counterpart !== 'Both') {
    report(
      `Inbound_API__c ${inboundApi} is called by ${sender}, which is not the counterpart of ${objectApiName} (${object.counterpart})`
    );
  }
  if (object.externalIdField === undefined) {
    report(`Inbound_API__c is ${inboundApi} but ${objectApiName} has no External_ID_Field__c`);
  }
  if (object.modifiedAtField === undefined) {
    const message = `Inbound_API__c is ${inboundApi} but ${objectApiName} has no Modified_At_Field__c, so stale updates cannot be detected`;
    if (inboundApi === 'Records') {
      report(message);
    } else {
      warnings.push(`${object.filePath}: ${message}`);
    }
  }
}

function readOwnership(
  model: MetadataModel,
  objects: ReadonlyMap<string, IntegrationObject>,
  problems: Problem[],
  warnings: string[]
): FieldOwnership[] {
  const byField = new Map<string, FieldOwnership>();
  const byCanonical = new Map<string, FieldOwnership>();
  const result: FieldOwnership[] = [];
  for (const record of customMetadataRecordsOf(model, FIELD_OWNERSHIP_TYPE)) {
    const report = (message: string): void => {
      problems.push({ filePath: record.filePath, message });
    };
    const objectApiName = stringValue(record, 'Object_API_Name__c');
    const fieldApiName = stringValue(record, 'Field_API_Name__c');
    const owner = stringValue(record, 'Owner__c');
    const canonicalName = stringValue(record, 'Canonical_Name__c');
    if (objectApiName === undefined || fieldApiName === undefined) {
      report(
        objectApiName === undefined ? 'Object_API_Name__c is blank' : 'Field_API_Name__c is blank'
      );
      continue;
    }
    const qualified = `${objectApiName}.${fieldApiName}`;
    const object = objects.get(objectApiName.toLowerCase());
    if (object === undefined) {
      report(`object ${objectApiName} of ${qualified} has no Integration_Object__mdt record`);
    }
    if (!isOneOf(owner, SYSTEMS)) {
      report(`Owner__c "${owner ?? ''}" of ${qualified} is not one of ${SYSTEMS.join(', ')}`);
    }
    if (canonicalName === undefined) {
      report(`Canonical_Name__c of ${qualified} is blank`);
    }
    const field = findField(model, objectApiName, fieldApiName);
    if (field === undefined && isCustomName(fieldApiName)) {
      report(`custom field ${qualified} has no field metadata in the project`);
    }
    const fieldKey = qualified.toLowerCase();
    const sameField = byField.get(fieldKey);
    if (sameField !== undefined) {
      report(
        `${qualified} has two owners: ${owner ?? '(blank)'} here and ${sameField.owner} in ${sameField.filePath}`
      );
      continue;
    }
    if (object === undefined || !isOneOf(owner, SYSTEMS) || canonicalName === undefined) {
      continue;
    }
    const canonicalKey = `${objectApiName}.${canonicalName}`.toLowerCase();
    const sameCanonical = byCanonical.get(canonicalKey);
    if (sameCanonical !== undefined) {
      report(
        `canonical name "${canonicalName}" of ${qualified} is also used by ${objectApiName}.${sameCanonical.fieldApiName} (${sameCanonical.filePath})`
      );
      continue;
    }
    if (owner !== 'Salesforce' && !object.counterpartSystems.includes(owner)) {
      report(
        `${qualified} is owned by ${owner}, which is not a counterpart of ${object.objectApiName} (Counterpart_System__c ${object.counterpart} in ${object.filePath})`
      );
      continue;
    }
    const inbound = owner !== 'Salesforce';
    if (inbound ? object.direction === 'Outbound' : object.direction === 'Inbound') {
      warnings.push(
        `${record.filePath}: ${qualified} is owned by ${owner} but ${object.objectApiName} syncs ${object.direction} only, so it never travels`
      );
    }
    const entry: FieldOwnership = {
      objectApiName: object.objectApiName,
      fieldApiName: field?.apiName ?? fieldApiName,
      owner,
      canonicalName,
      enabled: booleanValue(record, 'Is_Enabled__c', report),
      field,
      developerName: record.developerName,
      filePath: record.filePath
    };
    byField.set(fieldKey, entry);
    byCanonical.set(canonicalKey, entry);
    result.push(entry);
  }
  return result;
}

function stringValue(record: CustomMetadataRecord, field: string): string | undefined {
  const value = record.values.get(field);
  if (value === undefined || value === null) {
    return undefined;
  }
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function booleanValue(
  record: CustomMetadataRecord,
  field: string,
  report: (message: string) => void
): boolean {
  const value = record.values.get(field);
  if (value === undefined || value === null || value === false || value === 'false') {
    return false;
  }
  if (value === true || value === 'true') {
    return true;
  }
  report(`${field} "${String(value)}" is not true or false`);
  return false;
}

function isOneOf<T extends string>(value: string | undefined, allowed: readonly T[]): value is T {
  return value !== undefined && (allowed as readonly string[]).includes(value);
}

function isCustomName(apiName: string): boolean {
  return /__[a-z]+$/i.test(apiName);
}
