/**
 * Builds `records-api.md`: the inbound records API — endpoint, headers, request and response
 * shapes (from the contract types), the rules, the error codes (from the catalogue), the objects it
 * writes (from `Integration_Object__mdt` and `Field_Ownership__mdt`) and the example fixtures.
 *
 * @module
 */
import {
  CORRELATION_ID_HEADER,
  CORRELATION_ID_MAX_LENGTH,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENT_REPLAYED_HEADER,
  MAX_RECORDS_PER_CALL,
  ORDER_ACKNOWLEDGEMENTS_API_PATH,
  RECORDS_API_PATH,
  RECORD_ERROR_CODES,
  REQUEST_ERROR_CODES,
  type InboundEndpoint,
  type RecordErrorCodeInfo
} from '../../types/contract/error-codes.js';
import type { MarketingRecordResult } from '../../types/contract/marketing.js';
import type {
  ErrorResponse,
  RecordResult,
  RecordUpsertResponse
} from '../../types/contract/record-sync.js';
import {
  MARKETING_API_PATHS,
  isWrittenByRecordsApi,
  keyFieldCanonicalName
} from '../lib/contract.js';
import { type MetadataModel } from '../lib/metadata-model.js';
import {
  fixtureBlock,
  inboundFieldsTable,
  typeSection,
  type ContractDocsInput
} from './contract-docs.js';
import { type IntegrationConfig, type IntegrationObject } from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, prose, table } from './markdown.js';

/** Path of each inbound API, for the objects the records API does not write. */
const OTHER_INBOUND_APIS: Readonly<Record<string, string>> = {
  Orders: `the orders API (\`${ORDER_ACKNOWLEDGEMENTS_API_PATH.replace('/services/apexrest', '')}\` and \`ERP_Order_Status__e\`), which applies the order lifecycle`
};

/** How the docs name each inbound endpoint. */
export const ENDPOINT_NAMES: Readonly<Record<InboundEndpoint, string>> = {
  records: 'the records API',
  'marketing leads': 'the marketing leads API',
  'marketing campaigns': 'the marketing campaigns API',
  'campaign-members': 'the campaign-members API',
  'order acknowledgements': 'the order acknowledgements API',
  'order status events': '`ERP_Order_Status__e`'
};

/**
 * Builds the records API document.
 *
 * @param input - the validated schema and fixtures
 * @param model - the loaded project metadata (for field types)
 * @param config - the validated integration configuration
 * @returns the Markdown document (before prettier)
 */
export function renderRecordsApi(
  input: ContractDocsInput,
  model: MetadataModel,
  config: IntegrationConfig
): string {
  const { schema, fixtures } = input;
  const response = fixtures.response.value as RecordUpsertResponse;
  const error = fixtures.error.value as ErrorResponse;
  const written = config.objects.filter(isWrittenByRecordsApi);
  return document([
    '# Records API',
    GENERATED_NOTICE,
    `The ERP's middleware creates and updates records of the objects below through one endpoint: up to ${MAX_RECORDS_PER_CALL} records of one object per call, each keyed by the object's external ID and carrying its fields by canonical name. The shapes are the TypeScript contract \`types/contract/record-sync.ts\`, the error codes \`types/contract/error-codes.ts\` (kept equal to \`InboundErrorCode.cls\`), and the examples are the static resources the Apex tests load, validated against the types by \`scripts/test/contract.test.ts\`. Changes made through this API never publish [\`ERP_Record_Changed__e\`](record-changed-event.md).`,
    '## Endpoint',
    ['```http', `POST ${RECORDS_API_PATH}`, 'Content-Type: application/json', '```'].join('\n'),
    `\`{object}\` is the object's API name (\`Account\`) or its canonical name (\`account\`); see [Objects](#objects).`,
    '## Headers',
    headersTable(),
    '## Request',
    ...typeSection(schema, 'RecordUpsertRequest', 3),
    ...typeSection(schema, 'RecordUpsertInput', 3),
    '### Field values',
    prose(
      "`fields` maps canonical names (`Field_Ownership__mdt.Canonical_Name__c`, listed per object under [Objects](#objects)) to JSON values. A value must have its field's type, or the record is rejected `WRONG_TYPE`:"
    ),
    [
      '- text and picklist fields: strings;',
      '- number, currency and percent fields: numbers; integer fields (no decimal places): whole numbers;',
      '- checkbox fields: `true` or `false`;',
      '- date fields: `YYYY-MM-DD`;',
      '- date/time fields (and `modifiedAt`): ISO 8601 with seconds, optional milliseconds and `Z` or an offset, e.g. `2026-03-02T09:15:00Z` or `2026-03-02T10:15:00.250+01:00`;',
      '- `null` clears the field.'
    ].join('\n'),
    '## Response',
    `HTTP 200 with a \`RecordUpsertResponse\`, also when records were rejected; HTTP 422 when \`allOrNone\` was set and any record was rejected (then nothing is written and the other records are rejected \`ALL_OR_NONE_ABORTED\`). The response is stored under the idempotency key.`,
    ...typeSection(schema, 'RecordUpsertResponse', 3),
    ...typeSection(schema, 'RecordUpsertSummary', 3),
    ...typeSection(schema, 'RecordResult', 3),
    ...typeSection(schema, 'RecordError', 3),
    ...typeSection(schema, 'IgnoredField', 3),
    '## Refused calls',
    'A call refused as a whole writes no record and does not claim its idempotency key, so it can be corrected and sent again with the same key.',
    ...typeSection(schema, 'ErrorResponse', 3),
    '### Request error codes',
    requestErrorCodesTable(),
    '## Record error codes',
    'A rejected record has `outcome` `rejected` and one or more `errors`; the other records of the call go on unless `allOrNone` is set.',
    recordErrorCodesTable(),
    ...onlyInNotes('records'),
    ...rules(),
    ...objectSections(model, config, written),
    '## Examples',
    '### Request',
    `The ERP sends three accounts. Headers (the values of the example response):`,
    [
      '```http',
      `POST ${RECORDS_API_PATH.replace('{object}', response.object)}`,
      `${IDEMPOTENCY_KEY_HEADER}: ${response.idempotencyKey}`,
      `${CORRELATION_ID_HEADER}: ${response.correlationId}`,
      'Content-Type: application/json',
      '```'
    ].join('\n'),
    ...fixtureBlock(fixtures.request),
    `### Response (HTTP ${response.allOrNone && response.summary.rejected > 0 ? 422 : 200})`,
    response.results.map(resultLine).join('\n'),
    ...fixtureBlock(fixtures.response),
    `### Refused call (HTTP ${REQUEST_ERROR_CODES[error.errorCode].httpStatus})`,
    ...fixtureBlock(fixtures.error)
  ]);
}

function rules(): string[] {
  return [
    '## Rules',
    '### Ownership',
    [
      '- Fields are keyed by canonical name. A name that is not registered for the object rejects the record `UNKNOWN_FIELD`.',
      '- **Update**: only fields the ERP owns are applied. Every other known field is reported in `ignoredFields` with reason `NOT_OWNED_BY_SENDER` and its owner; it is never dropped silently.',
      '- **Create**: fields owned by other systems are applied as initial values and listed in `seededFields` (ownership governs changes; the creator seeds a new record).',
      "- The key field's canonical name inside `fields` is not applied and is reported in `ignoredFields` with reason `KEY_FIELD`; the key is `externalId`."
    ].join('\n'),
    '### Stale and unchanged updates',
    [
      "- The object's modified-at field (`Integration_Object__mdt.Modified_At_Field__c`, e.g. `Account.ERP_Last_Modified_At__c`) holds the last applied ERP `modifiedAt`. An update with an older `modifiedAt` is rejected `STALE_UPDATE`; an equal or newer one applies and stores its `modifiedAt`.",
      '- When every applicable value equals what Salesforce holds, the outcome is `unchanged`: no DML, no synced-at stamp, no outbound event.'
    ].join('\n'),
    '### External IDs',
    [
      "- `externalId` is matched against the object's external-ID field; no match creates the record.",
      '- A blank `externalId` is rejected `BLANK_EXTERNAL_ID` and never inserted.',
      '- External IDs repeated within one call (compared without case) reject every occurrence `DUPLICATE_EXTERNAL_ID`.'
    ].join('\n'),
    '### Idempotency and correlation',
    [
      `- Every call needs an \`${IDEMPOTENCY_KEY_HEADER}\`. The first processed call under a key stores its response; a repeat gets it back unchanged with \`${IDEMPOTENT_REPLAYED_HEADER}: true\` and writes nothing.`,
      '- A key sent again with a different request (another object or another body) is refused `IDEMPOTENCY_KEY_REUSED`.',
      `- The correlation ID (\`${CORRELATION_ID_HEADER}\`, or a generated UUID) is returned in the response header and body and stored with every message row of the call.`
    ].join('\n'),
    '### What is stored',
    [
      '- The call is one `Integration_Message__c` row holding the idempotency key, the request hash, the response and its status code.',
      '- Every applied (created or updated) record gets a row with status `Delivered`; every rejected record a row with status `Rejected` and the reason; an unchanged record gets none.'
    ].join('\n')
  ];
}

function objectSections(
  model: MetadataModel,
  config: IntegrationConfig,
  written: readonly IntegrationObject[]
): string[] {
  const blocks = [
    '## Objects',
    "The objects whose `Integration_Object__mdt` record has `Inbound_API__c` = `Records`, sync enabled, direction `Inbound` or `Bidirectional` and the ERP as a counterpart. Below the table, each object's fields by canonical name (enabled `Field_Ownership__mdt` records); a JSON type of — marks a standard field the project does not describe (see the Salesforce Object Reference)."
  ];
  blocks.push(
    written.length === 0
      ? '_The records API writes no object._'
      : table(
          [
            'Object',
            'Canonical name',
            'External ID field',
            'Key canonical name',
            'Modified-at field',
            'Synced-at field'
          ],
          written.map((object) => [
            cell(object.objectApiName),
            optionalCode(object.canonicalName),
            optionalCode(object.externalIdField),
            optionalCode(keyFieldCanonicalName(config, object)),
            optionalCode(object.modifiedAtField),
            optionalCode(object.syncedAtField)
          ])
        )
  );
  for (const object of written) {
    blocks.push(
      `### ${object.objectApiName} fields`,
      inboundFieldsTable(model, config, object, { sender: 'ERP' })
    );
  }
  const others = config.objects.filter((o) => !written.includes(o));
  if (others.length > 0) {
    blocks.push(
      '### Objects it does not write',
      table(
        ['Object', 'Canonical name', 'Answer', 'Why'],
        others.map((object) => [
          cell(object.objectApiName),
          optionalCode(object.canonicalName),
          object.enabled ? '`OBJECT_NOT_INBOUND` (422)' : '`UNKNOWN_OBJECT` (404)',
          prose(whyNotWritten(object))
        ])
      ),
      'Objects without an `Integration_Object__mdt` record are answered `UNKNOWN_OBJECT` (404).'
    );
  }
  return blocks;
}

function whyNotWritten(object: IntegrationObject): string {
  if (!object.enabled) {
    return 'sync disabled';
  }
  if (object.direction === 'Outbound') {
    return 'outbound only';
  }
  if (object.inboundApi === 'Marketing') {
    const endpoint = MARKETING_API_PATHS[object.objectApiName];
    return endpoint === undefined
      ? '`Inbound_API__c` is Marketing, but the marketing API has no endpoint for it'
      : `written by the marketing API (\`${endpoint.replace('/services/apexrest', '')}\`)`;
  }
  if (object.inboundApi !== undefined && object.inboundApi !== 'Records') {
    return `written by ${OTHER_INBOUND_APIS[object.inboundApi]}`;
  }
  if (!object.counterpartSystems.includes('ERP')) {
    return `its counterpart is ${object.counterpart}, not the ERP`;
  }
  return 'no inbound API writes it (`Inbound_API__c` is blank)';
}

/**
 * One line describing a result of an example response: outcome, redirect, seeded and ignored
 * fields, errors.
 *
 * @param result - a result of the records or the marketing API
 * @returns a Markdown list item
 */
export function resultLine(result: RecordResult | MarketingRecordResult): string {
  const parts: string[] = [result.outcome];
  if ('redirectedTo' in result && result.redirectedTo !== null) {
    parts.push(
      `redirected to ${result.redirectedTo.object} ${span(result.redirectedTo.id)} (the converted lead's contact)`
    );
  }
  if (result.seededFields.length > 0) {
    parts.push(`seeded ${result.seededFields.map(code).join(', ')}`);
  }
  for (const ignored of result.ignoredFields) {
    parts.push(`ignored ${span(ignored.field)} (${ignored.reason}, owned by ${ignored.owner})`);
  }
  for (const error of result.errors) {
    parts.push(`${span(error.code)}${error.field === null ? '' : ` on ${span(error.field)}`}`);
  }
  return `- Record ${result.index} (${span(result.externalId ?? 'null')}): ${parts.join('; ')}.`;
}

/** Inline code outside a table (pipes stay as they are). */
function span(value: string): string {
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

function optionalCode(value: string | undefined): string {
  return value === undefined ? '—' : code(value);
}

/**
 * The headers table shared by the inbound APIs.
 *
 * @returns a Markdown table: header, in, required, meaning
 */
export function headersTable(): string {
  return table(
    ['Header', 'In', 'Required', 'Meaning'],
    [
      [
        code(IDEMPOTENCY_KEY_HEADER),
        'request',
        'yes',
        prose(
          `The caller's key for this request, at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters. A repeated key returns the stored response (status and body) with \`${IDEMPOTENT_REPLAYED_HEADER}: true\` and writes nothing. The same key with a different request is refused \`IDEMPOTENCY_KEY_REUSED\`; while the first call still runs, \`IDEMPOTENCY_KEY_IN_PROGRESS\`.`
        )
      ],
      [
        code(CORRELATION_ID_HEADER),
        'request, response',
        'no',
        prose(
          `At most ${CORRELATION_ID_MAX_LENGTH} characters of \`A-Z a-z 0-9 . _ : -\`. Generated as a UUID when absent; returned in this header and in the body, and stored on \`Integration_Message__c\`.`
        )
      ],
      [
        code(IDEMPOTENT_REPLAYED_HEADER),
        'response',
        '—',
        prose('`true` when the response is the stored answer to a repeated key.')
      ]
    ]
  );
}

/**
 * The request error codes of the catalogue with their HTTP status.
 *
 * @returns a Markdown table: code, HTTP status, meaning
 */
export function requestErrorCodesTable(): string {
  return table(
    ['Code', 'HTTP status', 'Meaning'],
    Object.entries(REQUEST_ERROR_CODES).map(([errorCode, info]) => [
      code(errorCode),
      String(info.httpStatus),
      prose(info.description)
    ])
  );
}

/**
 * The record error codes of the catalogue, with the endpoints a code is reserved for.
 *
 * @returns a Markdown table: code, only in (— when every endpoint may return it), meaning
 */
export function recordErrorCodesTable(): string {
  return table(
    ['Code', 'Only in', 'Meaning'],
    (Object.entries(RECORD_ERROR_CODES) as [string, RecordErrorCodeInfo][]).map(
      ([errorCode, info]) => [
        code(errorCode),
        info.onlyIn === undefined
          ? '—'
          : prose(info.onlyIn.map((e) => ENDPOINT_NAMES[e].replace(/^the /, '')).join(', ')),
        prose(info.description)
      ]
    )
  );
}

/**
 * A note naming the record codes some endpoints never return because the catalogue reserves them
 * for other endpoints (`onlyIn`).
 *
 * @param endpoints - the endpoints the note is about (a code any of them returns is left out)
 * @returns the note as one block, or nothing when every code applies
 */
export function onlyInNotes(...endpoints: InboundEndpoint[]): string[] {
  const reserved = (Object.entries(RECORD_ERROR_CODES) as [string, RecordErrorCodeInfo][]).filter(
    ([, info]) => info.onlyIn !== undefined && !endpoints.some((e) => info.onlyIn!.includes(e))
  );
  const never = endpoints.map((e) => ENDPOINT_NAMES[e]).join(' or ');
  if (reserved.length === 0) {
    return [];
  }
  const byEndpoints = new Map<string, string[]>();
  for (const [errorCode, info] of reserved) {
    const key = info.onlyIn!.map((e) => ENDPOINT_NAMES[e]).join(' and ');
    byEndpoints.set(key, [...(byEndpoints.get(key) ?? []), code(errorCode)]);
  }
  return [
    [...byEndpoints]
      .map(
        ([apis, codes]) =>
          `${codes.join(' and ')} ${codes.length === 1 ? 'is' : 'are'} returned only by ${apis}, never by ${never}.`
      )
      .join(' ')
  ];
}
