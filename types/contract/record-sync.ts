/**
 * The record-sync contract between ERP Bridge and the ERP's middleware: the inbound records API
 * (`POST /services/apexrest/erp-bridge/v1/records/{object}`) and the outbound
 * `ERP_Record_Changed__e` platform event.
 *
 * These types are the single TypeScript statement of the contract. The canonical fixtures in
 * `force-app/main/default/staticresources/ErpContract_*.json` are validated against them by
 * `scripts/test/contract.test.ts`, the same fixtures drive the Apex tests, and the contract docs in
 * `docs/integration/` are generated from them, so the three cannot drift apart.
 *
 * Field names inside `fields` and `Changed_Fields__c` are canonical names from
 * `Field_Ownership__mdt.Canonical_Name__c` (for example `creditLimit`), never Salesforce API names.
 */

/** A JSON value of a synced field. Dates are `YYYY-MM-DD`, date-times ISO 8601 with seconds and `Z` or an offset (`2026-03-02T09:15:00Z`). */
export type FieldValue = string | number | boolean | null;

/** Canonical field name → value. */
export type CanonicalFields = Record<string, FieldValue>;

/** Body of `POST /erp-bridge/v1/records/{object}`. */
export interface RecordUpsertRequest {
  /**
   * When true, one rejected record rejects the whole call and nothing is written (the others are
   * answered with `ALL_OR_NONE_ABORTED`). Default false: each record stands on its own.
   */
  allOrNone?: boolean;
  /** 1 to 200 records of the object named in the URL. */
  records: RecordUpsertInput[];
}

/** One record of an upsert call, keyed by the object's registered external ID. */
export interface RecordUpsertInput {
  /** Value of the object's external-ID field (for Account `ERP_Account_ID__c`, for Lead `Marketing_Lead_ID__c`); never blank. */
  externalId: string;
  /**
   * When the sender (the ERP; the marketing platform in the marketing API) last modified this
   * record (ISO 8601 date-time). An update older than the last applied modification is rejected
   * with `STALE_UPDATE`.
   */
  modifiedAt: string;
  /** The record's fields by canonical name. Only fields the sender owns are applied on update. */
  fields: CanonicalFields;
}

/** What happened to one record. */
export type RecordOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** Codes of a record that was not written. */
export type RecordErrorCode =
  | 'BLANK_EXTERNAL_ID'
  | 'DUPLICATE_EXTERNAL_ID'
  | 'INVALID_RECORD'
  | 'INVALID_MODIFIED_AT'
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'STALE_UPDATE'
  | 'UNKNOWN_CAMPAIGN'
  | 'UNKNOWN_LEAD'
  | 'UNKNOWN_ORDER'
  | 'INVALID_TRANSITION'
  | 'SAVE_FAILED'
  | 'ALL_OR_NONE_ABORTED';

/** Codes of a call that was refused as a whole (nothing written, nothing stored under the key). */
export type RequestErrorCode =
  | 'MALFORMED_JSON'
  | 'INVALID_REQUEST'
  | 'MISSING_IDEMPOTENCY_KEY'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'INVALID_CORRELATION_ID'
  | 'UNKNOWN_OBJECT'
  | 'OBJECT_NOT_INBOUND'
  | 'TOO_MANY_RECORDS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_PROGRESS'
  | 'INTERNAL_ERROR';

/** Why a record was not written, precise enough to fix the record. */
export interface RecordError {
  /** Why the record was rejected; see `RECORD_ERROR_CODES` in `error-codes.ts`. */
  code: RecordErrorCode;
  /** Canonical name of the field at fault (or `externalId` / `modifiedAt` / `fields`; `campaignId` / `leadId` in the campaign-members API; `integrationKey` / `decision` / `erpOrderId` / `reasons` / `occurredAt` in the order acknowledgements API); null when the whole record is at fault. */
  field: string | null;
  /** Salesforce status code behind a `SAVE_FAILED` (for example `REQUIRED_FIELD_MISSING`); null otherwise. */
  statusCode: string | null;
  /** What is wrong, in words for a person. */
  message: string;
}

/**
 * Why a field present in the payload was not applied. `NOT_ON_REDIRECT_TARGET` occurs only in the
 * marketing leads API (`types/contract/marketing.ts`): a converted lead's update goes to its
 * contact, and lead fields the contact has no field for under the same canonical name are not
 * applied.
 */
export type IgnoredFieldReason = 'NOT_OWNED_BY_SENDER' | 'KEY_FIELD' | 'NOT_ON_REDIRECT_TARGET';

/** A payload field that was deliberately not applied; reported, never dropped silently. */
export interface IgnoredField {
  /** Canonical name as sent. */
  field: string;
  /** The system that owns the field (`Salesforce`, `ERP` or `Marketing`). */
  owner: string;
  /** `KEY_FIELD` for the object's external-ID field, `NOT_OWNED_BY_SENDER` for fields another system owns, `NOT_ON_REDIRECT_TARGET` for fields the redirect target (a converted lead's contact) does not have. */
  reason: IgnoredFieldReason;
}

/** The result for one input record, in input order. */
export interface RecordResult {
  /** Position of the record in `records`, from 0. */
  index: number;
  /** The external ID as sent (null when it was missing). */
  externalId: string | null;
  /** Salesforce ID of the record; null when rejected before it was found or created. */
  id: string | null;
  /** What happened to the record. */
  outcome: RecordOutcome;
  /** Empty unless `outcome` is `rejected`. */
  errors: RecordError[];
  /** Fields not applied because the sender does not own them (on update) or because they are the key. */
  ignoredFields: IgnoredField[];
  /**
   * Fields the sender does not own that were applied as the initial values of a created record
   * (ownership governs changes; a new record may be seeded by its creator). Empty unless created.
   */
  seededFields: string[];
}

/** Per-outcome counts of a call. */
export interface RecordUpsertSummary {
  /** Records inserted. */
  created: number;
  /** Records found and changed. */
  updated: number;
  /** Records found whose applicable fields already had the sent values (no DML, no event). */
  unchanged: number;
  /** Records not written; each has `errors`. */
  rejected: number;
}

/**
 * Response of a processed call: HTTP 200, or 422 when `allOrNone` was set and a record was
 * rejected. Stored under the `Idempotency-Key`; a repeated key returns it unchanged.
 */
export interface RecordUpsertResponse {
  /** Salesforce API name of the object, for example `Account`. */
  object: string;
  /** Canonical name of the object, for example `account`. */
  canonicalObject: string;
  /** The call's correlation ID: the `X-Correlation-Id` header, or the UUID generated when it was absent. */
  correlationId: string;
  /** The `Idempotency-Key` header of the call. */
  idempotencyKey: string;
  /** The request's `allOrNone` (false when it was absent). */
  allOrNone: boolean;
  /** Counts of the outcomes in `results`. */
  summary: RecordUpsertSummary;
  /** One result per request record, in request order. */
  results: RecordResult[];
}

/** Body of a refused call (HTTP 4xx/5xx). */
export interface ErrorResponse {
  /** Why the call was refused; see `REQUEST_ERROR_CODES` in `error-codes.ts`. */
  errorCode: RequestErrorCode;
  /** What went wrong, in words for a person. */
  message: string;
  /** Extra facts about the error (for example the limit that was exceeded); null when none. */
  details: Record<string, FieldValue> | null;
  /** The call's correlation ID: the `X-Correlation-Id` header, or the UUID generated when it was absent. */
  correlationId: string;
}

/** Change types carried by `ERP_Record_Changed__e.Change_Type__c`. */
export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

/**
 * The `ERP_Record_Changed__e` platform event's fields in their JSON form (as the Streaming API
 * delivers them and the fixtures show them). A Pub/Sub API subscriber decodes the same fields from
 * Avro, where the date-time `Occurred_At__c` arrives as epoch milliseconds instead.
 */
export interface RecordChangedEvent {
  /** Salesforce API name of the changed object, for example `Account`. */
  Object_API_Name__c: string;
  /** Canonical object name, for example `account`. */
  Canonical_Object__c: string;
  /** 18-character Salesforce ID of the record. */
  Record_ID__c: string;
  /** The record's external ID at publish time; null for outbound-only objects or records the counterpart does not know yet. */
  External_ID__c: string | null;
  /** What happened to the record. */
  Change_Type__c: ChangeType;
  /** JSON text of {@link CanonicalFields}: the changed Salesforce-owned fields with their new values (`{}` for DELETE). */
  Changed_Fields__c: string;
  /** Ties the event to the Salesforce transaction that made the change. */
  Correlation_ID__c: string;
  /** When the change was committed (ISO 8601 in JSON; epoch milliseconds in Pub/Sub API Avro). */
  Occurred_At__c: string;
}

/** A documented example of the outbound event: the event fields plus `Changed_Fields__c` parsed. */
export interface RecordChangedEventExample {
  /** The event's fields. */
  event: RecordChangedEvent;
  /** `Changed_Fields__c` parsed: canonical name → new value. */
  changedFields: CanonicalFields;
}
