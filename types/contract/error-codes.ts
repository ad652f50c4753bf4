/**
 * The error codes, HTTP headers and paths of the inbound APIs (the records API, the marketing
 * API's leads, campaigns and campaign-members endpoints and the order acknowledgements API, which
 * share them), as a catalogue the docs and the contract test read. The Apex side is
 * `force-app/main/default/classes/inbound/InboundErrorCode.cls`; `scripts/test/contract.test.ts`
 * fails when its `REQUEST_CODES`, `RECORD_CODES` and `HTTP_STATUS_BY_REQUEST_CODE` differ from
 * these catalogues (codes, order or statuses).
 *
 * Both catalogues are typed as complete records over the code unions of `record-sync.ts`, so a
 * code added to a union without an entry here (or an entry for an unknown code) does not compile.
 */
import type { RecordErrorCode, RequestErrorCode } from './record-sync.js';
import type { OrderAcknowledgementInput } from './orders.js';

/** What the catalogue says about a request error code. */
export interface RequestErrorCodeInfo {
  /** The HTTP status of the refused call. */
  readonly httpStatus: number;
  /** When the code is returned, in plain words. */
  readonly description: string;
}

/** An inbound endpoint, as the catalogue names it. */
export type InboundEndpoint =
  | 'records'
  | 'marketing leads'
  | 'marketing campaigns'
  | 'campaign-members'
  | 'order acknowledgements'
  | 'order status events';

/** What the catalogue says about a record error code. */
export interface RecordErrorCodeInfo {
  /** When the code is returned, in plain words. */
  readonly description: string;
  /** The only endpoints that return the code; absent when every endpoint may. */
  readonly onlyIn?: readonly InboundEndpoint[];
}

/**
 * Codes of a call refused as a whole, in documentation order (the order of `REQUEST_CODES` in
 * Apex). Nothing is written and nothing is stored under the idempotency key.
 */
export const REQUEST_ERROR_CODES = {
  MALFORMED_JSON: { httpStatus: 400, description: 'The body is not valid JSON.' },
  INVALID_REQUEST: {
    httpStatus: 400,
    description: 'The body is JSON but not the documented shape (for example no `records` array).'
  },
  MISSING_IDEMPOTENCY_KEY: {
    httpStatus: 400,
    description: 'The `Idempotency-Key` header is missing or blank.'
  },
  INVALID_IDEMPOTENCY_KEY: {
    httpStatus: 400,
    description: 'The `Idempotency-Key` header is longer than 255 characters.'
  },
  INVALID_CORRELATION_ID: {
    httpStatus: 400,
    description:
      'The `X-Correlation-Id` header is longer than 64 characters or has characters other than letters, digits and `. _ : -`.'
  },
  UNKNOWN_OBJECT: {
    httpStatus: 404,
    description:
      'The object in the URL is not registered in `Integration_Object__mdt`, or its sync is disabled.'
  },
  OBJECT_NOT_INBOUND: {
    httpStatus: 422,
    description:
      'The object is registered but this API does not write it for this sender (it is outbound only, or another inbound API writes it).'
  },
  TOO_MANY_RECORDS: {
    httpStatus: 413,
    description: 'The call carries more records than one call may (200).'
  },
  IDEMPOTENCY_KEY_REUSED: {
    httpStatus: 422,
    description: 'The `Idempotency-Key` was already used for a different request.'
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    httpStatus: 409,
    description: 'A request with this `Idempotency-Key` is still being processed; retry later.'
  },
  INTERNAL_ERROR: {
    httpStatus: 500,
    description: 'An unexpected failure; nothing was written. Retry with the same key.'
  }
} as const satisfies Record<RequestErrorCode, RequestErrorCodeInfo>;

/**
 * Codes of one rejected record, in documentation order (the order of `RECORD_CODES` in Apex). The
 * other records of the call go on unless the caller asked for all-or-none.
 */
export const RECORD_ERROR_CODES = {
  BLANK_EXTERNAL_ID: {
    description:
      'The external ID is missing or blank; the record is never inserted, because a blank key would create a new record on every call.'
  },
  DUPLICATE_EXTERNAL_ID: {
    description:
      'Another record of the same call has the same external ID (compared without case); every occurrence is rejected.'
  },
  INVALID_RECORD: {
    description: 'The record is not a JSON object, or its `fields` is not a JSON object.'
  },
  INVALID_MODIFIED_AT: {
    description: '`modifiedAt` is missing or not an ISO 8601 date-time.'
  },
  UNKNOWN_FIELD: {
    description: 'A field name is not a canonical name registered for the object.'
  },
  WRONG_TYPE: {
    description: "A field value does not have the field's type."
  },
  STALE_UPDATE: {
    description:
      "The record's `modifiedAt` is older than the sender's modification already applied to it; the update is not applied."
  },
  UNKNOWN_CAMPAIGN: {
    description:
      "Campaign-members API only: no campaign has the record's `campaignId` as its `Marketing_Campaign_ID__c`.",
    onlyIn: ['campaign-members']
  },
  UNKNOWN_LEAD: {
    description:
      "Campaign-members API only: no lead has the record's `leadId` as its `Marketing_Lead_ID__c`.",
    onlyIn: ['campaign-members']
  },
  UNKNOWN_ORDER: {
    description:
      "Orders only: no order has the acknowledgement's `integrationKey` (or the status event's `Integration_Key__c`) as its `Integration_Key__c`, or the status event's `ERP_Order_ID__c` as its `ERP_Order_ID__c`.",
    onlyIn: ['order acknowledgements', 'order status events']
  },
  INVALID_TRANSITION: {
    description:
      "Orders only: the change is not allowed from the order's current ERP status (see `order-lifecycle.md`), for example a rejection of an order the ERP already accepted.",
    onlyIn: ['order acknowledgements', 'order status events']
  },
  SAVE_FAILED: {
    description:
      'Salesforce refused the save (validation rule, required field, access); `statusCode` says which.'
  },
  ALL_OR_NONE_ABORTED: {
    description:
      'Not written because another record of the call was rejected and the caller asked for all-or-none.'
  }
} as const satisfies Record<RecordErrorCode, RecordErrorCodeInfo>;

/** Request header carrying the caller's idempotency key (required, at most 255 characters). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Maximum length of the `Idempotency-Key` header. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Request and response header carrying the correlation ID (optional on the request). */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
/** Maximum length of the `X-Correlation-Id` header. */
export const CORRELATION_ID_MAX_LENGTH = 64;
/** What a correlation ID may consist of: 1 to 64 of `A-Z a-z 0-9 . _ : -`. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
/** Response header set to `true` when the response is the stored answer to a repeated key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Most records one call may carry; more is refused with `TOO_MANY_RECORDS`. */
export const MAX_RECORDS_PER_CALL = 200;
/** Path of the records API below the org's instance URL; `{object}` is the object's API or canonical name. */
export const RECORDS_API_PATH = '/services/apexrest/erp-bridge/v1/records/{object}';
/** Path of the marketing leads API below the org's instance URL (same headers and codes). */
export const MARKETING_LEADS_API_PATH = '/services/apexrest/erp-bridge/v1/marketing/leads';
/**
 * Path of the marketing campaigns API below the org's instance URL: upserts campaigns by
 * `Marketing_Campaign_ID__c` with the records API's request and response shapes (same headers and
 * codes).
 */
export const MARKETING_CAMPAIGNS_API_PATH = '/services/apexrest/erp-bridge/v1/marketing/campaigns';
/** Path of the marketing campaign-members API below the org's instance URL (same headers and codes). */
export const CAMPAIGN_MEMBERS_API_PATH =
  '/services/apexrest/erp-bridge/v1/marketing/campaign-members';
/**
 * Path of the order acknowledgements API below the org's instance URL: the ERP accepts or rejects
 * submitted orders by `integrationKey` (same headers, idempotency and request codes; the answer is
 * a `RecordUpsertResponse` for `Order`).
 */
export const ORDER_ACKNOWLEDGEMENTS_API_PATH =
  '/services/apexrest/erp-bridge/v1/orders/acknowledgements';

/** What a record error code means in one endpoint. */
export interface EndpointRecordErrorInfo {
  /**
   * The values of the error's `field` for this code: a property of the request record, or null
   * when the whole record is at fault.
   */
  readonly fields: readonly (keyof OrderAcknowledgementInput | null)[];
  /** When the endpoint returns the code, in plain words. */
  readonly description: string;
}

/**
 * The record codes the order acknowledgements API returns, in catalogue order, with the field each
 * is reported on. `scripts/test/contract.test.ts` checks the acknowledgement fixtures against it
 * and `docs/integration/orders-api.md` tables it.
 */
export const ORDER_ACKNOWLEDGEMENT_ERROR_CODES = {
  BLANK_EXTERNAL_ID: {
    fields: ['integrationKey'],
    description: '`integrationKey` is missing or blank.'
  },
  DUPLICATE_EXTERNAL_ID: {
    fields: ['integrationKey'],
    description:
      'Another acknowledgement of the same call has the same `integrationKey`; every occurrence is rejected.'
  },
  INVALID_RECORD: {
    fields: ['erpOrderId', 'reasons', null],
    description:
      'An `accepted` acknowledgement without `erpOrderId`, a `rejected` one without `reasons`, or a record that is not a JSON object (field null).'
  },
  INVALID_MODIFIED_AT: {
    fields: ['occurredAt'],
    description: '`occurredAt` is missing or not an ISO 8601 date-time.'
  },
  WRONG_TYPE: {
    fields: ['decision'],
    description: '`decision` is neither `accepted` nor `rejected`.'
  },
  STALE_UPDATE: {
    fields: ['integrationKey'],
    description:
      'The key names an older submission of the order: the order was resubmitted under a newer key version, so this acknowledgement is not applied.'
  },
  UNKNOWN_ORDER: {
    fields: ['integrationKey'],
    description: 'No order has this `integrationKey` as its `Integration_Key__c`.'
  },
  INVALID_TRANSITION: {
    fields: ['decision'],
    description:
      "The decision contradicts the order's current ERP status (the lifecycle of `order-lifecycle.md`), for example `rejected` for an order the ERP already accepted."
  },
  SAVE_FAILED: {
    fields: [null],
    description:
      'Salesforce refused the save of the order (validation rule, access, locked record); `statusCode` says which.'
  },
  ALL_OR_NONE_ABORTED: {
    fields: [null],
    description:
      'Not applied because another acknowledgement of the call was rejected and the caller asked for all-or-none.'
  }
} as const satisfies Partial<Record<RecordErrorCode, EndpointRecordErrorInfo>>;
