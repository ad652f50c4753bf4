/**
 * The operations contract between ERP Bridge and an ERP without middleware: the endpoints the ERP
 * exposes so that Salesforce can deliver outbound changes by direct callout (the outbox, used when
 * `Integration_Object__mdt.Delivery_Mode__c` is `Direct Callout` or `Both`) and reconcile the
 * ERP-owned fields of the synced objects.
 *
 * Salesforce calls these endpoints through the `ERP_API` named credential
 * (`Integration_Setting__mdt.Named_Credential__c`): every path below is relative to it.
 *
 * The canonical fixtures `force-app/main/default/staticresources/ErpContract_Delivery*.json` and
 * `ErpContract_Reconciliation*.json` are validated against these types by
 * `scripts/test/contract.test.ts`, drive the Apex tests and are embedded in the generated
 * `docs/integration/erp-operations-api.md`; the answer classes below generate its table.
 */
import type { ChangeType, CanonicalFields } from './record-sync.js';

/**
 * Body of `POST /erp-bridge/v1/changes/{object}`: one Salesforce-side change of a record, sent by
 * the outbox dispatcher. Delivered at least once and in order per record: de-duplicate on the
 * `Idempotency-Key` header (equal to `messageId`).
 */
export interface RecordChangeDelivery {
  /** The message's delivery key (`Integration_Message__c.Delivery_Key__c`), a UUID; the `Idempotency-Key` header carries the same value, also on a retry and on a replay. */
  messageId: string;
  /** Canonical name of the changed object (`Integration_Object__mdt.Canonical_Name__c`), also the `{object}` of the path, for example `account`. */
  object: string;
  /** Salesforce API name of the changed object, for example `Account`. */
  salesforceObject: string;
  /** 18-character Salesforce ID of the record. */
  recordId: string;
  /** The record's external ID at the time of the change; null for an object without an external-ID field or a record the ERP does not know yet. */
  externalId: string | null;
  /** What happened to the record. */
  changeType: ChangeType;
  /** The changed Salesforce-owned fields by canonical name (`Field_Ownership__mdt.Canonical_Name__c`) with their new values. */
  fields: CanonicalFields;
  /** Ties the delivery to the Salesforce transaction that made the change; the `X-Correlation-Id` header carries the same value. */
  correlationId: string;
  /** When the change was committed: ISO 8601 in UTC with milliseconds, `YYYY-MM-DDTHH:mm:ss.SSSZ`. */
  occurredAt: string;
}

/**
 * Body of a refusal (any status that is not 2xx) the ERP may send: the dispatcher keeps the body
 * in `Integration_Message__c.Response__c` for support, whatever its shape; this is the shape the
 * contract recommends.
 */
export interface DeliveryErrorResponse {
  /** Why the ERP refused the delivery; at least one. */
  errors: DeliveryError[];
}

/** One reason for refusing a delivery. */
export interface DeliveryError {
  /** The ERP's error code, for example `INVALID_FIELD`. */
  code: string;
  /** What is wrong, in words for a person. */
  message: string;
  /** Canonical name of the field at fault; absent when the whole delivery is at fault. */
  field?: string;
}

/**
 * Body of `POST /erp-bridge/v1/reconciliation/{object}/lookup`: the external IDs of one page of
 * Salesforce records and the fields to compare.
 */
export interface ReconciliationLookupRequest {
  /** External IDs of Salesforce records (the object's `External_ID_Field__c`), at most the reconciliation page size (`Reconciliation_Page_Size__c`). */
  externalIds: string[];
  /** Canonical names of the compared fields: the ERP-owned fields of the object except its external-ID field. */
  fields: string[];
}

/**
 * Answer (HTTP 200) of `POST /erp-bridge/v1/reconciliation/{object}/lookup`: the ERP's records
 * among the external IDs asked for. An ID the ERP does not know is simply absent.
 */
export interface ReconciliationLookupResponse {
  /** Canonical name of the object, as in the path. */
  object: string;
  /** How many records of the object the ERP holds in all (not only on this page). */
  totalCount: number;
  /** The records found, each external ID at most once. */
  records: ReconciliationRecord[];
}

/** One ERP record in a reconciliation lookup. */
export interface ReconciliationRecord {
  /** The record's external ID, one of those asked for. */
  externalId: string;
  /** Lowercase hex SHA-256 of the canonical JSON of `fields` (see the checksum rules); equal checksums mean the record matches without comparing field by field. */
  checksum: string;
  /** Exactly the compared fields asked for, by canonical name, with the ERP's values (`null` when the ERP has none). */
  fields: CanonicalFields;
}

/**
 * Answer (HTTP 200) of `GET /erp-bridge/v1/reconciliation/{object}/ids?page=P&pageSize=N`: one
 * page of the external IDs of every record the ERP holds for the object, in a stable order, pages
 * counted from 0.
 */
export interface ReconciliationIdsPage {
  /** Canonical name of the object, as in the path. */
  object: string;
  /** How many records of the object the ERP holds in all. */
  totalCount: number;
  /** The page number asked for, from 0. */
  page: number;
  /** The page size asked for. */
  pageSize: number;
  /** At most `pageSize` external IDs, each once; fewer (or none) on the last page. */
  externalIds: string[];
}

/** Path (below the named credential) of the change deliveries; `{object}` is the object's canonical name. */
export const DELIVERY_CHANGES_PATH = '/erp-bridge/v1/changes/{object}';
/** Path (below the named credential) of the order deliveries: the body is the canonical order of `types/contract/orders.ts`. */
export const DELIVERY_ORDERS_PATH = '/erp-bridge/v1/orders';
/** Path (below the named credential) of the reconciliation lookup; `{object}` is the object's canonical name. */
export const RECONCILIATION_LOOKUP_PATH = '/erp-bridge/v1/reconciliation/{object}/lookup';
/** Path (below the named credential) of the reconciliation ID listing; `{object}` is the object's canonical name. */
export const RECONCILIATION_IDS_PATH = '/erp-bridge/v1/reconciliation/{object}/ids';

/** A request header Salesforce sends with every delivery. */
export interface DeliveryHeader {
  /** The header's name. */
  readonly name: string;
  /** What it carries. */
  readonly description: string;
}

/** Header carrying the message's delivery key: the same on every attempt and replay. */
export const DELIVERY_IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Header carrying the correlation ID of the change. */
export const DELIVERY_CORRELATION_ID_HEADER = 'X-Correlation-Id';
/** Header carrying the message type (`Integration_Message__c.Message_Type__c`). */
export const DELIVERY_MESSAGE_TYPE_HEADER = 'X-ERP-Bridge-Message-Type';
/** Header carrying the attempt number, from 1. */
export const DELIVERY_ATTEMPT_HEADER = 'X-ERP-Bridge-Attempt';

/** The headers of every delivery, in the order the docs table them. */
export const DELIVERY_HEADERS: readonly DeliveryHeader[] = [
  {
    name: DELIVERY_IDEMPOTENCY_KEY_HEADER,
    description:
      "The message's delivery key (`Delivery_Key__c`): `messageId` for a change, the order's `Integration_Key__c` for an order. The same on every retry and replay: de-duplicate on it and answer a duplicate with 2xx."
  },
  {
    name: DELIVERY_CORRELATION_ID_HEADER,
    description: 'The correlation ID of the Salesforce transaction (`Correlation_ID__c`).'
  },
  {
    name: DELIVERY_MESSAGE_TYPE_HEADER,
    description:
      'The message type (`Message_Type__c`), for example `Record Change` or `Order Submission`.'
  },
  {
    name: DELIVERY_ATTEMPT_HEADER,
    description: 'The attempt number, from 1; a replay starts again at 1.'
  },
  { name: 'Content-Type', description: '`application/json`.' }
];

/** How the dispatcher classes an answer (or the lack of one). */
export type DeliveryErrorClass = 'Delivered' | 'Transient' | 'Permanent';

/** An inclusive range of HTTP statuses. */
export interface StatusRange {
  /** The first status of the range. */
  readonly from: number;
  /** The last status of the range (equal to `from` for a single status). */
  readonly to: number;
}

/** One answer class: which answers belong to it and what the dispatcher does with the message. */
export interface DeliveryAnswerClass {
  /** The class (`Integration_Message__c.Error_Class__c` for the two failure classes). */
  readonly errorClass: DeliveryErrorClass;
  /** The HTTP statuses of the class; empty for the class of every status no other class lists. */
  readonly statuses: readonly StatusRange[];
  /** Whether a callout without an answer (timeout, connection refused or reset) belongs to the class. */
  readonly noAnswer: boolean;
  /** A note on the answers, in words; empty when the statuses say it all. */
  readonly note: string;
  /** What happens to the message. */
  readonly outcome: string;
}

/**
 * The answer classes in documentation order: an answer belongs to the first class that lists its
 * status, else to the class without statuses (`deliveryErrorClassOf` in `scripts/lib/contract.ts`
 * applies them, the Apex dispatcher implements them and `erp-operations-api.md` tables them).
 */
export const DELIVERY_ANSWER_CLASSES: readonly DeliveryAnswerClass[] = [
  {
    errorClass: 'Delivered',
    statuses: [{ from: 200, to: 299 }],
    noAnswer: false,
    note: 'also the answer to a duplicate `Idempotency-Key`',
    outcome:
      'Status `Delivered`; `Processed_At__c`, `Response_Status_Code__c` and `Response__c` are kept.'
  },
  {
    errorClass: 'Transient',
    statuses: [
      { from: 408, to: 408 },
      { from: 429, to: 429 },
      { from: 500, to: 599 }
    ],
    noAnswer: true,
    note: '',
    outcome:
      'Retried: `Attempts__c` + 1, `Error_Class__c` `Transient`, `Last_Error__c` set and `Next_Attempt_At__c` after the backoff of the retry schedule (a longer `Retry-After` in seconds on 429 or 503 is honoured, still capped at the longest delay). A transient failure of the last attempt makes the message `Dead`.'
  },
  {
    errorClass: 'Permanent',
    statuses: [],
    noAnswer: false,
    note: 'for example 400, 401, 403, 404, 409, 422, or a 3xx: redirects are not followed',
    outcome:
      'Status `Dead` at once (`Error_Class__c` `Permanent`), the body kept in `Response__c`; never retried by itself. A message that cannot be sent at all (blank payload or endpoint, payload not JSON) is dead-lettered the same way without a callout.'
  }
];
