/**
 * Builds `erp-inquiry-api.md`: the read-only ERP endpoints behind the rep panels (credit, invoices,
 * order status) — what each panel shows and when it asks the ERP (one call per panel, Platform
 * Cache, refresh, circuit breaker and timeout from `Integration_Setting__mdt.Default`), the three
 * endpoints with their parameters and answer types, the errors and what the panel shows then, where
 * the synced fallback values come from (checked against the object metadata and
 * `Field_Ownership__mdt`), the panel answer types and the four fixtures the Apex tests, the contract
 * test and the preview sandbox share. Shapes come from `types/contract/inquiry.ts`.
 *
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  INQUIRY_CREDIT_PATH,
  INQUIRY_INVOICES_PATH,
  INQUIRY_ORDER_STATUS_PATH,
  MAX_INVOICE_PAGE_SIZE,
  type ErpCreditSummary,
  type ErpInvoicePage,
  type ErpOrderStatusDetail
} from '../../types/contract/inquiry.js';
import {
  ContractValidator,
  INQUIRY_TYPES_FILE,
  INQUIRY_TYPES_PATH,
  checkInquiryFixtures,
  generateContractSchema,
  schemaDescription,
  type InquiryFixtureRole,
  type JsonSchema,
  type LoadedFixture
} from '../lib/contract.js';
import { customMetadataRecordsOf, findField, type MetadataModel } from '../lib/metadata-model.js';
import { fixtureBlock, typeSection } from './contract-docs.js';
import { type IntegrationConfig, type Problem } from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, prose, table } from './markdown.js';
import type { EffectiveSetting } from './operations-api.js';

/** The validated inputs of the inquiry contract document. */
export interface InquiryDocsInput {
  /** JSON Schema of `types/contract/inquiry.ts`. */
  readonly schema: JsonSchema;
  /** The four fixtures, each valid against its type and consistent with the metadata. */
  readonly fixtures: Readonly<Record<InquiryFixtureRole, LoadedFixture>>;
}

/**
 * Reads and checks the ERP inquiry contract fixtures of a project for the docs.
 *
 * @param model - the loaded project metadata
 * @returns `input` when the project has valid inquiry fixtures; neither input nor problems when it
 *   has none; problems (and no input) when they are invalid
 */
export function readInquiryDocsInput(model: MetadataModel): {
  input?: InquiryDocsInput;
  problems: readonly Problem[];
} {
  const schema = generateContractSchema(INQUIRY_TYPES_FILE);
  const { fixtures, problems } = checkInquiryFixtures(
    model,
    new ContractValidator(schema, INQUIRY_TYPES_PATH)
  );
  if (fixtures.length === 0 || problems.length > 0) {
    return { problems };
  }
  const byRole = Object.fromEntries(fixtures.map((f) => [f.role, f])) as Record<
    InquiryFixtureRole,
    LoadedFixture
  >;
  return { input: { schema, fixtures: byRole }, problems: [] };
}

/** The `Integration_Setting__mdt` record the kit reads. */
const SETTING = { type: 'Integration_Setting__mdt', developerName: 'Default' } as const;

/** One setting as `IntegrationSettings.cls` reads it: its default and bounds. */
export interface InquirySettingRule {
  /** The field of `Integration_Setting__mdt`. */
  readonly field: string;
  /** The value when the record or the field is not set. */
  readonly fallback: number;
  /** The lowest value used. */
  readonly lowest: number;
  /** The highest value used. */
  readonly highest: number;
}

/**
 * The settings the inquiry controllers read, with the defaults and bounds of
 * `IntegrationSettings.cls` (`cacheTtlSeconds`, `breakerFailureThreshold`, `breakerWindowSeconds`,
 * `breakerCooldownSeconds`, `inquiryTimeoutMs`). Platform Cache keeps an entry at least 300
 * seconds.
 */
export const INQUIRY_SETTING_RULES = {
  cacheTtlSeconds: { field: 'Cache_TTL_Seconds__c', fallback: 300, lowest: 300, highest: 172800 },
  breakerFailureThreshold: {
    field: 'Breaker_Failure_Threshold__c',
    fallback: 5,
    lowest: 1,
    highest: 1000
  },
  breakerWindowSeconds: {
    field: 'Breaker_Window_Seconds__c',
    fallback: 60,
    lowest: 1,
    highest: 86400
  },
  breakerCooldownSeconds: {
    field: 'Breaker_Cooldown_Seconds__c',
    fallback: 120,
    lowest: 1,
    highest: 86400
  },
  inquiryTimeoutMs: { field: 'Inquiry_Timeout_Ms__c', fallback: 5000, lowest: 1, highest: 120000 }
} as const satisfies Record<string, InquirySettingRule>;

/** The settings the inquiry document quotes, as the Apex side resolves them. */
export type InquirySettings = Readonly<
  Record<keyof typeof INQUIRY_SETTING_RULES, EffectiveSetting>
>;

/**
 * Reads the inquiry settings of `Integration_Setting__mdt.Default` as `IntegrationSettings.cls`
 * does: a missing record or value takes the default, a value is cut to a whole number and kept
 * within its bounds.
 *
 * @param model - the loaded project metadata
 * @returns the effective settings
 */
export function readInquirySettings(model: MetadataModel): InquirySettings {
  const record = customMetadataRecordsOf(model, SETTING.type).find(
    (r) => r.developerName === SETTING.developerName
  );
  const read = (rule: InquirySettingRule): EffectiveSetting => {
    const raw = record?.values.get(rule.field);
    if (typeof raw !== 'number') {
      return { value: rule.fallback, source: `default (\`${rule.field}\` not set)` };
    }
    return {
      value: Math.min(Math.max(Math.trunc(raw), rule.lowest), rule.highest),
      source: `\`${SETTING.type.replace('__mdt', '')}.${SETTING.developerName}.${rule.field}\``
    };
  };
  const entries = Object.entries(INQUIRY_SETTING_RULES).map(([key, rule]) => [key, read(rule)]);
  return Object.fromEntries(entries) as InquirySettings;
}

/**
 * Writes seconds for people: `45 s`, `5 min`, `2 min 30 s`, `2 h`, `1 h 5 min`.
 *
 * @param seconds - a whole number of seconds
 * @returns the duration text
 */
export function secondsText(seconds: number): string {
  if (seconds < 60) {
    return `${seconds} s`;
  }
  if (seconds < 3600) {
    const rest = seconds % 60;
    return `${Math.floor(seconds / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
  }
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)} h${minutes === 0 ? '' : ` ${minutes} min`}`;
}

/** The Platform Cache partition the inquiry answers and the breaker state live in. */
export const INQUIRY_CACHE_PARTITION = 'ErpInquiry';

/** A panel value that comes from Salesforce when the ERP cannot be asked. */
export interface SyncedSource {
  /** The panel answer type, e.g. `CreditPanel`. */
  readonly panel: 'CreditPanel' | 'InvoicePanel' | 'OrderStatusPanel';
  /** The property of the answer, e.g. `openBalance` or `history[].status`. */
  readonly property: string;
  /** The object read, e.g. `Account`. */
  readonly object: string;
  /** The field read, e.g. `ERP_Open_Balance__c`. */
  readonly field: string;
  /** How the value is derived, when it is not copied as it is. */
  readonly note?: string;
}

/** Where the SYNCED panel answers take their values, as the Apex controllers read them. */
export const SYNCED_SOURCES: readonly SyncedSource[] = [
  { panel: 'CreditPanel', property: 'erpAccountId', object: 'Account', field: 'ERP_Account_ID__c' },
  {
    panel: 'CreditPanel',
    property: 'creditStatus',
    object: 'Account',
    field: 'ERP_Credit_Status__c'
  },
  {
    panel: 'CreditPanel',
    property: 'creditLimit',
    object: 'Account',
    field: 'ERP_Credit_Limit__c'
  },
  {
    panel: 'CreditPanel',
    property: 'openBalance',
    object: 'Account',
    field: 'ERP_Open_Balance__c'
  },
  {
    panel: 'CreditPanel',
    property: 'overdueBalance',
    object: 'Account',
    field: 'ERP_Overdue_Balance__c'
  },
  {
    panel: 'CreditPanel',
    property: 'paymentTerms',
    object: 'Account',
    field: 'ERP_Payment_Terms__c'
  },
  {
    panel: 'CreditPanel',
    property: 'asOf',
    object: 'Account',
    field: 'ERP_Last_Synced_At__c',
    note: 'when the account was last synced'
  },
  {
    panel: 'InvoicePanel',
    property: 'totals.openAmount',
    object: 'Account',
    field: 'ERP_Open_Balance__c'
  },
  {
    panel: 'InvoicePanel',
    property: 'totals.amount',
    object: 'Account',
    field: 'ERP_Open_Balance__c',
    note: 'the open balance: invoiced amounts are not synced'
  },
  {
    panel: 'InvoicePanel',
    property: 'totals.overdueAmount',
    object: 'Account',
    field: 'ERP_Overdue_Balance__c'
  },
  { panel: 'OrderStatusPanel', property: 'erpStatus', object: 'Order', field: 'ERP_Status__c' },
  { panel: 'OrderStatusPanel', property: 'erpOrderId', object: 'Order', field: 'ERP_Order_ID__c' },
  { panel: 'OrderStatusPanel', property: 'errorMessage', object: 'Order', field: 'ERP_Error__c' },
  {
    panel: 'OrderStatusPanel',
    property: 'history[].status',
    object: 'Order_Status_History__c',
    field: 'Status__c',
    note: "the order's rows, by `Sequence__c`"
  },
  {
    panel: 'OrderStatusPanel',
    property: 'history[].sequence',
    object: 'Order_Status_History__c',
    field: 'Sequence__c'
  },
  {
    panel: 'OrderStatusPanel',
    property: 'history[].occurredAt',
    object: 'Order_Status_History__c',
    field: 'Occurred_At__c'
  },
  {
    panel: 'OrderStatusPanel',
    property: 'history[].note',
    object: 'Order_Status_History__c',
    field: 'Details__c'
  },
  {
    panel: 'OrderStatusPanel',
    property: 'asOf',
    object: 'Order_Status_History__c',
    field: 'Occurred_At__c',
    note: 'the latest row'
  }
];

/**
 * Checks what the document relies on beyond the fixtures: every field a SYNCED answer reads exists
 * in the object metadata.
 *
 * @param model - the loaded project metadata
 * @returns the problems, each naming the file expected (empty when consistent)
 */
export function checkInquiryMetadata(model: MetadataModel): Problem[] {
  const problems: Problem[] = [];
  const defaultDir = `${model.packageDirectories[0]}/main/default`;
  const seen = new Set<string>();
  for (const source of SYNCED_SOURCES) {
    const name = `${source.object}.${source.field}`;
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    if (findField(model, source.object, source.field) === undefined) {
      problems.push({
        filePath: `${defaultDir}/objects/${source.object}/fields/${source.field}.field-meta.xml`,
        message: `${name} has no field metadata; the inquiry panels show it when the ERP cannot be asked (${source.panel}.${source.property})`
      });
    }
  }
  return problems;
}

/** How the inquiry controllers treat an answer of the ERP (or its absence). */
export interface InquiryAnswer {
  /** The answer, e.g. `404`. */
  readonly answer: string;
  /** Whether it counts as a failure of the circuit breaker. */
  readonly breakerFailure: boolean;
  /** What the panel shows. */
  readonly panel: string;
}

/** The answers of the inquiry endpoints and what the panels make of them. */
export const INQUIRY_ANSWERS: readonly InquiryAnswer[] = [
  {
    answer: '200 with a body of the answer type',
    breakerFailure: false,
    panel:
      'the answer (`source` LIVE), stored in the cache; a success of the half-open trial call closes the breaker'
  },
  {
    answer: '404 (the ERP does not know the ID), body `ErpInquiryErrorResponse`',
    breakerFailure: false,
    panel:
      'the synced values (`source` SYNCED) with a `staleReason` saying the ERP does not know the account or order'
  },
  {
    answer: '408, 429, 5xx, no answer within the inquiry timeout, connection refused or reset',
    breakerFailure: true,
    panel: 'the synced values (SYNCED) with a `staleReason` saying the ERP did not answer'
  },
  {
    answer: 'any other status, or a 200 whose body is not the answer type',
    breakerFailure: false,
    panel: 'the synced values (SYNCED) with a `staleReason` saying the ERP answer was unusable'
  }
];

/** The panels, their controllers and their ERP endpoints. */
const PANELS = [
  {
    panel: 'Credit',
    page: 'Account',
    apex: 'ErpCreditController.getCreditSummary(accountId, refresh)',
    endpoint: `GET ${INQUIRY_CREDIT_PATH}`,
    answer: 'CreditPanel',
    shows:
      'credit status, limit, open and overdue balance, available credit and utilisation, payment terms'
  },
  {
    panel: 'Invoices',
    page: 'Account',
    apex: 'ErpInvoiceController.getInvoices(accountId, query)',
    endpoint: `GET ${INQUIRY_INVOICES_PATH}`,
    answer: 'InvoicePanel',
    shows: 'one page of invoices, filtered by status, with the totals over all pages'
  },
  {
    panel: 'Order status',
    page: 'Order',
    apex: 'ErpOrderStatusController.getOrderStatus(orderId, refresh)',
    endpoint: `GET ${INQUIRY_ORDER_STATUS_PATH}`,
    answer: 'OrderStatusPanel',
    shows:
      'the lifecycle path with the current status, the status history, tracking numbers, expected delivery, rejection reasons and whether the user may resubmit'
  }
] as const;

/**
 * Builds the ERP inquiry API document. Call {@link checkInquiryMetadata} first.
 *
 * @param input - the validated inquiry schema and fixtures
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration (for the owners of the synced fields)
 * @returns the Markdown document (before prettier)
 */
export function renderInquiryApi(
  input: InquiryDocsInput,
  model: MetadataModel,
  config: IntegrationConfig
): string {
  const settings = readInquirySettings(model);
  return document([
    '# ERP inquiry API: credit, invoices, order status for the rep panels',
    GENERATED_NOTICE,
    `What a sales rep sees of the ERP on an Account or Order page${adrReference(model)}, and the three read-only endpoints the ERP exposes for it. Salesforce calls them through the \`ERP_API\` named credential (\`Integration_Setting__mdt.Default.Named_Credential__c\`): paths are relative to its URL, and authentication is the named credential's. The shapes are the TypeScript contract \`${INQUIRY_TYPES_PATH}\`; the examples are the static resources the Apex tests answer their mocked callouts with and the local preview's ERP sandbox serves, validated against the types and the metadata by \`scripts/test/contract.test.ts\`.`,
    ...panelsSection(),
    ...askingSection(settings),
    ...endpointsSection(input),
    ...errorsSection(input),
    ...syncedSection(model, config),
    ...panelAnswersSection(input),
    ...examplesSection(input)
  ]);
}

/** ` ([ADR 12](…))` when the project has an ADR numbered 12, else nothing. */
function adrReference(model: MetadataModel): string {
  const dir = path.join(model.projectRoot, 'docs/adr');
  const adr = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((name) => name.startsWith('0012-') && name.endsWith('.md'))
        .sort()[0]
    : undefined;
  return adr === undefined ? '' : ` ([ADR 12](../adr/${adr}))`;
}

function panelsSection(): string[] {
  return [
    '## The panels',
    table(
      ['Panel', 'Record page', 'Apex method', 'ERP endpoint', 'Answer', 'Shows'],
      PANELS.map((p) => [
        cell(p.panel),
        code(p.page),
        code(p.apex),
        code(p.endpoint),
        code(p.answer),
        prose(p.shows)
      ])
    ),
    [
      '- **One call per panel.** Each panel renders from one Apex call, which makes at most one callout. The methods are `@AuraEnabled` but not cacheable: they may call out, and the panel refreshes on demand.',
      '- **Record access first.** Each method reads the record `WITH USER_MODE` first; a user who cannot read it gets an error ("not found or you do not have access") and the ERP is not asked. Cached ERP answers are shared by every user who may see the record, so access is checked before the cache is read.',
      '- **Always an answer.** When the ERP cannot be asked or does not answer usefully, the panel shows the values last synced into Salesforce, marked stale with the reason (`source` SYNCED); nothing fails.'
    ].join('\n')
  ];
}

function askingSection(settings: InquirySettings): string[] {
  const {
    cacheTtlSeconds: ttl,
    breakerFailureThreshold: threshold,
    breakerWindowSeconds: window,
    breakerCooldownSeconds: cooldown,
    inquiryTimeoutMs: timeout
  } = settings;
  return [
    '## When Salesforce asks the ERP',
    table(
      ['Setting', 'Value', 'From'],
      [
        ['Cache time to live', secondsText(ttl.value), ttl.source],
        ['Breaker failure threshold', `${threshold.value} failures`, threshold.source],
        ['Breaker window', secondsText(window.value), window.source],
        ['Breaker cool-down', secondsText(cooldown.value), cooldown.source],
        ['Inquiry timeout', `${timeout.value} ms`, timeout.source]
      ]
    ),
    [
      `- **Cache.** An ERP answer is kept in the org cache of the Platform Cache partition \`local.${INQUIRY_CACHE_PARTITION}\` for ${secondsText(ttl.value)}, keyed by kind and ERP ID (for invoices also filter, page and page size). Within that time a panel shows the cached answer (\`source\` CACHE) without a callout. Without cache capacity nothing is cached and every panel asks the ERP.`,
      "- **Refresh.** The panel's refresh button passes `refresh` = true: the cache is not read, the ERP is asked and its answer replaces the cached one.",
      `- **Timeout.** Each inquiry callout waits at most ${timeout.value} ms for the ERP (a rep is waiting; other callouts use \`Callout_Timeout_Ms__c\`). A timeout counts as a failure of the circuit breaker.`,
      `- **Circuit breaker.** Org-wide, its state in the same partition. ${threshold.value} failures (see [Errors](#errors)) within ${secondsText(window.value)} open it: for ${secondsText(cooldown.value)} no panel calls the ERP and all show synced values. After the cool-down one call is let through (half-open): a success closes the breaker, a failure opens it again for another ${secondsText(cooldown.value)}. Without cache capacity the breaker counts within one transaction only.`,
      '- **Not linked.** An account without `ERP_Account_ID__c`, or an order without `ERP_Order_ID__c`, is never asked about: the panel shows the synced values with a reason saying so.'
    ].join('\n')
  ];
}

function endpointsSection(input: InquiryDocsInput): string[] {
  const { schema } = input;
  return [
    '## Endpoints',
    'All three are `GET` without a body, answer 200 with JSON, and are read-only: the ERP changes nothing when asked. Path parameters are URL-encoded.',
    table(
      ['Method and path', 'Parameters', 'Answer (HTTP 200)'],
      [
        [
          code(`GET ${INQUIRY_CREDIT_PATH}`),
          '`erpAccountId`: `Account.ERP_Account_ID__c`',
          code('ErpCreditSummary')
        ],
        [
          code(`GET ${INQUIRY_INVOICES_PATH}?status={status}&page={page}&pageSize={pageSize}`),
          '`erpAccountId`; `status`, `page`, `pageSize` (below)',
          code('ErpInvoicePage')
        ],
        [
          code(`GET ${INQUIRY_ORDER_STATUS_PATH}`),
          '`erpOrderId`: `Order.ERP_Order_ID__c`',
          code('ErpOrderStatusDetail')
        ]
      ]
    ),
    '### Credit summary',
    [
      '- `creditStatus` is one of the values of `Account.ERP_Credit_Status__c`, where the synced value lands.',
      '- Amounts are never negative; `overdueBalance` is the part of `openBalance` past its due date, so at most `openBalance`.',
      '- `asOf` is when the ERP computed the figures, in UTC with milliseconds.'
    ].join('\n'),
    ...typeSection(schema, 'ErpCreditSummary', 4),
    '### Invoices',
    table(
      ['Query parameter', 'Values', 'Salesforce sends'],
      [
        [
          code('status'),
          '`OPEN`, `OVERDUE`, `PAID` or `ALL`',
          "the panel's filter, `ALL` by default"
        ],
        [code('page'), 'from 0', '0 first, then the page the rep moves to'],
        [code('pageSize'), `1 to ${MAX_INVOICE_PAGE_SIZE}`, "the panel's page size, 10 by default"]
      ]
    ),
    [
      '- Answer the invoices matching `status`, newest due date first (then by invoice number, descending), page `page` of `pageSize`: at most `pageSize` invoices; a page beyond the last is empty, not an error.',
      "- `totalCount` and `totals` cover every matching invoice, not only the page; `totals.overdueAmount` is the open amount of the OVERDUE ones. For `ALL`, `totals.openAmount` and `totals.overdueAmount` are the credit summary's `openBalance` and `overdueBalance`.",
      '- Invoice numbers are unique. `issueDate` ≤ `dueDate`; `openAmount` ≤ `amount`; a PAID invoice has `openAmount` 0; an unpaid invoice past its due date is OVERDUE with `daysOverdue` the days since the due date, every other invoice has `daysOverdue` 0.'
    ].join('\n'),
    ...typeSection(schema, 'ErpInvoicePage', 4),
    ...typeSection(schema, 'ErpInvoice', 4),
    ...typeSection(schema, 'ErpInvoiceTotals', 4),
    '### Order status',
    [
      '- `status` is one of the values of `Order.ERP_Status__c` the ERP reports, and `sequence` is its sequence number, as in `ERP_Order_Status__e`.',
      '- `history` lists every status change, oldest first: sequences strictly ascending, times ascending, and each status reachable from the one before along the [order lifecycle](order-lifecycle.md) (the first from `Submitted`). The last step is the current `status` and `sequence`.',
      '- `trackingNumbers` and `expectedDeliveryDate` are shown only from a live or cached answer: Salesforce does not store them.'
    ].join('\n'),
    ...typeSection(schema, 'ErpOrderStatusDetail', 4),
    ...typeSection(schema, 'ErpOrderStatusStep', 4)
  ];
}

function errorsSection(input: InquiryDocsInput): string[] {
  return [
    '## Errors',
    'How the controllers treat each answer, and what the panel shows:',
    table(
      ['Answer', 'Circuit breaker failure', 'The panel shows'],
      INQUIRY_ANSWERS.map((a) => [prose(a.answer), a.breakerFailure ? 'yes' : 'no', prose(a.panel)])
    ),
    'Answer 404 only when the ERP does not know the account or order: it is not an outage and does not open the breaker. The body of a refusal:',
    ...typeSection(input.schema, 'ErpInquiryErrorResponse', 4),
    ...typeSection(input.schema, 'ErpInquiryError', 4)
  ];
}

function syncedSection(model: MetadataModel, config: IntegrationConfig): string[] {
  const owner = (source: SyncedSource): string =>
    config.ownership.find(
      (o) =>
        o.objectApiName === source.object &&
        o.fieldApiName.toLowerCase() === source.field.toLowerCase()
    )?.owner ?? '—';
  return [
    '## Synced fallback values',
    'When the answer is SYNCED, the values come from Salesforce, as last synced from the ERP by the records API, the status events and reconciliation (owners from [`Field_Ownership__mdt`](field-ownership.md)). `stale` is true and `staleReason` says why. The invoice panel then has `available` false and no invoices (invoices are never copied into Salesforce), only the totals below; the order panel has no tracking numbers and no expected delivery date.',
    table(
      ['Panel', 'Property', 'From', 'Field', 'Owner', 'Note'],
      SYNCED_SOURCES.map((s) => {
        const field = findField(model, s.object, s.field);
        return [
          code(s.panel),
          code(s.property),
          code(`${s.object}.${s.field}`),
          cell(`${field?.label ?? ''}${field?.type === undefined ? '' : ` (${field.type})`}`),
          cell(owner(s)),
          prose(s.note ?? '')
        ];
      })
    )
  ];
}

function panelAnswersSection(input: InquiryDocsInput): string[] {
  const { schema } = input;
  const sources = (schema.definitions?.InquirySource?.enum ?? []) as string[];
  return [
    '## Panel answers',
    'What the Apex controllers return to the Lightning web components. Apex leaves null properties out of its JSON, so a nullable property may be absent.',
    '### InquirySource',
    `${schemaDescription(schema, 'InquirySource')} Values: ${sources.map(code).join(', ')}.`,
    ...typeSection(schema, 'CreditPanel', 3),
    ...typeSection(schema, 'InvoicePanel', 3),
    ...typeSection(schema, 'OrderStatusPanel', 3),
    ...typeSection(schema, 'OrderTimelineStep', 3)
  ];
}

function examplesSection(input: InquiryDocsInput): string[] {
  const credit = input.fixtures.credit.value as ErpCreditSummary;
  const invoices = input.fixtures.invoices.value as ErpInvoicePage;
  const order = input.fixtures.orderStatus.value as ErpOrderStatusDetail;
  const accountPath = (template: string): string =>
    template.replace('{erpAccountId}', encodeURIComponent(credit.erpAccountId));
  return [
    '## Examples',
    `The credit summary of ${code(credit.erpAccountId)} (${credit.creditStatus}, ${credit.overdueBalance} ${credit.currencyIsoCode} of ${credit.openBalance} overdue):`,
    ['```http', `GET ${accountPath(INQUIRY_CREDIT_PATH)}`, '```'].join('\n'),
    ...fixtureBlock(input.fixtures.credit),
    `Page ${invoices.page} of its invoices (filter ${code(invoices.status)}, page size ${invoices.pageSize}), holding all ${invoices.totalCount}: the totals are the credit summary's balances.`,
    [
      '```http',
      `GET ${accountPath(INQUIRY_INVOICES_PATH)}?status=${invoices.status}&page=${invoices.page}&pageSize=${invoices.pageSize}`,
      '```'
    ].join('\n'),
    ...fixtureBlock(input.fixtures.invoices),
    `The status of ${code(order.erpOrderId)}: ${order.status} (sequence ${order.sequence}) after ${order.history.length} changes.`,
    [
      '```http',
      `GET ${INQUIRY_ORDER_STATUS_PATH.replace('{erpOrderId}', encodeURIComponent(order.erpOrderId))}`,
      '```'
    ].join('\n'),
    ...fixtureBlock(input.fixtures.orderStatus),
    'The 404 body for an ID the ERP does not know (the panel shows synced values and says so):',
    ...fixtureBlock(input.fixtures.error)
  ];
}
