/**
 * Builds `erp-operations-api.md`: what an ERP without middleware must expose (ADR 10 and 11) — the
 * direct-delivery endpoints with their headers, body types, answer classes, retry schedule,
 * ordering, de-duplication, dead letters and replay, and the reconciliation endpoints with paging,
 * the reconciled objects and their compared fields, the checksum and what a run reports. Shapes
 * come from `types/contract/operations.ts`, the delivery modes and compared fields from
 * `Integration_Object__mdt` and `Field_Ownership__mdt`, the retry schedule from
 * `Integration_Setting__mdt.Default`, and the examples are the fixtures the Apex tests load.
 *
 * @module
 */
import {
  DELIVERY_ANSWER_CLASSES,
  DELIVERY_ATTEMPT_HEADER,
  DELIVERY_CHANGES_PATH,
  DELIVERY_CORRELATION_ID_HEADER,
  DELIVERY_HEADERS,
  DELIVERY_IDEMPOTENCY_KEY_HEADER,
  DELIVERY_MESSAGE_TYPE_HEADER,
  DELIVERY_ORDERS_PATH,
  RECONCILIATION_IDS_PATH,
  RECONCILIATION_LOOKUP_PATH,
  type DeliveryAnswerClass,
  type ReconciliationIdsPage,
  type ReconciliationLookupResponse,
  type RecordChangeDelivery
} from '../../types/contract/operations.js';
import {
  ContractValidator,
  OPERATIONS_TYPES_FILE,
  OPERATIONS_TYPES_PATH,
  checkOperationsFixtures,
  generateContractSchema,
  jsonTypeOf,
  reconciledObjects,
  reconciliationCanonicalJson,
  reconciliationChecksum,
  isDeliveredToErp,
  usesDirectCallout,
  type JsonSchema,
  type LoadedFixture,
  type OperationsFixtureRole
} from '../lib/contract.js';
import { customMetadataRecordsOf, findField, type MetadataModel } from '../lib/metadata-model.js';
import { fixtureBlock, typeSection } from './contract-docs.js';
import { type IntegrationConfig, type Problem } from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, linkWhen, prose, table } from './markdown.js';

/** The validated inputs of the operations contract document. */
export interface OperationsDocsInput {
  /** JSON Schema of `types/contract/operations.ts` (with the shared types it uses). */
  readonly schema: JsonSchema;
  /** The four fixtures, each valid against its type and consistent with the metadata. */
  readonly fixtures: Readonly<Record<OperationsFixtureRole, LoadedFixture>>;
}

/**
 * Reads and checks the operations contract fixtures of a project for the docs.
 *
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @returns `input` when the project has valid operations fixtures; neither input nor problems
 *   when it has none; problems (and no input) when they are invalid
 */
export function readOperationsDocsInput(
  model: MetadataModel,
  config: IntegrationConfig
): { input?: OperationsDocsInput; problems: readonly Problem[] } {
  const schema = generateContractSchema(OPERATIONS_TYPES_FILE);
  const { fixtures, problems } = checkOperationsFixtures(
    model,
    config,
    new ContractValidator(schema, OPERATIONS_TYPES_PATH)
  );
  if (fixtures.length === 0 || problems.length > 0) {
    return { problems };
  }
  const byRole = Object.fromEntries(fixtures.map((f) => [f.role, f])) as Record<
    OperationsFixtureRole,
    LoadedFixture
  >;
  return { input: { schema, fixtures: byRole }, problems: [] };
}

/** The `Integration_Setting__mdt` record the kit reads. */
const SETTING = { type: 'Integration_Setting__mdt', developerName: 'Default' } as const;

/** One setting as `IntegrationSettings.cls` reads it: its default and bounds. */
interface SettingRule {
  readonly field: string;
  readonly fallback: number;
  readonly lowest: number;
  readonly highest: number;
}

const MAX_RETRY_ATTEMPTS: SettingRule = {
  field: 'Max_Retry_Attempts__c',
  fallback: 5,
  lowest: 1,
  highest: 1000
};
const BACKOFF_BASE: SettingRule = {
  field: 'Backoff_Base_Minutes__c',
  fallback: 1,
  lowest: 1,
  highest: 10080
};
const BACKOFF_MAX: SettingRule = {
  field: 'Backoff_Max_Minutes__c',
  fallback: 60,
  lowest: 1,
  highest: 10080
};
const PAGE_SIZE: SettingRule = {
  field: 'Reconciliation_Page_Size__c',
  fallback: 200,
  lowest: 1,
  highest: 2000
};
const DEAD_LETTER_THRESHOLD: SettingRule = {
  field: 'Dead_Letter_Alert_Threshold__c',
  fallback: 25,
  lowest: 1,
  highest: 1000000
};

/** A setting's effective value and where it came from. */
export interface EffectiveSetting {
  /** The value `IntegrationSettings.cls` uses. */
  readonly value: number;
  /** `Integration_Setting__mdt.Default.<field>`, or that the default applies. */
  readonly source: string;
}

/** The settings the operations document quotes, as the Apex side resolves them. */
export interface OperationsSettings {
  /** `Max_Retry_Attempts__c`: attempts before a transiently failing message is dead. */
  readonly maxRetryAttempts: EffectiveSetting;
  /** `Backoff_Base_Minutes__c`: the delay before the first retry. */
  readonly backoffBaseMinutes: EffectiveSetting;
  /** `Backoff_Max_Minutes__c`: the longest delay (at least the base). */
  readonly backoffMaxMinutes: EffectiveSetting;
  /** `Reconciliation_Page_Size__c`: external IDs per lookup and per ID page. */
  readonly reconciliationPageSize: EffectiveSetting;
  /** `Dead_Letter_Alert_Threshold__c`: Dead messages at which support is notified. */
  readonly deadLetterAlertThreshold: EffectiveSetting;
  /** `Reconciliation_Repair__c`: whether scheduled runs repair drift. */
  readonly reconciliationRepair: boolean;
}

/**
 * Reads the settings of `Integration_Setting__mdt.Default` as `IntegrationSettings.cls` does: a
 * missing record or value takes the default, a value is cut to a whole number and kept within its
 * bounds, and the longest backoff is at least the base.
 *
 * @param model - the loaded project metadata
 * @returns the effective settings
 */
export function readOperationsSettings(model: MetadataModel): OperationsSettings {
  const record = customMetadataRecordsOf(model, SETTING.type).find(
    (r) => r.developerName === SETTING.developerName
  );
  const read = (rule: SettingRule): EffectiveSetting => {
    const raw = record?.values.get(rule.field);
    if (typeof raw !== 'number') {
      return { value: rule.fallback, source: `default (\`${rule.field}\` not set)` };
    }
    return {
      value: Math.min(Math.max(Math.trunc(raw), rule.lowest), rule.highest),
      source: `\`${SETTING.type.replace('__mdt', '')}.${SETTING.developerName}.${rule.field}\``
    };
  };
  const base = read(BACKOFF_BASE);
  const max = read(BACKOFF_MAX);
  const repair = record?.values.get('Reconciliation_Repair__c');
  return {
    maxRetryAttempts: read(MAX_RETRY_ATTEMPTS),
    backoffBaseMinutes: base,
    backoffMaxMinutes: max.value < base.value ? { ...max, value: base.value } : max,
    reconciliationPageSize: read(PAGE_SIZE),
    deadLetterAlertThreshold: read(DEAD_LETTER_THRESHOLD),
    reconciliationRepair: repair === true || repair === 'true'
  };
}

/** One attempt of a message that keeps failing transiently. */
export interface ScheduledAttempt {
  /** The attempt number (the `X-ERP-Bridge-Attempt` header), from 1. */
  readonly attempt: number;
  /** Minutes after the previous attempt failed; 0 for the first attempt. */
  readonly delayMinutes: number;
  /** Minutes after the first attempt, at the earliest. */
  readonly sinceFirstMinutes: number;
}

/**
 * The attempts of a message that keeps failing transiently: attempt 1 when dispatched, and after
 * a transient failure of attempt `n` (while `n` is below the maximum) attempt `n + 1` after
 * min(max, base × 2^(n − 1)) minutes — the backoff of `BackoffPolicy.cls` without `Retry-After`.
 *
 * @param maxAttempts - `Max_Retry_Attempts__c`
 * @param baseMinutes - `Backoff_Base_Minutes__c`
 * @param maxMinutes - `Backoff_Max_Minutes__c`
 * @returns one entry per attempt; the message is Dead when the last one fails too
 */
export function retrySchedule(
  maxAttempts: number,
  baseMinutes: number,
  maxMinutes: number
): ScheduledAttempt[] {
  const attempts: ScheduledAttempt[] = [{ attempt: 1, delayMinutes: 0, sinceFirstMinutes: 0 }];
  for (let failed = 1; failed < maxAttempts; failed += 1) {
    const delay = Math.min(maxMinutes, baseMinutes * 2 ** Math.min(failed - 1, 20));
    attempts.push({
      attempt: failed + 1,
      delayMinutes: delay,
      sinceFirstMinutes: attempts[failed - 1].sinceFirstMinutes + delay
    });
  }
  return attempts;
}

/**
 * Writes minutes for people: `45 min`, `2 h`, `1 h 30 min`, `1 d 2 h`.
 *
 * @param minutes - a whole number of minutes
 * @returns the duration text
 */
export function durationText(minutes: number): string {
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) {
    parts.push(`${days} d`);
  }
  if (hours > 0) {
    parts.push(`${hours} h`);
  }
  if (rest > 0) {
    parts.push(`${rest} min`);
  }
  return parts.join(' ');
}

/**
 * The answers of an answer class in words, from its status ranges: `2xx`, `408, 429, 5xx, no
 * answer`, or `any other status` for the class without statuses.
 *
 * @param answerClass - a row of `DELIVERY_ANSWER_CLASSES`
 * @returns the text
 */
export function answersText(answerClass: DeliveryAnswerClass): string {
  const statuses = answerClass.statuses.map((range) =>
    range.from === range.to
      ? String(range.from)
      : range.from % 100 === 0 && range.to === range.from + 99
        ? `${range.from / 100}xx`
        : `${range.from}–${range.to}`
  );
  const parts =
    answerClass.statuses.length === 0
      ? ['any other status']
      : [
          ...statuses,
          ...(answerClass.noAnswer ? ['no answer (timeout, connection refused or reset)'] : [])
        ];
  return parts.join(', ');
}

/**
 * Builds the ERP operations API document.
 *
 * @param input - the validated operations schema and fixtures
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @param links - which other generated documents exist (they are linked only then)
 * @returns the Markdown document (before prettier)
 */
export function renderOperationsApi(
  input: OperationsDocsInput,
  model: MetadataModel,
  config: IntegrationConfig,
  links: { readonly recordChangedEvent: boolean; readonly ordersApi: boolean }
): string {
  const settings = readOperationsSettings(model);
  return document([
    '# ERP operations API: direct delivery and reconciliation',
    GENERATED_NOTICE,
    `What an ERP without middleware exposes so that Salesforce can deliver changes to it directly ([ADR 10](../adr/0010-outbox-delivery-and-replay.md)) and reconcile the fields the ERP owns ([ADR 11](../adr/0011-reconciliation.md)). Salesforce calls every endpoint below through the \`ERP_API\` named credential (\`Integration_Setting__mdt.Default.Named_Credential__c\`): paths are relative to its URL, and authentication is the named credential's. The shapes are the TypeScript contract \`${OPERATIONS_TYPES_PATH}\`; the examples are the static resources the Apex tests answer their mocked callouts with, validated against the types and the metadata by \`scripts/test/contract.test.ts\`. How support runs the outbox, replays and reconciliation is in the [operations guide](../operations.md).`,
    ...deliveryModesSection(config, links),
    ...deliverySection(input, settings, links),
    ...reconciliationSection(input, model, config, settings)
  ]);
}

function deliveryModesSection(
  config: IntegrationConfig,
  links: { readonly recordChangedEvent: boolean }
): string[] {
  const link = linkWhen(links.recordChangedEvent);
  const outbound = config.objects.filter(isDeliveredToErp);
  const direct = outbound.filter(usesDirectCallout);
  return [
    '## Delivery modes',
    `\`Integration_Object__mdt.Delivery_Mode__c\` chooses, per object, how Salesforce-side changes (and, for \`Order\`, submissions) leave Salesforce:`,
    [
      `- **Platform Event** (the default, also when blank): Salesforce publishes ${link('`ERP_Record_Changed__e`', 'record-changed-event.md')} (and \`ERP_Order_Submitted__e\`) and middleware subscribes. Nothing on this page is needed.`,
      '- **Direct Callout**: for an org without middleware. Salesforce writes each change to its outbox (`Integration_Message__c`, Pending, channel Direct Callout) in the same transaction as the change and POSTs it to the ERP endpoints below; no event is published.',
      '- **Both**: events and direct calls, for example while moving from middleware to direct delivery, or when another subscriber still needs the events. The ERP must then ignore one of the two channels or de-duplicate across them.'
    ].join('\n'),
    `The objects whose changes Salesforce sends to the ERP (enabled, direction Outbound or Bidirectional, counterpart ERP or Both), from \`Integration_Object__mdt\`:`,
    table(
      ['Object', 'In the path', 'Counterpart', 'Delivery_Mode__c', 'Direct callout'],
      outbound.map((o) => [
        code(o.objectApiName),
        o.canonicalName === undefined ? '—' : code(o.canonicalName),
        cell(o.counterpart),
        cell(o.deliveryMode ?? 'Platform Event (blank)'),
        usesDirectCallout(o) ? 'yes' : 'no'
      ])
    ),
    direct.length === 0
      ? '_No object uses direct callout yet: every object is delivered by platform event. Set `Delivery_Mode__c` to `Direct Callout` or `Both` on the objects the ERP should receive directly, once it implements the endpoints below._'
      : `Delivered by direct callout now: ${direct.map((o) => code(o.objectApiName)).join(', ')}.`
  ];
}

function deliverySection(
  input: OperationsDocsInput,
  settings: OperationsSettings,
  links: { readonly ordersApi: boolean }
): string[] {
  const link = linkWhen(links.ordersApi);
  const delivery = input.fixtures.deliveryRecordChange.value as RecordChangeDelivery;
  const path = DELIVERY_CHANGES_PATH.replace('{object}', delivery.object);
  return [
    '## Direct delivery',
    '### Endpoints',
    table(
      ['Method and path', 'Body', 'Sent for', `${DELIVERY_IDEMPOTENCY_KEY_HEADER}`],
      [
        [
          code(`POST ${DELIVERY_CHANGES_PATH}`),
          code('RecordChangeDelivery'),
          'a create, update, delete or undelete of a record; `{object}` is the canonical object name',
          'a UUID per change (`messageId`)'
        ],
        [
          code(`POST ${DELIVERY_ORDERS_PATH}`),
          `the canonical order (${link('`CanonicalOrder`', 'orders-api.md#canonicalorder')}), the same JSON as \`ERP_Order_Submitted__e.Payload__c\``,
          'an order submission',
          "the order's `Integration_Key__c` (`integrationKey`)"
        ]
      ]
    ),
    'Both endpoints answer with a status only; Salesforce keeps the body of the answer for support but reads nothing from it.',
    '### Headers',
    table(
      ['Header', 'Value'],
      DELIVERY_HEADERS.map((h) => [code(h.name), prose(h.description)])
    ),
    '### Body',
    ...typeSection(input.schema, 'RecordChangeDelivery', 4),
    '### Answers',
    'Salesforce classes every answer (and the lack of one) as follows:',
    table(
      ['Answer', 'Class', 'What happens to the message'],
      DELIVERY_ANSWER_CLASSES.map((c) => [
        `${cell(answersText(c))}${c.note === '' ? '' : ` (${prose(c.note)})`}`,
        code(c.errorClass),
        prose(c.outcome)
      ])
    ),
    'Refuse with a 4xx only what will never be accepted as it is (a redelivery would fail the same way); answer 5xx, 408 or 429 when the ERP cannot take the delivery now. The recommended body of a refusal:',
    ...typeSection(input.schema, 'DeliveryErrorResponse', 4),
    ...typeSection(input.schema, 'DeliveryError', 4),
    ...retrySection(settings),
    '### Ordering and duplicates',
    [
      "- **In order per record.** The dispatcher sends a record's oldest Pending message first and holds the record's later changes while it backs off, so the ERP receives the changes of one record in the order they were saved. Different records are not ordered with respect to each other.",
      `- **At least once.** A message can arrive more than once: a retry after a timeout whose request the ERP did process, a dispatcher run that died after its callouts, a replay. De-duplicate on \`${DELIVERY_IDEMPOTENCY_KEY_HEADER}\` and answer a duplicate with 2xx (a refusal of a duplicate would dead-letter a message the ERP already has).`,
      "- **A dead message does not block the record.** The record's later changes are delivered; use `occurredAt` to recognise a replayed change that is older than what the ERP already holds.",
      `- \`${DELIVERY_ATTEMPT_HEADER}\` counts the attempts of one message; \`${DELIVERY_MESSAGE_TYPE_HEADER}\` tells a \`Record Change\` from an \`Order Submission\`; \`${DELIVERY_CORRELATION_ID_HEADER}\` ties the call to the Salesforce transaction and the \`Integration_Message__c\` row.`
    ].join('\n'),
    '### Dead letters and replay',
    [
      "- A message that failed permanently, or transiently at its last attempt, is **Dead**: `Error_Class__c` says which, `Last_Error__c` why, `Response_Status_Code__c` and `Response__c` hold the ERP's answer. Dead messages are kept whatever their age.",
      `- Support is notified (custom notification \`ERP_Bridge_Dead_Letters\`) when the number of Dead messages reaches ${settings.deadLetterAlertThreshold.value} (${settings.deadLetterAlertThreshold.source}).`,
      `- After fixing the cause, support replays Dead messages from the integration console: each becomes a new Pending message with the same body, endpoint and delivery key, linked by \`Replayed_From__c\`; the original becomes **Replayed** and the request is audited in \`Integration_Replay__c\`. **A replay keeps the \`${DELIVERY_IDEMPOTENCY_KEY_HEADER}\`**, so an ERP that already holds the change answers 2xx as for any duplicate; \`${DELIVERY_ATTEMPT_HEADER}\` starts again at 1.`
    ].join('\n'),
    '### Delivery example',
    `${CHANGE_TEXT[delivery.changeType]} of ${code(delivery.salesforceObject)} ${code(delivery.recordId)} (external ID ${code(delivery.externalId ?? 'none')}):`,
    [
      '```http',
      `POST ${path}`,
      `${DELIVERY_IDEMPOTENCY_KEY_HEADER}: ${delivery.messageId}`,
      `${DELIVERY_CORRELATION_ID_HEADER}: ${delivery.correlationId}`,
      `${DELIVERY_MESSAGE_TYPE_HEADER}: Record Change`,
      `${DELIVERY_ATTEMPT_HEADER}: 1`,
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    ...fixtureBlock(input.fixtures.deliveryRecordChange),
    'A refusal the ERP may answer (HTTP 400, permanent: the message is Dead at once and the body kept):',
    ...fixtureBlock(input.fixtures.deliveryError)
  ];
}

/** How the delivery example names its change type. */
const CHANGE_TEXT: Readonly<Record<RecordChangeDelivery['changeType'], string>> = {
  CREATE: 'The creation',
  UPDATE: 'An update',
  DELETE: 'The deletion',
  UNDELETE: 'The undeletion'
};

function retrySection(settings: OperationsSettings): string[] {
  const { maxRetryAttempts, backoffBaseMinutes, backoffMaxMinutes } = settings;
  const schedule = retrySchedule(
    maxRetryAttempts.value,
    backoffBaseMinutes.value,
    backoffMaxMinutes.value
  );
  const capped = schedule.findIndex(
    (a, index) => index > 0 && a.delayMinutes === backoffMaxMinutes.value
  );
  // Once the delay reaches its cap every further attempt waits the same: one row says so.
  const shown =
    capped < 0 || capped >= schedule.length - 2 ? schedule : schedule.slice(0, capped + 1);
  const rows = shown.map((a) => [
    String(a.attempt),
    a.attempt === 1 ? 'when dispatched' : durationText(a.delayMinutes),
    a.attempt === 1 ? '—' : durationText(a.sinceFirstMinutes)
  ]);
  if (shown.length < schedule.length) {
    const last = schedule[schedule.length - 1];
    rows.push([
      `${shown.length + 1} to ${last.attempt}`,
      `${durationText(backoffMaxMinutes.value)} each`,
      `up to ${durationText(last.sinceFirstMinutes)}`
    ]);
  }
  return [
    '### Retry schedule',
    `A message that keeps failing transiently is attempted at most ${maxRetryAttempts.value === 1 ? 'once' : `${maxRetryAttempts.value} times`} (${maxRetryAttempts.source}). After a transient failure of attempt *n* the next waits min(${backoffMaxMinutes.value}, ${backoffBaseMinutes.value} × 2^(*n* − 1)) minutes (\`Backoff_Max_Minutes__c\` ${backoffMaxMinutes.value}: ${backoffMaxMinutes.source}; \`Backoff_Base_Minutes__c\` ${backoffBaseMinutes.value}: ${backoffBaseMinutes.source}). A \`Retry-After\` in seconds on a 429 or 503 lengthens the wait, never beyond ${durationText(backoffMaxMinutes.value)}. The times are the earliest: a retry runs with the next dispatcher run once it is due.`,
    table(['Attempt', 'Delay before it', 'After the first attempt'], rows),
    `A transient failure of attempt ${maxRetryAttempts.value} makes the message Dead.`
  ];
}

function reconciliationSection(
  input: OperationsDocsInput,
  model: MetadataModel,
  config: IntegrationConfig,
  settings: OperationsSettings
): string[] {
  const lookup = input.fixtures.reconciliationLookup.value as ReconciliationLookupResponse;
  const ids = input.fixtures.reconciliationIds.value as ReconciliationIdsPage;
  const pageSize = settings.reconciliationPageSize;
  return [
    '## Reconciliation',
    `Reconciliation compares, for every reconciled object, the ERP-owned fields of the Salesforce records with the ERP's values, and the record sets of both sides. It runs as batch jobs (\`ReconciliationScheduler\` on its schedule, or \`ReconciliationService.start\` on demand), one \`Reconciliation_Run__c\` per object, in pages of ${pageSize.value} records (\`Reconciliation_Page_Size__c\`: ${pageSize.source}). The ERP answers two endpoints:`,
    table(
      ['Method and path', 'Body', 'Answer (HTTP 200)'],
      [
        [
          code(`POST ${RECONCILIATION_LOOKUP_PATH}`),
          code('ReconciliationLookupRequest'),
          `${code('ReconciliationLookupResponse')}: the fields and checksum of each record asked for that the ERP knows`
        ],
        [
          code(`GET ${RECONCILIATION_IDS_PATH}?page={page}&pageSize={pageSize}`),
          '—',
          `${code('ReconciliationIdsPage')}: one page of the external IDs of every record the ERP holds`
        ]
      ]
    ),
    'Any other answer, or none, fails the run of that object with the answer in `Reconciliation_Run__c.Error__c`; the other objects go on.',
    ...reconciledObjectsSection(model, config),
    '### Lookup',
    [
      `- Salesforce pages through its records that have an external ID and asks for up to ${pageSize.value} external IDs per call, always naming the compared fields of the object.`,
      '- Answer every external ID the ERP knows with exactly the fields asked for (`null` where the ERP has no value) and their checksum; leave out the IDs it does not know. Do not answer an ID twice.',
      '- `totalCount` is the number of records the ERP holds for the object in all, the same in every answer of a run.'
    ].join('\n'),
    ...typeSection(input.schema, 'ReconciliationLookupRequest', 4),
    ...typeSection(input.schema, 'ReconciliationLookupResponse', 4),
    ...typeSection(input.schema, 'ReconciliationRecord', 4),
    '### ID listing',
    [
      `- Salesforce asks for pages 0 to ⌈\`totalCount\` ÷ \`pageSize\`⌉ − 1 with \`pageSize\` ${pageSize.value}, \`totalCount\` as the lookup answered it: report the same count in both endpoints.`,
      '- List every external ID the ERP holds exactly once across the pages, in a stable order (for example ascending), so that a record is neither skipped nor listed twice between pages.',
      '- A page beyond the last is an empty list, not an error.'
    ].join('\n'),
    ...typeSection(input.schema, 'ReconciliationIdsPage', 4),
    ...checksumSection(lookup),
    ...reportSection(settings),
    '### Reconciliation example',
    `Salesforce asks for the ${code(lookup.object)} records ${[...lookup.records.map((r) => r.externalId)].map(code).join(', ')} and one more the ERP does not know, which is therefore missing in the ERP. The ERP holds ${lookup.totalCount} records:`,
    ...fixtureBlock(input.fixtures.reconciliationLookup),
    `Page ${ids.page} of the ID listing (\`pageSize\` ${ids.pageSize}), the only page since it is short: every ID no Salesforce record has is missing in Salesforce.`,
    ...fixtureBlock(input.fixtures.reconciliationIds)
  ];
}

function reconciledObjectsSection(model: MetadataModel, config: IntegrationConfig): string[] {
  const reconciled = reconciledObjects(config);
  // Never empty: the lookup fixture has been checked to be about a reconciled object.
  const blocks = [
    '### Reconciled objects',
    'An object is reconciled when its `Integration_Object__mdt` is enabled, has an `External_ID_Field__c`, has the ERP as counterpart (`ERP` or `Both`) and has at least one ERP-owned field besides the external ID. The compared fields are its enabled ERP-owned fields of `Field_Ownership__mdt` except the external ID, by canonical name; Salesforce-owned fields are not compared (the ERP is not their master). From the metadata:'
  ];
  blocks.push(
    table(
      ['Object', 'In the path', 'External ID', 'Compared field', 'Field', 'JSON type'],
      reconciled.flatMap((r) =>
        r.comparedFields.map((f) => [
          code(r.object.objectApiName),
          code(r.object.canonicalName ?? ''),
          `${code(r.object.externalIdField ?? '')}${r.keyField === undefined ? '' : ` (${code(r.keyField.canonicalName)})`}`,
          code(f.canonicalName),
          code(f.fieldApiName),
          cell(jsonTypeOf(findField(model, f.objectApiName, f.fieldApiName)) ?? '—')
        ])
      )
    )
  );
  return blocks;
}

function checksumSection(lookup: ReconciliationLookupResponse): string[] {
  const example = lookup.records[0];
  const blocks = [
    '### Checksum',
    '`checksum` is the lowercase hexadecimal SHA-256 of the UTF-8 bytes of the canonical JSON of the compared fields:',
    [
      '- one key per compared field, with `null` for a missing value and for blank text (empty or only whitespace: Salesforce stores blank text as null);',
      '- keys sorted ascending by character code, no whitespace anywhere;',
      '- text as a JSON string (`"` and `\\` and control characters escaped, nothing else);',
      '- numbers in plain decimal, without exponent, without trailing zeros after the point and without a point for whole numbers: `50000`, `12500.5`, `0`, `0.0000001`, `1000000000000000000000`. A JSON number carries no scale, so `50000` and `50000.00` are the same value and have the same checksum; send amounts as numbers, never as text;',
      '- booleans `true` / `false`; dates `"YYYY-MM-DD"`; date-times `"YYYY-MM-DDTHH:mm:ss.SSSZ"` in UTC.'
    ].join('\n'),
    'Equal checksums mean the record matches, without a field comparison. Different checksums lead to a comparison field by field by value (numbers as numbers, text exactly with case), and only fields whose values really differ are reported: a formatting difference costs time, never a false drift.'
  ];
  if (example !== undefined) {
    const names = Object.keys(example.fields);
    blocks.push(
      `Worked example, ${code(example.externalId)} of the lookup example below: the canonical JSON of its fields is`,
      ['```text', reconciliationCanonicalJson(example.fields, names), '```'].join('\n'),
      `and its SHA-256 is ${code(reconciliationChecksum(example.fields, names))}, the record's \`checksum\`.`
    );
  }
  return blocks;
}

function reportSection(settings: OperationsSettings): string[] {
  return [
    '### What a run reports',
    table(
      ['Outcome', 'When', 'Recorded'],
      [
        [
          'matched',
          'the ERP knows the external ID and the checksums are equal, or no compared field differs by value',
          '`Matched_Count__c`'
        ],
        [
          code('Value Mismatch'),
          'a compared field differs by value',
          'one `Reconciliation_Drift__c` per record and field, with both values; `Drift_Count__c`'
        ],
        [
          code('Missing In ERP'),
          'a Salesforce record has an external ID the lookup does not return',
          'one drift row per record; `Missing_In_ERP_Count__c`'
        ],
        [
          code('Missing In Salesforce'),
          'the ID listing has an external ID no Salesforce record has',
          'one drift row per external ID; `Missing_In_Salesforce_Count__c`'
        ]
      ]
    ),
    `The run also records the Salesforce record count and the ERP's \`totalCount\`. **Repair** (\`Reconciliation_Repair__c\`, now ${settings.reconciliationRepair ? 'on' : 'off'}, or the \`repair\` argument of \`ReconciliationService.start\`) applies the ERP's values of the drifted fields as an ERP update would (only ERP-owned fields, no change event back to the ERP), records each as a \`Reconciliation Repair\` message and marks the drift \`Repaired\`. Missing records are only reported, never created or deleted: support decides.`
  ];
}
