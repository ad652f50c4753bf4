/**
 * Builds `marketing-api.md`: the marketing-automation platform's side of the contract — what to
 * subscribe to (`ERP_Record_Changed__e` for its objects, `Marketing_Lead_Converted__e`, the CDC
 * channel), what to call (the leads, campaigns and campaign-members endpoints: headers, shapes
 * from `types/contract/marketing.ts`, error codes, examples from the fixtures and, for campaigns,
 * one built from the Campaign ownership records), how to re-key a person on lead conversion, which
 * fields Marketing owns and how stale updates are refused.
 *
 * {@link checkMarketingMetadata} checks what the document relies on: the `LeadConvertedEvent` type
 * and the fields of `Marketing_Lead_Converted__e` are the same set, and the converted lead's
 * contact has the lead's modified-at field (the stale guard of redirected updates).
 *
 * @module
 */
import {
  CORRELATION_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  MAX_RECORDS_PER_CALL
} from '../../types/contract/error-codes.js';
import type {
  CampaignMemberUpsertRequest,
  MarketingCampaignsRequest,
  MarketingUpsertResponse
} from '../../types/contract/marketing.js';
import type { CanonicalFields, FieldValue } from '../../types/contract/record-sync.js';
import {
  CAMPAIGN_MEMBERS_OBJECT,
  CAMPAIGN_MEMBER_IDENTITY_FIELDS,
  MARKETING_API_PATHS,
  MARKETING_CAMPAIGNS_OBJECT,
  MARKETING_LEADS_OBJECT,
  MARKETING_TYPES_PATH,
  REDIRECT_TARGET_OBJECT,
  fieldsByCanonicalName,
  isWrittenByMarketingApi,
  jsonTypeOf,
  keyFieldCanonicalName,
  ownershipOf,
  publishesRecordChangedEvent,
  schemaDescription,
  schemaFields,
  type LoadedFixture
} from '../lib/contract.js';
import {
  compareText,
  findField,
  findObject,
  readMetadataFiles,
  type MetadataModel,
  type XmlElement,
  type XmlNode
} from '../lib/metadata-model.js';
import {
  fixtureBlock,
  inboundFieldsTable,
  typeSection,
  type MarketingDocsInput
} from './contract-docs.js';
import { typeWithSize } from './external-ids.js';
import {
  type FieldOwnership,
  type IntegrationConfig,
  type IntegrationObject,
  type Problem
} from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, prose, table, linkWhen } from './markdown.js';
import {
  RECORD_CHANGED_EVENT,
  checkEventFields,
  type EventContract
} from './record-changed-event.js';
import {
  headersTable,
  onlyInNotes,
  recordErrorCodesTable,
  requestErrorCodesTable,
  resultLine
} from './records-api.js';

/** API name of the outbound conversion event. */
export const LEAD_CONVERTED_EVENT = 'Marketing_Lead_Converted__e';

/** `Marketing_Lead_Converted__e` and its contract type. */
export const LEAD_CONVERTED_EVENT_CONTRACT: EventContract = {
  eventName: LEAD_CONVERTED_EVENT,
  typeName: 'LeadConvertedEvent',
  typesPath: MARKETING_TYPES_PATH
};

/** The system whose side of the contract the document describes. */
const MARKETING = 'Marketing';

/** `Idempotency-Key` of the campaigns example (the one the Apex class documents). */
const CAMPAIGNS_EXAMPLE_KEY = 'mkt-campaigns-2026-03-01';
/** `modifiedAt` of the campaigns example: before the campaign-members example names the campaign. */
const CAMPAIGNS_EXAMPLE_MODIFIED_AT = '2026-03-01T08:00:00Z';
/** Campaign key of the example when the campaign-members fixture names none. */
const CAMPAIGNS_EXAMPLE_ID = 'MC-1001';

/**
 * Example values of the Campaign fields by API name, in the order the example shows them. The
 * project does not describe these standard fields, so their JSON types cannot be read from it;
 * other Marketing-owned fields get a value of their JSON type.
 */
const CAMPAIGN_EXAMPLE_VALUES: Readonly<Record<string, FieldValue>> = {
  Name: 'Spring Product Webinar 2026',
  Status: 'Planned',
  StartDate: '2026-04-01',
  EndDate: '2026-04-30',
  IsActive: true
};

/** An example value by JSON type ({@link jsonTypeOf}), for fields without an example value. */
const EXAMPLE_VALUE_BY_JSON_TYPE: Readonly<Record<string, FieldValue>> = {
  string: 'example',
  'whole number': 1,
  number: 1.5,
  boolean: true,
  'date (YYYY-MM-DD)': '2026-04-01',
  'date-time (ISO 8601 with offset)': CAMPAIGNS_EXAMPLE_MODIFIED_AT
};

const STANDARD_FIELD_NOTE =
  'A JSON type of — marks a standard field the project does not describe (see the Salesforce Object Reference).';

/**
 * Checks the metadata the marketing document relies on: the `LeadConvertedEvent` type and the
 * custom fields of `Marketing_Lead_Converted__e` are the same set, and the contact a converted
 * lead's updates are redirected to has the lead's `Modified_At_Field__c` as a Date/Time field.
 *
 * @param model - the loaded project metadata
 * @param input - the validated marketing schema and fixtures
 * @param config - the validated integration configuration
 * @returns the problems, each naming its file
 */
export function checkMarketingMetadata(
  model: MetadataModel,
  input: MarketingDocsInput,
  config: IntegrationConfig
): Problem[] {
  const problems = checkEventFields(model, input.schema, LEAD_CONVERTED_EVENT_CONTRACT);
  const lead = config.objects.find((o) => o.objectApiName === MARKETING_LEADS_OBJECT);
  if (lead?.modifiedAtField !== undefined) {
    const field = findField(model, REDIRECT_TARGET_OBJECT, lead.modifiedAtField);
    if (field?.type !== 'DateTime') {
      problems.push({
        filePath: lead.filePath,
        message: `Modified_At_Field__c ${lead.modifiedAtField} also guards the updates redirected to a converted lead's contact, but ${REDIRECT_TARGET_OBJECT}.${lead.modifiedAtField} ${field === undefined ? 'has no field metadata' : `is a ${field.type ?? 'field without type'}, not a DateTime`}`
      });
    }
  }
  return problems;
}

/**
 * What the generator should warn about: objects registered for the marketing API that no
 * endpoint of it writes.
 *
 * @param config - the validated integration configuration
 * @returns one line per such object, naming its registry file
 */
export function marketingWarnings(config: IntegrationConfig): string[] {
  return config.objects
    .filter(
      (o) => o.inboundApi === 'Marketing' && MARKETING_API_PATHS[o.objectApiName] === undefined
    )
    .map(
      (o) =>
        `${o.filePath}: Inbound_API__c is Marketing but the marketing API has no endpoint for ${o.objectApiName} (it has ${listInWords(Object.keys(MARKETING_API_PATHS))})`
    );
}

/** `a`, `a and b`, `a, b and c`. */
function listInWords(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The example body of `POST …/marketing/campaigns`: one campaign keyed by the campaign the
 * campaign-members example names, carrying every enabled Marketing-owned Campaign field except
 * the key (by canonical name, from `Field_Ownership__mdt`), with an example value.
 *
 * @param model - the loaded project metadata (for the JSON types of described fields)
 * @param config - the validated integration configuration
 * @param campaignId - the campaign's `Marketing_Campaign_ID__c`
 * @returns the request, or `undefined` when Campaign has no `Integration_Object__mdt` record
 */
export function campaignsExampleRequest(
  model: MetadataModel,
  config: IntegrationConfig,
  campaignId: string = CAMPAIGNS_EXAMPLE_ID
): MarketingCampaignsRequest | undefined {
  const campaign = config.objects.find((o) => o.objectApiName === MARKETING_CAMPAIGNS_OBJECT);
  if (campaign === undefined) {
    return undefined;
  }
  const keyField = keyFieldCanonicalName(config, campaign);
  const owned = [...fieldsByCanonicalName(config, campaign).values()].filter(
    (f) => f.owner === MARKETING && f.canonicalName !== keyField
  );
  const order = Object.keys(CAMPAIGN_EXAMPLE_VALUES);
  const rank = (f: FieldOwnership): number => {
    const at = order.indexOf(f.fieldApiName);
    return at < 0 ? order.length : at;
  };
  const fields: CanonicalFields = {};
  for (const ownership of owned.sort((a, b) => rank(a) - rank(b))) {
    const jsonType = jsonTypeOf(findField(model, campaign.objectApiName, ownership.fieldApiName));
    const value =
      CAMPAIGN_EXAMPLE_VALUES[ownership.fieldApiName] ??
      (jsonType === undefined ? undefined : EXAMPLE_VALUE_BY_JSON_TYPE[jsonType]);
    if (value !== undefined) {
      fields[ownership.canonicalName] = value;
    }
  }
  return {
    allOrNone: false,
    records: [{ externalId: campaignId, modifiedAt: CAMPAIGNS_EXAMPLE_MODIFIED_AT, fields }]
  };
}

/**
 * Builds the marketing API document. Call {@link checkMarketingMetadata} first.
 *
 * @param input - the validated marketing schema and fixtures
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @param recordSyncDocs - whether `records-api.md` and `record-changed-event.md` are generated
 *   too (they are linked only then)
 * @returns the Markdown document (before prettier)
 */
export function renderMarketingApi(
  input: MarketingDocsInput,
  model: MetadataModel,
  config: IntegrationConfig,
  recordSyncDocs: boolean
): string {
  const link = linkWhen(recordSyncDocs);
  return document([
    '# Marketing API',
    GENERATED_NOTICE,
    `The marketing-automation platform's side of the contract: what to subscribe to, what to call, how to re-key a person when Salesforce converts a lead, which fields Marketing owns, and how stale updates are refused. The shapes are the TypeScript contract \`${MARKETING_TYPES_PATH}\` (built on \`types/contract/record-sync.ts\`), the error codes \`types/contract/error-codes.ts\` (kept equal to \`InboundErrorCode.cls\`), and the examples are the static resources the Apex tests load, validated against the types by \`scripts/test/contract.test.ts\`. Writes through this API never publish \`${RECORD_CHANGED_EVENT}\`, so Marketing never receives its own changes back.`,
    '## What to subscribe to',
    ...recordChangedSection(config, link),
    ...leadConvertedSection(input, model),
    ...changeDataCaptureSection(model),
    '## What to call',
    '### Endpoints',
    [
      '```http',
      ...Object.values(MARKETING_API_PATHS).map((p) => `POST ${p}`),
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    `Each takes 1 to ${MAX_RECORDS_PER_CALL} records per call and works like the ${link('records API', 'records-api.md')}: the same headers, idempotency, correlation, error codes and per-record results, with Marketing as the sender — only Marketing-owned fields are applied to existing records, the others are reported in \`ignoredFields\`, and a record's \`modifiedAt\` is the marketing platform's modification time.`,
    '### Headers',
    headersTable(),
    ...leadsRequestSection(input, model, config),
    ...campaignsRequestSection(input, model, config, link),
    ...membersRequestSection(input, model, config),
    '### Response',
    `Every endpoint answers HTTP 200, also when records were rejected; HTTP 422 when \`allOrNone\` was set and any record was rejected (then nothing is written and the other records are rejected \`ALL_OR_NONE_ABORTED\`). The response is stored under the idempotency key. The leads and campaign-members endpoints answer a \`MarketingUpsertResponse\`; the campaigns endpoint answers the records API's ${link('`RecordUpsertResponse`', 'records-api.md#recordupsertresponse')}, which has the same fields but results without \`redirectedTo\`.`,
    ...typeSection(input.schema, 'MarketingUpsertResponse', 4),
    ...typeSection(input.schema, 'RecordUpsertSummary', 4),
    ...typeSection(input.schema, 'MarketingRecordResult', 4),
    ...typeSection(input.schema, 'RedirectTarget', 4),
    ...typeSection(input.schema, 'RecordError', 4),
    ...typeSection(input.schema, 'IgnoredField', 4),
    '### Refused calls',
    'A call refused as a whole writes no record and does not claim its idempotency key, so it can be corrected and sent again with the same key.',
    ...typeSection(input.recordSyncSchema, 'ErrorResponse', 4),
    '#### Request error codes',
    requestErrorCodesTable(),
    '### Record error codes',
    'A rejected record has `outcome` `rejected` and one or more `errors`; the other records of the call go on unless `allOrNone` is set.',
    recordErrorCodesTable(),
    ...onlyInNotes('marketing leads', 'marketing campaigns'),
    ...conversionSection(),
    ...ownershipSection(model, config),
    ...staleGuardSection(config),
    '## Examples',
    ...exampleSection(
      'Leads',
      'The marketing platform sends three leads: a new one, one Salesforce has converted, and one with a field it does not own.',
      input.fixtures.leadsRequest,
      input.fixtures.leadsResponse
    ),
    ...campaignsExampleSection(input, model, config, link),
    ...exampleSection(
      'Campaign members',
      'Three memberships: a lead, the converted lead (its membership goes to the contact), and an unknown campaign.',
      input.fixtures.membersRequest,
      input.fixtures.membersResponse
    )
  ]);
}

/** The objects of Marketing's side of the contract whose Salesforce-owned changes are published. */
function publishingForMarketing(config: IntegrationConfig): IntegrationObject[] {
  return config.objects.filter(
    (o) => publishesRecordChangedEvent(o) && o.counterpartSystems.includes(MARKETING)
  );
}

function ownershipOfField(
  config: IntegrationConfig,
  objectApiName: string,
  fieldApiName: string | undefined
): FieldOwnership | undefined {
  const key = fieldApiName?.toLowerCase();
  return config.ownership.find(
    (o) => o.objectApiName === objectApiName && o.fieldApiName.toLowerCase() === key
  );
}

function recordChangedSection(
  config: IntegrationConfig,
  link: (text: string, file: string) => string
): string[] {
  const objects = publishingForMarketing(config);
  return [
    `### ${RECORD_CHANGED_EVENT}`,
    `Salesforce publishes \`${RECORD_CHANGED_EVENT}\` after commit when Salesforce-owned fields of a synced record really change; the event serves the ERP too. Subscribe to \`/event/${RECORD_CHANGED_EVENT}\` and keep the events of the objects below. \`Changed_Fields__c\` carries the changed fields by canonical name; fields, rules and an example: ${link(`${RECORD_CHANGED_EVENT}`, 'record-changed-event.md')}.`,
    objects.length === 0
      ? '_No object Marketing syncs publishes it._'
      : table(
          ['Object', 'Canonical_Object__c', 'Join on', 'Salesforce-owned fields that travel'],
          objects.map((object) => [
            cell(object.objectApiName),
            object.canonicalName === undefined ? '—' : code(object.canonicalName),
            joinOn(config, object),
            [...fieldsByCanonicalName(config, object).values()]
              .filter((f) => f.owner === 'Salesforce')
              .map((f) => f.canonicalName)
              .sort(compareText)
              .map(code)
              .join(', ') || '—'
          ])
        ),
    "`External_ID__c` is the record's external ID at publish time: null for a record Marketing has not keyed yet (for example a membership a rep adds in Salesforce, whose event carries the Salesforce IDs `campaignId` and `leadId` or `contactId`). Join those on `Record_ID__c`, or map the Salesforce IDs to your keys with the change events of the CDC channel below."
  ];
}

function joinOn(config: IntegrationConfig, object: IntegrationObject): string {
  if (object.externalIdField === undefined) {
    return '`Record_ID__c` (no external ID)';
  }
  const owner = ownershipOfField(config, object.objectApiName, object.externalIdField)?.owner;
  if (owner === MARKETING) {
    return `\`External_ID__c\` = ${code(object.externalIdField)}`;
  }
  return `\`Record_ID__c\` (\`External_ID__c\` is ${code(object.externalIdField)}, ${owner === undefined ? 'not synced' : `owned by ${owner}`})`;
}

function leadConvertedSection(input: MarketingDocsInput, model: MetadataModel): string[] {
  const event = findObject(model, LEAD_CONVERTED_EVENT)!;
  return [
    `### ${LEAD_CONVERTED_EVENT}`,
    `${schemaDescription(input.schema, LEAD_CONVERTED_EVENT_CONTRACT.typeName)} One event per converted lead (${cell(event.eventType ?? 'platform event')}, ${cell(event.publishBehavior ?? 'publish behaviour unset')}). Subscribe to \`/event/${LEAD_CONVERTED_EVENT}\` and re-key the person as described under [Lead conversion](#lead-conversion-re-keying-a-person).`,
    table(
      ['Field', 'Salesforce type', 'JSON type', 'Description'],
      schemaFields(input.schema, LEAD_CONVERTED_EVENT_CONTRACT.typeName).map((property) => {
        const field = event.fields.get(property.name);
        return [
          code(property.name),
          cell(field === undefined ? '—' : typeWithSize(field)),
          code(property.type),
          prose(property.description || field?.description || '')
        ];
      })
    ),
    ...fixtureBlock(input.fixtures.leadConverted)
  ];
}

/** One member of a Change Data Capture channel. */
interface ChannelMember {
  readonly channel: string;
  readonly entity: string;
  readonly enrichedFields: readonly string[];
}

function readChannelMembers(model: MetadataModel): ChannelMember[] {
  const members = readMetadataFiles(
    model,
    '.platformEventChannelMember-meta.xml',
    'PlatformEventChannelMember'
  ).map(({ xml: member }) => ({
    channel: text(member.eventChannel),
    entity: text(member.selectedEntity),
    enrichedFields: asList(member.enrichedFields).map((f) =>
      typeof f === 'string' ? f : text(f.name)
    )
  }));
  return members.sort(
    (a, b) => compareText(a.channel, b.channel) || compareText(a.entity, b.entity)
  );
}

function text(node: XmlNode | XmlNode[] | undefined): string {
  return typeof node === 'string' ? node : '';
}

function asList(node: XmlNode | XmlNode[] | undefined): XmlElement[] {
  const list = node === undefined ? [] : Array.isArray(node) ? node : [node];
  return list.filter((n): n is XmlElement => typeof n !== 'string');
}

function changeDataCaptureSection(model: MetadataModel): string[] {
  const members = readChannelMembers(model);
  const keyed = members.filter((m) => m.enrichedFields.includes('Marketing_Lead_ID__c'));
  return [
    '### Change Data Capture',
    members.length === 0
      ? '_The project has no Change Data Capture channel members._'
      : [
          `Change events of these objects go to ${[...new Set(members.map((m) => `\`/data/${m.channel}\``))].join(' and ')}, enriched with the fields listed so that every change event carries the key you join on, even when that field did not change. They carry every change, also of fields Marketing does not receive through \`${RECORD_CHANGED_EVENT}\`; use them to map Salesforce IDs to your keys.`,
          '',
          table(
            ['Channel', 'Change event', 'Enriched fields'],
            members.map((m) => [
              code(m.channel),
              code(m.entity),
              m.enrichedFields.map(code).join(', ') || '—'
            ])
          )
        ].join('\n'),
    ...(keyed.length === 0
      ? []
      : [
          `${keyed.map((m) => code(m.entity)).join(' and ')} ${keyed.length === 1 ? 'carries' : 'carry'} \`Marketing_Lead_ID__c\`: a converted lead's contact keeps the person key, so contact changes join on it too.`
        ])
  ];
}

function leadsRequestSection(
  input: MarketingDocsInput,
  model: MetadataModel,
  config: IntegrationConfig
): string[] {
  const lead = config.objects.find((o) => o.objectApiName === MARKETING_LEADS_OBJECT);
  const blocks = [
    `### Leads: \`POST ${MARKETING_API_PATHS[MARKETING_LEADS_OBJECT]}\``,
    `${schemaDescription(input.schema, 'MarketingLeadsRequest')} A lead Salesforce has converted is read-only, so its update goes to the contact it was converted into: the result keeps the lead's \`id\` and says \`redirectedTo\`.`,
    ...typeSection(input.schema, 'RecordUpsertRequest', 4),
    ...typeSection(input.schema, 'RecordUpsertInput', 4)
  ];
  if (lead === undefined) {
    return [...blocks, '_Lead has no `Integration_Object__mdt` record._'];
  }
  const keyField = keyFieldCanonicalName(config, lead);
  const contact = ownershipOf(config, REDIRECT_TARGET_OBJECT);
  blocks.push(
    '#### Lead fields',
    `The canonical names \`fields\` may carry (enabled \`Field_Ownership__mdt\` records of Lead) and what happens to each: on a new lead, on an existing lead, and on a converted lead, whose update goes to the ${REDIRECT_TARGET_OBJECT} field with the same canonical name when Marketing owns it there.`,
    table(
      [
        'Canonical name',
        'Field',
        'Owner',
        'JSON type',
        'New lead',
        'Existing lead',
        'Converted lead'
      ],
      [...fieldsByCanonicalName(config, lead).values()].map((ownership) => {
        const isKey = ownership.canonicalName === keyField;
        const owned = ownership.owner === MARKETING;
        const onContact = contact.get(ownership.canonicalName);
        const converted = isKey
          ? 'ignored (`KEY_FIELD`)'
          : onContact === undefined
            ? 'ignored (`NOT_ON_REDIRECT_TARGET`)'
            : onContact.owner === MARKETING
              ? `applied to ${code(`${REDIRECT_TARGET_OBJECT}.${onContact.fieldApiName}`)}`
              : `ignored (\`NOT_OWNED_BY_SENDER\`, owned by ${onContact.owner} on ${REDIRECT_TARGET_OBJECT})`;
        return [
          code(ownership.canonicalName),
          code(ownership.fieldApiName),
          cell(ownership.owner),
          cell(jsonTypeOf(findField(model, lead.objectApiName, ownership.fieldApiName)) ?? '—'),
          isKey ? 'ignored (`KEY_FIELD`)' : owned ? 'applied' : 'seeded',
          isKey ? 'ignored (`KEY_FIELD`)' : owned ? 'applied' : 'ignored (`NOT_OWNED_BY_SENDER`)',
          converted
        ];
      })
    ),
    STANDARD_FIELD_NOTE
  );
  return blocks;
}

function campaignsRequestSection(
  input: MarketingDocsInput,
  model: MetadataModel,
  config: IntegrationConfig,
  link: (text: string, file: string) => string
): string[] {
  const campaign = config.objects.find((o) => o.objectApiName === MARKETING_CAMPAIGNS_OBJECT);
  const members = `POST ${MARKETING_API_PATHS[CAMPAIGN_MEMBERS_OBJECT]}`;
  const blocks = [
    `### Campaigns: \`POST ${MARKETING_API_PATHS[MARKETING_CAMPAIGNS_OBJECT]}\``,
    `${schemaDescription(input.schema, 'MarketingCampaignsRequest')} It creates the campaigns whose key is new and updates the others, applying only the fields Marketing owns; an update older than the last applied one is rejected \`STALE_UPDATE\` (see [Stale updates](#stale-updates)).`,
    `Campaigns must exist before memberships name them: send a campaign here before the \`${members}\` call whose \`campaignId\` is its \`Marketing_Campaign_ID__c\`, or that membership is rejected \`UNKNOWN_CAMPAIGN\`.`,
    `The request and the response are the records API's shapes: the body is a ${link('`RecordUpsertRequest`', 'records-api.md#recordupsertrequest')} of ${link('`RecordUpsertInput`', 'records-api.md#recordupsertinput')} records (as for leads above), the answer a ${link('`RecordUpsertResponse`', 'records-api.md#recordupsertresponse')} of ${link('`RecordResult`', 'records-api.md#recordresult')}s, without \`redirectedTo\`: a campaign is never redirected. Example: [Campaigns](#campaigns).`
  ];
  if (campaign === undefined) {
    return [...blocks, '_Campaign has no `Integration_Object__mdt` record._'];
  }
  blocks.push(
    '#### Campaign fields',
    'The canonical names `fields` may carry (enabled `Field_Ownership__mdt` records of Campaign) and what happens to each.',
    inboundFieldsTable(model, config, campaign, {
      sender: MARKETING,
      createHeader: 'New campaign',
      updateHeader: 'Existing campaign'
    }),
    STANDARD_FIELD_NOTE
  );
  return blocks;
}

function membersRequestSection(
  input: MarketingDocsInput,
  model: MetadataModel,
  config: IntegrationConfig
): string[] {
  const member = config.objects.find((o) => o.objectApiName === CAMPAIGN_MEMBERS_OBJECT);
  const blocks = [
    `### Campaign members: \`POST ${MARKETING_API_PATHS[CAMPAIGN_MEMBERS_OBJECT]}\``,
    ...typeSection(input.schema, 'CampaignMemberUpsertRequest', 4),
    ...typeSection(input.schema, 'CampaignMemberInput', 4),
    '#### Rules',
    [
      "- The membership's key is `campaignId|leadId` (the result's `externalId`, stored in `CampaignMember.Marketing_Member_Key__c`). A missing or blank `campaignId` or `leadId` rejects the record `BLANK_EXTERNAL_ID` on that name (its `externalId` is then null); a key repeated within the call (compared without case) rejects every occurrence `DUPLICATE_EXTERNAL_ID`.",
      `- \`campaignId\` is matched against \`Campaign.Marketing_Campaign_ID__c\`: no match rejects the record \`UNKNOWN_CAMPAIGN\` (field \`campaignId\`). Create or update the campaigns first with \`POST ${MARKETING_API_PATHS[MARKETING_CAMPAIGNS_OBJECT]}\`.`,
      '- `leadId` is matched against `Lead.Marketing_Lead_ID__c`: no match rejects the record `UNKNOWN_LEAD` (field `leadId`). When the lead was converted, the membership belongs to the contact it was converted into and the result says `redirectedTo`; two records of one call that end on the same contact and campaign are both rejected `DUPLICATE_EXTERNAL_ID` on `leadId`, and a lead converted without a contact is rejected `SAVE_FAILED` (`CANNOT_UPDATE_CONVERTED_LEAD`).',
      '- An existing membership is found by its key, else by campaign and person: a membership a rep added in Salesforce is updated (and gets its key), never duplicated.',
      '- A status the campaign does not have yet (labels compared without case) is created on the campaign before the membership is written; a status that cannot be created rejects the record `SAVE_FAILED` on `status`.',
      '- Memberships reps add or change in Salesforce go out as `ERP_Record_Changed__e` for `CampaignMember` (see above).'
    ].join('\n')
  ];
  if (member !== undefined) {
    const identity = (f: FieldOwnership): boolean =>
      CAMPAIGN_MEMBER_IDENTITY_FIELDS.includes(f.fieldApiName);
    blocks.push(
      '#### CampaignMember fields',
      inboundFieldsTable(model, config, member, { sender: MARKETING, neverSeeded: identity }),
      STANDARD_FIELD_NOTE,
      `In \`fields\`, the lookups ${config.ownership
        .filter((o) => o.objectApiName === CAMPAIGN_MEMBERS_OBJECT && identity(o))
        .map((o) => code(o.canonicalName))
        .join(
          ', '
        )} are Salesforce IDs, as \`${RECORD_CHANGED_EVENT}\` carries them — not the marketing keys of the same name at the top level of a record. They are never applied from \`fields\`, not even on create: the membership's campaign and person come from the top-level \`campaignId\` and \`leadId\`.`
    );
  }
  return blocks;
}

function conversionSection(): string[] {
  return [
    '## Lead conversion: re-keying a person',
    [
      '1. A rep converts a lead that carries `Marketing_Lead_ID__c`. The contact it becomes takes over the key (the lead field mapping copies it; a guard fills a contact whose key is blank and never overwrites one), and after commit Salesforce publishes `Marketing_Lead_Converted__e`.',
      "2. On that event, keep the person's `Marketing_Lead_ID__c` as your key and store `Contact_ID__c` (and `Account_ID__c`, `Opportunity_ID__c` if you use them) beside it. The lead in `Lead_ID__c` is read-only from now on. Delivery is at least once: de-duplicate on `Lead_ID__c`. When the lead was merged into a contact that already carried another key, the contact keeps that key: merge your two people (updates under the lead's key still reach the contact, step 3).",
      "3. Keep sending the person's updates and memberships keyed by the same `Marketing_Lead_ID__c`. They are redirected to the contact: the result keeps the lead's `id` and says `redirectedTo` with the contact's ID, the fields the contact has under the same canonical name and Marketing owns there are applied; those it has but Marketing does not own there are reported `NOT_OWNED_BY_SENDER`, those it lacks `NOT_ON_REDIRECT_TARGET` (see [Lead fields](#lead-fields)). A missed event is no loss: the next result's `redirectedTo` names the contact.",
      '4. Never call the standard REST API on the converted lead: Salesforce refuses any change to a converted lead (`CANNOT_UPDATE_CONVERTED_LEAD`).',
      "5. The contact's Salesforce-owned changes arrive as `ERP_Record_Changed__e` for `Contact`: join them on `Record_ID__c` = the stored `Contact_ID__c` (its `External_ID__c` is the ERP's key), or take `Marketing_Lead_ID__c` from the contact's change events."
    ].join('\n')
  ];
}

function writtenBy(object: IntegrationObject): string {
  if (object.inboundApi === 'Marketing') {
    const endpoint = MARKETING_API_PATHS[object.objectApiName];
    return endpoint === undefined
      ? `No endpoint of the marketing API writes ${object.objectApiName} yet, although its \`Inbound_API__c\` is Marketing.`
      : `Written by \`POST ${endpoint}\`${isWrittenByMarketingApi(object) ? '' : ' (currently off: sync disabled or outbound only)'}.`;
  }
  if (object.objectApiName === REDIRECT_TARGET_OBJECT) {
    return `Written by \`POST ${MARKETING_API_PATHS[MARKETING_LEADS_OBJECT]}\` for converted leads (redirected updates).`;
  }
  return 'No endpoint of the marketing API writes it.';
}

function ownershipSection(model: MetadataModel, config: IntegrationConfig): string[] {
  const objects = config.objects.filter((o) => o.counterpartSystems.includes(MARKETING));
  const blocks = [
    '## Fields Marketing owns',
    'The enabled `Field_Ownership__mdt` records with owner Marketing, per object Marketing syncs. Salesforce never changes them on its own (the ownership guard stops users and automation), and they never travel out in `ERP_Record_Changed__e`.'
  ];
  for (const object of objects) {
    const owned = [...fieldsByCanonicalName(config, object).values()].filter(
      (f) => f.owner === MARKETING
    );
    blocks.push(
      `### ${object.objectApiName}`,
      writtenBy(object),
      owned.length === 0
        ? '_No enabled Marketing-owned field._'
        : table(
            ['Canonical name', 'Field', 'JSON type'],
            owned.map((f) => [
              code(f.canonicalName),
              code(f.fieldApiName),
              cell(jsonTypeOf(findField(model, object.objectApiName, f.fieldApiName)) ?? '—')
            ])
          )
    );
  }
  return blocks;
}

function staleGuardSection(config: IntegrationConfig): string[] {
  const lead = config.objects.find((o) => o.objectApiName === MARKETING_LEADS_OBJECT);
  const rows: string[][] = [];
  for (const object of config.objects) {
    if (object.inboundApi === 'Marketing') {
      const endpoint = MARKETING_API_PATHS[object.objectApiName];
      rows.push([
        cell(object.objectApiName),
        object.modifiedAtField === undefined ? '— (no guard)' : code(object.modifiedAtField),
        endpoint === undefined ? '— (no endpoint yet)' : code(`POST ${endpoint}`)
      ]);
    } else if (
      object.objectApiName === REDIRECT_TARGET_OBJECT &&
      lead?.modifiedAtField !== undefined
    ) {
      rows.push([
        cell(object.objectApiName),
        code(lead.modifiedAtField),
        `${code(`POST ${MARKETING_API_PATHS[MARKETING_LEADS_OBJECT]}`)}, for converted leads`
      ]);
    }
  }
  return [
    '## Stale updates',
    "Every record carries the marketing platform's `modifiedAt`. Salesforce stores the last applied one on the record and rejects an older update `STALE_UPDATE`; an equal or newer one applies and is stored. A record whose Marketing-owned fields already hold the sent values is `unchanged`: nothing is written and nothing is published. The fields that hold the last applied `modifiedAt` (`Integration_Object__mdt.Modified_At_Field__c`; for a converted lead's contact, the lead's field of the same name on the contact):",
    table(['Object', 'Modified-at field', 'Checked by'], rows)
  ];
}

function campaignsExampleSection(
  input: MarketingDocsInput,
  model: MetadataModel,
  config: IntegrationConfig,
  link: (text: string, file: string) => string
): string[] {
  const members = input.fixtures.membersRequest.value as CampaignMemberUpsertRequest;
  const request = campaignsExampleRequest(model, config, members.records[0]?.campaignId);
  const campaign = config.objects.find((o) => o.objectApiName === MARKETING_CAMPAIGNS_OBJECT);
  if (request === undefined || campaign === undefined) {
    return [];
  }
  const key =
    campaign.externalIdField === undefined
      ? ''
      : ` (the key ${code(`${campaign.objectApiName}.${campaign.externalIdField}`)} is the \`externalId\`)`;
  return [
    '### Campaigns',
    `The marketing platform creates the campaign the campaign-members example below names, before it sends the memberships. The fields are the Marketing-owned Campaign fields of \`Field_Ownership__mdt\`${key}. Headers:`,
    [
      '```http',
      `POST ${MARKETING_API_PATHS[MARKETING_CAMPAIGNS_OBJECT]}`,
      `${IDEMPOTENCY_KEY_HEADER}: ${CAMPAIGNS_EXAMPLE_KEY}`,
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    'Body, type `MarketingCampaignsRequest`:',
    ['```json', JSON.stringify(request, null, 2), '```'].join('\n'),
    `The answer is a \`RecordUpsertResponse\` like the ${link('records API example', 'records-api.md#response-http-200')}: \`object\` \`${MARKETING_CAMPAIGNS_OBJECT}\`, one result per campaign (\`created\` the first time, \`updated\` or \`unchanged\` after), no \`redirectedTo\`.`
  ];
}

function exampleSection(
  title: string,
  intro: string,
  request: LoadedFixture,
  responseFixture: LoadedFixture
): string[] {
  const response = responseFixture.value as MarketingUpsertResponse;
  const endpoint = MARKETING_API_PATHS[response.object];
  return [
    `### ${title}`,
    `${intro} Headers (the values of the example response):`,
    [
      '```http',
      `POST ${endpoint}`,
      `${IDEMPOTENCY_KEY_HEADER}: ${response.idempotencyKey}`,
      `${CORRELATION_ID_HEADER}: ${response.correlationId}`,
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    ...fixtureBlock(request),
    `#### ${title}: response (HTTP ${response.allOrNone && response.summary.rejected > 0 ? 422 : 200})`,
    response.results.map(resultLine).join('\n'),
    ...fixtureBlock(responseFixture)
  ];
}
