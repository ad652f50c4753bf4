/**
 * The record-sync contract (`types/contract/record-sync.ts`), the marketing contract
 * (`types/contract/marketing.ts`), the order contract (`types/contract/orders.ts`) and the operations
 * contract (`types/contract/operations.ts`) as something the tools can check.
 *
 * - {@link generateContractSchema} turns the TypeScript types into JSON Schema with
 *   ts-json-schema-generator (interfaces are closed: an extra or misspelt property is an error), and
 *   {@link ContractValidator} validates values against it with ajv.
 * - {@link checkContractFixtures} finds the canonical fixtures (the `ErpContract_*` static
 *   resources, shared with the Apex tests), validates each against its type and then checks what
 *   types cannot say: results line up with the request, counts add up, field names and owners
 *   agree with `Field_Ownership__mdt`, `Changed_Fields__c` is the sorted compact JSON of the
 *   changed fields, IDs and timestamps are well-formed.
 * - {@link checkMarketingFixtures} does the same for the marketing contract's fixtures: both
 *   exchanges (Marketing as the sender), redirects to a converted lead's contact, the
 *   `campaignId|leadId` keys and the `Marketing_Lead_Converted__e` example.
 * - {@link checkOrderFixtures} does the same for the order contract's fixtures: the submission
 *   event and its canonical order (`Payload__c` is the order in declaration order, keys, IDs and
 *   totals add up), the acknowledgements exchange, and the status events replayed through the
 *   order lifecycle of `scripts/docs/order-lifecycle.ts` by sequence number.
 * - {@link checkOperationsFixtures} does the same for the operations contract's fixtures
 *   (`types/contract/operations.ts`): the direct-delivery body and a refusal, and the reconciliation
 *   lookup and ID listing, whose checksums are recomputed ({@link reconciliationChecksum}) over the
 *   compared fields of a reconciled object ({@link reconciledObjects}).
 * - {@link checkInquiryFixtures} does the same for the ERP inquiry contract's fixtures
 *   (`types/contract/inquiry.ts`): the credit summary against the `Account.ERP_Credit_Status__c`
 *   picklist, the invoice page (paging, amounts, statuses and totals, {@link invoiceTotals}), the
 *   order status history along the order lifecycle, the 404 body, and that credit and invoices tell
 *   one story.
 * - {@link parseApexErrorCodes} reads `InboundErrorCode.cls` and {@link compareErrorCatalogues}
 *   compares it with the TypeScript catalogue in `types/contract/error-codes.ts`.
 *
 * The contract test and the docs generator both build on this module.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import {
  CAMPAIGN_MEMBERS_API_PATH,
  CORRELATION_ID_PATTERN,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  MARKETING_CAMPAIGNS_API_PATH,
  MARKETING_LEADS_API_PATH,
  MAX_RECORDS_PER_CALL,
  ORDER_ACKNOWLEDGEMENT_ERROR_CODES,
  type EndpointRecordErrorInfo
} from '../../types/contract/error-codes.js';
import type {
  CampaignMemberUpsertRequest,
  LeadConvertedEvent,
  MarketingRecordResult,
  MarketingUpsertResponse,
  RedirectTarget
} from '../../types/contract/marketing.js';
import type {
  CanonicalOrder,
  OrderAcknowledgementsRequest,
  OrderStatusEvent,
  OrderSubmittedEventExample
} from '../../types/contract/orders.js';
import {
  MAX_INVOICE_PAGE_SIZE,
  type ErpCreditSummary,
  type ErpInquiryErrorResponse,
  type ErpInvoice,
  type ErpInvoicePage,
  type ErpInvoiceTotals,
  type ErpOrderStatusDetail,
  type InvoiceStatusFilter
} from '../../types/contract/inquiry.js';
import {
  DELIVERY_ANSWER_CLASSES,
  type DeliveryErrorClass,
  type DeliveryErrorResponse,
  type ReconciliationIdsPage,
  type ReconciliationLookupResponse,
  type RecordChangeDelivery
} from '../../types/contract/operations.js';
import type {
  CanonicalFields,
  ErrorResponse,
  FieldValue,
  RecordChangedEventExample,
  RecordResult,
  RecordUpsertInput,
  RecordUpsertRequest,
  RecordUpsertResponse
} from '../../types/contract/record-sync.js';
import type {
  FieldOwnership,
  IntegrationConfig,
  IntegrationObject
} from '../docs/integration-config.js';
import { ERP_STATUS_FIELD, reachableErpStatuses } from '../docs/order-lifecycle.js';
import {
  compareText,
  findField,
  type FieldMetadata,
  type MetadataModel
} from './metadata-model.js';
import { listFiles } from './project.js';

/** Absolute path of the contract types. */
export const CONTRACT_TYPES_FILE = fileURLToPath(
  new URL('../../types/contract/record-sync.ts', import.meta.url)
);

/** Repository-relative path of the contract types, for messages. */
export const CONTRACT_TYPES_PATH = 'types/contract/record-sync.ts';

/** Absolute path of the marketing contract types (they import the shared ones). */
export const MARKETING_TYPES_FILE = fileURLToPath(
  new URL('../../types/contract/marketing.ts', import.meta.url)
);

/** Repository-relative path of the marketing contract types, for messages. */
export const MARKETING_TYPES_PATH = 'types/contract/marketing.ts';

/** Absolute path of the order contract types (they import the shared ones). */
export const ORDER_TYPES_FILE = fileURLToPath(
  new URL('../../types/contract/orders.ts', import.meta.url)
);

/** Repository-relative path of the order contract types, for messages. */
export const ORDER_TYPES_PATH = 'types/contract/orders.ts';

/** Absolute path of the operations contract types (direct delivery and reconciliation). */
export const OPERATIONS_TYPES_FILE = fileURLToPath(
  new URL('../../types/contract/operations.ts', import.meta.url)
);

/** Repository-relative path of the operations contract types, for messages. */
export const OPERATIONS_TYPES_PATH = 'types/contract/operations.ts';

/** Absolute path of the ERP inquiry contract types (credit, invoices, order status, panels). */
export const INQUIRY_TYPES_FILE = fileURLToPath(
  new URL('../../types/contract/inquiry.ts', import.meta.url)
);

/** Repository-relative path of the ERP inquiry contract types, for messages. */
export const INQUIRY_TYPES_PATH = 'types/contract/inquiry.ts';

/** Project-relative path of the Apex error-code class the TypeScript catalogue mirrors. */
export const APEX_ERROR_CODES_PATH = 'force-app/main/default/classes/inbound/InboundErrorCode.cls';

const SCRIPTS_TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const SCHEMA_ID = 'erp-bridge-record-sync';

/** The part of JSON Schema that ts-json-schema-generator emits for the contract. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly description?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/** A problem with a contract file: the file and what is wrong (a JSON pointer leads the message). */
export interface ContractProblem {
  /** Project-relative path of the file. */
  readonly filePath: string;
  /** What is wrong. */
  readonly message: string;
}

const schemaCache = new Map<string, JsonSchema>();

/**
 * Generates the JSON Schema of every exported type of the contract. Interfaces are closed
 * (`additionalProperties: false`); TSDoc comments become `description`s. The result is cached per
 * file for the life of the process (generation takes about a second).
 *
 * @param typesFile - the TypeScript file (default: `types/contract/record-sync.ts`)
 * @returns a draft-07 schema whose `definitions` hold one entry per exported type
 */
export function generateContractSchema(typesFile: string = CONTRACT_TYPES_FILE): JsonSchema {
  const file = path.resolve(typesFile);
  let schema = schemaCache.get(file);
  if (schema === undefined) {
    schema = createGenerator({
      path: file,
      tsconfig: SCRIPTS_TSCONFIG,
      type: '*',
      expose: 'export',
      topRef: true,
      jsDoc: 'extended',
      additionalProperties: false,
      skipTypeCheck: true
    }).createSchema('*') as JsonSchema;
    schemaCache.set(file, schema);
  }
  return schema;
}

/** Validates values against the types of a contract schema. */
export class ContractValidator {
  /** The schema validated against. */
  readonly schema: JsonSchema;
  /** Repository-relative path of the types the schema was generated from, for messages. */
  readonly typesPath: string;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  /**
   * @param schema - a schema from {@link generateContractSchema}
   * @param typesPath - the file it was generated from (default: `types/contract/record-sync.ts`)
   */
  constructor(schema: JsonSchema, typesPath: string = CONTRACT_TYPES_PATH) {
    this.schema = schema;
    this.typesPath = typesPath;
    this.ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    this.ajv.addSchema(schema as object, SCHEMA_ID);
  }

  /**
   * Validates a value against one type of the contract.
   *
   * @param typeName - an exported type, e.g. `RecordUpsertResponse`
   * @param value - the parsed JSON
   * @returns one line per violation, each led by the JSON pointer of the offending value; empty
   *   when the value is valid
   * @throws Error when the contract has no such type
   */
  validate(typeName: string, value: unknown): string[] {
    let validate = this.compiled.get(typeName);
    if (validate === undefined) {
      if (this.schema.definitions?.[typeName] === undefined) {
        throw new Error(`${this.typesPath} exports no type ${typeName}`);
      }
      validate = this.ajv.getSchema(`${SCHEMA_ID}#/definitions/${typeName}`)!;
      this.compiled.set(typeName, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(describeAjvError);
  }
}

function describeAjvError(error: ErrorObject): string {
  const at = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at}: unexpected property "${String(params.additionalProperty)}"`;
    case 'required':
      return `${at}: missing required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${at}: ${JSON.stringify(error.data)} is not one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${at}: ${JSON.stringify(error.data)} is not of type ${String(params.type).replace(/,/g, ' | ')}`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/** A fixture's static resource name and the contract type it holds. */
export interface FixtureSpec {
  /** Static resource name, e.g. `ErpContract_RecordsUpsertRequest`. */
  readonly name: string;
  /** The contract type the fixture holds. */
  readonly typeName: string;
}

/** The canonical fixtures, by role: the static resource name and the contract type it holds. */
export const CONTRACT_FIXTURES = {
  request: { name: 'ErpContract_RecordsUpsertRequest', typeName: 'RecordUpsertRequest' },
  response: { name: 'ErpContract_RecordsUpsertResponse', typeName: 'RecordUpsertResponse' },
  error: { name: 'ErpContract_RecordsErrorResponse', typeName: 'ErrorResponse' },
  event: { name: 'ErpContract_RecordChangedEvent', typeName: 'RecordChangedEventExample' }
} as const satisfies Record<string, FixtureSpec>;

/**
 * The canonical fixtures of the marketing contract (`types/contract/marketing.ts`), by role. They
 * form a second set: a project may publish the record-sync contract without them, but once one of
 * them exists, all must.
 */
export const MARKETING_FIXTURES = {
  leadsRequest: { name: 'ErpContract_MarketingLeadsRequest', typeName: 'MarketingLeadsRequest' },
  leadsResponse: {
    name: 'ErpContract_MarketingLeadsResponse',
    typeName: 'MarketingUpsertResponse'
  },
  membersRequest: {
    name: 'ErpContract_CampaignMembersRequest',
    typeName: 'CampaignMemberUpsertRequest'
  },
  membersResponse: {
    name: 'ErpContract_CampaignMembersResponse',
    typeName: 'MarketingUpsertResponse'
  },
  leadConverted: { name: 'ErpContract_LeadConvertedEvent', typeName: 'LeadConvertedEvent' }
} as const satisfies Record<string, FixtureSpec>;

/**
 * The canonical fixtures of the order contract (`types/contract/orders.ts`), by role: a third set,
 * all or none.
 */
export const ORDER_FIXTURES = {
  orderSubmitted: { name: 'ErpContract_OrderSubmitted', typeName: 'OrderSubmittedEventExample' },
  acknowledgementsRequest: {
    name: 'ErpContract_OrderAcknowledgementsRequest',
    typeName: 'OrderAcknowledgementsRequest'
  },
  acknowledgementsResponse: {
    name: 'ErpContract_OrderAcknowledgementsResponse',
    typeName: 'OrderAcknowledgementsResponse'
  },
  statusEvents: { name: 'ErpContract_OrderStatusEvents', typeName: 'OrderStatusEvents' }
} as const satisfies Record<string, FixtureSpec>;

/**
 * The canonical fixtures of the operations contract (`types/contract/operations.ts`), by role: a
 * fourth set, all or none. The Apex tests of the outbox dispatcher and of reconciliation answer
 * their mocked callouts with them.
 */
export const OPERATIONS_FIXTURES = {
  deliveryRecordChange: {
    name: 'ErpContract_DeliveryRecordChange',
    typeName: 'RecordChangeDelivery'
  },
  deliveryError: { name: 'ErpContract_DeliveryErrorResponse', typeName: 'DeliveryErrorResponse' },
  reconciliationLookup: {
    name: 'ErpContract_ReconciliationLookup',
    typeName: 'ReconciliationLookupResponse'
  },
  reconciliationIds: { name: 'ErpContract_ReconciliationIds', typeName: 'ReconciliationIdsPage' }
} as const satisfies Record<string, FixtureSpec>;

/**
 * The canonical fixtures of the ERP inquiry contract (`types/contract/inquiry.ts`), by role: a
 * fifth set, all or none. The Apex tests of the inquiry controllers answer their mocked callouts
 * with them, and the local preview's ERP sandbox serves them.
 */
export const INQUIRY_FIXTURES = {
  credit: { name: 'ErpContract_InquiryCredit', typeName: 'ErpCreditSummary' },
  invoices: { name: 'ErpContract_InquiryInvoices', typeName: 'ErpInvoicePage' },
  orderStatus: { name: 'ErpContract_InquiryOrderStatus', typeName: 'ErpOrderStatusDetail' },
  error: { name: 'ErpContract_InquiryError', typeName: 'ErpInquiryErrorResponse' }
} as const satisfies Record<string, FixtureSpec>;

/** What a fixture of the record-sync contract is for. */
export type FixtureRole = keyof typeof CONTRACT_FIXTURES;

/** What a fixture of the marketing contract is for. */
export type MarketingFixtureRole = keyof typeof MARKETING_FIXTURES;

/** What a fixture of the order contract is for. */
export type OrderFixtureRole = keyof typeof ORDER_FIXTURES;

/** What a fixture of the operations contract is for. */
export type OperationsFixtureRole = keyof typeof OPERATIONS_FIXTURES;

/** What a fixture of the ERP inquiry contract is for. */
export type InquiryFixtureRole = keyof typeof INQUIRY_FIXTURES;

/** The role of any contract fixture. */
export type AnyFixtureRole =
  | FixtureRole
  | MarketingFixtureRole
  | OrderFixtureRole
  | OperationsFixtureRole
  | InquiryFixtureRole;

/** A fixture found in the project. */
export interface LoadedFixture {
  /** What the fixture is for. */
  readonly role: AnyFixtureRole;
  /** Static resource name, e.g. `ErpContract_RecordsUpsertRequest`. */
  readonly name: string;
  /** The contract type it holds. */
  readonly typeName: string;
  /** Project-relative path of the `.json` file. */
  readonly filePath: string;
  /** The file's text, exactly as stored. */
  readonly text: string;
  /** The parsed JSON; `undefined` when the text is not JSON. */
  readonly value: unknown;
}

/** What {@link checkContractFixtures} and {@link checkMarketingFixtures} found. */
export interface ContractCheck {
  /** The fixtures found, in role order (for the record-sync contract: request, response, error, event). */
  readonly fixtures: readonly LoadedFixture[];
  /** Problems: missing, duplicated or unparsable fixtures, type violations, semantic mismatches. */
  readonly problems: readonly ContractProblem[];
}

/** A fixture set after loading and type validation, before the semantic checks. */
interface ValidatedFixtures<R extends AnyFixtureRole> {
  readonly fixtures: LoadedFixture[];
  readonly problems: ContractProblem[];
  /** The values that match their type, by role. */
  readonly valid: Map<R, unknown>;
  /** Adds a semantic finding as a problem of its fixture. */
  readonly report: (finding: Finding) => void;
}

/**
 * Loads one fixture set, reports the missing ones (when any exists) and validates each against
 * its contract type.
 */
function validateFixtureSet<R extends AnyFixtureRole>(
  model: MetadataModel,
  specs: Readonly<Record<R, FixtureSpec>>,
  validator: ContractValidator
): ValidatedFixtures<R> {
  const { fixtures, problems } = loadFixtureSet(model, specs);
  const valid = new Map<R, unknown>();
  const byRole = new Map(fixtures.map((f) => [f.role, f]));
  const report = (finding: Finding): void => {
    problems.push({ filePath: byRole.get(finding.role)!.filePath, message: findingText(finding) });
  };
  if (fixtures.length === 0) {
    return { fixtures, problems, valid, report };
  }
  const defaultDir = `${model.packageDirectories[0]}/main/default/staticresources`;
  for (const role of Object.keys(specs) as R[]) {
    if (!byRole.has(role)) {
      const spec = specs[role];
      problems.push({
        filePath: `${defaultDir}/${spec.name}.json`,
        message: `is missing: the contract fixture ${spec.name} (${spec.typeName}) must exist beside the others`
      });
    }
  }
  for (const fixture of fixtures) {
    if (fixture.value === undefined) {
      continue;
    }
    const violations = validator.validate(fixture.typeName, fixture.value);
    for (const violation of violations) {
      problems.push({
        filePath: fixture.filePath,
        message: `does not match ${fixture.typeName}: ${violation}`
      });
    }
    if (violations.length === 0) {
      valid.set(fixture.role as R, fixture.value);
    }
  }
  return { fixtures, problems, valid, report };
}

/**
 * Finds the contract fixtures of a project, validates each against its contract type and checks
 * them against each other and the integration metadata.
 *
 * A project without any `ErpContract_*` fixture yields no fixtures and no problems (it does not
 * publish the contract); once one exists, all four must.
 *
 * @param model - the project's metadata (for its root and package directories)
 * @param config - the validated integration configuration
 * @param validator - validator to use (default: one over the repository's contract types)
 * @returns the fixtures found and every problem, each naming its file
 */
export function checkContractFixtures(
  model: MetadataModel,
  config: IntegrationConfig,
  validator: ContractValidator = new ContractValidator(generateContractSchema())
): ContractCheck {
  const { fixtures, problems, valid, report } = validateFixtureSet(
    model,
    CONTRACT_FIXTURES,
    validator
  );
  const request = valid.get('request') as RecordUpsertRequest | undefined;
  const response = valid.get('response') as RecordUpsertResponse | undefined;
  if (request !== undefined && response !== undefined) {
    checkUpsertExchange(request, response, model, config).forEach(report);
  }
  const error = valid.get('error') as ErrorResponse | undefined;
  if (error !== undefined) {
    checkErrorResponse(error).forEach(report);
  }
  const event = valid.get('event') as RecordChangedEventExample | undefined;
  if (event !== undefined) {
    checkRecordChangedEvent(event, config).forEach(report);
  }
  return { fixtures, problems };
}

/**
 * Finds the marketing contract fixtures of a project, validates each against its type in
 * `types/contract/marketing.ts` and checks them against each other and the integration metadata:
 * both exchanges like the records API's (with Marketing as the sender), redirects, the campaign
 * members' `campaignId|leadId` keys, the conversion event, and that the three tell one story (the
 * converted lead of the leads response is the lead of the event and of the redirected membership).
 *
 * A project without any of these fixtures yields none and no problems; once one exists, all five
 * must.
 *
 * @param model - the project's metadata
 * @param config - the validated integration configuration
 * @param validator - validator to use (default: one over `types/contract/marketing.ts`)
 * @returns the fixtures found and every problem, each naming its file
 */
export function checkMarketingFixtures(
  model: MetadataModel,
  config: IntegrationConfig,
  validator: ContractValidator = new ContractValidator(
    generateContractSchema(MARKETING_TYPES_FILE),
    MARKETING_TYPES_PATH
  )
): ContractCheck {
  const { fixtures, problems, valid, report } = validateFixtureSet(
    model,
    MARKETING_FIXTURES,
    validator
  );
  const leadsRequest = valid.get('leadsRequest') as RecordUpsertRequest | undefined;
  const leadsResponse = valid.get('leadsResponse') as MarketingUpsertResponse | undefined;
  if (leadsRequest !== undefined && leadsResponse !== undefined) {
    checkMarketingLeadsExchange(leadsRequest, leadsResponse, model, config).forEach(report);
  }
  const membersRequest = valid.get('membersRequest') as CampaignMemberUpsertRequest | undefined;
  const membersResponse = valid.get('membersResponse') as MarketingUpsertResponse | undefined;
  if (membersRequest !== undefined && membersResponse !== undefined) {
    checkCampaignMembersExchange(membersRequest, membersResponse, model, config).forEach(report);
  }
  const event = valid.get('leadConverted') as LeadConvertedEvent | undefined;
  if (event !== undefined) {
    checkLeadConvertedEvent(event).forEach(report);
  }
  if (
    leadsResponse !== undefined &&
    membersRequest !== undefined &&
    membersResponse !== undefined &&
    event !== undefined
  ) {
    checkMarketingScenario(leadsResponse, membersRequest, membersResponse, event).forEach(report);
  }
  return { fixtures, problems };
}

/**
 * Reads the record-sync contract fixtures of a project: `staticresources/<name>.json` in any
 * package directory.
 *
 * @param model - the project's metadata (for its root and package directories)
 * @returns the fixtures found (in role order) and problems with unparsable or duplicated files
 */
export function loadContractFixtures(model: MetadataModel): {
  fixtures: LoadedFixture[];
  problems: ContractProblem[];
} {
  return loadFixtureSet(model, CONTRACT_FIXTURES);
}

/**
 * Reads the marketing contract fixtures of a project, like {@link loadContractFixtures}.
 *
 * @param model - the project's metadata
 * @returns the fixtures found (in role order) and problems with unparsable or duplicated files
 */
export function loadMarketingFixtures(model: MetadataModel): {
  fixtures: LoadedFixture[];
  problems: ContractProblem[];
} {
  return loadFixtureSet(model, MARKETING_FIXTURES);
}

function loadFixtureSet<R extends AnyFixtureRole>(
  model: MetadataModel,
  specs: Readonly<Record<R, FixtureSpec>>
): { fixtures: LoadedFixture[]; problems: ContractProblem[] } {
  const roles = Object.keys(specs) as R[];
  const wanted = new Map(roles.map((role) => [`${specs[role].name}.json`, role]));
  const found = new Map<R, LoadedFixture>();
  const problems: ContractProblem[] = [];
  for (const packageDirectory of model.packageDirectories) {
    const files = listFiles(path.join(model.projectRoot, packageDirectory), (name) =>
      wanted.has(name)
    ).filter((file) => path.basename(path.dirname(file)) === 'staticresources');
    for (const file of files) {
      const role = wanted.get(path.basename(file))!;
      const filePath = path.relative(model.projectRoot, file).split(path.sep).join('/');
      const earlier = found.get(role);
      if (earlier !== undefined) {
        problems.push({ filePath, message: `duplicates the contract fixture ${earlier.filePath}` });
        continue;
      }
      const text = fs.readFileSync(file, 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        problems.push({ filePath, message: `is not valid JSON: ${(error as Error).message}` });
      }
      found.set(role, { role, ...specs[role], filePath, text, value });
    }
  }
  return {
    fixtures: roles.flatMap((role) => (found.has(role) ? [found.get(role)!] : [])),
    problems
  };
}

/** A semantic finding: which fixture, where in it (a JSON pointer) and what is wrong. */
export interface Finding {
  /** The fixture the finding is about. */
  readonly role: AnyFixtureRole;
  /** JSON pointer into that fixture. */
  readonly pointer: string;
  /** What is wrong. */
  readonly message: string;
}

function findingText(finding: Finding): string {
  return `${finding.pointer === '' ? '/' : finding.pointer}: ${finding.message}`;
}

/**
 * Whether the records API writes an object: `Inbound_API__c` is `Records`, the sync is enabled,
 * the object syncs inbound and its counterpart includes the ERP.
 *
 * @param object - an integration object
 * @returns true when `POST …/records/{object}` accepts the object
 */
export function isWrittenByRecordsApi(object: IntegrationObject): boolean {
  return (
    object.inboundApi === 'Records' &&
    object.enabled &&
    object.direction !== 'Outbound' &&
    object.counterpartSystems.includes('ERP')
  );
}

/**
 * Whether an object publishes `ERP_Record_Changed__e`: enabled, syncs outbound, delivered by
 * platform event.
 *
 * @param object - an integration object
 * @returns true when Salesforce-side changes of the object are published
 */
export function publishesRecordChangedEvent(object: IntegrationObject): boolean {
  return (
    object.enabled &&
    object.direction !== 'Inbound' &&
    (object.deliveryMode === 'Platform Event' || object.deliveryMode === 'Both')
  );
}

/**
 * Finds an integration object by API name (case-insensitive) or canonical name (exact), the two
 * names the records API accepts in its URL.
 *
 * @param config - the validated configuration
 * @param name - e.g. `Account` or `account`
 * @returns the object, or `undefined`
 */
export function findIntegrationObject(
  config: IntegrationConfig,
  name: string
): IntegrationObject | undefined {
  return (
    config.objects.find((o) => o.objectApiName.toLowerCase() === name.toLowerCase()) ??
    config.objects.find((o) => o.canonicalName === name)
  );
}

/**
 * The enabled ownership records of an object by canonical name.
 *
 * @param config - the validated configuration
 * @param object - the integration object
 * @returns canonical name → ownership record
 */
export function fieldsByCanonicalName(
  config: IntegrationConfig,
  object: IntegrationObject
): Map<string, FieldOwnership> {
  return ownershipOf(config, object.objectApiName);
}

/**
 * The canonical name of an object's sync key, the field reported as `KEY_FIELD` when a payload
 * carries it inside `fields`.
 *
 * @param config - the validated configuration
 * @param object - the integration object
 * @returns the canonical name, or `undefined` when the key has no ownership record
 */
export function keyFieldCanonicalName(
  config: IntegrationConfig,
  object: IntegrationObject
): string | undefined {
  const key = object.externalIdField?.toLowerCase();
  return config.ownership.find(
    (o) => o.objectApiName === object.objectApiName && o.fieldApiName.toLowerCase() === key
  )?.canonicalName;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether text is an ISO 8601 date-time with seconds and an offset or `Z`, as the contract
 * requires for `modifiedAt` and date-time fields.
 *
 * @param value - the text
 * @returns true for e.g. `2026-03-02T09:15:00Z` or `2026-03-02T10:15:00.000+01:00`
 */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

const ID_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Whether text is an 18-character Salesforce ID whose last three characters are the case checksum
 * of the first fifteen.
 *
 * @param value - the text
 * @returns true for a well-formed 18-character ID
 */
export function isSalesforceId(value: string): boolean {
  if (!/^[a-zA-Z0-9]{18}$/.test(value)) {
    return false;
  }
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = value[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') {
        bits |= 1 << i;
      }
    }
    suffix += ID_SUFFIX_CHARS[bits];
  }
  return value.slice(15) === suffix;
}

/**
 * The JSON type a field's value must have in a payload, from the field's metadata type.
 *
 * @param field - the field's metadata
 * @returns e.g. `string`, `number`, `whole number`, `boolean`, `date (YYYY-MM-DD)`,
 *   `date-time (ISO 8601 with offset)`; `undefined` when the type is unknown or not mapped
 */
export function jsonTypeOf(field: FieldMetadata | undefined): string | undefined {
  switch (field?.type) {
    case 'Text':
    case 'TextArea':
    case 'LongTextArea':
    case 'Html':
    case 'Picklist':
    case 'MultiselectPicklist':
    case 'Email':
    case 'Phone':
    case 'Url':
    case 'EncryptedText':
    case 'Lookup':
    case 'MasterDetail':
      return 'string';
    case 'Number':
      return field.scale === 0 ? 'whole number' : 'number';
    case 'Currency':
    case 'Percent':
      return 'number';
    case 'Checkbox':
      return 'boolean';
    case 'Date':
      return 'date (YYYY-MM-DD)';
    case 'DateTime':
      return 'date-time (ISO 8601 with offset)';
    default:
      return undefined;
  }
}

/**
 * Whether a payload value has a JSON type from {@link jsonTypeOf}; `null` always has (it clears).
 *
 * @param jsonType - e.g. `whole number`
 * @param value - the value sent
 * @returns true when the value fits
 */
export function matchesJsonType(jsonType: string, value: unknown): boolean {
  if (value === null) {
    return true;
  }
  switch (jsonType) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'whole number':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date (YYYY-MM-DD)':
      return typeof value === 'string' && ISO_DATE.test(value);
    default:
      return typeof value === 'string' && isIsoDateTime(value);
  }
}

/**
 * Checks a request and its response against each other and the metadata: the object is one the
 * records API writes, results line up with records, the summary adds up, errors appear exactly on
 * rejected records, field names exist, values have their field's JSON type, ignored and seeded
 * fields are exactly the ones ownership says, keys and timestamps are well-formed.
 *
 * @param request - a valid `RecordUpsertRequest`
 * @param response - a valid `RecordUpsertResponse`
 * @param model - the project's metadata (for field types)
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkUpsertExchange(
  request: RecordUpsertRequest,
  response: RecordUpsertResponse,
  model: MetadataModel,
  config: IntegrationConfig
): Finding[] {
  return checkExchange(request, response, model, config, {
    sender: 'ERP',
    requestRole: 'request',
    responseRole: 'response',
    keyName: 'externalId',
    inputs: request.records.map(keyedRecord),
    refuses: (object) =>
      isWrittenByRecordsApi(object)
        ? undefined
        : `the records API does not write ${object.objectApiName}`
  });
}

/**
 * Whether the marketing API writes an object: `Inbound_API__c` is `Marketing`, the sync is
 * enabled, the object syncs inbound and its counterpart includes Marketing.
 *
 * @param object - an integration object
 * @returns true when the marketing API may write the object
 */
export function isWrittenByMarketingApi(object: IntegrationObject): boolean {
  return (
    object.inboundApi === 'Marketing' &&
    object.enabled &&
    object.direction !== 'Outbound' &&
    object.counterpartSystems.includes('Marketing')
  );
}

/** The object the marketing leads API writes. */
export const MARKETING_LEADS_OBJECT = 'Lead';
/** The object the marketing campaigns API writes. */
export const MARKETING_CAMPAIGNS_OBJECT = 'Campaign';
/** The object the campaign-members API writes. */
export const CAMPAIGN_MEMBERS_OBJECT = 'CampaignMember';
/** The object a converted lead's updates and memberships are redirected to. */
export const REDIRECT_TARGET_OBJECT = 'Contact';

/**
 * The endpoint of the marketing API for each object it writes, in the order a sync calls them
 * (campaigns before the memberships that name them).
 */
export const MARKETING_API_PATHS: Readonly<Record<string, string>> = {
  [MARKETING_LEADS_OBJECT]: MARKETING_LEADS_API_PATH,
  [MARKETING_CAMPAIGNS_OBJECT]: MARKETING_CAMPAIGNS_API_PATH,
  [CAMPAIGN_MEMBERS_OBJECT]: CAMPAIGN_MEMBERS_API_PATH
};

/** Key prefixes (first three characters of an ID) of the objects the contracts name. */
export const KEY_PREFIXES: Readonly<Record<string, string>> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Lead: '00Q',
  Campaign: '701',
  CampaignMember: '00v',
  Order: '801',
  OrderItem: '802',
  Quote: '0Q0'
};

/**
 * Checks a marketing leads call like {@link checkUpsertExchange}, with Marketing as the sender and
 * Lead as the object, and its redirects: a redirected result names the converted lead in `id` and
 * a contact in `redirectedTo` (never for a created lead), and its fields are judged by the
 * contact's ownership — fields the contact does not have are `NOT_ON_REDIRECT_TARGET` with the
 * lead field's owner.
 *
 * @param request - a valid `MarketingLeadsRequest`
 * @param response - a valid `MarketingUpsertResponse`
 * @param model - the project's metadata (for field types)
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkMarketingLeadsExchange(
  request: RecordUpsertRequest,
  response: MarketingUpsertResponse,
  model: MetadataModel,
  config: IntegrationConfig
): Finding[] {
  const findings = checkExchange(request, response, model, config, {
    sender: 'Marketing',
    requestRole: 'leadsRequest',
    responseRole: 'leadsResponse',
    keyName: 'externalId',
    inputs: request.records.map(keyedRecord),
    refuses: (object) => refusedByMarketingApi(object, MARKETING_LEADS_OBJECT, 'leads'),
    ownershipObjectOf: (index) => response.results[index]?.redirectedTo?.object
  });
  response.results.forEach((result, index) => {
    const at = `/results/${index}`;
    checkIdPrefix(result.id, response.object, `${at}/id`, 'leadsResponse', findings);
    if (result.redirectedTo === null) {
      return;
    }
    const report = (message: string): void => {
      findings.push({ role: 'leadsResponse', pointer: `${at}/redirectedTo`, message });
    };
    if (result.outcome === 'created') {
      report('is set for a created lead; a new lead cannot have been converted');
    } else if (result.id === null) {
      report('is set but id is null; a redirected result names the converted lead in id');
    }
    checkRedirectTarget(result.redirectedTo, `${at}/redirectedTo/id`, 'leadsResponse', findings);
  });
  return findings;
}

/**
 * Checks a campaign-members call like {@link checkUpsertExchange}, with Marketing as the sender and
 * CampaignMember as the object: each result's `externalId` is the record's `campaignId|leadId`,
 * unknown campaigns and leads are rejected on `campaignId` / `leadId`, and a redirected membership
 * names a contact (never with `UNKNOWN_LEAD`).
 *
 * @param request - a valid `CampaignMemberUpsertRequest`
 * @param response - a valid `MarketingUpsertResponse`
 * @param model - the project's metadata (for field types)
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkCampaignMembersExchange(
  request: CampaignMemberUpsertRequest,
  response: MarketingUpsertResponse,
  model: MetadataModel,
  config: IntegrationConfig
): Finding[] {
  const identity = new Set(
    config.ownership
      .filter(
        (o) =>
          o.objectApiName === CAMPAIGN_MEMBERS_OBJECT &&
          CAMPAIGN_MEMBER_IDENTITY_FIELDS.includes(o.fieldApiName)
      )
      .map((o) => o.canonicalName)
  );
  const findings = checkExchange(request, response, model, config, {
    sender: 'Marketing',
    requestRole: 'membersRequest',
    responseRole: 'membersResponse',
    keyName: 'campaignId|leadId',
    inputs: request.records.map((record) => {
      const blank = record.campaignId.trim() === '' || record.leadId.trim() === '';
      return {
        key: campaignMemberKey(record.campaignId, record.leadId),
        blank,
        answeredKey: blank ? null : campaignMemberKey(record.campaignId, record.leadId),
        modifiedAt: record.modifiedAt,
        fields: record.fields
      };
    }),
    refuses: (object) => refusedByMarketingApi(object, CAMPAIGN_MEMBERS_OBJECT, 'campaign-members'),
    alwaysIgnored: identity
  });
  response.results.forEach((result, index) => {
    const at = `/results/${index}`;
    checkIdPrefix(result.id, response.object, `${at}/id`, 'membersResponse', findings);
    result.errors.forEach((error, i) => {
      const expected = LOOKUP_ERROR_FIELDS[error.code];
      if (expected !== undefined && error.field !== expected) {
        findings.push({
          role: 'membersResponse',
          pointer: `${at}/errors/${i}/field`,
          message: `is ${JSON.stringify(error.field)}; ${error.code} is about ${expected}`
        });
      }
    });
    if (result.redirectedTo === null) {
      return;
    }
    if (result.errors.some((e) => e.code === 'UNKNOWN_LEAD')) {
      findings.push({
        role: 'membersResponse',
        pointer: `${at}/redirectedTo`,
        message: 'is set but the lead is unknown (UNKNOWN_LEAD); only a converted lead redirects'
      });
    }
    checkRedirectTarget(result.redirectedTo, `${at}/redirectedTo/id`, 'membersResponse', findings);
  });
  return findings;
}

/**
 * The CampaignMember lookups that name a membership's campaign and person. Their canonical names
 * in `fields` (`campaignId`, `leadId`, `contactId`: Salesforce IDs) are never applied, not even on
 * create: the membership's campaign and person come from the record's top-level `campaignId` and
 * `leadId`. They are reported `NOT_OWNED_BY_SENDER`. Mirrors `IDENTITY_FIELDS` of
 * `CampaignMemberKeys.cls`.
 */
export const CAMPAIGN_MEMBER_IDENTITY_FIELDS: readonly string[] = [
  'CampaignId',
  'LeadId',
  'ContactId'
];

/** The field each lookup error of the campaign-members API is about. */
const LOOKUP_ERROR_FIELDS: Readonly<Record<string, string>> = {
  UNKNOWN_CAMPAIGN: 'campaignId',
  UNKNOWN_LEAD: 'leadId'
};

/**
 * The key of a campaign membership as the marketing platform knows it, and as
 * `CampaignMember.Marketing_Member_Key__c` stores it: `campaignId|leadId`.
 *
 * @param campaignId - the campaign's `Marketing_Campaign_ID__c`
 * @param leadId - the person's `Marketing_Lead_ID__c`
 * @returns e.g. `MC-1001|ML-2002`
 */
export function campaignMemberKey(campaignId: string, leadId: string): string {
  return `${campaignId}|${leadId}`;
}

function refusedByMarketingApi(
  object: IntegrationObject,
  expected: string,
  endpoint: string
): string | undefined {
  if (object.objectApiName !== expected) {
    return `the ${endpoint} API writes ${expected}, not ${object.objectApiName}`;
  }
  return isWrittenByMarketingApi(object)
    ? undefined
    : `the marketing API does not write ${object.objectApiName} (Integration_Object__mdt: Inbound_API__c ${object.inboundApi ?? 'blank'}, direction ${object.direction}, counterpart ${object.counterpart}${object.enabled ? '' : ', disabled'})`;
}

function checkIdPrefix(
  id: string | null,
  objectApiName: string,
  pointer: string,
  role: AnyFixtureRole,
  findings: Finding[]
): void {
  const prefix = KEY_PREFIXES[objectApiName];
  if (id !== null && isSalesforceId(id) && prefix !== undefined && !id.startsWith(prefix)) {
    findings.push({
      role,
      pointer,
      message: `"${id}" is not ${/^[AEIOU]/.test(objectApiName) ? 'an' : 'a'} ${objectApiName} ID (they start with ${prefix})`
    });
  }
}

function checkRedirectTarget(
  target: RedirectTarget,
  pointer: string,
  role: AnyFixtureRole,
  findings: Finding[]
): void {
  if (!isSalesforceId(target.id)) {
    findings.push({
      role,
      pointer,
      message: `"${target.id}" is not an 18-character Salesforce ID`
    });
  }
  checkIdPrefix(target.id, target.object, pointer, role, findings);
}

/** One request record as the shared exchange check sees it. */
interface KeyedInput {
  /** The record's key: `externalId`, or `campaignId|leadId` for a membership. */
  readonly key: string;
  /** Whether the key (or a part of it) is blank. */
  readonly blank: boolean;
  /** The `externalId` the result must carry, when it is not `key`. */
  readonly answeredKey?: string | null;
  readonly modifiedAt: string;
  readonly fields: CanonicalFields;
}

function keyedRecord(record: RecordUpsertInput): KeyedInput {
  return {
    key: record.externalId,
    blank: record.externalId.trim() === '',
    modifiedAt: record.modifiedAt,
    fields: record.fields
  };
}

/** What differs between the inbound APIs' exchanges. */
interface ExchangeRules {
  /** The system that calls the API; only its fields are applied on update. */
  readonly sender: 'ERP' | 'Marketing';
  readonly requestRole: AnyFixtureRole;
  readonly responseRole: AnyFixtureRole;
  /** What the key is called in messages: `externalId` or `campaignId|leadId`. */
  readonly keyName: string;
  /** The request records, in order. */
  readonly inputs: readonly KeyedInput[];
  /** Why the API does not write the response's object; `undefined` when it does. */
  readonly refuses: (object: IntegrationObject) => string | undefined;
  /** The object whose ownership decides record `index`'s fields when it was redirected. */
  readonly ownershipObjectOf?: (index: number) => string | undefined;
  /** Canonical names never applied, even on create (reported `NOT_OWNED_BY_SENDER`). */
  readonly alwaysIgnored?: ReadonlySet<string>;
  /** What the records' modification time is called (default `modifiedAt`). */
  readonly modifiedAtName?: string;
  /** Whether keys are compared with case when looking for duplicates (default: without). */
  readonly caseSensitiveKeys?: boolean;
}

function checkExchange(
  request: { readonly allOrNone?: boolean; readonly records: readonly unknown[] },
  response: RecordUpsertResponse | MarketingUpsertResponse,
  model: MetadataModel,
  config: IntegrationConfig,
  rules: ExchangeRules
): Finding[] {
  const findings: Finding[] = [];
  const onRequest = (pointer: string, message: string): void => {
    findings.push({ role: rules.requestRole, pointer, message });
  };
  const onResponse = (pointer: string, message: string): void => {
    findings.push({ role: rules.responseRole, pointer, message });
  };

  if (!CORRELATION_ID_PATTERN.test(response.correlationId)) {
    onResponse('/correlationId', 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -');
  }
  if (
    response.idempotencyKey.trim() === '' ||
    response.idempotencyKey.length > IDEMPOTENCY_KEY_MAX_LENGTH
  ) {
    onResponse('/idempotencyKey', `is blank or longer than ${IDEMPOTENCY_KEY_MAX_LENGTH}`);
  }
  if (response.allOrNone !== (request.allOrNone ?? false)) {
    onResponse('/allOrNone', `is ${response.allOrNone} but the request says ${request.allOrNone}`);
  }
  const records = rules.inputs;
  if (records.length === 0 || records.length > MAX_RECORDS_PER_CALL) {
    onRequest(
      '/records',
      `has ${records.length} records; a call carries 1 to ${MAX_RECORDS_PER_CALL}`
    );
  }
  if (response.results.length !== records.length) {
    onResponse(
      '/results',
      `has ${response.results.length} results for ${records.length} request records`
    );
  }
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const result of response.results) {
    counts[result.outcome] += 1;
  }
  for (const outcome of Object.keys(counts) as (keyof typeof counts)[]) {
    if (response.summary[outcome] !== counts[outcome]) {
      onResponse(
        `/summary/${outcome}`,
        `is ${response.summary[outcome]} but ${counts[outcome]} result(s) are ${outcome}`
      );
    }
  }
  if (response.allOrNone && counts.rejected > 0 && counts.rejected !== response.results.length) {
    onResponse('/results', 'allOrNone is set and a record was rejected, so every record must be');
  }

  const object = findIntegrationObject(config, response.object);
  if (object === undefined) {
    onResponse('/object', `${response.object} has no Integration_Object__mdt record`);
    return findings;
  }
  if (object.objectApiName !== response.object) {
    onResponse('/object', `is "${response.object}"; the API name is ${object.objectApiName}`);
  }
  const refusal = rules.refuses(object);
  if (refusal !== undefined) {
    onResponse('/object', refusal);
  }
  if (response.canonicalObject !== object.canonicalName) {
    onResponse(
      '/canonicalObject',
      `is "${response.canonicalObject}"; the canonical name of ${object.objectApiName} is "${object.canonicalName ?? ''}"`
    );
  }

  const fields = fieldsByCanonicalName(config, object);
  const keyField = keyFieldCanonicalName(config, object);
  const seen = new Map<string, number>();
  const normal = (key: string): string =>
    rules.caseSensitiveKeys === true ? key.trim() : key.trim().toLowerCase();
  for (const record of records) {
    const key = normal(record.key);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const keyName = rules.keyName === 'externalId' ? '' : `${rules.keyName} `;
  records.forEach((record, index) => {
    const result = response.results[index] as RecordResult | undefined;
    if (result === undefined) {
      return;
    }
    const at = `/results/${index}`;
    if (result.index !== index) {
      onResponse(`${at}/index`, `is ${result.index}; results are in request order`);
    }
    const answered = record.answeredKey === undefined ? record.key : record.answeredKey;
    if (result.externalId !== answered) {
      onResponse(
        `${at}/externalId`,
        answered === null
          ? `is ${JSON.stringify(result.externalId)} but record ${index} has a blank ${rules.keyName}, answered as null`
          : `is ${JSON.stringify(result.externalId)} but record ${index} has ${keyName}${JSON.stringify(answered)}`
      );
    }
    checkResult(result, at, onResponse);
    const codes = new Set(result.errors.map((e) => `${e.code}:${e.field ?? ''}`));
    const rejectedFor = (code: string, field = ''): boolean =>
      result.outcome === 'rejected' && codes.has(`${code}:${field}`);
    const errorFields = new Set(result.errors.map((e) => e.code));
    if (record.blank && !errorFields.has('BLANK_EXTERNAL_ID')) {
      onResponse(at, `record has a blank ${rules.keyName} but is not rejected BLANK_EXTERNAL_ID`);
    }
    if (
      !record.blank &&
      seen.get(normal(record.key))! > 1 &&
      !errorFields.has('DUPLICATE_EXTERNAL_ID')
    ) {
      onResponse(
        at,
        `${rules.keyName} ${record.key} occurs twice but is not rejected DUPLICATE_EXTERNAL_ID`
      );
    }
    const modifiedAtName = rules.modifiedAtName ?? 'modifiedAt';
    if (!isIsoDateTime(record.modifiedAt) && !rejectedFor('INVALID_MODIFIED_AT', modifiedAtName)) {
      onRequest(
        `/records/${index}/${modifiedAtName}`,
        `"${record.modifiedAt}" is not an ISO 8601 date-time with offset or Z`
      );
    }
    const redirectedTo = rules.ownershipObjectOf?.(index);
    checkRecordFields(
      record.fields,
      index,
      result,
      {
        object,
        fields,
        keyField,
        model,
        sender: rules.sender,
        redirect:
          redirectedTo === undefined
            ? undefined
            : { objectApiName: redirectedTo, fields: ownershipOf(config, redirectedTo) },
        requestRole: rules.requestRole,
        responseRole: rules.responseRole,
        alwaysIgnored: rules.alwaysIgnored
      },
      findings
    );
  });
  return findings;
}

/**
 * The enabled ownership records of any object by canonical name, whether or not it has an
 * `Integration_Object__mdt` record.
 */
export function ownershipOf(
  config: IntegrationConfig,
  objectApiName: string
): Map<string, FieldOwnership> {
  return new Map(
    config.ownership
      .filter((o) => o.objectApiName === objectApiName && o.enabled)
      .map((o) => [o.canonicalName, o])
  );
}

function checkResult(
  result: RecordResult,
  at: string,
  report: (pointer: string, message: string) => void
): void {
  const rejected = result.outcome === 'rejected';
  if (rejected !== result.errors.length > 0) {
    report(
      `${at}/errors`,
      rejected ? 'is empty for a rejected record' : `is not empty for a ${result.outcome} record`
    );
  }
  if (result.outcome !== 'created' && result.seededFields.length > 0) {
    report(`${at}/seededFields`, `is not empty for a ${result.outcome} record`);
  }
  if (result.id === null) {
    if (!rejected) {
      report(`${at}/id`, `is null for a ${result.outcome} record`);
    }
  } else if (!isSalesforceId(result.id)) {
    report(`${at}/id`, `"${result.id}" is not an 18-character Salesforce ID`);
  }
  result.errors.forEach((error, i) => {
    if ((error.statusCode !== null) !== (error.code === 'SAVE_FAILED')) {
      report(`${at}/errors/${i}/statusCode`, 'must be set exactly when the code is SAVE_FAILED');
    }
  });
}

/** What {@link checkRecordFields} judges one record's fields by. */
interface FieldContext {
  readonly object: IntegrationObject;
  readonly fields: Map<string, FieldOwnership>;
  readonly keyField: string | undefined;
  readonly model: MetadataModel;
  readonly sender: 'ERP' | 'Marketing';
  /** The object an update went to instead (a converted lead's contact), with its ownership. */
  readonly redirect?: {
    readonly objectApiName: string;
    readonly fields: Map<string, FieldOwnership>;
  };
  readonly requestRole: AnyFixtureRole;
  readonly responseRole: AnyFixtureRole;
  /** Canonical names never applied, even on create (reported `NOT_OWNED_BY_SENDER`). */
  readonly alwaysIgnored?: ReadonlySet<string>;
}

function checkRecordFields(
  sent: CanonicalFields,
  index: number,
  result: RecordResult,
  context: FieldContext,
  findings: Finding[]
): void {
  const { object, fields, keyField, model, sender, redirect } = context;
  const at = `/results/${index}`;
  const rejectedWith = (code: string, field: string): boolean =>
    result.outcome === 'rejected' &&
    result.errors.some((e) => e.code === code && e.field === field);
  const expectedIgnored = new Map<string, string>();
  const expectedSeeded: string[] = [];
  for (const [name, value] of Object.entries(sent)) {
    const pointer = `/records/${index}/fields/${name}`;
    const ownership = fields.get(name);
    if (ownership === undefined) {
      if (!rejectedWith('UNKNOWN_FIELD', name)) {
        findings.push({
          role: context.requestRole,
          pointer,
          message: `"${name}" is not a canonical field name of ${object.objectApiName} (Field_Ownership__mdt), so the record must be rejected UNKNOWN_FIELD`
        });
      }
      continue;
    }
    if (context.alwaysIgnored?.has(name) === true) {
      expectedIgnored.set(name, `NOT_OWNED_BY_SENDER/${ownership.owner}`);
      continue;
    }
    const jsonType = jsonTypeOf(findField(model, object.objectApiName, ownership.fieldApiName));
    if (
      jsonType !== undefined &&
      !matchesJsonType(jsonType, value) &&
      !rejectedWith('WRONG_TYPE', name)
    ) {
      findings.push({
        role: context.requestRole,
        pointer,
        message: `${JSON.stringify(value)} is not a ${jsonType} (${object.objectApiName}.${ownership.fieldApiName}), so the record must be rejected WRONG_TYPE`
      });
    }
    if (name === keyField) {
      expectedIgnored.set(name, `KEY_FIELD/${ownership.owner}`);
    } else if (redirect !== undefined) {
      const onTarget = redirect.fields.get(name);
      if (onTarget === undefined) {
        expectedIgnored.set(name, `NOT_ON_REDIRECT_TARGET/${ownership.owner}`);
      } else if (onTarget.owner !== sender) {
        expectedIgnored.set(name, `NOT_OWNED_BY_SENDER/${onTarget.owner}`);
      }
    } else if (ownership.owner !== sender) {
      if (result.outcome === 'created') {
        expectedSeeded.push(name);
      } else {
        expectedIgnored.set(name, `NOT_OWNED_BY_SENDER/${ownership.owner}`);
      }
    }
  }
  if (result.outcome === 'rejected') {
    return;
  }
  const actualIgnored = new Map(
    result.ignoredFields.map((f) => [f.field, `${f.reason}/${f.owner}`])
  );
  const describe = (entries: Map<string, string>): string =>
    [...entries]
      .map(([field, how]) => `${field} (${how})`)
      .sort(compareText)
      .join(', ') || 'none';
  if (describe(actualIgnored) !== describe(expectedIgnored)) {
    const whose =
      redirect === undefined
        ? object.objectApiName
        : `${redirect.objectApiName} (redirect target of this ${object.objectApiName})`;
    findings.push({
      role: context.responseRole,
      pointer: `${at}/ignoredFields`,
      message: `lists ${describe(actualIgnored)}; ownership of ${whose} says ${describe(expectedIgnored)} (reason/owner)`
    });
  }
  const seeded = [...result.seededFields].sort(compareText).join(', ') || 'none';
  const expected = expectedSeeded.sort(compareText).join(', ') || 'none';
  if (seeded !== expected) {
    findings.push({
      role: context.responseRole,
      pointer: `${at}/seededFields`,
      message: `lists ${seeded}; the fields of ${object.objectApiName} ${sender === 'ERP' ? 'the ERP' : sender} does not own in record ${index} are ${expected}`
    });
  }
}

/**
 * Checks a refused call's body beyond its type: the correlation ID is well-formed and a
 * `TOO_MANY_RECORDS` limit is the real one.
 *
 * @param error - a valid `ErrorResponse`
 * @returns the findings (empty when consistent)
 */
export function checkErrorResponse(error: ErrorResponse): Finding[] {
  const findings: Finding[] = [];
  if (!CORRELATION_ID_PATTERN.test(error.correlationId)) {
    findings.push({
      role: 'error',
      pointer: '/correlationId',
      message: 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -'
    });
  }
  const limit = error.details?.limit;
  if (
    error.errorCode === 'TOO_MANY_RECORDS' &&
    limit !== undefined &&
    limit !== MAX_RECORDS_PER_CALL
  ) {
    findings.push({
      role: 'error',
      pointer: '/details/limit',
      message: `is ${String(limit)}; a call carries at most ${MAX_RECORDS_PER_CALL} records`
    });
  }
  return findings;
}

/**
 * Serialises changed fields as `Changed_Fields__c` carries them: compact JSON, keys sorted.
 *
 * @param fields - canonical name → value
 * @returns the JSON text
 */
export function changedFieldsJson(fields: CanonicalFields): string {
  const sorted: CanonicalFields = {};
  for (const key of Object.keys(fields).sort()) {
    sorted[key] = fields[key];
  }
  return JSON.stringify(sorted);
}

/**
 * Checks an event example beyond its type: `Changed_Fields__c` is exactly the sorted compact JSON
 * of `changedFields`, the object publishes the event, the fields are its enabled Salesforce-owned
 * fields, the change type fits the fields, and IDs and timestamps are well-formed.
 *
 * @param example - a valid `RecordChangedEventExample`
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkRecordChangedEvent(
  example: RecordChangedEventExample,
  config: IntegrationConfig
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'event', pointer, message });
  };
  const { event, changedFields } = example;
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.Changed_Fields__c);
  } catch {
    report('/event/Changed_Fields__c', 'is not JSON');
  }
  if (parsed !== undefined) {
    const keys = parsed !== null && typeof parsed === 'object' ? Object.keys(parsed) : [];
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      Array.isArray(parsed) ||
      changedFieldsJson(parsed as CanonicalFields) !== changedFieldsJson(changedFields)
    ) {
      report(
        '/event/Changed_Fields__c',
        `parses to ${JSON.stringify(parsed)}, not to changedFields ${JSON.stringify(changedFields)}`
      );
    } else if (keys.join('\n') !== [...keys].sort().join('\n')) {
      report('/event/Changed_Fields__c', `keys are not sorted: ${keys.join(', ')}`);
    } else if (event.Changed_Fields__c !== changedFieldsJson(changedFields)) {
      report(
        '/event/Changed_Fields__c',
        `is not compact JSON; expected ${changedFieldsJson(changedFields)}`
      );
    }
  }
  if (!isSalesforceId(event.Record_ID__c)) {
    report('/event/Record_ID__c', `"${event.Record_ID__c}" is not an 18-character Salesforce ID`);
  }
  if (!isIsoDateTime(event.Occurred_At__c)) {
    report(
      '/event/Occurred_At__c',
      `"${event.Occurred_At__c}" is not an ISO 8601 date-time with offset or Z`
    );
  }
  if (!CORRELATION_ID_PATTERN.test(event.Correlation_ID__c)) {
    report('/event/Correlation_ID__c', 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -');
  }
  const names = Object.keys(changedFields);
  if (event.Change_Type__c === 'DELETE' && names.length > 0) {
    report('/changedFields', 'must be {} for a DELETE');
  }
  if (event.Change_Type__c === 'UPDATE' && names.length === 0) {
    report('/changedFields', 'is empty; an UPDATE is published only when fields changed');
  }
  if (
    (event.Change_Type__c === 'CREATE' || event.Change_Type__c === 'UNDELETE') &&
    names.some((n) => changedFields[n] === null)
  ) {
    report('/changedFields', `a ${event.Change_Type__c} carries only non-null fields`);
  }

  const object = findIntegrationObject(config, event.Object_API_Name__c);
  if (object === undefined || object.objectApiName !== event.Object_API_Name__c) {
    report(
      '/event/Object_API_Name__c',
      `${event.Object_API_Name__c} is not the API name of an Integration_Object__mdt object`
    );
    return findings;
  }
  if (!publishesRecordChangedEvent(object)) {
    report(
      '/event/Object_API_Name__c',
      `${object.objectApiName} does not publish ERP_Record_Changed__e (direction ${object.direction}, delivery ${object.deliveryMode ?? 'unset'}${object.enabled ? '' : ', disabled'})`
    );
  }
  if (event.Canonical_Object__c !== object.canonicalName) {
    report(
      '/event/Canonical_Object__c',
      `is "${event.Canonical_Object__c}"; the canonical name of ${object.objectApiName} is "${object.canonicalName ?? ''}"`
    );
  }
  if (object.externalIdField === undefined && event.External_ID__c !== null) {
    report(
      '/event/External_ID__c',
      `must be null: ${object.objectApiName} has no external-ID field`
    );
  }
  const fields = fieldsByCanonicalName(config, object);
  for (const name of names) {
    const owner = fields.get(name)?.owner;
    if (owner !== 'Salesforce') {
      report(
        `/changedFields/${name}`,
        owner === undefined
          ? `"${name}" is not a canonical field name of ${object.objectApiName}`
          : `"${name}" is owned by ${owner}; the event carries only Salesforce-owned fields`
      );
    }
  }
  return findings;
}

/**
 * Checks a `Marketing_Lead_Converted__e` example beyond its type: the person key is set, the IDs
 * are 18-character IDs of the right objects (lead, contact, account, and an opportunity or null),
 * the conversion time is an ISO 8601 date-time and the correlation ID is well-formed.
 *
 * @param event - a valid `LeadConvertedEvent`
 * @returns the findings (empty when consistent)
 */
export function checkLeadConvertedEvent(event: LeadConvertedEvent): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'leadConverted', pointer, message });
  };
  if (event.Marketing_Lead_ID__c.trim() === '') {
    report(
      '/Marketing_Lead_ID__c',
      'is blank; the event is published only for leads that carry one'
    );
  }
  const ids: [keyof LeadConvertedEvent, string][] = [
    ['Lead_ID__c', 'Lead'],
    ['Contact_ID__c', 'Contact'],
    ['Account_ID__c', 'Account'],
    ['Opportunity_ID__c', 'Opportunity']
  ];
  for (const [field, objectApiName] of ids) {
    const value = event[field];
    if (value === null) {
      continue;
    }
    if (!isSalesforceId(value)) {
      report(`/${field}`, `"${value}" is not an 18-character Salesforce ID`);
    } else {
      checkIdPrefix(value, objectApiName, `/${field}`, 'leadConverted', findings);
    }
  }
  if (!isIsoDateTime(event.Converted_At__c)) {
    report(
      '/Converted_At__c',
      `"${event.Converted_At__c}" is not an ISO 8601 date-time with offset or Z`
    );
  }
  if (!CORRELATION_ID_PATTERN.test(event.Correlation_ID__c)) {
    report('/Correlation_ID__c', 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -');
  }
  return findings;
}

/**
 * Checks that the marketing fixtures tell one story: the lead the event announces as converted is
 * the lead the leads response redirected (same lead and contact), and a membership for a lead of
 * the leads response is redirected exactly when that lead was, to the same contact.
 *
 * @param leadsResponse - a valid `MarketingUpsertResponse` of the leads API
 * @param membersRequest - a valid `CampaignMemberUpsertRequest`
 * @param membersResponse - its valid `MarketingUpsertResponse`
 * @param event - a valid `LeadConvertedEvent`
 * @returns the findings (empty when consistent)
 */
export function checkMarketingScenario(
  leadsResponse: MarketingUpsertResponse,
  membersRequest: CampaignMemberUpsertRequest,
  membersResponse: MarketingUpsertResponse,
  event: LeadConvertedEvent
): Finding[] {
  const findings: Finding[] = [];
  const leads = new Map(
    leadsResponse.results
      .filter((r) => r.externalId !== null && r.outcome !== 'rejected')
      .map((r) => [r.externalId!.toLowerCase(), r])
  );
  const converted = leads.get(event.Marketing_Lead_ID__c.toLowerCase());
  if (converted !== undefined) {
    const at = `/results/${converted.index}`;
    if (converted.redirectedTo === null) {
      findings.push({
        role: 'leadsResponse',
        pointer: `${at}/redirectedTo`,
        message: `is null, but ErpContract_LeadConvertedEvent announces ${event.Marketing_Lead_ID__c} as converted to ${event.Contact_ID__c}`
      });
    } else {
      if (converted.redirectedTo.id !== event.Contact_ID__c) {
        findings.push({
          role: 'leadConverted',
          pointer: '/Contact_ID__c',
          message: `is ${event.Contact_ID__c}, but the leads response redirects ${event.Marketing_Lead_ID__c} to ${converted.redirectedTo.id}`
        });
      }
      if (converted.id !== event.Lead_ID__c) {
        findings.push({
          role: 'leadConverted',
          pointer: '/Lead_ID__c',
          message: `is ${event.Lead_ID__c}, but the leads response names ${event.Marketing_Lead_ID__c} ${String(converted.id)}`
        });
      }
    }
  }
  membersRequest.records.forEach((record, index) => {
    const lead = leads.get(record.leadId.toLowerCase());
    const member = membersResponse.results[index] as MarketingRecordResult | undefined;
    if (lead === undefined || member === undefined || member.outcome === 'rejected') {
      return;
    }
    const expected = lead.redirectedTo?.id ?? null;
    const actual = member.redirectedTo?.id ?? null;
    if (actual !== expected) {
      findings.push({
        role: 'membersResponse',
        pointer: `/results/${index}/redirectedTo`,
        message:
          expected === null
            ? `is set, but the leads response shows ${record.leadId} as not converted`
            : `is ${actual === null ? 'null' : actual}, but the leads response redirects ${record.leadId} to ${expected}`
      });
    }
  });
  return findings;
}

/**
 * Finds the order contract fixtures of a project, validates each against its type in
 * `types/contract/orders.ts` and checks them beyond their types: the submission event and its
 * canonical order ({@link checkOrderSubmitted}), the acknowledgements exchange
 * ({@link checkOrderAcknowledgements}) and the status events replayed through the lifecycle from
 * the state the acknowledgements leave the orders in ({@link checkOrderStatusEvents}).
 *
 * A project without any of these fixtures yields none and no problems; once one exists, all four
 * must.
 *
 * @param model - the project's metadata
 * @param config - the validated integration configuration
 * @param validator - validator to use (default: one over `types/contract/orders.ts`)
 * @returns the fixtures found and every problem, each naming its file
 */
export function checkOrderFixtures(
  model: MetadataModel,
  config: IntegrationConfig,
  validator: ContractValidator = new ContractValidator(
    generateContractSchema(ORDER_TYPES_FILE),
    ORDER_TYPES_PATH
  )
): ContractCheck {
  const { fixtures, problems, valid, report } = validateFixtureSet(
    model,
    ORDER_FIXTURES,
    validator
  );
  const submitted = valid.get('orderSubmitted') as OrderSubmittedEventExample | undefined;
  if (submitted !== undefined) {
    checkOrderSubmitted(submitted, validator.schema, model).forEach(report);
  }
  const request = valid.get('acknowledgementsRequest') as OrderAcknowledgementsRequest | undefined;
  const response = valid.get('acknowledgementsResponse') as RecordUpsertResponse | undefined;
  if (request !== undefined && response !== undefined) {
    checkOrderAcknowledgements(request, response, model, config).forEach(report);
  }
  const events = valid.get('statusEvents') as OrderStatusEvent[] | undefined;
  if (events !== undefined) {
    const starts =
      request !== undefined && response !== undefined
        ? acknowledgedOrders(request, response)
        : new Map<string, OrderBeforeEvents>();
    checkOrderStatusEvents(events, model, starts).forEach(report);
  }
  return { fixtures, problems };
}

/**
 * Reads the order contract fixtures of a project, like {@link loadContractFixtures}.
 *
 * @param model - the project's metadata
 * @returns the fixtures found (in role order) and problems with unparsable or duplicated files
 */
export function loadOrderFixtures(model: MetadataModel): {
  fixtures: LoadedFixture[];
  problems: ContractProblem[];
} {
  return loadFixtureSet(model, ORDER_FIXTURES);
}

/** The outbound event that carries the canonical order. */
export const ORDER_SUBMITTED_EVENT = 'ERP_Order_Submitted__e';
/** The inbound event that carries the ERP's order statuses. */
export const ORDER_STATUS_EVENT = 'ERP_Order_Status__e';
/** The object the order acknowledgements API writes. */
export const ORDERS_OBJECT = 'Order';

const INTEGRATION_KEY = /^SF-([a-zA-Z0-9]{18})-v([1-9]\d*)$/;
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The integration key of an order submission, as `OrderSubmissionService` builds it.
 *
 * @param orderId - the order's 18-character ID
 * @param version - its submission version, from 1
 * @returns `SF-<orderId>-v<version>`
 */
export function integrationKeyOf(orderId: string, version: number): string {
  return `SF-${orderId}-v${version}`;
}

/**
 * Reads an integration key.
 *
 * @param key - e.g. `SF-801Hs00001OrA01IAF-v1`
 * @returns the order ID and version, or `undefined` when the key is not `SF-<18-character order
 *   ID>-v<version>` (the ID's checksum and `801` prefix included)
 */
export function parseIntegrationKey(key: string): { orderId: string; version: number } | undefined {
  const m = INTEGRATION_KEY.exec(key);
  if (!m || !isSalesforceId(m[1]) || !m[1].startsWith(KEY_PREFIXES[ORDERS_OBJECT])) {
    return undefined;
  }
  return { orderId: m[1], version: Number(m[2]) };
}

/** Amounts compared in cents. */
function cents(amount: number): number {
  return Math.round(amount * 100);
}

/**
 * The keys of a value in the declaration order of its type, or the first place where they differ.
 *
 * @returns `undefined` when every object on the way has its type's keys in order
 */
function keyOrderProblem(
  schema: JsonSchema,
  typeName: string,
  value: unknown,
  pointer: string
): { pointer: string; message: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const declared = schemaFields(schema, typeName);
  const actual = Object.keys(value);
  const expected = declared.map((f) => f.name).filter((name) => actual.includes(name));
  if (actual.join() !== expected.join()) {
    return {
      pointer,
      message: `keys are ${actual.join(', ')}; ${typeName} declares ${expected.join(', ')}`
    };
  }
  for (const field of declared) {
    const child = (value as Record<string, unknown>)[field.name];
    const nested = field.type.replace(/\[\]$/, '').replace(/ \| null$/, '');
    if (schema.definitions?.[nested]?.properties === undefined) {
      continue;
    }
    const items = Array.isArray(child) ? child : [child];
    for (const [i, item] of items.entries()) {
      const at = Array.isArray(child)
        ? `${pointer}/${field.name}/${i}`
        : `${pointer}/${field.name}`;
      const problem = keyOrderProblem(schema, nested, item, at);
      if (problem !== undefined) {
        return problem;
      }
    }
  }
  return undefined;
}

/**
 * Checks the text values of an event against its fields' lengths in the metadata.
 */
function checkTextLengths(
  model: MetadataModel,
  eventName: string,
  values: Readonly<Record<string, unknown>>,
  pointer: string,
  role: AnyFixtureRole,
  findings: Finding[]
): void {
  for (const [name, value] of Object.entries(values)) {
    const length = findField(model, eventName, name)?.length;
    if (typeof value === 'string' && length !== undefined && value.length > length) {
      findings.push({
        role,
        pointer: `${pointer}/${name}`,
        message: `has ${value.length} characters; ${eventName}.${name} holds ${length}`
      });
    }
  }
}

/**
 * Checks an `ERP_Order_Submitted__e` example beyond its type: `Payload__c` is exactly the compact
 * JSON of `order` with every object's keys in the declaration order of its type, the event fields
 * repeat the order's, the integration key is `SF-<orderId>-v<submissionVersion>`, IDs are
 * 18-character IDs of the right objects, times and dates are well-formed, and the order is one
 * `OrderSubmissionService` submits: an ERP account, at least one line, lines numbered 1 to n with
 * SKUs and ERP product IDs, line totals of quantity × unit price adding up to the total.
 *
 * @param example - a valid `OrderSubmittedEventExample`
 * @param schema - the order contract schema (for the declaration order)
 * @param model - the project's metadata (for the event's field lengths)
 * @returns the findings (empty when consistent)
 */
export function checkOrderSubmitted(
  example: OrderSubmittedEventExample,
  schema: JsonSchema,
  model: MetadataModel
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'orderSubmitted', pointer, message });
  };
  const { event, order } = example;
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.Payload__c);
  } catch {
    report('/event/Payload__c', 'is not JSON');
  }
  const orderKeys = keyOrderProblem(schema, 'CanonicalOrder', order, '/order');
  if (orderKeys !== undefined) {
    report(orderKeys.pointer, orderKeys.message);
  }
  if (parsed !== undefined) {
    if (!isDeepStrictEqual(parsed, order)) {
      report('/event/Payload__c', `does not parse to order: ${firstDifference(parsed, order)}`);
    } else if (event.Payload__c !== JSON.stringify(order)) {
      const payloadKeys = keyOrderProblem(schema, 'CanonicalOrder', parsed, '');
      report(
        '/event/Payload__c',
        payloadKeys === undefined
          ? 'is not the compact JSON of order (JSON.stringify)'
          : `${payloadKeys.pointer === '' ? '' : `at ${payloadKeys.pointer}: `}${payloadKeys.message}`
      );
    }
  }
  checkTextLengths(
    model,
    ORDER_SUBMITTED_EVENT,
    { ...event },
    '/event',
    'orderSubmitted',
    findings
  );

  const mirrored: [keyof typeof event, keyof CanonicalOrder][] = [
    ['Order_ID__c', 'orderId'],
    ['Order_Number__c', 'orderNumber'],
    ['Idempotency_Key__c', 'integrationKey'],
    ['Submission_Version__c', 'submissionVersion'],
    ['Correlation_ID__c', 'correlationId']
  ];
  for (const [field, property] of mirrored) {
    if (event[field] !== order[property]) {
      report(
        `/event/${field}`,
        `is ${JSON.stringify(event[field])} but order.${property} is ${JSON.stringify(order[property])}`
      );
    }
  }
  if (!Number.isInteger(order.submissionVersion) || order.submissionVersion < 1) {
    report('/order/submissionVersion', `is ${order.submissionVersion}; versions are 1, 2, …`);
  }
  const key = integrationKeyOf(order.orderId, order.submissionVersion);
  if (order.integrationKey !== key) {
    report(
      '/order/integrationKey',
      `is "${order.integrationKey}"; SF-<orderId>-v<submissionVersion> is "${key}"`
    );
  }
  const ids: [string, string | null, string][] = [
    ['/order/orderId', order.orderId, ORDERS_OBJECT],
    ['/order/account/id', order.account.id, 'Account'],
    ['/order/quoteId', order.quoteId, 'Quote'],
    ['/order/opportunityId', order.opportunityId, 'Opportunity'],
    ...order.lines.map((line, i): [string, string, string] => [
      `/order/lines/${i}/orderItemId`,
      line.orderItemId,
      'OrderItem'
    ])
  ];
  for (const [pointer, id, objectApiName] of ids) {
    if (id === null) {
      continue;
    }
    if (!isSalesforceId(id)) {
      report(pointer, `"${id}" is not an 18-character Salesforce ID`);
    } else {
      checkIdPrefix(id, objectApiName, pointer, 'orderSubmitted', findings);
    }
  }
  if (!UTC_MILLIS.test(order.submittedAt) || !isIsoDateTime(order.submittedAt)) {
    report(
      '/order/submittedAt',
      `"${order.submittedAt}" is not an ISO 8601 UTC date-time with milliseconds (YYYY-MM-DDTHH:mm:ss.SSSZ)`
    );
  }
  if (!isIsoDate(order.effectiveDate)) {
    report('/order/effectiveDate', `"${order.effectiveDate}" is not a date (YYYY-MM-DD)`);
  }
  if (!CORRELATION_ID_PATTERN.test(order.correlationId)) {
    report('/order/correlationId', 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -');
  }
  for (const [pointer, value, code] of [
    ['/order/orderNumber', order.orderNumber, undefined],
    ['/order/account/erpAccountId', order.account.erpAccountId, 'NO_ERP_ACCOUNT']
  ] as const) {
    if (value.trim() === '') {
      report(
        pointer,
        `is blank${code === undefined ? '' : `; such an order is not submitted (${code})`}`
      );
    }
  }
  if (order.lines.length === 0) {
    report('/order/lines', 'is empty; an order without lines is not submitted (NO_LINES)');
  }
  const itemIds = new Set<string>();
  let total = 0;
  order.lines.forEach((line, i) => {
    const at = `/order/lines/${i}`;
    if (line.lineNumber !== i + 1) {
      report(
        `${at}/lineNumber`,
        `is ${line.lineNumber}; lines are numbered 1 to ${order.lines.length} in order`
      );
    }
    if (itemIds.has(line.orderItemId)) {
      report(`${at}/orderItemId`, `${line.orderItemId} is on an earlier line too`);
    }
    itemIds.add(line.orderItemId);
    if (line.sku.trim() === '') {
      report(`${at}/sku`, 'is blank; such an order is not submitted (PRODUCT_WITHOUT_SKU)');
    }
    if (line.erpProductId.trim() === '') {
      report(
        `${at}/erpProductId`,
        'is blank; such an order is not submitted (PRODUCT_WITHOUT_ERP_ID)'
      );
    }
    if (!(line.quantity > 0)) {
      report(`${at}/quantity`, `is ${line.quantity}; a line orders a positive quantity`);
    }
    if (cents(line.totalPrice) !== cents(line.quantity * line.unitPrice)) {
      report(
        `${at}/totalPrice`,
        `is ${line.totalPrice}; quantity × unitPrice is ${cents(line.quantity * line.unitPrice) / 100}`
      );
    }
    total += cents(line.totalPrice);
  });
  if (cents(order.totalAmount) !== total) {
    report(
      '/order/totalAmount',
      `is ${order.totalAmount}; the lines' totalPrice add up to ${total / 100}`
    );
  }
  return findings;
}

function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** Where two JSON values first differ, as `<pointer>: <a> ≠ <b>`. */
function firstDifference(a: unknown, b: unknown, pointer = ''): string {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(x, y)) {
        return firstDifference(x, y, `${pointer}/${key}`);
      }
    }
  }
  return `${pointer === '' ? '/' : pointer}: ${JSON.stringify(a) ?? 'nothing'} ≠ ${JSON.stringify(b) ?? 'nothing'}`;
}

/**
 * Checks an acknowledgements call against its response: like the records API's exchange (results
 * line up with the records, the summary adds up, errors exactly on rejected records, keys and
 * times), plus what the orders API adds: the response is about `Order`, which the orders API
 * writes; keys are `SF-<order ID>-v<version>`; each applied result's `id` is the order its key
 * names; nothing is ever created, ignored or seeded; an `accepted` record without `erpOrderId` or
 * a `rejected` one without `reasons` is rejected `INVALID_RECORD`; and every error is one the API
 * returns, on its field (`ORDER_ACKNOWLEDGEMENT_ERROR_CODES`).
 *
 * @param request - a valid `OrderAcknowledgementsRequest`
 * @param response - a valid `OrderAcknowledgementsResponse`
 * @param model - the project's metadata
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkOrderAcknowledgements(
  request: OrderAcknowledgementsRequest,
  response: RecordUpsertResponse,
  model: MetadataModel,
  config: IntegrationConfig
): Finding[] {
  const findings = checkExchange(request, response, model, config, {
    sender: 'ERP',
    requestRole: 'acknowledgementsRequest',
    responseRole: 'acknowledgementsResponse',
    keyName: 'integrationKey',
    modifiedAtName: 'occurredAt',
    caseSensitiveKeys: true,
    inputs: request.records.map((record) => ({
      key: record.integrationKey,
      blank: record.integrationKey.trim() === '',
      modifiedAt: record.occurredAt,
      fields: {}
    })),
    refuses: refusedByOrdersApi
  });
  const onRequest = (pointer: string, message: string): void => {
    findings.push({ role: 'acknowledgementsRequest', pointer, message });
  };
  const onResponse = (pointer: string, message: string): void => {
    findings.push({ role: 'acknowledgementsResponse', pointer, message });
  };
  const codes: Readonly<Record<string, EndpointRecordErrorInfo>> =
    ORDER_ACKNOWLEDGEMENT_ERROR_CODES;
  request.records.forEach((record, index) => {
    const result = response.results[index] as RecordResult | undefined;
    if (result === undefined) {
      return;
    }
    const at = `/results/${index}`;
    const rejectedWith = (code: string, field: string | null): boolean =>
      result.outcome === 'rejected' &&
      result.errors.some((e) => e.code === code && e.field === field);
    if (result.outcome === 'created') {
      onResponse(`${at}/outcome`, 'is created; an acknowledgement never creates an order');
    }
    const key = parseIntegrationKey(record.integrationKey);
    if (
      record.integrationKey.trim() !== '' &&
      key === undefined &&
      !rejectedWith('UNKNOWN_ORDER', 'integrationKey')
    ) {
      onRequest(
        `/records/${index}/integrationKey`,
        `"${record.integrationKey}" is not SF-<18-character order ID>-v<version>, so no order has it and the record must be rejected UNKNOWN_ORDER`
      );
    }
    if (key !== undefined && result.id !== null && result.id !== key.orderId) {
      onResponse(
        `${at}/id`,
        `is ${result.id}; the key ${record.integrationKey} names order ${key.orderId}`
      );
    }
    checkIdPrefix(result.id, ORDERS_OBJECT, `${at}/id`, 'acknowledgementsResponse', findings);
    if (
      record.decision === 'accepted' &&
      (record.erpOrderId ?? '').trim() === '' &&
      !rejectedWith('INVALID_RECORD', 'erpOrderId')
    ) {
      onRequest(
        `/records/${index}`,
        'accepts without erpOrderId, so the record must be rejected INVALID_RECORD on erpOrderId'
      );
    }
    if (
      record.decision === 'rejected' &&
      (record.reasons ?? []).every((r) => r.trim() === '') &&
      !rejectedWith('INVALID_RECORD', 'reasons')
    ) {
      onRequest(
        `/records/${index}`,
        'rejects without reasons, so the record must be rejected INVALID_RECORD on reasons'
      );
    }
    result.errors.forEach((error, i) => {
      const info = codes[error.code] as EndpointRecordErrorInfo | undefined;
      if (info === undefined) {
        onResponse(
          `${at}/errors/${i}/code`,
          `${error.code} is not a code of the order acknowledgements API (${Object.keys(codes).join(', ')})`
        );
      } else if (!info.fields.includes(error.field as never)) {
        onResponse(
          `${at}/errors/${i}/field`,
          `is ${JSON.stringify(error.field)}; ${error.code} is reported on ${info.fields.map((f) => JSON.stringify(f)).join(' or ')}`
        );
      }
    });
  });
  return findings;
}

function refusedByOrdersApi(object: IntegrationObject): string | undefined {
  if (object.objectApiName !== ORDERS_OBJECT) {
    return `the order acknowledgements API writes ${ORDERS_OBJECT}, not ${object.objectApiName}`;
  }
  return object.inboundApi === 'Orders' && object.enabled && object.direction !== 'Outbound'
    ? undefined
    : `the orders API does not write ${ORDERS_OBJECT} (Integration_Object__mdt: Inbound_API__c ${object.inboundApi ?? 'blank'}, direction ${object.direction}${object.enabled ? '' : ', disabled'})`;
}

/** What the acknowledgements say about an order before its status events. */
export interface OrderBeforeEvents {
  /** Its ERP status after the acknowledgement: `Acknowledged` or `Rejected`. */
  readonly status: string;
  /** The acknowledgement's `integrationKey`. */
  readonly integrationKey: string;
  /** The ERP order ID an acceptance stored; undefined for a rejection. */
  readonly erpOrderId?: string;
}

/**
 * The orders an acknowledgements call applied, by integration key and by ERP order ID: accepted
 * ones are `Acknowledged`, rejected ones `Rejected`. Rejected (not applied) acknowledgements are
 * left out.
 *
 * @param request - a valid `OrderAcknowledgementsRequest`
 * @param response - its valid response
 * @returns the orders by `integrationKey` and by `erpOrderId`
 */
export function acknowledgedOrders(
  request: OrderAcknowledgementsRequest,
  response: RecordUpsertResponse
): Map<string, OrderBeforeEvents> {
  const orders = new Map<string, OrderBeforeEvents>();
  request.records.forEach((record, index) => {
    const result = response.results[index] as RecordResult | undefined;
    if (result === undefined || result.outcome === 'rejected') {
      return;
    }
    const order: OrderBeforeEvents =
      record.decision === 'accepted'
        ? {
            status: 'Acknowledged',
            integrationKey: record.integrationKey,
            erpOrderId: record.erpOrderId
          }
        : { status: 'Rejected', integrationKey: record.integrationKey };
    orders.set(record.integrationKey, order);
    if (order.erpOrderId !== undefined) {
      orders.set(order.erpOrderId, order);
    }
  });
  return orders;
}

/** What happens to one status event when its batch is processed. */
export interface StatusEventOutcome {
  /** Position of the event in the batch (delivery order), from 0. */
  readonly index: number;
  /** How the order is named: its integration key when known, else its ERP order ID. */
  readonly order: string;
  /**
   * `applied`: the change moved the order (higher sequence; the same or a reachable status);
   * `history`: kept in `Order_Status_History__c` only (a sequence not higher than the order's);
   * `redelivered`: the same order and sequence again, nothing added; `invalid`: a higher sequence
   * whose status is not reachable from the order's (kept in the history, and rejected
   * `INVALID_TRANSITION`).
   */
  readonly outcome: 'applied' | 'history' | 'redelivered' | 'invalid';
  /** The order's ERP status before the event. */
  readonly before: string;
  /** The order's ERP status after the event. */
  readonly after: string;
}

/**
 * Replays status events the way ADR 9 and `OrderStatusProgress` apply them: every change is kept
 * (one history row per order and sequence; the same sequence again adds nothing), and only a
 * change with a higher sequence than the order's current one moves its status, and only to the
 * same status or one reachable from the current one along the ERP transitions of the lifecycle
 * ({@link reachableErpStatuses}); a higher sequence with an unreachable status is refused.
 *
 * @param events - the events in delivery order
 * @param before - what the acknowledgements left the orders in ({@link acknowledgedOrders}); an
 *   order not in it starts `Submitted` with no sequence
 * @param options - `oneBatch`: the events arrive in one trigger batch, whose changes the trigger
 *   takes in sequence order (then batch order); by default each event is its own batch, taken in
 *   delivery order
 * @returns one outcome per event, in delivery order
 */
export function replayOrderStatusEvents(
  events: readonly OrderStatusEvent[],
  before: ReadonlyMap<string, OrderBeforeEvents> = new Map(),
  options: { readonly oneBatch?: boolean } = {}
): StatusEventOutcome[] {
  const state = new Map<string, { status: string; sequence: number; seen: Set<number> }>();
  const processing = events.map((_, index) => index);
  if (options.oneBatch === true) {
    processing.sort((a, b) => events[a].Sequence__c - events[b].Sequence__c || a - b);
  }
  const outcomes: StatusEventOutcome[] = [];
  for (const index of processing) {
    const event = events[index];
    const known =
      (event.Integration_Key__c === null ? undefined : before.get(event.Integration_Key__c)) ??
      (event.ERP_Order_ID__c === null ? undefined : before.get(event.ERP_Order_ID__c));
    const order =
      known?.integrationKey ?? event.Integration_Key__c ?? event.ERP_Order_ID__c ?? '(no order)';
    let current = state.get(order);
    if (current === undefined) {
      current = { status: known?.status ?? 'Submitted', sequence: 0, seen: new Set() };
      state.set(order, current);
    }
    const was = current.status;
    let outcome: StatusEventOutcome['outcome'];
    if (current.seen.has(event.Sequence__c)) {
      outcome = 'redelivered';
    } else if (event.Sequence__c <= current.sequence) {
      outcome = 'history';
    } else if (
      event.Status__c === current.status ||
      reachableErpStatuses(current.status).includes(event.Status__c)
    ) {
      outcome = 'applied';
      current.status = event.Status__c;
      current.sequence = event.Sequence__c;
    } else {
      outcome = 'invalid';
    }
    current.seen.add(event.Sequence__c);
    outcomes[index] = { index, order, outcome, before: was, after: current.status };
  }
  return outcomes;
}

/**
 * Checks `ERP_Order_Status__e` events beyond their type: each names its order (ERP order ID or
 * integration key; acknowledgements by key, `Acknowledged` with the ERP order ID, `Rejected` with
 * the reasons in `Details__c`), keys
 * are well-formed, sequences are positive whole numbers that order the changes of an order in
 * time, a redelivered sequence repeats its event, times and correlation IDs are well-formed, text
 * fits the event's fields, and replayed from the acknowledgements ({@link replayOrderStatusEvents})
 * no event is an invalid transition.
 *
 * @param events - a valid `OrderStatusEvents`
 * @param model - the project's metadata (for the event's field lengths)
 * @param before - what the acknowledgements left the orders in ({@link acknowledgedOrders})
 * @returns the findings (empty when consistent)
 */
export function checkOrderStatusEvents(
  events: readonly OrderStatusEvent[],
  model: MetadataModel,
  before: ReadonlyMap<string, OrderBeforeEvents> = new Map()
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'statusEvents', pointer, message });
  };
  if (events.length === 0) {
    report('/', 'holds no event');
  }
  const blank = (value: string | null): boolean => value === null || value.trim() === '';
  events.forEach((event, i) => {
    const at = `/${i}`;
    const status = event.Status__c;
    if (blank(event.ERP_Order_ID__c) && blank(event.Integration_Key__c)) {
      report(at, 'names no order: ERP_Order_ID__c or Integration_Key__c is required');
    }
    if (
      !blank(event.Integration_Key__c) &&
      parseIntegrationKey(event.Integration_Key__c!) === undefined
    ) {
      report(
        `${at}/Integration_Key__c`,
        `"${event.Integration_Key__c}" is not SF-<18-character order ID>-v<version>`
      );
    }
    if ((status === 'Acknowledged' || status === 'Rejected') && blank(event.Integration_Key__c)) {
      report(
        `${at}/Integration_Key__c`,
        `is blank; ${status === 'Acknowledged' ? 'an' : 'a'} ${status} event names the submission it answers by its key`
      );
    }
    if (status === 'Rejected' && blank(event.Details__c)) {
      report(`${at}/Details__c`, 'is blank; a Rejected event carries the reasons in Details__c');
    }
    if (status === 'Acknowledged' && blank(event.ERP_Order_ID__c)) {
      report(`${at}/ERP_Order_ID__c`, 'is blank; an Acknowledged event carries the ERP order ID');
    }
    if (!Number.isInteger(event.Sequence__c) || event.Sequence__c < 1) {
      report(`${at}/Sequence__c`, `is ${event.Sequence__c}; sequences are positive whole numbers`);
    }
    if (!isIsoDateTime(event.Occurred_At__c)) {
      report(
        `${at}/Occurred_At__c`,
        `"${event.Occurred_At__c}" is not an ISO 8601 date-time with offset or Z`
      );
    }
    if (event.Correlation_ID__c !== null && !CORRELATION_ID_PATTERN.test(event.Correlation_ID__c)) {
      report(`${at}/Correlation_ID__c`, 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -');
    }
    checkTextLengths(model, ORDER_STATUS_EVENT, { ...event }, at, 'statusEvents', findings);
  });
  const outcomes = replayOrderStatusEvents(events, before);
  const bySequence = new Map<string, Map<number, number>>();
  for (const outcome of outcomes) {
    const event = events[outcome.index];
    const at = `/${outcome.index}`;
    const sequences = bySequence.get(outcome.order) ?? new Map<number, number>();
    bySequence.set(outcome.order, sequences);
    const earlier = sequences.get(event.Sequence__c);
    if (earlier !== undefined) {
      const first = events[earlier];
      if (first.Status__c !== event.Status__c || first.Occurred_At__c !== event.Occurred_At__c) {
        report(
          `${at}/Sequence__c`,
          `${event.Sequence__c} of ${outcome.order} is event ${earlier} too, with ${first.Status__c} at ${first.Occurred_At__c}; a sequence names one change`
        );
      }
      continue;
    }
    sequences.set(event.Sequence__c, outcome.index);
    if (outcome.outcome === 'invalid') {
      report(
        `${at}/Status__c`,
        `${event.Status__c} (sequence ${event.Sequence__c}) is not reachable from ${outcome.before}, the status of ${outcome.order} then, so it would be rejected INVALID_TRANSITION`
      );
    }
  }
  for (const [order, sequences] of bySequence) {
    const ordered = [...sequences].sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < ordered.length; k += 1) {
      const [sequence, index] = ordered[k];
      const [previousSequence, previousIndex] = ordered[k - 1];
      if (
        Date.parse(events[index].Occurred_At__c) < Date.parse(events[previousIndex].Occurred_At__c)
      ) {
        report(
          `/${index}/Occurred_At__c`,
          `sequence ${sequence} of ${order} happened before sequence ${previousSequence} (${events[previousIndex].Occurred_At__c}); sequences follow time`
        );
      }
    }
  }
  return findings;
}

/**
 * Finds the operations contract fixtures of a project, validates each against its type in
 * `types/contract/operations.ts` and checks what the types cannot say: the delivery body names an
 * object delivered to the ERP by its canonical and API names, carries only its Salesforce-owned
 * fields and well-formed IDs and timestamps ({@link checkRecordChangeDelivery}); the refusal names
 * fields of the delivered object ({@link checkDeliveryErrorResponse}); the reconciliation lookup
 * answers for a reconciled object with exactly its compared fields and the right checksums
 * ({@link checkReconciliationLookup}); the ID page is a consistent page
 * ({@link checkReconciliationIds}); and both tell one story ({@link checkReconciliationScenario}).
 *
 * A project without any of these fixtures yields none and no problems; once one exists, all four
 * must.
 *
 * @param model - the project's metadata
 * @param config - the validated integration configuration
 * @param validator - validator to use (default: one over `types/contract/operations.ts`)
 * @returns the fixtures found and every problem, each naming its file
 */
export function checkOperationsFixtures(
  model: MetadataModel,
  config: IntegrationConfig,
  validator: ContractValidator = new ContractValidator(
    generateContractSchema(OPERATIONS_TYPES_FILE),
    OPERATIONS_TYPES_PATH
  )
): ContractCheck {
  const { fixtures, problems, valid, report } = validateFixtureSet(
    model,
    OPERATIONS_FIXTURES,
    validator
  );
  const delivery = valid.get('deliveryRecordChange') as RecordChangeDelivery | undefined;
  if (delivery !== undefined) {
    checkRecordChangeDelivery(delivery, model, config).forEach(report);
  }
  const refusal = valid.get('deliveryError') as DeliveryErrorResponse | undefined;
  if (refusal !== undefined) {
    checkDeliveryErrorResponse(refusal, delivery, config).forEach(report);
  }
  const lookup = valid.get('reconciliationLookup') as ReconciliationLookupResponse | undefined;
  if (lookup !== undefined) {
    checkReconciliationLookup(lookup, model, config).forEach(report);
  }
  const ids = valid.get('reconciliationIds') as ReconciliationIdsPage | undefined;
  if (ids !== undefined) {
    checkReconciliationIds(ids, config).forEach(report);
  }
  if (lookup !== undefined && ids !== undefined) {
    checkReconciliationScenario(lookup, ids).forEach(report);
  }
  return { fixtures, problems };
}

/**
 * Reads the operations contract fixtures of a project, like {@link loadContractFixtures}.
 *
 * @param model - the project's metadata
 * @returns the fixtures found (in role order) and problems with unparsable or duplicated files
 */
export function loadOperationsFixtures(model: MetadataModel): {
  fixtures: LoadedFixture[];
  problems: ContractProblem[];
} {
  return loadFixtureSet(model, OPERATIONS_FIXTURES);
}

/**
 * Classes an answer to a delivery as the outbox dispatcher does, by `DELIVERY_ANSWER_CLASSES`: the
 * first class listing the status, else the class without statuses.
 *
 * @param status - the HTTP status, or `null` when no answer came (timeout, connection failure)
 * @returns `Delivered` for 2xx; `Transient` for 408, 429, 5xx and no answer; `Permanent` otherwise
 */
export function deliveryErrorClassOf(status: number | null): DeliveryErrorClass {
  const match = DELIVERY_ANSWER_CLASSES.find((answerClass) =>
    status === null
      ? answerClass.noAnswer
      : answerClass.statuses.some((range) => status >= range.from && status <= range.to)
  );
  return (match ?? DELIVERY_ANSWER_CLASSES.find((c) => c.statuses.length === 0)!).errorClass;
}

/**
 * Whether Salesforce-side changes of an object go to the ERP at all, by platform event or by
 * direct callout: enabled, syncs outbound and its counterpart includes the ERP.
 *
 * @param object - an integration object
 * @returns true when a `RecordChangeDelivery` may be about the object
 */
export function isDeliveredToErp(object: IntegrationObject): boolean {
  return (
    object.enabled && object.direction !== 'Inbound' && object.counterpartSystems.includes('ERP')
  );
}

/**
 * Whether the outbox delivers an object's changes by direct callout: delivered to the ERP with
 * `Delivery_Mode__c` `Direct Callout` or `Both`.
 *
 * @param object - an integration object
 * @returns true when its changes are POSTed to the ERP's changes endpoint
 */
export function usesDirectCallout(object: IntegrationObject): boolean {
  return (
    isDeliveredToErp(object) &&
    (object.deliveryMode === 'Direct Callout' || object.deliveryMode === 'Both')
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The largest reconciliation page size Salesforce asks for (`IntegrationSettings`). */
export const MAX_RECONCILIATION_PAGE_SIZE = 2000;

/** Whether text is a real instant written `YYYY-MM-DDTHH:mm:ss.SSSZ` (so no 30 February). */
function isUtcMillis(value: string): boolean {
  const time = Date.parse(value);
  return UTC_MILLIS.test(value) && !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/** The integration object whose canonical name is exactly `name`. */
function objectByCanonicalName(
  config: IntegrationConfig,
  name: string
): IntegrationObject | undefined {
  return config.objects.find((o) => o.canonicalName === name);
}

function notCanonicalObject(config: IntegrationConfig, name: string): string {
  const byApiName = findIntegrationObject(config, name);
  return byApiName === undefined
    ? `"${name}" is not the canonical name of an Integration_Object__mdt object`
    : `"${name}" is not a canonical name; ${byApiName.objectApiName} is "${byApiName.canonicalName ?? ''}"`;
}

/**
 * Checks a delivery body beyond its type: the object is named by the canonical and API names of
 * an object delivered to the ERP; the record ID, message ID, correlation ID and time are
 * well-formed; the external ID is null for an object without one; and `fields` holds only
 * Salesforce-owned fields of the object, by canonical name, each with its field's JSON type.
 *
 * @param delivery - a valid `RecordChangeDelivery`
 * @param model - the project's metadata (for field types)
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkRecordChangeDelivery(
  delivery: RecordChangeDelivery,
  model: MetadataModel,
  config: IntegrationConfig
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'deliveryRecordChange', pointer, message });
  };
  if (!UUID.test(delivery.messageId)) {
    report('/messageId', `"${delivery.messageId}" is not a UUID (the message's Delivery_Key__c)`);
  }
  if (!isSalesforceId(delivery.recordId)) {
    report('/recordId', `"${delivery.recordId}" is not an 18-character Salesforce ID`);
  }
  if (!CORRELATION_ID_PATTERN.test(delivery.correlationId)) {
    report('/correlationId', 'is not 1 to 64 characters of A-Z a-z 0-9 . _ : -');
  }
  if (!isUtcMillis(delivery.occurredAt)) {
    report('/occurredAt', `"${delivery.occurredAt}" is not YYYY-MM-DDTHH:mm:ss.SSSZ (UTC)`);
  }
  const object = objectByCanonicalName(config, delivery.object);
  if (object === undefined) {
    report('/object', notCanonicalObject(config, delivery.object));
    return findings;
  }
  if (!isDeliveredToErp(object)) {
    report(
      '/object',
      `${object.objectApiName} is not delivered to the ERP (direction ${object.direction}, counterpart ${object.counterpart}${object.enabled ? '' : ', disabled'})`
    );
  }
  if (delivery.salesforceObject !== object.objectApiName) {
    report(
      '/salesforceObject',
      `is "${delivery.salesforceObject}"; the API name of "${delivery.object}" is ${object.objectApiName}`
    );
  }
  if (object.externalIdField === undefined && delivery.externalId !== null) {
    report('/externalId', `must be null: ${object.objectApiName} has no external-ID field`);
  } else if (delivery.externalId !== null && delivery.externalId.trim() === '') {
    report('/externalId', 'is blank; send null when the record has no external ID');
  }
  const fields = fieldsByCanonicalName(config, object);
  for (const [name, value] of Object.entries(delivery.fields)) {
    const ownership = fields.get(name);
    if (ownership?.owner !== 'Salesforce') {
      report(
        `/fields/${name}`,
        ownership === undefined
          ? `"${name}" is not a canonical field name of ${object.objectApiName} (Field_Ownership__mdt)`
          : `"${name}" is owned by ${ownership.owner}; a delivery carries only Salesforce-owned fields`
      );
      continue;
    }
    const jsonType = jsonTypeOf(findField(model, object.objectApiName, ownership.fieldApiName));
    if (jsonType !== undefined && !matchesJsonType(jsonType, value)) {
      report(
        `/fields/${name}`,
        `${JSON.stringify(value)} is not a ${jsonType} (${object.objectApiName}.${ownership.fieldApiName})`
      );
    }
  }
  return findings;
}

/**
 * Checks a refusal beyond its type: it gives at least one reason, and a reason's `field` is a
 * canonical field name of the delivered object (when the delivery example is valid).
 *
 * @param refusal - a valid `DeliveryErrorResponse`
 * @param delivery - the valid delivery example, if any
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkDeliveryErrorResponse(
  refusal: DeliveryErrorResponse,
  delivery: RecordChangeDelivery | undefined,
  config: IntegrationConfig
): Finding[] {
  const findings: Finding[] = [];
  if (refusal.errors.length === 0) {
    findings.push({ role: 'deliveryError', pointer: '/errors', message: 'is empty' });
  }
  const object =
    delivery === undefined ? undefined : objectByCanonicalName(config, delivery.object);
  if (object === undefined) {
    return findings;
  }
  const fields = fieldsByCanonicalName(config, object);
  refusal.errors.forEach((error, index) => {
    if (error.field !== undefined && !fields.has(error.field)) {
      findings.push({
        role: 'deliveryError',
        pointer: `/errors/${index}/field`,
        message: `"${error.field}" is not a canonical field name of ${object.objectApiName}, the object delivered`
      });
    }
  });
  return findings;
}

/** A reconciled object and the fields reconciliation compares. */
export interface ReconciledObject {
  /** The integration object. */
  readonly object: IntegrationObject;
  /** The ownership record of its external-ID field, if it has one. */
  readonly keyField?: FieldOwnership;
  /** The compared fields (ERP-owned, enabled, not the external-ID field), by canonical name. */
  readonly comparedFields: readonly FieldOwnership[];
}

/**
 * The fields reconciliation compares for an object: its enabled ERP-owned fields except its
 * external-ID field, sorted by canonical name (the order of the checksum's JSON).
 *
 * @param config - the validated integration configuration
 * @param object - an integration object
 * @returns the ownership records (empty when there are none)
 */
export function comparedFieldsOf(
  config: IntegrationConfig,
  object: IntegrationObject
): FieldOwnership[] {
  const key = object.externalIdField?.toLowerCase();
  return [...fieldsByCanonicalName(config, object).values()]
    .filter((f) => f.owner === 'ERP' && f.fieldApiName.toLowerCase() !== key)
    .sort((a, b) => compareCodeUnits(a.canonicalName, b.canonicalName));
}

/**
 * The objects reconciliation covers, in `Integration_Object__mdt` order: enabled, with an
 * `External_ID_Field__c`, counterpart ERP or Both, and at least one compared field.
 *
 * @param config - the validated integration configuration
 * @returns each reconciled object with its compared fields
 */
export function reconciledObjects(config: IntegrationConfig): ReconciledObject[] {
  return config.objects.flatMap((object) => {
    if (
      !object.enabled ||
      object.externalIdField === undefined ||
      !object.counterpartSystems.includes('ERP')
    ) {
      return [];
    }
    const comparedFields = comparedFieldsOf(config, object);
    if (comparedFields.length === 0) {
      return [];
    }
    const key = object.externalIdField.toLowerCase();
    const keyField = config.ownership.find(
      (o) => o.objectApiName === object.objectApiName && o.fieldApiName.toLowerCase() === key
    );
    return [{ object, keyField, comparedFields }];
  });
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Writes a finite number as a plain decimal, the checksum's number form: no exponent, no trailing
 * zeros after the point, no point for a whole number, `-0` as `0` (`1e21` → `1000000000000000000000`,
 * `1.5e-7` → `0.00000015`). JSON cannot tell `50000` from `50000.00`: both parse to one number, and
 * the Apex side strips trailing zeros of a `Decimal` the same way.
 *
 * @param value - a finite number
 * @returns the decimal text
 * @throws RangeError for `NaN` or an infinity, which JSON cannot carry
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${value} is not a JSON number`);
  }
  const text = String(value === 0 ? 0 : value);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m === null) {
    return text;
  }
  const [, sign, whole, fraction = '', exponent] = m;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  // JavaScript writes an exponent only below 1e-6 (point ≤ 0) and from 1e21 (point > digits).
  const plain =
    point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : digits + '0'.repeat(point - digits.length);
  return sign + plain.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function canonicalValue(value: FieldValue | undefined): string {
  if (value === undefined || value === null) {
    return 'null';
  }
  if (typeof value === 'number') {
    return plainDecimal(value);
  }
  if (typeof value === 'string') {
    return value.trim() === '' ? 'null' : JSON.stringify(value);
  }
  return String(value);
}

/**
 * The canonical JSON of a record's compared fields, the text the reconciliation checksum is taken
 * of: one key per field (a missing or blank value is `null`), keys sorted by character code, no
 * whitespace, strings as JSON strings, numbers as {@link plainDecimal}, booleans `true`/`false`.
 * Dates and date-times are strings already (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss.SSSZ` in UTC).
 *
 * @param fields - canonical name → value
 * @param names - the compared fields (default: the keys of `fields`)
 * @returns the JSON text
 */
export function reconciliationCanonicalJson(
  fields: CanonicalFields,
  names: readonly string[] = Object.keys(fields)
): string {
  const keys = [...new Set(names)].sort(compareCodeUnits);
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(fields, key);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalValue(has(key) ? fields[key] : undefined)}`).join(',')}}`;
}

/**
 * The reconciliation checksum of a record: lowercase hex SHA-256 of the UTF-8 bytes of
 * {@link reconciliationCanonicalJson}.
 *
 * @param fields - canonical name → value
 * @param names - the compared fields (default: the keys of `fields`)
 * @returns 64 lowercase hex digits
 */
export function reconciliationChecksum(
  fields: CanonicalFields,
  names: readonly string[] = Object.keys(fields)
): string {
  return createHash('sha256')
    .update(reconciliationCanonicalJson(fields, names), 'utf8')
    .digest('hex');
}

/** The reconciled object named by a fixture, or a finding why there is none. */
function reconciledByCanonicalName(
  config: IntegrationConfig,
  name: string,
  report: (pointer: string, message: string) => void
): ReconciledObject | undefined {
  const object = objectByCanonicalName(config, name);
  if (object === undefined) {
    report('/object', notCanonicalObject(config, name));
    return undefined;
  }
  const reconciled = reconciledObjects(config).find((r) => r.object === object);
  if (reconciled === undefined) {
    report(
      '/object',
      `${object.objectApiName} is not reconciled: that takes an enabled object with an External_ID_Field__c, counterpart ERP or Both, and an ERP-owned field besides it`
    );
  }
  return reconciled;
}

function checkUniqueIds(
  ids: readonly string[],
  at: (index: number) => string,
  report: (pointer: string, message: string) => void
): void {
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    const earlier = seen.get(id);
    if (id.trim() === '') {
      report(at(index), 'is blank');
    } else if (earlier !== undefined) {
      report(at(index), `"${id}" is also at ${at(earlier)}; each external ID appears once`);
    } else {
      seen.set(id, index);
    }
  });
}

function checkCount(
  value: number,
  pointer: string,
  least: number,
  report: (pointer: string, message: string) => void
): boolean {
  if (!Number.isInteger(value) || value < least) {
    report(pointer, `is ${value}; expected a whole number of at least ${least}`);
    return false;
  }
  return true;
}

/**
 * Checks a lookup answer beyond its type: the object is reconciled, external IDs are unique,
 * `totalCount` covers the records, every record has exactly the compared fields with values of
 * their fields' JSON types (date-times in UTC with milliseconds), and every checksum is the
 * SHA-256 of the canonical JSON of its fields.
 *
 * @param lookup - a valid `ReconciliationLookupResponse`
 * @param model - the project's metadata (for field types)
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkReconciliationLookup(
  lookup: ReconciliationLookupResponse,
  model: MetadataModel,
  config: IntegrationConfig
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'reconciliationLookup', pointer, message });
  };
  if (checkCount(lookup.totalCount, '/totalCount', 0, report)) {
    if (lookup.totalCount < lookup.records.length) {
      report(
        '/totalCount',
        `is ${lookup.totalCount}, fewer than the ${lookup.records.length} records of this answer`
      );
    }
  }
  checkUniqueIds(
    lookup.records.map((r) => r.externalId),
    (index) => `/records/${index}/externalId`,
    report
  );
  const reconciled = reconciledByCanonicalName(config, lookup.object, report);
  if (reconciled === undefined) {
    return findings;
  }
  const compared = reconciled.comparedFields.map((f) => f.canonicalName);
  lookup.records.forEach((record, index) => {
    const at = `/records/${index}`;
    const names = Object.keys(record.fields);
    const missing = compared.filter((name) => !names.includes(name));
    const extra = names.filter((name) => !compared.includes(name));
    if (missing.length > 0 || extra.length > 0) {
      report(
        `${at}/fields`,
        `${[
          missing.length > 0 ? `lacks ${missing.join(', ')}` : '',
          extra.length > 0 ? `has ${extra.join(', ')}, not compared` : ''
        ]
          .filter((t) => t !== '')
          .join(
            ' and '
          )}; the compared fields of ${reconciled.object.objectApiName} are ${compared.join(', ')}`
      );
    }
    for (const field of reconciled.comparedFields) {
      const value = record.fields[field.canonicalName];
      if (value === undefined) {
        continue;
      }
      const jsonType = jsonTypeOf(findField(model, field.objectApiName, field.fieldApiName));
      const wrongTime =
        jsonType === 'date-time (ISO 8601 with offset)' &&
        typeof value === 'string' &&
        !isUtcMillis(value);
      if (jsonType !== undefined && (!matchesJsonType(jsonType, value) || wrongTime)) {
        report(
          `${at}/fields/${field.canonicalName}`,
          `${JSON.stringify(value)} is not a ${wrongTime ? 'date-time YYYY-MM-DDTHH:mm:ss.SSSZ (UTC)' : jsonType} (${field.objectApiName}.${field.fieldApiName})`
        );
      }
    }
    const expected = reconciliationChecksum(record.fields, compared);
    if (record.checksum !== expected) {
      report(
        `${at}/checksum`,
        `is ${SHA256_HEX.test(record.checksum) ? record.checksum : `"${record.checksum}", not 64 lowercase hex digits`}; the SHA-256 of ${reconciliationCanonicalJson(record.fields, compared)} is ${expected}`
      );
    }
  });
  return findings;
}

/**
 * Checks an ID page beyond its type: the object is reconciled, the page is a whole number from 0,
 * the page size between 1 and {@link MAX_RECONCILIATION_PAGE_SIZE}, the external IDs unique and no
 * more than the page size, and `totalCount` covers the pages up to this one (exactly, when this
 * page is short and so the last).
 *
 * @param ids - a valid `ReconciliationIdsPage`
 * @param config - the validated integration configuration
 * @returns the findings (empty when consistent)
 */
export function checkReconciliationIds(
  ids: ReconciliationIdsPage,
  config: IntegrationConfig
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'reconciliationIds', pointer, message });
  };
  reconciledByCanonicalName(config, ids.object, report);
  checkUniqueIds(ids.externalIds, (index) => `/externalIds/${index}`, report);
  const counts = [
    checkCount(ids.page, '/page', 0, report),
    checkCount(ids.pageSize, '/pageSize', 1, report),
    checkCount(ids.totalCount, '/totalCount', 0, report)
  ];
  if (counts.includes(false)) {
    return findings;
  }
  if (ids.pageSize > MAX_RECONCILIATION_PAGE_SIZE) {
    report(
      '/pageSize',
      `is ${ids.pageSize}; Salesforce asks for at most ${MAX_RECONCILIATION_PAGE_SIZE}`
    );
  }
  if (ids.externalIds.length > ids.pageSize) {
    report(
      '/externalIds',
      `has ${ids.externalIds.length} IDs, more than the page size ${ids.pageSize}`
    );
    return findings;
  }
  const through = ids.page * ids.pageSize + ids.externalIds.length;
  if (ids.totalCount < through) {
    report(
      '/totalCount',
      `is ${ids.totalCount}, but pages 0 to ${ids.page} of ${ids.pageSize} hold at least ${through} IDs`
    );
  } else if (ids.externalIds.length < ids.pageSize && ids.totalCount !== through) {
    report(
      '/totalCount',
      `is ${ids.totalCount}, but this short page is the last, so the ERP holds ${through} records`
    );
  }
  return findings;
}

/**
 * Checks that the lookup and the ID page tell one story: the same object and `totalCount`, and,
 * when the page lists every ID, every record of the lookup among them.
 *
 * @param lookup - a valid `ReconciliationLookupResponse`
 * @param ids - a valid `ReconciliationIdsPage`
 * @returns the findings, reported on the ID page (empty when consistent)
 */
export function checkReconciliationScenario(
  lookup: ReconciliationLookupResponse,
  ids: ReconciliationIdsPage
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'reconciliationIds', pointer, message });
  };
  if (ids.object !== lookup.object) {
    report('/object', `is "${ids.object}"; the lookup answers for "${lookup.object}"`);
    return findings;
  }
  if (ids.totalCount !== lookup.totalCount) {
    report('/totalCount', `is ${ids.totalCount}; the lookup says ${lookup.totalCount}`);
    return findings;
  }
  if (ids.page === 0 && ids.externalIds.length === ids.totalCount) {
    const listed = new Set(ids.externalIds);
    const unlisted = lookup.records.map((r) => r.externalId).filter((id) => !listed.has(id));
    if (unlisted.length > 0) {
      report(
        '/externalIds',
        `lists every ID of the object but not ${unlisted.join(', ')}, which the lookup returns`
      );
    }
  }
  return findings;
}

/**
 * Finds the ERP inquiry contract fixtures of a project, validates each against its type in
 * `types/contract/inquiry.ts` and checks what the types cannot say: the credit summary
 * ({@link checkInquiryCredit}), the invoice page ({@link checkInquiryInvoices}), the order status
 * and its history ({@link checkInquiryOrderStatus}), the refusal ({@link checkInquiryError}), and
 * that credit and invoices tell one story ({@link checkInquiryScenario}).
 *
 * A project without any of these fixtures yields none and no problems; once one exists, all four
 * must.
 *
 * @param model - the project's metadata (for the `Account.ERP_Credit_Status__c` and
 *   `Order.ERP_Status__c` picklists)
 * @param validator - validator to use (default: one over `types/contract/inquiry.ts`)
 * @returns the fixtures found and every problem, each naming its file
 */
export function checkInquiryFixtures(
  model: MetadataModel,
  validator: ContractValidator = new ContractValidator(
    generateContractSchema(INQUIRY_TYPES_FILE),
    INQUIRY_TYPES_PATH
  )
): ContractCheck {
  const { fixtures, problems, valid, report } = validateFixtureSet(
    model,
    INQUIRY_FIXTURES,
    validator
  );
  const credit = valid.get('credit') as ErpCreditSummary | undefined;
  if (credit !== undefined) {
    checkInquiryCredit(credit, model).forEach(report);
  }
  const invoices = valid.get('invoices') as ErpInvoicePage | undefined;
  if (invoices !== undefined) {
    checkInquiryInvoices(invoices).forEach(report);
  }
  const orderStatus = valid.get('orderStatus') as ErpOrderStatusDetail | undefined;
  if (orderStatus !== undefined) {
    checkInquiryOrderStatus(orderStatus, model).forEach(report);
  }
  const error = valid.get('error') as ErpInquiryErrorResponse | undefined;
  if (error !== undefined) {
    checkInquiryError(error).forEach(report);
  }
  if (credit !== undefined && invoices !== undefined) {
    checkInquiryScenario(credit, invoices).forEach(report);
  }
  return { fixtures, problems };
}

/**
 * Reads the ERP inquiry contract fixtures of a project, like {@link loadContractFixtures}.
 *
 * @param model - the project's metadata
 * @returns the fixtures found (in role order) and problems with unparsable or duplicated files
 */
export function loadInquiryFixtures(model: MetadataModel): {
  fixtures: LoadedFixture[];
  problems: ContractProblem[];
} {
  return loadFixtureSet(model, INQUIRY_FIXTURES);
}

/** Where the inquiry check looks for the credit status picklist. */
export const CREDIT_STATUS_FIELD = { object: 'Account', field: 'ERP_Credit_Status__c' } as const;

/**
 * The values of a field's local picklist.
 *
 * @param model - the project's metadata
 * @param object - e.g. `Account`
 * @param field - e.g. `ERP_Credit_Status__c`
 * @returns the API names of the values in file order; `undefined` when the field has no metadata
 *   or no local values (a global value set is not read)
 */
export function picklistValuesOf(
  model: MetadataModel,
  object: string,
  field: string
): readonly string[] | undefined {
  const values = findField(model, object, field)?.picklistValues.map((v) => v.fullName) ?? [];
  return values.length === 0 ? undefined : values;
}

function checkPicklistValue(
  value: string,
  picklist: readonly string[] | undefined,
  field: { readonly object: string; readonly field: string },
  pointer: string,
  report: (pointer: string, message: string) => void
): void {
  const name = `${field.object}.${field.field}`;
  if (picklist === undefined) {
    report(pointer, `is "${value}"; ${name} has no local picklist values to check it against`);
  } else if (!picklist.includes(value)) {
    report(pointer, `"${value}" is not a value of the ${name} picklist (${picklist.join(', ')})`);
  }
}

function checkAmount(
  value: number,
  pointer: string,
  report: (pointer: string, message: string) => void
): boolean {
  if (value < 0) {
    report(pointer, `is ${value}; amounts are never negative`);
    return false;
  }
  return true;
}

function checkUtcMillis(
  value: string,
  pointer: string,
  report: (pointer: string, message: string) => void
): boolean {
  if (!isUtcMillis(value)) {
    report(pointer, `"${value}" is not an ISO 8601 date-time in UTC with milliseconds`);
    return false;
  }
  return true;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]*$/;

/**
 * Checks a credit summary beyond its type: the ERP account ID is set, the credit status is a value
 * of the `Account.ERP_Credit_Status__c` picklist (where the synced value lands), amounts are not
 * negative, the overdue part is at most the open balance, the currency is an ISO 4217 code and
 * `asOf` is UTC with milliseconds.
 *
 * @param credit - a valid `ErpCreditSummary`
 * @param model - the project's metadata (for the picklist)
 * @returns the findings (empty when consistent)
 */
export function checkInquiryCredit(credit: ErpCreditSummary, model: MetadataModel): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'credit', pointer, message });
  };
  if (credit.erpAccountId.trim() === '') {
    report('/erpAccountId', 'is blank');
  }
  checkPicklistValue(
    credit.creditStatus,
    picklistValuesOf(model, CREDIT_STATUS_FIELD.object, CREDIT_STATUS_FIELD.field),
    CREDIT_STATUS_FIELD,
    '/creditStatus',
    report
  );
  checkAmount(credit.creditLimit, '/creditLimit', report);
  const open = checkAmount(credit.openBalance, '/openBalance', report);
  if (
    checkAmount(credit.overdueBalance, '/overdueBalance', report) &&
    open &&
    cents(credit.overdueBalance) > cents(credit.openBalance)
  ) {
    report(
      '/overdueBalance',
      `is ${credit.overdueBalance}, above the open balance ${credit.openBalance}; the overdue part is part of the open balance`
    );
  }
  if (!CURRENCY_CODE.test(credit.currencyIsoCode)) {
    report('/currencyIsoCode', `"${credit.currencyIsoCode}" is not an ISO 4217 currency code`);
  }
  if (credit.paymentTerms !== null && credit.paymentTerms.trim() === '') {
    report('/paymentTerms', 'is blank; null when the ERP has no payment terms');
  }
  checkUtcMillis(credit.asOf, '/asOf', report);
  return findings;
}

/**
 * The totals of invoices as the ERP reports them: the sums of `amount` and `openAmount`, and of
 * `openAmount` of the OVERDUE ones, computed in cents.
 *
 * @param invoices - the invoices (all matching the filter, for a page's `totals`)
 * @returns the totals
 */
export function invoiceTotals(invoices: readonly ErpInvoice[]): ErpInvoiceTotals {
  let amount = 0;
  let openAmount = 0;
  let overdueAmount = 0;
  for (const invoice of invoices) {
    amount += cents(invoice.amount);
    openAmount += cents(invoice.openAmount);
    if (invoice.status === 'OVERDUE') {
      overdueAmount += cents(invoice.openAmount);
    }
  }
  return { amount: amount / 100, openAmount: openAmount / 100, overdueAmount: overdueAmount / 100 };
}

/**
 * Whether an invoice matches the `status` filter of the invoices endpoint.
 *
 * @param invoice - an invoice
 * @param status - the filter; `ALL` matches every invoice
 * @returns true when the invoice belongs to the filtered list
 */
export function matchesInvoiceFilter(invoice: ErpInvoice, status: InvoiceStatusFilter): boolean {
  return status === 'ALL' || invoice.status === status;
}

/**
 * Compares invoices as the endpoint lists them: newest due date first, then by invoice number
 * descending, so that pages are stable.
 *
 * @param a - an invoice
 * @param b - another
 * @returns negative when `a` comes first
 */
export function compareInvoices(a: ErpInvoice, b: ErpInvoice): number {
  return (
    compareCodeUnits(b.dueDate, a.dueDate) || compareCodeUnits(b.invoiceNumber, a.invoiceNumber)
  );
}

/** What an invoice page answers for. */
export interface InvoicePageQuery {
  /** The ERP's account number. */
  readonly erpAccountId: string;
  /** The `status` filter. */
  readonly status: InvoiceStatusFilter;
  /** Page number, from 0. */
  readonly page: number;
  /** Invoices per page, 1 to {@link MAX_INVOICE_PAGE_SIZE}. */
  readonly pageSize: number;
  /** When the ERP read the invoices (UTC with milliseconds). */
  readonly asOf: string;
}

/**
 * Builds the answer of the invoices endpoint from every invoice of an account, the way the
 * contract describes it (and {@link checkInquiryInvoices} checks it): the invoices matching the
 * filter, newest due date first ({@link compareInvoices}), the page asked for, their count and
 * their totals over all pages ({@link invoiceTotals}). A page beyond the last is empty. For the
 * local preview's ERP sandbox and tests.
 *
 * @param invoices - every invoice of the account, in any order
 * @param query - the account, filter, page, page size and time of the answer
 * @returns the page
 * @throws Error when the page is negative or the page size is outside 1 to 50
 */
export function invoicePageOf(
  invoices: readonly ErpInvoice[],
  query: InvoicePageQuery
): ErpInvoicePage {
  const { page, pageSize } = query;
  if (!Number.isInteger(page) || page < 0) {
    throw new Error(`page ${page} is not a whole number of at least 0`);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_INVOICE_PAGE_SIZE) {
    throw new Error(
      `pageSize ${pageSize} is not a whole number from 1 to ${MAX_INVOICE_PAGE_SIZE}`
    );
  }
  const matching = invoices
    .filter((invoice) => matchesInvoiceFilter(invoice, query.status))
    .sort(compareInvoices);
  return {
    erpAccountId: query.erpAccountId,
    status: query.status,
    page,
    pageSize,
    totalCount: matching.length,
    totals: invoiceTotals(matching),
    invoices: matching.slice(page * pageSize, (page + 1) * pageSize),
    asOf: query.asOf
  };
}

const DAY_MS = 86_400_000;

/**
 * Whole days an invoice is past its due date at a moment, counted in UTC dates.
 *
 * @param dueDate - `YYYY-MM-DD`
 * @param asOf - an ISO 8601 date-time
 * @returns 0 when not yet past due, else the days from the due date to the date of `asOf`
 */
export function daysOverdueOf(dueDate: string, asOf: string): number {
  const day = Date.parse(`${new Date(Date.parse(asOf)).toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.max(0, Math.round((day - Date.parse(`${dueDate}T00:00:00Z`)) / DAY_MS));
}

/**
 * Checks an invoice page beyond its type: the page number and size are whole numbers within
 * bounds (size at most {@link MAX_INVOICE_PAGE_SIZE}), the page holds at most `pageSize` invoices
 * and `totalCount` covers the pages up to this one; invoice numbers are unique, dates are real,
 * issued no later than due and listed newest due date first; amounts are not negative, the open
 * amount is at most the amount, a PAID invoice has nothing open, only an OVERDUE invoice has days
 * overdue (as many as from its due date to `asOf`, give or take a day for the ERP's time zone) and
 * an OPEN one is not past due; statuses match the filter; one currency; the totals cover the page
 * and, when the page holds every matching invoice, equal its sums ({@link invoiceTotals}).
 *
 * @param page - a valid `ErpInvoicePage`
 * @returns the findings (empty when consistent)
 */
export function checkInquiryInvoices(page: ErpInvoicePage): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'invoices', pointer, message });
  };
  if (page.erpAccountId.trim() === '') {
    report('/erpAccountId', 'is blank');
  }
  const paging = checkInvoicePaging(page, report);
  const asOfValid = checkUtcMillis(page.asOf, '/asOf', report);
  const seen = new Map<string, number>();
  page.invoices.forEach((invoice, index) => {
    const at = `/invoices/${index}`;
    const earlier = seen.get(invoice.invoiceNumber);
    if (invoice.invoiceNumber.trim() === '') {
      report(`${at}/invoiceNumber`, 'is blank');
    } else if (earlier !== undefined) {
      report(
        `${at}/invoiceNumber`,
        `"${invoice.invoiceNumber}" is also invoice ${earlier}; invoice numbers are unique`
      );
    } else {
      seen.set(invoice.invoiceNumber, index);
    }
    if (!matchesInvoiceFilter(invoice, page.status)) {
      report(`${at}/status`, `is ${invoice.status}; the page is filtered to ${page.status}`);
    }
    if (invoice.currencyIsoCode !== page.invoices[0].currencyIsoCode) {
      report(
        `${at}/currencyIsoCode`,
        `is ${invoice.currencyIsoCode}; invoice 0 is in ${page.invoices[0].currencyIsoCode} and the totals add one currency`
      );
    } else if (!CURRENCY_CODE.test(invoice.currencyIsoCode)) {
      report(
        `${at}/currencyIsoCode`,
        `"${invoice.currencyIsoCode}" is not an ISO 4217 currency code`
      );
    }
    if (invoice.erpOrderId !== null && invoice.erpOrderId.trim() === '') {
      report(`${at}/erpOrderId`, 'is blank; null when the invoice bills no ERP order');
    }
    const datesValid = checkInvoiceDates(invoice, at, report);
    if (datesValid && index > 0) {
      const previous = page.invoices[index - 1];
      if (isIsoDate(previous.dueDate) && invoice.dueDate > previous.dueDate) {
        report(
          `${at}/dueDate`,
          `${invoice.dueDate} is after ${previous.dueDate}, the due date of invoice ${index - 1}; the page lists the newest due date first`
        );
      }
    }
    checkInvoiceAmounts(invoice, at, report);
    checkInvoiceOverdue(invoice, datesValid && asOfValid ? page.asOf : undefined, at, report);
  });
  checkInvoicePageTotals(page, paging, report);
  return findings;
}

/** Checks page, page size and count; true when they are consistent. */
function checkInvoicePaging(
  page: ErpInvoicePage,
  report: (pointer: string, message: string) => void
): boolean {
  const pageValid = checkCount(page.page, '/page', 0, report);
  let sizeValid = checkCount(page.pageSize, '/pageSize', 1, report);
  if (sizeValid && page.pageSize > MAX_INVOICE_PAGE_SIZE) {
    report('/pageSize', `is ${page.pageSize}; at most ${MAX_INVOICE_PAGE_SIZE}`);
    sizeValid = false;
  }
  if (sizeValid && page.invoices.length > page.pageSize) {
    report(
      '/invoices',
      `holds ${page.invoices.length} invoices; the page size is ${page.pageSize}`
    );
    sizeValid = false;
  }
  if (!checkCount(page.totalCount, '/totalCount', 0, report) || !pageValid || !sizeValid) {
    return false;
  }
  const least = page.page * page.pageSize + page.invoices.length;
  if (page.invoices.length > 0 && page.totalCount < least) {
    report(
      '/totalCount',
      `is ${page.totalCount}; page ${page.page} of size ${page.pageSize} with ${page.invoices.length} invoice(s) means at least ${least}`
    );
    return false;
  }
  return true;
}

/** Checks the dates of an invoice; true when both are real dates. */
function checkInvoiceDates(
  invoice: ErpInvoice,
  at: string,
  report: (pointer: string, message: string) => void
): boolean {
  const issueValid = isIsoDate(invoice.issueDate);
  const dueValid = isIsoDate(invoice.dueDate);
  if (!issueValid) {
    report(`${at}/issueDate`, `"${invoice.issueDate}" is not a date YYYY-MM-DD`);
  }
  if (!dueValid) {
    report(`${at}/dueDate`, `"${invoice.dueDate}" is not a date YYYY-MM-DD`);
  }
  if (issueValid && dueValid && invoice.dueDate < invoice.issueDate) {
    report(`${at}/dueDate`, `${invoice.dueDate} is before the issue date ${invoice.issueDate}`);
  }
  return issueValid && dueValid;
}

function checkInvoiceAmounts(
  invoice: ErpInvoice,
  at: string,
  report: (pointer: string, message: string) => void
): void {
  const amountValid = checkAmount(invoice.amount, `${at}/amount`, report);
  if (!checkAmount(invoice.openAmount, `${at}/openAmount`, report)) {
    return;
  }
  if (amountValid && cents(invoice.openAmount) > cents(invoice.amount)) {
    report(
      `${at}/openAmount`,
      `is ${invoice.openAmount}, above the invoiced amount ${invoice.amount}`
    );
  }
  if (invoice.status === 'PAID' && invoice.openAmount !== 0) {
    report(`${at}/openAmount`, `is ${invoice.openAmount}; a PAID invoice has nothing open`);
  }
}

function checkInvoiceOverdue(
  invoice: ErpInvoice,
  asOf: string | undefined,
  at: string,
  report: (pointer: string, message: string) => void
): void {
  const due = asOf === undefined ? undefined : daysOverdueOf(invoice.dueDate, asOf);
  const days = invoice.daysOverdue;
  if (invoice.status !== 'OVERDUE') {
    if (days !== 0) {
      report(`${at}/daysOverdue`, `is ${days}; only an OVERDUE invoice has days overdue`);
    }
    if (invoice.status === 'OPEN' && due !== undefined && due > 1) {
      report(
        `${at}/status`,
        `is OPEN, but the invoice was ${due} days past its due date ${invoice.dueDate} at asOf; an unpaid invoice after its due date is OVERDUE`
      );
    }
    return;
  }
  const expected = due === undefined ? '' : ` (${due} days at asOf)`;
  if (!Number.isInteger(days) || days < 1) {
    report(
      `${at}/daysOverdue`,
      `is ${days}; an OVERDUE invoice is past its due date by a whole number of days, at least 1${expected}`
    );
  } else if (due !== undefined && Math.abs(days - due) > 1) {
    report(
      `${at}/daysOverdue`,
      `is ${days}; from the due date ${invoice.dueDate} to asOf are ${due} days`
    );
  }
}

function checkInvoicePageTotals(
  page: ErpInvoicePage,
  paging: boolean,
  report: (pointer: string, message: string) => void
): void {
  const { totals } = page;
  const sums = invoiceTotals(page.invoices);
  const names = ['amount', 'openAmount', 'overdueAmount'] as const;
  const valid = names.map((name) => checkAmount(totals[name], `/totals/${name}`, report));
  if (valid.includes(false)) {
    return;
  }
  if (cents(totals.openAmount) > cents(totals.amount)) {
    report(
      '/totals/openAmount',
      `is ${totals.openAmount}, above the total amount ${totals.amount}`
    );
  }
  if (cents(totals.overdueAmount) > cents(totals.openAmount)) {
    report(
      '/totals/overdueAmount',
      `is ${totals.overdueAmount}, above the total open amount ${totals.openAmount}`
    );
  }
  const all = paging && page.page === 0 && page.totalCount === page.invoices.length;
  for (const name of names) {
    if (all && cents(totals[name]) !== cents(sums[name])) {
      report(
        `/totals/${name}`,
        `is ${totals[name]}; the page holds all ${page.totalCount} matching invoices and they add up to ${sums[name]}`
      );
    } else if (!all && cents(totals[name]) < cents(sums[name])) {
      report(
        `/totals/${name}`,
        `is ${totals[name]}, below ${sums[name]} of this page alone; the totals cover every matching invoice`
      );
    }
  }
}

/**
 * Checks an order status answer beyond its type: the current status and every step's status are
 * values of the `Order.ERP_Status__c` picklist; the history is not empty, its sequences are
 * positive whole numbers, strictly ascending, its times UTC with milliseconds and ascending, and
 * each step is the same status as the one before or reachable from it along the ERP transitions
 * of the order lifecycle (the first from `Submitted`); the last step is the current status and
 * sequence; the ERP read the order after the last change; tracking numbers are unique and the
 * expected delivery date is a real date.
 *
 * @param detail - a valid `ErpOrderStatusDetail`
 * @param model - the project's metadata (for the picklist)
 * @returns the findings (empty when consistent)
 */
export function checkInquiryOrderStatus(
  detail: ErpOrderStatusDetail,
  model: MetadataModel
): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'orderStatus', pointer, message });
  };
  const picklist = picklistValuesOf(model, ERP_STATUS_FIELD.object, ERP_STATUS_FIELD.field);
  if (detail.erpOrderId.trim() === '') {
    report('/erpOrderId', 'is blank');
  }
  checkPicklistValue(detail.status, picklist, ERP_STATUS_FIELD, '/status', report);
  checkOrderHistory(detail, picklist, report);
  const last = detail.history.at(-1);
  if (last === undefined) {
    report('/history', `is empty; it ends with the current status ${detail.status}`);
  } else {
    if (last.status !== detail.status) {
      report(
        '/status',
        `is ${detail.status}; the last history step (sequence ${last.sequence}) is ${last.status}`
      );
    }
    if (last.sequence !== detail.sequence) {
      report(
        '/sequence',
        `is ${detail.sequence}; the last history step has sequence ${last.sequence}`
      );
    }
  }
  if (
    checkUtcMillis(detail.asOf, '/asOf', report) &&
    last !== undefined &&
    isUtcMillis(last.occurredAt) &&
    detail.asOf < last.occurredAt
  ) {
    report(
      '/asOf',
      `is before the last change (${last.occurredAt}); the ERP read the order after it`
    );
  }
  const tracking = new Set<string>();
  detail.trackingNumbers.forEach((number, index) => {
    if (number.trim() === '') {
      report(`/trackingNumbers/${index}`, 'is blank');
    } else if (tracking.has(number)) {
      report(`/trackingNumbers/${index}`, `"${number}" is listed twice`);
    }
    tracking.add(number);
  });
  if (detail.expectedDeliveryDate !== null && !isIsoDate(detail.expectedDeliveryDate)) {
    report('/expectedDeliveryDate', `"${detail.expectedDeliveryDate}" is not a date YYYY-MM-DD`);
  }
  return findings;
}

/** The status an order has before the ERP's first change: submitted by Salesforce. */
const STATUS_BEFORE_HISTORY = 'Submitted';

function checkOrderHistory(
  detail: ErpOrderStatusDetail,
  picklist: readonly string[] | undefined,
  report: (pointer: string, message: string) => void
): void {
  let status = STATUS_BEFORE_HISTORY;
  detail.history.forEach((step, index) => {
    const at = `/history/${index}`;
    const previous = index === 0 ? undefined : detail.history[index - 1];
    checkPicklistValue(step.status, picklist, ERP_STATUS_FIELD, `${at}/status`, report);
    if (!Number.isInteger(step.sequence) || step.sequence < 1) {
      report(`${at}/sequence`, `is ${step.sequence}; sequences are positive whole numbers`);
    } else if (previous !== undefined && step.sequence <= previous.sequence) {
      report(
        `${at}/sequence`,
        `is ${step.sequence}, not above ${previous.sequence} of step ${index - 1}; the history is in ascending sequence order`
      );
    }
    if (
      checkUtcMillis(step.occurredAt, `${at}/occurredAt`, report) &&
      previous !== undefined &&
      isUtcMillis(previous.occurredAt) &&
      step.occurredAt < previous.occurredAt
    ) {
      report(
        `${at}/occurredAt`,
        `is before ${previous.occurredAt} of step ${index - 1}; the history is oldest first`
      );
    }
    if (step.status !== status && !reachableErpStatuses(status).includes(step.status)) {
      report(
        `${at}/status`,
        `${step.status} is not reachable along the order lifecycle from ${status}${index === 0 ? ' (a submitted order)' : `, the status of step ${index - 1}`}`
      );
    }
    status = step.status;
    if (step.note !== null && step.note.trim() === '') {
      report(`${at}/note`, 'is blank; null when there is no note');
    }
  });
}

/**
 * Checks an inquiry refusal beyond its type: at least one reason, each with an upper-case code
 * (`NOT_FOUND`) and a message.
 *
 * @param error - a valid `ErpInquiryErrorResponse`
 * @returns the findings (empty when consistent)
 */
export function checkInquiryError(error: ErpInquiryErrorResponse): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'error', pointer, message });
  };
  if (error.errors.length === 0) {
    report('/errors', 'is empty; a refusal gives at least one reason');
  }
  error.errors.forEach((reason, index) => {
    if (!ERROR_CODE.test(reason.code)) {
      report(`/errors/${index}/code`, `"${reason.code}" is not an upper-case code like NOT_FOUND`);
    }
    if (reason.message.trim() === '') {
      report(`/errors/${index}/message`, 'is blank');
    }
  });
  return findings;
}

/**
 * Checks that the credit summary and the invoice page tell one story: the same ERP account and
 * currency, and the invoices' open and overdue totals are the credit summary's open and overdue
 * balances (for the filter `ALL`; a narrower filter covers at most those balances).
 *
 * @param credit - a valid `ErpCreditSummary`
 * @param page - a valid `ErpInvoicePage`
 * @returns the findings, reported on the invoice page (empty when consistent)
 */
export function checkInquiryScenario(credit: ErpCreditSummary, page: ErpInvoicePage): Finding[] {
  const findings: Finding[] = [];
  const report = (pointer: string, message: string): void => {
    findings.push({ role: 'invoices', pointer, message });
  };
  if (page.erpAccountId !== credit.erpAccountId) {
    report(
      '/erpAccountId',
      `is "${page.erpAccountId}"; the credit summary is about "${credit.erpAccountId}"`
    );
    return findings;
  }
  page.invoices.forEach((invoice, index) => {
    if (invoice.currencyIsoCode !== credit.currencyIsoCode) {
      report(
        `/invoices/${index}/currencyIsoCode`,
        `is ${invoice.currencyIsoCode}; the credit summary is in ${credit.currencyIsoCode}`
      );
    }
  });
  const pairs = [
    ['openAmount', 'openBalance'],
    ['overdueAmount', 'overdueBalance']
  ] as const;
  for (const [total, balance] of pairs) {
    const a = cents(page.totals[total]);
    const b = cents(credit[balance]);
    if (page.status === 'ALL' && a !== b) {
      report(
        `/totals/${total}`,
        `is ${page.totals[total]}; the credit summary's ${balance} is ${credit[balance]}`
      );
    } else if (page.status !== 'ALL' && a > b) {
      report(
        `/totals/${total}`,
        `is ${page.totals[total]}, above the credit summary's ${balance} ${credit[balance]}`
      );
    }
  }
  return findings;
}

/** The error codes declared by the Apex class. */
export interface ApexErrorCatalogue {
  /** `REQUEST_CODES`, in order. */
  readonly requestCodes: readonly string[];
  /** `RECORD_CODES`, in order. */
  readonly recordCodes: readonly string[];
  /** `HTTP_STATUS_BY_REQUEST_CODE`, in declaration order. */
  readonly httpStatusByRequestCode: ReadonlyMap<string, number>;
}

/**
 * Reads the error-code lists and the status map out of `InboundErrorCode.cls`. Items may be the
 * class's `static final String` constants or string literals; comments are ignored.
 *
 * @param source - the Apex source
 * @returns the lists and the map
 * @throws Error naming what is missing or what an item refers to that is not a constant
 */
export function parseApexErrorCodes(source: string): ApexErrorCatalogue {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const constants = new Map<string, string>();
  for (const m of code.matchAll(
    /\bstatic\s+final\s+String\s+(\w+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*;/gi
  )) {
    constants.set(m[1].toLowerCase(), m[2]);
  }
  const resolve = (item: string, where: string): string => {
    const literal = /^'((?:[^'\\]|\\.)*)'$/.exec(item);
    if (literal) {
      return literal[1];
    }
    const value = constants.get(item.toLowerCase());
    if (value === undefined) {
      throw new Error(`${where}: ${item} is not a String constant of the class`);
    }
    return value;
  };
  const initializer = (name: string, type: string): string[] => {
    const m = new RegExp(`\\b${type}\\s+${name}\\s*=\\s*new\\s+${type}\\s*\\{([^}]*)\\}`, 'i').exec(
      code
    );
    if (!m) {
      throw new Error(`no ${name} initialised with new ${type.replace(/\\s\*/g, '')}{…}`);
    }
    return m[1]
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  };
  const list = (name: string): string[] =>
    initializer(name, 'List\\s*<\\s*String\\s*>').map((item) => resolve(item, name));
  const requestCodes = list('REQUEST_CODES');
  const recordCodes = list('RECORD_CODES');
  const statuses = new Map<string, number>();
  for (const entry of initializer(
    'HTTP_STATUS_BY_REQUEST_CODE',
    'Map\\s*<\\s*String\\s*,\\s*Integer\\s*>'
  )) {
    const m = /^(.+?)\s*=>\s*(\d+)$/.exec(entry);
    if (!m) {
      throw new Error(`HTTP_STATUS_BY_REQUEST_CODE: cannot read the entry "${entry}"`);
    }
    statuses.set(resolve(m[1], 'HTTP_STATUS_BY_REQUEST_CODE'), Number(m[2]));
  }
  return { requestCodes, recordCodes, httpStatusByRequestCode: statuses };
}

/**
 * Compares the Apex error codes with the TypeScript catalogue: the same codes in the same order,
 * and the same HTTP status for every request code.
 *
 * @param apex - from {@link parseApexErrorCodes}
 * @param requestCodes - the TypeScript request catalogue (`REQUEST_ERROR_CODES`)
 * @param recordCodes - the TypeScript record catalogue (`RECORD_ERROR_CODES`)
 * @returns one line per difference; empty when they agree
 */
export function compareErrorCatalogues(
  apex: ApexErrorCatalogue,
  requestCodes: Readonly<Record<string, { readonly httpStatus: number }>>,
  recordCodes: Readonly<Record<string, unknown>>
): string[] {
  const differences = [
    ...compareLists('REQUEST_CODES', apex.requestCodes, Object.keys(requestCodes)),
    ...compareLists('RECORD_CODES', apex.recordCodes, Object.keys(recordCodes))
  ];
  for (const [code, info] of Object.entries(requestCodes)) {
    const status = apex.httpStatusByRequestCode.get(code);
    if (status === undefined) {
      differences.push(
        `HTTP_STATUS_BY_REQUEST_CODE has no status for ${code} (TypeScript: ${info.httpStatus})`
      );
    } else if (status !== info.httpStatus) {
      differences.push(`${code}: HTTP ${status} in Apex, ${info.httpStatus} in TypeScript`);
    }
  }
  for (const code of apex.httpStatusByRequestCode.keys()) {
    if (!(code in requestCodes)) {
      differences.push(
        `HTTP_STATUS_BY_REQUEST_CODE maps ${code}, which is not a TypeScript request code`
      );
    }
  }
  return differences;
}

function compareLists(name: string, apex: readonly string[], ts: readonly string[]): string[] {
  const differences: string[] = [];
  const missingInTs = apex.filter((c) => !ts.includes(c));
  const missingInApex = ts.filter((c) => !apex.includes(c));
  if (missingInTs.length > 0) {
    differences.push(`${name}: ${missingInTs.join(', ')} in Apex but not in TypeScript`);
  }
  if (missingInApex.length > 0) {
    differences.push(`${name}: ${missingInApex.join(', ')} in TypeScript but not in Apex`);
  }
  if (differences.length === 0 && apex.join() !== ts.join()) {
    differences.push(
      `${name}: order differs — Apex ${apex.join(', ')}; TypeScript ${ts.join(', ')}`
    );
  }
  return differences;
}

/** One property of an object type of the contract, ready for a docs table. */
export interface SchemaField {
  /** Property name. */
  readonly name: string;
  /** The type in TypeScript-like notation, e.g. `string | null`, `RecordResult[]`. */
  readonly type: string;
  /** Whether the property must be present. */
  readonly required: boolean;
  /** The TSDoc description, on one line; empty when there is none. */
  readonly description: string;
}

/**
 * Lists the properties of an object type of the contract, in declaration order.
 *
 * @param schema - from {@link generateContractSchema}
 * @param typeName - e.g. `RecordResult`
 * @returns the properties
 * @throws Error when the type does not exist or is not an object type
 */
export function schemaFields(schema: JsonSchema, typeName: string): SchemaField[] {
  const definition = schema.definitions?.[typeName];
  if (definition?.properties === undefined) {
    throw new Error(`${CONTRACT_TYPES_PATH} has no object type ${typeName}`);
  }
  const required = new Set(definition.required ?? []);
  return Object.entries(definition.properties).map(([name, node]) => ({
    name,
    type: schemaTypeText(schema, node),
    required: required.has(name),
    description: plainDescription(node.description ?? '')
  }));
}

/**
 * The description of a type of the contract, on one line.
 *
 * @param schema - from {@link generateContractSchema}
 * @param typeName - e.g. `RecordUpsertRequest`
 * @returns the TSDoc text; empty when there is none
 */
export function schemaDescription(schema: JsonSchema, typeName: string): string {
  return plainDescription(schema.definitions?.[typeName]?.description ?? '');
}

const MAX_INLINE_ENUM = 4;

/**
 * Renders a schema node as a TypeScript-like type: enums and constants as their literal values
 * (behind a `$ref` only when they have at most four), other named types by name, arrays as `T[]`,
 * maps as `Record<string, T>`.
 *
 * @param schema - the whole schema (to follow `$ref`s)
 * @param node - the node
 * @returns e.g. `"created" | "updated"`, `RecordError[]`, `string | null`
 */

export function schemaTypeText(schema: JsonSchema, node: JsonSchema): string {
  if (node.$ref !== undefined) {
    const name = decodeURIComponent(node.$ref.replace('#/definitions/', ''));
    const target = schema.definitions?.[name];
    if (target?.enum !== undefined && target.enum.length <= MAX_INLINE_ENUM) {
      return schemaTypeText(schema, target);
    }
    return name;
  }
  if (node.enum !== undefined) {
    return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  }
  if (node.const !== undefined) {
    return JSON.stringify(node.const);
  }
  if (node.anyOf !== undefined) {
    return node.anyOf.map((n) => schemaTypeText(schema, n)).join(' | ');
  }
  const types = node.type === undefined ? [] : ([] as string[]).concat(node.type);
  return types
    .map((type) => {
      if (type === 'array') {
        return `${node.items === undefined ? 'unknown' : schemaTypeText(schema, node.items)}[]`;
      }
      if (type === 'object' && typeof node.additionalProperties === 'object') {
        return `Record<string, ${schemaTypeText(schema, node.additionalProperties)}>`;
      }
      return type;
    })
    .join(' | ');
}

function plainDescription(text: string): string {
  return text
    .replace(/\{\s*@link\s+([^}\s]+)\s*\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .replace(/ ([:;,.])/g, '$1')
    .trim();
}
