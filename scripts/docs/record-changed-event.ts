/**
 * Builds `record-changed-event.md`: the outbound `ERP_Record_Changed__e` platform event — its
 * fields (the contract type joined with the event's field metadata), when it is and is not
 * published, which objects publish it with the Salesforce-owned fields that travel, and the
 * example fixture. Also checks that the contract type and the event's fields are the same set.
 *
 * @module
 */
import {
  CONTRACT_TYPES_PATH,
  fieldsByCanonicalName,
  publishesRecordChangedEvent,
  schemaFields,
  type JsonSchema
} from '../lib/contract.js';
import { compareText, findObject, type MetadataModel } from '../lib/metadata-model.js';
import { fixtureBlock, type ContractDocsInput } from './contract-docs.js';
import { typeWithSize } from './external-ids.js';
import {
  type IntegrationConfig,
  type IntegrationObject,
  type Problem
} from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, prose, table } from './markdown.js';

/** API name of the outbound event. */
export const RECORD_CHANGED_EVENT = 'ERP_Record_Changed__e';

/** The contract type of the event's fields. */
const EVENT_TYPE = 'RecordChangedEvent';

/** Which platform event a contract type describes, for {@link checkEventFields}. */
export interface EventContract {
  /** API name of the platform event, e.g. `ERP_Record_Changed__e`. */
  readonly eventName: string;
  /** The contract type of its fields, e.g. `RecordChangedEvent`. */
  readonly typeName: string;
  /** Repository-relative path of the file declaring the type, for messages. */
  readonly typesPath: string;
}

/** `ERP_Record_Changed__e` and its contract type. */
export const RECORD_CHANGED_EVENT_CONTRACT: EventContract = {
  eventName: RECORD_CHANGED_EVENT,
  typeName: EVENT_TYPE,
  typesPath: CONTRACT_TYPES_PATH
};

/**
 * Checks that a contract type and the custom fields of its platform event are the same set (by
 * default `RecordChangedEvent` and `ERP_Record_Changed__e`).
 *
 * @param model - the loaded project metadata
 * @param schema - the contract schema holding the type
 * @param contract - the event and its type
 * @returns one problem per field missing on either side, or one when the event has no metadata
 */
export function checkEventFields(
  model: MetadataModel,
  schema: JsonSchema,
  contract: EventContract = RECORD_CHANGED_EVENT_CONTRACT
): Problem[] {
  const { eventName, typeName, typesPath } = contract;
  const event = findObject(model, eventName);
  if (event === undefined) {
    return [
      {
        filePath: `${model.packageDirectories[0]}/main/default/objects/${eventName}`,
        message: `${eventName} has no metadata, but the contract fixtures document it`
      }
    ];
  }
  const typed = new Set(schemaFields(schema, typeName).map((f) => f.name));
  const problems: Problem[] = [];
  for (const field of event.fields.values()) {
    if (!typed.has(field.apiName)) {
      problems.push({
        filePath: field.filePath,
        message: `${eventName}.${field.apiName} is not a property of ${typeName} in ${typesPath}`
      });
    }
  }
  for (const name of typed) {
    if (!event.fields.has(name)) {
      problems.push({
        filePath: typesPath,
        message: `${typeName}.${name} is not a field of ${eventName} (${event.directory}/fields/)`
      });
    }
  }
  return problems;
}

/**
 * Builds the record-changed event document. Call {@link checkEventFields} first.
 *
 * @param input - the validated schema and fixtures
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @returns the Markdown document (before prettier)
 */
export function renderRecordChangedEvent(
  input: ContractDocsInput,
  model: MetadataModel,
  config: IntegrationConfig
): string {
  const event = findObject(model, RECORD_CHANGED_EVENT)!;
  const publishing = config.objects.filter(publishesRecordChangedEvent);
  const silent = config.objects.filter((o) => !publishing.includes(o));
  const blocks = [
    `# ${RECORD_CHANGED_EVENT}`,
    GENERATED_NOTICE,
    `Salesforce publishes \`${RECORD_CHANGED_EVENT}\` (${cell(event.eventType ?? 'platform event')}, ${cell(event.publishBehavior ?? 'publish behaviour unset')}) when Salesforce-owned fields of a synced record really change, so the middleware learns of them and passes them on to the counterpart systems. Subscribe to \`/event/${RECORD_CHANGED_EVENT}\` with the Pub/Sub API. The shape is \`RecordChangedEvent\` in \`${CONTRACT_TYPES_PATH}\`; the example is the static resource the Apex tests load.`,
    '## Fields',
    table(
      ['Field', 'Salesforce type', 'JSON type', 'Description'],
      schemaFields(input.schema, EVENT_TYPE).map((property) => {
        const field = event.fields.get(property.name);
        return [
          code(property.name),
          cell(field === undefined ? '—' : typeWithSize(field)),
          code(property.type),
          prose(property.description || field?.description || '')
        ];
      })
    ),
    'The JSON types are the fields as the Streaming API and the example show them. A Pub/Sub API subscriber decodes the same fields from Avro, where the date/time `Occurred_At__c` is epoch milliseconds.',
    '## When it is published',
    [
      '- After the transaction commits, one event per record whose Salesforce-owned fields really changed (values compared, not just saved).',
      '- **CREATE**: all non-null Salesforce-owned fields. **UPDATE**: only the changed ones. **DELETE**: `{}`. **UNDELETE**: like CREATE.',
      '- `Changed_Fields__c` is compact JSON with the keys sorted alphabetically: canonical names (`Field_Ownership__mdt.Canonical_Name__c`) → new values.',
      "- `External_ID__c` is the record's external-ID value (`Integration_Object__mdt.External_ID_Field__c`) at publish time.",
      '- `Correlation_ID__c` is one ID per Salesforce transaction: every event of one transaction carries the same one.'
    ].join('\n'),
    '## When it is not published',
    [
      '- For inbound changes: writes through the inbound APIs, and writes by a user holding the `ERP_Bridge_Integration_User` custom permission (the integration user), so a counterpart never receives its own change back.',
      '- When no Salesforce-owned field changed (ERP-owned or unsynced fields only, or values saved unchanged).',
      '- For objects that do not sync outbound, are not delivered by platform event, or whose sync is disabled (below).',
      '- When the transaction rolls back.'
    ].join('\n'),
    '## Objects that publish it',
    'Objects with sync enabled, direction `Outbound` or `Bidirectional`, and `Delivery_Mode__c` `Platform Event` or `Both`. Only their enabled Salesforce-owned fields travel.'
  ];
  blocks.push(
    publishing.length === 0
      ? '_No object publishes it._'
      : table(
          [
            'Object',
            'Canonical_Object__c',
            'External_ID__c from',
            'Delivery mode',
            'Fields that travel'
          ],
          publishing.map((object) => [
            cell(object.objectApiName),
            object.canonicalName === undefined ? '—' : code(object.canonicalName),
            object.externalIdField === undefined ? '— (always null)' : code(object.externalIdField),
            cell(object.deliveryMode ?? '—'),
            String(travelling(config, object).length)
          ])
        )
  );
  for (const object of publishing) {
    const fields = travelling(config, object);
    blocks.push(
      `### ${object.objectApiName}`,
      fields.length === 0
        ? '_No enabled Salesforce-owned field._'
        : table(
            ['Canonical name', 'Field'],
            fields.map((f) => [code(f.canonicalName), code(f.fieldApiName)])
          )
    );
  }
  if (silent.length > 0) {
    blocks.push(
      '## Objects that do not publish it',
      table(
        ['Object', 'Why'],
        silent.map((object) => [cell(object.objectApiName), cell(whyNotPublished(object))])
      )
    );
  }
  blocks.push('## Example', ...fixtureBlock(input.fixtures.event));
  return document(blocks);
}

function travelling(config: IntegrationConfig, object: IntegrationObject) {
  return [...fieldsByCanonicalName(config, object).values()]
    .filter((f) => f.owner === 'Salesforce')
    .sort((a, b) => compareText(a.canonicalName, b.canonicalName));
}

function whyNotPublished(object: IntegrationObject): string {
  if (!object.enabled) {
    return 'sync disabled';
  }
  if (object.direction === 'Inbound') {
    return 'inbound only';
  }
  return `delivery mode ${object.deliveryMode ?? 'unset'}`;
}
