/**
 * The contract between ERP Bridge and the marketing-automation platform: the marketing leads API
 * (`POST /services/apexrest/erp-bridge/v1/marketing/leads`), the marketing campaigns API
 * (`POST /services/apexrest/erp-bridge/v1/marketing/campaigns`), the campaign-members API
 * (`POST /services/apexrest/erp-bridge/v1/marketing/campaign-members`) and the outbound
 * `Marketing_Lead_Converted__e` platform event.
 *
 * The endpoints share the records API's headers, idempotency, correlation, error codes and
 * per-record results (`record-sync.ts`). The leads and campaign-members results add
 * `redirectedTo`, because a converted lead is read-only and its updates and memberships go to the
 * contact it was converted into; the campaigns endpoint answers exactly like the records API.
 *
 * The canonical fixtures `force-app/main/default/staticresources/ErpContract_MarketingLeads*.json`,
 * `ErpContract_CampaignMembers*.json` and `ErpContract_LeadConvertedEvent.json` are validated
 * against these types by `scripts/test/contract.test.ts`, drive the Apex tests and are embedded in
 * the generated `docs/integration/marketing-api.md`.
 */
import type {
  CanonicalFields,
  RecordResult,
  RecordUpsertRequest,
  RecordUpsertResponse
} from './record-sync.js';

/**
 * Body of `POST /erp-bridge/v1/marketing/leads`: a `RecordUpsertRequest` whose `externalId` is the
 * lead's `Marketing_Lead_ID__c`, whose `modifiedAt` is the marketing platform's modification time
 * and whose `fields` use the Lead canonical names.
 */
export type MarketingLeadsRequest = RecordUpsertRequest;

/**
 * Body of `POST /erp-bridge/v1/marketing/campaigns`: a `RecordUpsertRequest` whose `externalId` is
 * the campaign's `Marketing_Campaign_ID__c`, whose `modifiedAt` is the marketing platform's
 * modification time and whose `fields` use the Campaign canonical names.
 */
export type MarketingCampaignsRequest = RecordUpsertRequest;

/**
 * Response of `POST /erp-bridge/v1/marketing/campaigns`: a `RecordUpsertResponse`, exactly as the
 * records API answers (no `redirectedTo`: a campaign is never redirected).
 */
export type MarketingCampaignsResponse = RecordUpsertResponse;

/** Body of `POST /erp-bridge/v1/marketing/campaign-members`. */
export interface CampaignMemberUpsertRequest {
  /**
   * When true, one rejected membership rejects the whole call and nothing is written (the others
   * are answered with `ALL_OR_NONE_ABORTED`). Default false: each membership stands on its own.
   */
  allOrNone?: boolean;
  /** 1 to 200 memberships. */
  records: CampaignMemberInput[];
}

/**
 * One campaign membership, keyed by the campaign's and the person's marketing IDs; its result's
 * `externalId` (and the membership's `Marketing_Member_Key__c`) is `campaignId|leadId`.
 */
export interface CampaignMemberInput {
  /**
   * The campaign's `Campaign.Marketing_Campaign_ID__c` (compared without case); no such campaign
   * rejects the record `UNKNOWN_CAMPAIGN` (create it first with the campaigns API), a blank one
   * `BLANK_EXTERNAL_ID`.
   */
  campaignId: string;
  /**
   * The person's `Lead.Marketing_Lead_ID__c` (compared without case). A converted lead keeps it,
   * and its membership goes to the contact it was converted into; no lead with it rejects the
   * record `UNKNOWN_LEAD`, a blank one `BLANK_EXTERNAL_ID`.
   */
  leadId: string;
  /**
   * When the marketing platform last modified this membership (ISO 8601 date-time). An update
   * older than the last applied one (`CampaignMember.Marketing_Last_Modified_At__c`) is rejected
   * with `STALE_UPDATE`.
   */
  modifiedAt: string;
  /**
   * The membership's fields by CampaignMember canonical name (for example `status`). A status the
   * campaign does not have yet is created on the campaign. The lookups `campaignId`, `leadId` and
   * `contactId` (Salesforce IDs) are never applied from here, not even on create, and are
   * reported `NOT_OWNED_BY_SENDER`.
   */
  fields: CanonicalFields;
}

/** The record a marketing update was written to instead of the record its key names. */
export interface RedirectTarget {
  /** Salesforce API name of the record written: always `Contact` (the contact a lead was converted into). */
  object: 'Contact';
  /** 18-character Salesforce ID of the contact. */
  id: string;
}

/** The result for one input record of the marketing API, in input order. */
export interface MarketingRecordResult extends RecordResult {
  /**
   * Set when the key named a converted lead, so the update (leads API) or the membership
   * (campaign-members API) went to the contact the lead was converted into; `id` still names the
   * lead (leads API) or the membership (campaign-members API). Null otherwise.
   */
  redirectedTo: RedirectTarget | null;
}

/**
 * Response of a processed marketing call: HTTP 200, or 422 when `allOrNone` was set and a record
 * was rejected. Stored under the `Idempotency-Key`; a repeated key returns it unchanged.
 */
export interface MarketingUpsertResponse extends Omit<RecordUpsertResponse, 'results'> {
  /** One result per request record, in request order. */
  results: MarketingRecordResult[];
}

/**
 * The `Marketing_Lead_Converted__e` platform event's fields in their JSON form (as the Streaming
 * API delivers them and the fixture shows them). Published after commit, from the lead's change
 * event, when a lead that carries a `Marketing_Lead_ID__c` is converted; delivered at least once,
 * so deduplicate by `Lead_ID__c`. A Pub/Sub API subscriber decodes the same fields from Avro,
 * where the date-time `Converted_At__c` arrives as epoch milliseconds instead.
 */
export interface LeadConvertedEvent {
  /** The converted lead's `Marketing_Lead_ID__c`: the marketing platform's person key, kept after conversion. */
  Marketing_Lead_ID__c: string;
  /** 18-character Salesforce ID of the converted lead (read-only from now on). */
  Lead_ID__c: string;
  /** 18-character Salesforce ID of the contact the lead was converted into: store it beside the person key. */
  Contact_ID__c: string;
  /** 18-character Salesforce ID of the account the lead was converted into. */
  Account_ID__c: string;
  /** 18-character Salesforce ID of the opportunity created on conversion; null when none was created. */
  Opportunity_ID__c: string | null;
  /**
   * When the conversion was committed (ISO 8601 in JSON; epoch milliseconds in Pub/Sub API Avro);
   * the lead's last modification when only a gap event named it.
   */
  Converted_At__c: string;
  /** Ties the event to the Salesforce transaction that converted the lead (its change events' transaction key, or a new UUID when that is unknown). */
  Correlation_ID__c: string;
}
