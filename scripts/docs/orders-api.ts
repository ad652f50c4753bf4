/**
 * Builds `orders-api.md`: the ERP's side of the order hand-off (ADR 9) — the sequence from
 * submission to fulfilment, the outbound `ERP_Order_Submitted__e` with the canonical order, the
 * order acknowledgements endpoint (headers, shapes from `types/contract/orders.ts`, rules, error
 * codes) and the inbound `ERP_Order_Status__e` (fields, sequence rules, the transitions the
 * lifecycle allows, retries, dead letters and the subscriber configuration), with the fixtures
 * embedded.
 *
 * {@link checkOrderMetadata} checks what the document relies on: both events' fields and their
 * contract types are the same sets, and the statuses of `ErpOrderStatus` are the statuses the
 * lifecycle model lets the ERP report.
 *
 * @module
 */
import {
  CORRELATION_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  MAX_RECORDS_PER_CALL,
  ORDER_ACKNOWLEDGEMENTS_API_PATH,
  ORDER_ACKNOWLEDGEMENT_ERROR_CODES,
  RECORD_ERROR_CODES
} from '../../types/contract/error-codes.js';
import type {
  OrderAcknowledgementsRequest,
  OrderStatusEvent,
  OrderSubmittedEventExample
} from '../../types/contract/orders.js';
import type { RecordUpsertResponse } from '../../types/contract/record-sync.js';
import {
  ORDERS_OBJECT,
  ORDER_STATUS_EVENT,
  ORDER_SUBMITTED_EVENT,
  ORDER_TYPES_PATH,
  acknowledgedOrders,
  replayOrderStatusEvents,
  schemaDescription,
  schemaFields,
  type JsonSchema,
  type StatusEventOutcome
} from '../lib/contract.js';
import {
  customMetadataRecordsOf,
  findObject,
  readMetadataFiles,
  type MetadataModel
} from '../lib/metadata-model.js';
import { fixtureBlock, typeSection, type OrderDocsInput } from './contract-docs.js';
import { typeWithSize } from './external-ids.js';
import { type IntegrationConfig, type Problem } from './integration-config.js';
import {
  GENERATED_NOTICE,
  cell,
  code,
  document,
  mermaid,
  prose,
  table,
  linkWhen
} from './markdown.js';
import {
  LIFECYCLE_MODEL_FILE,
  LIFECYCLE_STATES,
  erpReportedStatuses,
  erpStatusTransitions,
  reachableErpStatuses
} from './order-lifecycle.js';
import { checkEventFields, type EventContract } from './record-changed-event.js';
import { headersTable, requestErrorCodesTable, resultLine } from './records-api.js';

/** `ERP_Order_Submitted__e` and its contract type. */
export const ORDER_SUBMITTED_EVENT_CONTRACT: EventContract = {
  eventName: ORDER_SUBMITTED_EVENT,
  typeName: 'OrderSubmittedEvent',
  typesPath: ORDER_TYPES_PATH
};

/** `ERP_Order_Status__e` and its contract type. */
export const ORDER_STATUS_EVENT_CONTRACT: EventContract = {
  eventName: ORDER_STATUS_EVENT,
  typeName: 'OrderStatusEvent',
  typesPath: ORDER_TYPES_PATH
};

/** The trigger that consumes `ERP_Order_Status__e` (ADR 9). */
export const ORDER_STATUS_TRIGGER = 'ErpOrderStatusTrigger';

/** The contract type of the statuses `ERP_Order_Status__e` carries. */
const STATUS_TYPE = 'ErpOrderStatus';

/**
 * Checks the metadata the order document relies on: `OrderSubmittedEvent` and
 * `ERP_Order_Submitted__e`, `OrderStatusEvent` and `ERP_Order_Status__e` have the same fields,
 * and `ErpOrderStatus` lists exactly the statuses the lifecycle model lets the ERP set.
 *
 * @param model - the loaded project metadata
 * @param input - the validated order schema and fixtures
 * @returns the problems, each naming its file
 */
export function checkOrderMetadata(model: MetadataModel, input: OrderDocsInput): Problem[] {
  const problems = [
    ...checkEventFields(model, input.schema, ORDER_SUBMITTED_EVENT_CONTRACT),
    ...checkEventFields(model, input.schema, ORDER_STATUS_EVENT_CONTRACT)
  ];
  const typed = (input.schema.definitions?.[STATUS_TYPE]?.enum ?? []) as string[];
  const modelled = erpReportedStatuses();
  if (typed.join('\n') !== modelled.join('\n')) {
    problems.push({
      filePath: ORDER_TYPES_PATH,
      message: `${STATUS_TYPE} is ${typed.join(', ')}; the statuses the ERP sets in ${LIFECYCLE_MODEL_FILE} are ${modelled.join(', ')} (in lifecycle order)`
    });
  }
  return problems;
}

/**
 * Builds the orders API document. Call {@link checkOrderMetadata} first.
 *
 * @param input - the validated order schema and fixtures
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @param recordSyncDocs - whether `records-api.md` is generated too (it is linked only then)
 * @returns the Markdown document (before prettier)
 */
export function renderOrdersApi(
  input: OrderDocsInput,
  model: MetadataModel,
  config: IntegrationConfig,
  recordSyncDocs: boolean
): string {
  const link = linkWhen(recordSyncDocs);
  return document([
    '# Orders API',
    GENERATED_NOTICE,
    `The ERP's side of the order hand-off ([ADR 9](../adr/0009-order-hand-off-to-the-erp.md)): what Salesforce publishes when an order is submitted, how the ERP accepts or rejects it, and how it reports the order's progress. The shapes are the TypeScript contract \`${ORDER_TYPES_PATH}\` (built on \`types/contract/record-sync.ts\`), the error codes \`types/contract/error-codes.ts\` (kept equal to \`InboundErrorCode.cls\`), and the examples are the static resources the Apex tests load, validated against the types by \`scripts/test/contract.test.ts\`. Which status may follow which is the [order lifecycle](order-lifecycle.md).`,
    ...handOffSection(),
    ...submittedSection(input, model),
    ...acknowledgementsSection(input, config, link),
    ...statusSection(input, model)
  ]);
}

function handOffSection(): string[] {
  return [
    '## The hand-off',
    mermaid([
      'sequenceDiagram',
      '  participant SF as Salesforce',
      '  participant MW as Middleware',
      '  participant ERP',
      '  SF->>SF: submit the Draft order (new key version, ERP status Submitted)',
      `  SF-)MW: ${ORDER_SUBMITTED_EVENT} with the canonical order`,
      '  MW->>ERP: create the sales order, de-duplicated on the key',
      '  ERP-->>MW: accepted with the ERP order ID, or rejected with reasons',
      `  MW->>SF: POST ${ORDER_ACKNOWLEDGEMENTS_API_PATH}`,
      '  SF->>SF: accepted - ERP order ID stored, order Activated. Rejected - reasons shown, order stays Draft',
      '  ERP-->>MW: Released, Partially Shipped, Shipped, Invoiced, Cancelled, Returned',
      `  MW-)SF: ${ORDER_STATUS_EVENT} with the ERP sequence number`,
      '  SF->>SF: every change kept in the history, a higher sequence moves the ERP status'
    ]),
    [
      `1. **Submit.** A rep submits a Draft order (or a quote's approval created it). Salesforce validates it, raises \`Submission_Version__c\`, sets the deterministic \`Integration_Key__c\` (\`SF-\` + the 18-character order ID + \`-v\` + the version), a correlation ID, \`ERP_Status__c\` = \`Submitted\` and \`ERP_Submitted_At__c\`. The order stays **Draft**.`,
      `2. **Event out.** After commit, one [\`${ORDER_SUBMITTED_EVENT}\`](#erp_order_submitted__e) per order carries the canonical order; an \`Integration_Message__c\` (Outbound, Order Submission) records it. Create the ERP sales order, and treat a repeated \`Idempotency_Key__c\` as the same submission.`,
      `3. **Acknowledge.** Answer every submission with [\`POST ${ORDER_ACKNOWLEDGEMENTS_API_PATH}\`](#acknowledgements) (or an \`${ORDER_STATUS_EVENT}\` with status \`Acknowledged\` or \`Rejected\`), naming it by its \`integrationKey\`.`,
      '4. **Activation.** An acceptance stores the ERP order ID in `ERP_Order_ID__c`, sets `ERP_Status__c` = `Acknowledged` and activates the order (irreversible: the order and its lines are locked). A rejection sets `Rejected`, shows the reasons in `ERP_Error__c` and leaves the order Draft: the rep corrects it and submits again under the next key version.',
      `5. **Statuses.** Report every later change with [\`${ORDER_STATUS_EVENT}\`](#erp_order_status__e), naming the order by its ERP order ID and numbering the changes of an order with increasing sequence numbers. Salesforce keeps every change and moves the order's ERP status only forward, along the [lifecycle](order-lifecycle.md).`
    ].join('\n')
  ];
}

function eventFieldsTable(
  schema: JsonSchema,
  model: MetadataModel,
  contract: EventContract
): string {
  const event = findObject(model, contract.eventName);
  return table(
    ['Field', 'Salesforce type', 'JSON type', 'Description'],
    schemaFields(schema, contract.typeName).map((property) => {
      const field = event?.fields.get(property.name);
      return [
        code(property.name),
        cell(field === undefined ? '—' : typeWithSize(field)),
        code(property.type),
        prose(property.description || field?.description || '')
      ];
    })
  );
}

function eventKind(model: MetadataModel, eventName: string): string {
  const event = findObject(model, eventName);
  return `${cell(event?.eventType ?? 'platform event')}, ${cell(event?.publishBehavior ?? 'publish behaviour unset')}`;
}

function submittedSection(input: OrderDocsInput, model: MetadataModel): string[] {
  const example = input.fixtures.orderSubmitted.value as OrderSubmittedEventExample;
  return [
    `## ${ORDER_SUBMITTED_EVENT}`,
    `${schemaDescription(input.schema, ORDER_SUBMITTED_EVENT_CONTRACT.typeName)} (${eventKind(model, ORDER_SUBMITTED_EVENT)}.) Subscribe to \`/event/${ORDER_SUBMITTED_EVENT}\` with the Pub/Sub API.`,
    '### Fields',
    eventFieldsTable(input.schema, model, ORDER_SUBMITTED_EVENT_CONTRACT),
    'The JSON types are the fields as the Streaming API and the example show them. A Pub/Sub API subscriber decodes the same fields from Avro.',
    '### When it is published',
    [
      '- After the submission commits, one event per submitted order; nothing is published for an order that fails validation. Validation answers the rep with every reason: `NO_ERP_ACCOUNT` (the account has no `ERP_Account_ID__c`), `NO_LINES`, `PRODUCT_WITHOUT_SKU` (no `ProductCode`), `PRODUCT_WITHOUT_ERP_ID`, `INACTIVE_PRICEBOOK_ENTRY`, `ALREADY_SUBMITTED`, `NOT_DRAFT`.',
      "- `Idempotency_Key__c` is the order's `Integration_Key__c`: the same order version always has the same key, so a redelivered event is a duplicate. A new version is a resubmission, allowed only after the ERP rejected the previous one.",
      `- \`Payload__c\` is the compact JSON of the canonical order below, its fields in the order of the tables; IDs are 18 characters, \`submittedAt\` is UTC with milliseconds, \`effectiveDate\` is \`YYYY-MM-DD\`, amounts and quantities are JSON numbers (compare them as numbers: \`100\` and \`100.00\` are the same amount), absent values are \`null\`.`,
      "- The order stays Draft and `Submitted` until it is acknowledged. If the event bus refuses the event, the submission's `Integration_Message__c` is Failed and holds the event for support to replay."
    ].join('\n'),
    ...typeSection(input.schema, 'CanonicalOrder', 3),
    ...typeSection(input.schema, 'CanonicalOrderAccount', 3),
    ...typeSection(input.schema, 'CanonicalOrderLine', 3),
    '### Submission example',
    `The first submission of order ${code(example.order.orderNumber)} for ${cell(example.order.account.name)} (${code(example.order.account.erpAccountId)}), ${example.order.lines.length} line(s), total ${example.order.totalAmount}. The example shows the event's fields and \`Payload__c\` parsed as \`order\`.`,
    ...fixtureBlock(input.fixtures.orderSubmitted)
  ];
}

function acknowledgementsSection(
  input: OrderDocsInput,
  config: IntegrationConfig,
  link: (text: string, file: string) => string
): string[] {
  const request = input.fixtures.acknowledgementsRequest.value as OrderAcknowledgementsRequest;
  const response = input.fixtures.acknowledgementsResponse.value as RecordUpsertResponse;
  const order = config.objects.find((o) => o.objectApiName === ORDERS_OBJECT);
  return [
    '## Acknowledgements',
    [
      '```http',
      `POST ${ORDER_ACKNOWLEDGEMENTS_API_PATH}`,
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    `The ERP accepts or rejects up to ${MAX_RECORDS_PER_CALL} submitted orders per call, each named by the \`integrationKey\` of its submission. It works like the ${link('records API', 'records-api.md')}: the same headers, idempotency, correlation, refusals and response shape, with \`${ORDERS_OBJECT}\` as the object${order === undefined ? '' : ` (registered in \`Integration_Object__mdt\` with \`Inbound_API__c\` = \`${order.inboundApi ?? ''}\`)`}. Calls are stored as \`Integration_Message__c\` rows of type Order Acknowledgement.`,
    '### Headers',
    headersTable(),
    '### Request',
    ...typeSection(input.schema, 'OrderAcknowledgementsRequest', 4),
    ...typeSection(input.schema, 'OrderAcknowledgementInput', 4),
    '### Response',
    `${schemaDescription(input.schema, 'OrderAcknowledgementsResponse')} In its results, \`ignoredFields\` and \`seededFields\` are always empty: an acknowledgement carries no fields.`,
    ...typeSection(input.schema, 'RecordUpsertResponse', 4),
    ...typeSection(input.schema, 'RecordUpsertSummary', 4),
    ...typeSection(input.schema, 'RecordResult', 4),
    ...typeSection(input.schema, 'RecordError', 4),
    '### Rules',
    [
      "- **accepted**, for the key of the order's current submission while the order is `Submitted`: `ERP_Order_ID__c` = `erpOrderId`, `ERP_Status__c` = `Acknowledged`, `ERP_Error__c` cleared, the ERP time `occurredAt` stored, then the order is **Activated** (`updated`). If the platform refuses the activation, the ERP fields are restored and the acknowledgement is rejected `SAVE_FAILED`: the order stays Draft without an ERP order ID.",
      '- **rejected**, same conditions: `ERP_Status__c` = `Rejected`, `ERP_Error__c` = the reasons (one per line); the order stays Draft and may be corrected and resubmitted under the next key version (`updated`).',
      '- The same acknowledgement again (the same decision; for an acceptance the same ERP order ID) is `unchanged` and writes nothing.',
      '- A contradicting one — rejected after accepted, accepted after rejected, another ERP order ID — is rejected `INVALID_TRANSITION`. The key of a submission superseded by a resubmission is rejected `STALE_UPDATE`; a key no order carries `UNKNOWN_ORDER`.',
      '- An acceptance that arrives after a status update already moved the order past `Acknowledged` still stores the ERP order ID and activates the order, and keeps the later status.',
      "- The writes run as the ERP: the ownership guard lets the ERP-owned order fields through and no outbound event echoes them. Only the order header's ERP fields and `Status` are written, never the lines. Every applied decision also adds a row to `Order_Status_History__c`.",
      '- Keys are compared exactly (with case). A key sent twice in one call rejects both records `DUPLICATE_EXTERNAL_ID`; with `allOrNone`, one rejected record leaves every order unwritten (HTTP 422).'
    ].join('\n'),
    '### Record error codes',
    'A rejected acknowledgement has `outcome` `rejected` and one or more `errors`, each naming the property at fault in `field`; the others go on unless `allOrNone` is set.',
    table(
      ['Code', 'Field', 'When'],
      Object.entries(ORDER_ACKNOWLEDGEMENT_ERROR_CODES).map(([errorCode, info]) => [
        code(errorCode),
        info.fields.map((f) => (f === null ? 'null' : code(f))).join(', '),
        prose(info.description)
      ])
    ),
    '### Refused calls',
    'A call refused as a whole writes nothing and does not claim its idempotency key, so it can be corrected and sent again with the same key. The request error codes are those of every inbound API; the URL names no object, so `UNKNOWN_OBJECT` and `OBJECT_NOT_INBOUND` concern the registration of `Order` itself.',
    ...typeSection(input.recordSyncSchema, 'ErrorResponse', 4),
    '#### Request error codes',
    requestErrorCodesTable(),
    '### Acknowledgements example',
    `The ERP accepts order \`${request.records[0]?.integrationKey ?? ''}\` and rejects another. Headers (the values of the example response):`,
    [
      '```http',
      `POST ${ORDER_ACKNOWLEDGEMENTS_API_PATH}`,
      `${IDEMPOTENCY_KEY_HEADER}: ${response.idempotencyKey}`,
      `${CORRELATION_ID_HEADER}: ${response.correlationId}`,
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    ...fixtureBlock(input.fixtures.acknowledgementsRequest),
    `#### Response (HTTP ${response.allOrNone && response.summary.rejected > 0 ? 422 : 200})`,
    response.results.map(resultLine).join('\n'),
    ...fixtureBlock(input.fixtures.acknowledgementsResponse)
  ];
}

function statusSection(input: OrderDocsInput, model: MetadataModel): string[] {
  return [
    `## ${ORDER_STATUS_EVENT}`,
    `${schemaDescription(input.schema, ORDER_STATUS_EVENT_CONTRACT.typeName)} The middleware publishes it (${eventKind(model, ORDER_STATUS_EVENT)}) for every change of an order in the ERP.`,
    '### Fields',
    eventFieldsTable(input.schema, model, ORDER_STATUS_EVENT_CONTRACT),
    '### Statuses',
    `\`Status__c\` is one of the statuses below (\`${STATUS_TYPE}\`): every value of \`Order.ERP_Status__c\` but \`Submitted\`, which only Salesforce sets. \`Acknowledged\` and \`Rejected\` are acknowledgements: they are applied exactly like \`accepted\` and \`rejected\` of the [acknowledgements API](#acknowledgements) (the key names the submission, \`ERP_Order_ID__c\` is the ERP order ID, \`Details__c\` the reasons of a rejection). The others report fulfilment and move the order's ERP status.`,
    statusesTable(),
    '### Sequence rules',
    [
      "- `Sequence__c` numbers the ERP's changes of one order: give every change a higher number than the one before. Redeliveries and late events are expected; the sequence decides, never the arrival order.",
      '- **Every change is kept** in `Order_Status_History__c`: one row per order and sequence (`History_Key__c` = order ID `:` sequence, unique), with the status, the ERP time, the details, the correlation ID and `Is_Applied__c`. A redelivered event (same order, same sequence, same status) adds nothing; the same sequence with another status is rejected `INVALID_RECORD` and the first one stands.',
      "- **Only a higher sequence moves the status.** A change whose sequence is higher than the order's `ERP_Status_Sequence__c` moves `ERP_Status__c`, `ERP_Status_Sequence__c` and `ERP_Last_Modified_At__c` when its status is reachable from the current one (below); an older change is history only (`Is_Applied__c` false), and an unreachable one is rejected `INVALID_TRANSITION` and kept as history. The same status again with a higher sequence (a second partial shipment) moves the sequence only.",
      '- A late intermediate status never blocks a later one: `Released` → `Shipped` applies although `Partially Shipped` was skipped, and `Partially Shipped` arriving afterwards stays in the history.',
      '- Within one batch the trigger takes the changes of an order in sequence order (acknowledgements first), so a batch gives the same result whatever order its events arrived in.',
      '- Only the ERP fields of the order header are written; the lines and the locked fields of an activated order are never touched. A status that overtakes the acknowledgement moves a Submitted order without activating it: only the acknowledgement activates.'
    ].join('\n'),
    '### Reachable statuses',
    `The statuses a status update may move an order to, from each ERP status: the direct transitions of the [lifecycle](order-lifecycle.md) (\`${LIFECYCLE_MODEL_FILE}\`, mirrored by \`OrderLifecycle.cls\`) and everything reachable through them.`,
    reachableTable(),
    '### Events that cannot be applied',
    'A problem with one event does not stop the others: the event becomes an `Integration_Message__c` row (Inbound, Rejected) with the code and the reason, for support.',
    table(
      ['Code', 'When'],
      [
        [
          code('INVALID_RECORD'),
          prose(
            '`Status__c` missing or not a status above, `Sequence__c` missing, neither `ERP_Order_ID__c` nor `Integration_Key__c` set, or a sequence already recorded with another status; for an acknowledgement, `Acknowledged` without `ERP_Order_ID__c` or `Rejected` without `Details__c`.'
          )
        ],
        [
          code('UNKNOWN_ORDER'),
          prose(RECORD_ERROR_CODES.UNKNOWN_ORDER.description.replace(/^Orders only: no/, 'No'))
        ],
        [
          code('INVALID_TRANSITION'),
          prose(
            "The status is not reachable from the order's current ERP status (table above), or an acknowledgement contradicts the order's."
          )
        ],
        [
          code('STALE_UPDATE'),
          prose('An acknowledgement names a submission superseded by a resubmission.')
        ],
        [
          code('SAVE_FAILED'),
          prose('Salesforce refused the save of the order (message status Failed).')
        ]
      ]
    ),
    ...retrySection(model),
    ...subscriberSection(model),
    ...statusExampleSection(input)
  ];
}

function statusesTable(): string {
  const transitions = erpStatusTransitions();
  const meaning = new Map(LIFECYCLE_STATES.map((s) => [s.erpStatus, s.meaning]));
  return table(
    ['Status', 'Follows', 'Meaning'],
    erpReportedStatuses().map((status) => [
      code(status),
      transitions
        .filter((t) => t.to === status && t.by === 'ERP')
        .map((t) => code(t.from))
        .join(', '),
      prose(meaning.get(status) ?? '')
    ])
  );
}

function reachableTable(): string {
  const transitions = erpStatusTransitions();
  return table(
    ['Current ERP status', 'Directly next', 'Reachable by a status update'],
    LIFECYCLE_STATES.flatMap((state) => {
      if (state.erpStatus === null) {
        return [];
      }
      const status = state.erpStatus;
      const next = transitions.filter((t) => t.from === status);
      const reachable = reachableErpStatuses(status);
      return [
        [
          code(status),
          next.length === 0
            ? '— (end)'
            : next
                .map(
                  (t) =>
                    `${code(t.to)}${t.by === 'Salesforce' ? ' (Salesforce: resubmission)' : ''}`
                )
                .join(', '),
          reachable.length === 0 ? '—' : reachable.map(code).join(', ')
        ]
      ];
    })
  );
}

/** The `Integration_Setting__mdt` record the triggers read. */
const SETTING = { type: 'Integration_Setting__mdt', developerName: 'Default' } as const;

function retrySection(model: MetadataModel): string[] {
  const setting = customMetadataRecordsOf(model, SETTING.type).find(
    (r) => r.developerName === SETTING.developerName
  );
  const limit = setting?.values.get('Event_Retry_Limit__c');
  const limitText =
    typeof limit === 'number'
      ? `${limit} (\`${SETTING.type}.${SETTING.developerName}.Event_Retry_Limit__c\`)`
      : `\`Event_Retry_Limit__c\` of \`${SETTING.type}\` ${SETTING.developerName} (3 when not set)`;
  return [
    '### Retries and dead letters',
    [
      `- A batch is one unit: an unexpected failure rolls the whole pass back and asks the platform to deliver the batch again (\`EventBus.RetryableException\`) while the trigger's retry count is below ${limitText}. The platform itself suspends a trigger after 9 retries; the limit stays well below.`,
      '- At the limit, every event of the batch is written as an `Integration_Message__c` row with status **Dead** (Transient), holding the event and the error, and the trigger returns normally: the subscription keeps running and support replays the events after fixing the cause.',
      '- The resume checkpoint is set after the pass (or the dead-lettering) completes, so no event is marked done while its work could still be rolled back; replaying a batch is harmless (history keys, idempotent messages).',
      "- To pause processing, suspend the trigger's subscription in Setup (it resumes where it stopped, within the 72-hour retention); never bypass the handler, which would lose the batch."
    ].join('\n')
  ];
}

/** A `PlatformEventSubscriberConfig` of the project. */
interface SubscriberConfig {
  readonly filePath: string;
  readonly name: string;
  readonly consumer: string;
  readonly batchSize?: string;
  readonly user?: string;
}

function readSubscriberConfigs(model: MetadataModel): SubscriberConfig[] {
  return readMetadataFiles(
    model,
    '.platformEventSubscriberConfig-meta.xml',
    'PlatformEventSubscriberConfig'
  ).map(({ filePath, name, xml }) => {
    const text = (key: string): string | undefined => {
      const value = xml[key];
      return typeof value === 'string' ? value : undefined;
    };
    return {
      filePath,
      name,
      consumer: text('platformEventConsumer') ?? '',
      batchSize: text('batchSize'),
      user: text('user')
    };
  });
}

function subscriberSection(model: MetadataModel): string[] {
  const config = readSubscriberConfigs(model).find((c) => c.consumer === ORDER_STATUS_TRIGGER);
  const blocks = ['### Subscriber configuration'];
  if (config === undefined) {
    blocks.push(
      `_The project has no \`PlatformEventSubscriberConfig\` for \`${ORDER_STATUS_TRIGGER}\`: the trigger runs as the Automated Process user with the platform's default batch size._`
    );
    return blocks;
  }
  blocks.push(
    table(
      ['Setting', 'Value'],
      [
        ['Configuration', `${code(config.name)} (${code(config.filePath)})`],
        ['Trigger', code(config.consumer)],
        [
          'Batch size',
          config.batchSize === undefined ? "— (the platform's default)" : cell(config.batchSize)
        ],
        [
          'Running user',
          config.user === undefined
            ? 'not set in the repository: org-specific, added at deployment (README); the trigger runs as the Automated Process user until then'
            : code(config.user)
        ]
      ]
    ),
    'The trigger applies a whole batch in one bulk pass, with queries and DML statements constant in the batch size.'
  );
  return blocks;
}

const OUTCOME_TEXT: Readonly<Record<StatusEventOutcome['outcome'], string>> = {
  applied: 'applied',
  history: 'history only (older sequence)',
  redelivered: 'nothing (redelivered)',
  invalid: 'rejected `INVALID_TRANSITION`'
};

function statusExampleSection(input: OrderDocsInput): string[] {
  const events = input.fixtures.statusEvents.value as OrderStatusEvent[];
  const before = acknowledgedOrders(
    input.fixtures.acknowledgementsRequest.value as OrderAcknowledgementsRequest,
    input.fixtures.acknowledgementsResponse.value as RecordUpsertResponse
  );
  const oneByOne = replayOrderStatusEvents(events, before);
  const oneBatch = replayOrderStatusEvents(events, before, { oneBatch: true });
  const orders = [...new Set(events.map((e) => e.ERP_Order_ID__c ?? e.Integration_Key__c ?? ''))];
  const start = oneByOne[0]?.before ?? 'Submitted';
  const final = (outcomes: StatusEventOutcome[]): string => {
    const applied = outcomes.filter((o) => o.outcome === 'applied');
    const newest = applied.sort(
      (a, b) => events[b.index].Sequence__c - events[a.index].Sequence__c
    )[0];
    return newest === undefined ? start : newest.after;
  };
  const differs = oneBatch.filter((o, i) => o.outcome !== oneByOne[i].outcome);
  return [
    '### Status events example',
    `The ERP reports the progress of ${orders.map(code).join(', ')} after the acceptance of the [acknowledgements example](#acknowledgements-example) (ERP status \`${start}\`). The events arrive one by one in this order:`,
    ...fixtureBlock(input.fixtures.statusEvents),
    table(
      ['#', 'Sequence__c', 'Status__c', 'Occurred_At__c', 'Outcome', 'ERP status after'],
      oneByOne.map((o) => {
        const event = events[o.index];
        return [
          String(o.index),
          String(event.Sequence__c),
          code(event.Status__c),
          code(event.Occurred_At__c),
          OUTCOME_TEXT[o.outcome],
          code(o.after)
        ];
      })
    ),
    `Every event leaves a history row. ${
      differs.length === 0
        ? `Delivered in one batch, the events give the same outcomes.`
        : `Delivered in one batch instead, the trigger takes them in sequence order: ${differs
            .map(
              (o) =>
                `event ${o.index} (${code(events[o.index].Status__c)}) is ${OUTCOME_TEXT[o.outcome]}`
            )
            .join(
              ', '
            )}; the order ends \`${final(oneBatch)}\`${final(oneBatch) === final(oneByOne) ? ' either way' : ''}.`
    }`
  ];
}
