import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyMetadataProject } from './support/temp-project.js';
import {
  MARKETING_CAMPAIGNS_API_PATH,
  ORDER_ACKNOWLEDGEMENTS_API_PATH,
  ORDER_ACKNOWLEDGEMENT_ERROR_CODES,
  RECORDS_API_PATH,
  RECORD_ERROR_CODES,
  REQUEST_ERROR_CODES
} from '../../types/contract/error-codes.js';
import type {
  OrderAcknowledgementsRequest,
  OrderStatusEvent,
  OrderSubmittedEventExample
} from '../../types/contract/orders.js';
import type {
  CampaignMemberUpsertRequest,
  LeadConvertedEvent,
  MarketingUpsertResponse
} from '../../types/contract/marketing.js';
import type {
  ErrorResponse,
  RecordChangedEventExample,
  RecordUpsertRequest,
  RecordUpsertResponse
} from '../../types/contract/record-sync.js';
import { readIntegrationConfig, type IntegrationConfig } from '../docs/integration-config.js';
import {
  DELIVERY_ANSWER_CLASSES,
  DELIVERY_CHANGES_PATH,
  DELIVERY_HEADERS,
  DELIVERY_ORDERS_PATH,
  RECONCILIATION_IDS_PATH,
  RECONCILIATION_LOOKUP_PATH,
  type DeliveryErrorResponse,
  type ReconciliationIdsPage,
  type ReconciliationLookupResponse,
  type RecordChangeDelivery
} from '../../types/contract/operations.js';
import {
  INQUIRY_CREDIT_PATH,
  INQUIRY_INVOICES_PATH,
  INQUIRY_ORDER_STATUS_PATH,
  MAX_INVOICE_PAGE_SIZE,
  type ErpCreditSummary,
  type ErpInquiryErrorResponse,
  type ErpInvoice,
  type ErpInvoicePage,
  type ErpOrderStatusDetail
} from '../../types/contract/inquiry.js';
import {
  CREDIT_STATUS_FIELD,
  INQUIRY_FIXTURES,
  INQUIRY_TYPES_FILE,
  INQUIRY_TYPES_PATH,
  checkInquiryCredit,
  checkInquiryError,
  checkInquiryFixtures,
  checkInquiryInvoices,
  checkInquiryOrderStatus,
  checkInquiryScenario,
  compareInvoices,
  daysOverdueOf,
  invoicePageOf,
  invoiceTotals,
  loadInquiryFixtures,
  matchesInvoiceFilter,
  picklistValuesOf,
  type InquiryFixtureRole,
  APEX_ERROR_CODES_PATH,
  MAX_RECONCILIATION_PAGE_SIZE,
  OPERATIONS_FIXTURES,
  OPERATIONS_TYPES_FILE,
  OPERATIONS_TYPES_PATH,
  checkDeliveryErrorResponse,
  checkOperationsFixtures,
  checkReconciliationIds,
  checkReconciliationLookup,
  checkReconciliationScenario,
  checkRecordChangeDelivery,
  comparedFieldsOf,
  deliveryErrorClassOf,
  isDeliveredToErp,
  loadOperationsFixtures,
  plainDecimal,
  reconciledObjects,
  reconciliationCanonicalJson,
  reconciliationChecksum,
  usesDirectCallout,
  type OperationsFixtureRole,
  CAMPAIGN_MEMBERS_OBJECT,
  CAMPAIGN_MEMBER_IDENTITY_FIELDS,
  CONTRACT_FIXTURES,
  ContractValidator,
  MARKETING_API_PATHS,
  MARKETING_CAMPAIGNS_OBJECT,
  MARKETING_FIXTURES,
  MARKETING_LEADS_OBJECT,
  MARKETING_TYPES_FILE,
  MARKETING_TYPES_PATH,
  ORDER_FIXTURES,
  ORDER_TYPES_FILE,
  ORDER_TYPES_PATH,
  acknowledgedOrders,
  campaignMemberKey,
  checkOrderAcknowledgements,
  checkOrderFixtures,
  checkOrderStatusEvents,
  checkOrderSubmitted,
  integrationKeyOf,
  loadOrderFixtures,
  parseIntegrationKey,
  replayOrderStatusEvents,
  changedFieldsJson,
  checkCampaignMembersExchange,
  checkContractFixtures,
  checkErrorResponse,
  checkLeadConvertedEvent,
  checkMarketingFixtures,
  checkMarketingLeadsExchange,
  checkMarketingScenario,
  checkRecordChangedEvent,
  checkUpsertExchange,
  compareErrorCatalogues,
  fieldsByCanonicalName,
  findIntegrationObject,
  generateContractSchema,
  isIsoDateTime,
  isSalesforceId,
  isWrittenByMarketingApi,
  jsonTypeOf,
  loadContractFixtures,
  loadMarketingFixtures,
  matchesJsonType,
  parseApexErrorCodes,
  schemaFields,
  schemaTypeText,
  type FixtureRole,
  type JsonSchema,
  type MarketingFixtureRole,
  type OrderFixtureRole
} from '../lib/contract.js';
import {
  APEX_LIFECYCLE_PATH,
  compareLifecycleWithApex,
  erpReportedStatuses,
  erpStatusTransitions,
  parseApexLifecycle
} from '../docs/order-lifecycle.js';
import {
  findField,
  loadMetadataModel,
  type FieldMetadata,
  type MetadataModel
} from '../lib/metadata-model.js';

const MAIN_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STATIC_RESOURCES = 'force-app/main/default/staticresources';
const BROKEN = path.join(MAIN_ROOT, 'test-fixtures/contract');

/** Copies the repository's metadata and contract fixtures to a temp dir a test may change. */
function copyProject(): string {
  return copyMetadataProject('contract');
}

function readFixture<T>(role: FixtureRole): T {
  const file = path.join(MAIN_ROOT, STATIC_RESOURCES, `${CONTRACT_FIXTURES[role].name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function readMarketingFixture<T>(role: MarketingFixtureRole): T {
  const file = path.join(MAIN_ROOT, STATIC_RESOURCES, `${MARKETING_FIXTURES[role].name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function readOrderFixture<T>(role: OrderFixtureRole): T {
  const file = path.join(MAIN_ROOT, STATIC_RESOURCES, `${ORDER_FIXTURES[role].name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function readOperationsFixture<T>(role: OperationsFixtureRole): T {
  const file = path.join(MAIN_ROOT, STATIC_RESOURCES, `${OPERATIONS_FIXTURES[role].name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function readInquiryFixture<T>(role: InquiryFixtureRole): T {
  const file = path.join(MAIN_ROOT, STATIC_RESOURCES, `${INQUIRY_FIXTURES[role].name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

let schema: JsonSchema;
let validator: ContractValidator;
let model: MetadataModel;
let config: IntegrationConfig;
let request: RecordUpsertRequest;
let response: RecordUpsertResponse;
let errorResponse: ErrorResponse;
let event: RecordChangedEventExample;
let marketingSchema: JsonSchema;
let marketingValidator: ContractValidator;
let leadsRequest: RecordUpsertRequest;
let leadsResponse: MarketingUpsertResponse;
let membersRequest: CampaignMemberUpsertRequest;
let membersResponse: MarketingUpsertResponse;
let leadConverted: LeadConvertedEvent;
let orderSchema: JsonSchema;
let orderValidator: ContractValidator;
let submitted: OrderSubmittedEventExample;
let acksRequest: OrderAcknowledgementsRequest;
let acksResponse: RecordUpsertResponse;
let statusEvents: OrderStatusEvent[];
let operationsSchema: JsonSchema;
let operationsValidator: ContractValidator;
let delivery: RecordChangeDelivery;
let deliveryError: DeliveryErrorResponse;
let lookup: ReconciliationLookupResponse;
let idsPage: ReconciliationIdsPage;
let inquirySchema: JsonSchema;
let inquiryValidator: ContractValidator;
let credit: ErpCreditSummary;
let invoicePage: ErpInvoicePage;
let orderStatus: ErpOrderStatusDetail;
let inquiryError: ErpInquiryErrorResponse;

before(() => {
  schema = generateContractSchema();
  validator = new ContractValidator(schema);
  model = loadMetadataModel(MAIN_ROOT);
  config = readIntegrationConfig(model);
  request = readFixture('request');
  response = readFixture('response');
  errorResponse = readFixture('error');
  event = readFixture('event');
  marketingSchema = generateContractSchema(MARKETING_TYPES_FILE);
  marketingValidator = new ContractValidator(marketingSchema, MARKETING_TYPES_PATH);
  leadsRequest = readMarketingFixture('leadsRequest');
  leadsResponse = readMarketingFixture('leadsResponse');
  membersRequest = readMarketingFixture('membersRequest');
  membersResponse = readMarketingFixture('membersResponse');
  leadConverted = readMarketingFixture('leadConverted');
  orderSchema = generateContractSchema(ORDER_TYPES_FILE);
  orderValidator = new ContractValidator(orderSchema, ORDER_TYPES_PATH);
  submitted = readOrderFixture('orderSubmitted');
  acksRequest = readOrderFixture('acknowledgementsRequest');
  acksResponse = readOrderFixture('acknowledgementsResponse');
  statusEvents = readOrderFixture('statusEvents');
  operationsSchema = generateContractSchema(OPERATIONS_TYPES_FILE);
  operationsValidator = new ContractValidator(operationsSchema, OPERATIONS_TYPES_PATH);
  delivery = readOperationsFixture('deliveryRecordChange');
  deliveryError = readOperationsFixture('deliveryError');
  lookup = readOperationsFixture('reconciliationLookup');
  idsPage = readOperationsFixture('reconciliationIds');
  inquirySchema = generateContractSchema(INQUIRY_TYPES_FILE);
  inquiryValidator = new ContractValidator(inquirySchema, INQUIRY_TYPES_PATH);
  credit = readInquiryFixture('credit');
  invoicePage = readInquiryFixture('invoices');
  orderStatus = readInquiryFixture('orderStatus');
  inquiryError = readInquiryFixture('error');
});

/** Messages of the findings, `<role> <pointer>: <message>`. */
function findings(list: readonly { role: string; pointer: string; message: string }[]): string[] {
  return list.map((f) => `${f.role} ${f.pointer}: ${f.message}`);
}

describe('the contract schema generated from types/contract/record-sync.ts', () => {
  it('has a definition for every exported type', () => {
    for (const name of [
      'RecordUpsertRequest',
      'RecordUpsertInput',
      'RecordUpsertResponse',
      'RecordResult',
      'RecordError',
      'IgnoredField',
      'RecordUpsertSummary',
      'ErrorResponse',
      'RecordChangedEvent',
      'RecordChangedEventExample',
      'CanonicalFields',
      'FieldValue'
    ]) {
      assert.ok(schema.definitions?.[name], `no definition for ${name}`);
    }
  });

  it('closes every interface, so an extra or misspelt property fails', () => {
    for (const [name, definition] of Object.entries(schema.definitions!)) {
      if (definition.properties !== undefined) {
        assert.equal(definition.additionalProperties, false, name);
      }
    }
  });

  it('lists the error codes in the same order as the catalogue', () => {
    assert.deepEqual(schema.definitions!.RequestErrorCode.enum, Object.keys(REQUEST_ERROR_CODES));
    assert.deepEqual(schema.definitions!.RecordErrorCode.enum, Object.keys(RECORD_ERROR_CODES));
  });

  it('describes properties for the docs', () => {
    const fields = schemaFields(schema, 'RecordResult');
    assert.deepEqual(
      fields.map((f) => [f.name, f.type, f.required]),
      [
        ['index', 'number', true],
        ['externalId', 'string | null', true],
        ['id', 'string | null', true],
        ['outcome', '"created" | "updated" | "unchanged" | "rejected"', true],
        ['errors', 'RecordError[]', true],
        ['ignoredFields', 'IgnoredField[]', true],
        ['seededFields', 'string[]', true]
      ]
    );
    assert.equal(schemaFields(schema, 'RecordUpsertRequest')[0].required, false);
    const changed = schemaFields(schema, 'RecordChangedEvent').find(
      (f) => f.name === 'Changed_Fields__c'
    );
    assert.match(changed!.description, /^JSON text of `CanonicalFields`: the changed/);
    assert.equal(
      schemaFields(schema, 'ErrorResponse').find((f) => f.name === 'details')!.type,
      'Record<string, FieldValue> | null'
    );
    assert.equal(schemaFields(schema, 'RecordError')[0].type, 'RecordErrorCode');
    assert.throws(() => schemaFields(schema, 'FieldValue'), /has no object type FieldValue/);
    assert.equal(
      schemaTypeText(schema, { anyOf: [{ type: 'string' }, { type: 'null' }] }),
      'string | null'
    );
    assert.equal(schemaTypeText(schema, { type: 'array' }), 'unknown[]');
  });

  it('is generated once per file', () => {
    assert.equal(generateContractSchema(), schema);
  });
});

describe('the canonical fixtures (static resources shared with the Apex tests)', () => {
  it('are found in the static resources, one per role', () => {
    const { fixtures, problems } = loadContractFixtures(model);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      fixtures.map((f) => [f.role, f.filePath]),
      (Object.keys(CONTRACT_FIXTURES) as FixtureRole[]).map((role) => [
        role,
        `${STATIC_RESOURCES}/${CONTRACT_FIXTURES[role].name}.json`
      ])
    );
  });

  it('each match their TypeScript type', () => {
    assert.deepEqual(validator.validate('RecordUpsertRequest', request), []);
    assert.deepEqual(validator.validate('RecordUpsertResponse', response), []);
    assert.deepEqual(validator.validate('ErrorResponse', errorResponse), []);
    assert.deepEqual(validator.validate('RecordChangedEventExample', event), []);
  });

  it('pass every semantic check', () => {
    assert.deepEqual(checkContractFixtures(model, config, validator).problems, []);
  });

  it('keep the scenario the Apex tests rely on', () => {
    assert.equal(request.allOrNone, false);
    assert.deepEqual(
      request.records.map((r) => [r.externalId, r.modifiedAt, Object.keys(r.fields).length]),
      [
        ['ERP-C-1001', '2026-03-02T09:15:00Z', 7],
        ['ERP-C-1002', '2026-03-02T09:20:00Z', 3],
        ['ERP-C-1003', '2026-03-01T08:00:00Z', 1]
      ]
    );
    assert.deepEqual(request.records[0].fields, {
      creditStatus: 'Good Standing',
      creditLimit: 50000,
      openBalance: 12500.5,
      overdueBalance: 0,
      paymentTerms: 'Net 30',
      taxId: 'DE811234567',
      name: 'Nordwind Handel GmbH'
    });
    assert.deepEqual(response.summary, { created: 1, updated: 1, unchanged: 0, rejected: 1 });
    assert.equal(response.correlationId, '7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0f37');
    assert.equal(response.idempotencyKey, 'erp-sync-2026-03-02-0915-accounts');
    assert.deepEqual(response.results[2].errors, [
      {
        code: 'STALE_UPDATE',
        field: 'modifiedAt',
        statusCode: null,
        message:
          'modifiedAt 2026-03-01T08:00:00.000Z is older than the last applied ERP modification 2026-03-01T12:00:00.000Z; the update was not applied.'
      }
    ]);
    assert.deepEqual(errorResponse, {
      errorCode: 'TOO_MANY_RECORDS',
      message: 'A call carries at most 200 records; this one has 250.',
      details: { limit: 200, received: 250 },
      correlationId: '7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0f37'
    });
    assert.equal(event.event.Record_ID__c, response.results[1].id, 'the event is about ERP-C-1002');
    assert.equal(event.event.External_ID__c, 'ERP-C-1002');
  });

  it('line results up with the request records and the summary with the outcomes', () => {
    assert.equal(response.results.length, request.records.length);
    response.results.forEach((result, index) => {
      assert.equal(result.index, index);
      assert.equal(result.externalId, request.records[index].externalId);
      assert.equal(result.errors.length > 0, result.outcome === 'rejected', `result ${index}`);
      if (result.outcome !== 'created') {
        assert.deepEqual(result.seededFields, [], `result ${index}`);
      }
      assert.ok(result.id !== null && isSalesforceId(result.id), `result ${index} id`);
    });
    for (const outcome of ['created', 'updated', 'unchanged', 'rejected'] as const) {
      assert.equal(
        response.summary[outcome],
        response.results.filter((r) => r.outcome === outcome).length,
        outcome
      );
    }
  });

  it('use only canonical names of Field_Ownership__mdt, with their owners', () => {
    const account = findIntegrationObject(config, response.object)!;
    const fields = fieldsByCanonicalName(config, account);
    for (const record of request.records) {
      for (const name of Object.keys(record.fields)) {
        assert.ok(fields.has(name), `${name} is not a canonical field of Account`);
      }
    }
    for (const result of response.results) {
      for (const ignored of result.ignoredFields) {
        assert.equal(ignored.owner, fields.get(ignored.field)?.owner, ignored.field);
      }
    }
    for (const name of Object.keys(event.changedFields)) {
      assert.equal(fields.get(name)?.owner, 'Salesforce', name);
    }
  });

  it('carry Changed_Fields__c as the sorted compact JSON of changedFields', () => {
    const text = event.event.Changed_Fields__c;
    assert.deepEqual(JSON.parse(text), event.changedFields);
    const keys = Object.keys(JSON.parse(text) as object);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(text, '{"billingCity":"Hamburg","phone":"+49 40 1234567"}');
    assert.equal(changedFieldsJson(event.changedFields), text);
  });
});

describe('the marketing contract schema generated from types/contract/marketing.ts', () => {
  it('has a definition for every marketing type and the shared types they use', () => {
    for (const name of [
      'MarketingLeadsRequest',
      'MarketingCampaignsRequest',
      'MarketingCampaignsResponse',
      'CampaignMemberUpsertRequest',
      'CampaignMemberInput',
      'RedirectTarget',
      'MarketingRecordResult',
      'MarketingUpsertResponse',
      'LeadConvertedEvent',
      'RecordUpsertRequest',
      'RecordUpsertInput',
      'RecordError',
      'IgnoredField',
      'RecordUpsertSummary'
    ]) {
      assert.ok(marketingSchema.definitions?.[name], `no definition for ${name}`);
    }
    for (const [name, definition] of Object.entries(marketingSchema.definitions!)) {
      if (definition.properties !== undefined) {
        assert.equal(definition.additionalProperties, false, name);
      }
    }
  });

  it('adds redirectedTo after the shared result fields, and the new codes and reason', () => {
    assert.deepEqual(
      schemaFields(marketingSchema, 'MarketingRecordResult').map((f) => [f.name, f.type]),
      [
        ...schemaFields(schema, 'RecordResult').map((f) => [f.name, f.type]),
        ['redirectedTo', 'RedirectTarget | null']
      ]
    );
    assert.deepEqual(
      schemaFields(marketingSchema, 'MarketingUpsertResponse').map((f) => f.name),
      schemaFields(schema, 'RecordUpsertResponse').map((f) => f.name)
    );
    assert.equal(
      schemaFields(marketingSchema, 'MarketingUpsertResponse').at(-1)!.type,
      'MarketingRecordResult[]'
    );
    assert.deepEqual(
      marketingSchema.definitions!.RedirectTarget.properties!.object.const,
      'Contact'
    );
    assert.deepEqual(marketingSchema.definitions!.IgnoredFieldReason.enum, [
      'NOT_OWNED_BY_SENDER',
      'KEY_FIELD',
      'NOT_ON_REDIRECT_TARGET'
    ]);
    assert.deepEqual(
      marketingSchema.definitions!.RecordErrorCode.enum,
      Object.keys(RECORD_ERROR_CODES)
    );
    assert.deepEqual(
      schemaFields(marketingSchema, 'LeadConvertedEvent').map((f) => [f.name, f.type]),
      [
        ['Marketing_Lead_ID__c', 'string'],
        ['Lead_ID__c', 'string'],
        ['Contact_ID__c', 'string'],
        ['Account_ID__c', 'string'],
        ['Opportunity_ID__c', 'string | null'],
        ['Converted_At__c', 'string'],
        ['Correlation_ID__c', 'string']
      ]
    );
  });

  it('gives the campaigns endpoint the records API shapes, without redirectedTo', () => {
    const definitions = marketingSchema.definitions!;
    assert.equal(definitions.MarketingCampaignsRequest.$ref, '#/definitions/RecordUpsertRequest');
    assert.equal(definitions.MarketingCampaignsResponse.$ref, '#/definitions/RecordUpsertResponse');
    assert.deepEqual(
      schemaFields(marketingSchema, 'RecordUpsertResponse').map((f) => [f.name, f.type]),
      schemaFields(schema, 'RecordUpsertResponse').map((f) => [f.name, f.type])
    );
    assert.ok(
      !schemaFields(marketingSchema, 'RecordResult').some((f) => f.name === 'redirectedTo')
    );
    const campaign = {
      allOrNone: false,
      records: [{ externalId: 'MC-1001', modifiedAt: '2026-03-01T08:00:00Z', fields: {} }]
    };
    assert.deepEqual(marketingValidator.validate('MarketingCampaignsRequest', campaign), []);
    const answer = {
      ...clone(response),
      object: 'Campaign',
      canonicalObject: 'campaign'
    };
    assert.deepEqual(marketingValidator.validate('MarketingCampaignsResponse', answer), []);
    assert.deepEqual(
      marketingValidator.validate('MarketingCampaignsResponse', {
        ...answer,
        results: answer.results.map((r) => ({ ...r, redirectedTo: null }))
      }),
      answer.results.map((_, i) => `/results/${i}: unexpected property "redirectedTo"`)
    );
  });

  it('names the marketing types file for an unknown type', () => {
    assert.throws(
      () => marketingValidator.validate('Nope', {}),
      /types\/contract\/marketing\.ts exports no type Nope/
    );
    assert.deepEqual(
      marketingValidator.validate('RedirectTarget', { object: 'Account', id: 'x' }),
      ['/object: must be equal to constant']
    );
  });
});

describe('the marketing fixtures (static resources shared with the Apex tests)', () => {
  it('are found in the static resources, one per role', () => {
    const { fixtures, problems } = loadMarketingFixtures(model);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      fixtures.map((f) => [f.role, f.filePath]),
      (Object.keys(MARKETING_FIXTURES) as MarketingFixtureRole[]).map((role) => [
        role,
        `${STATIC_RESOURCES}/${MARKETING_FIXTURES[role].name}.json`
      ])
    );
  });

  it('each match their TypeScript type and pass every semantic check', () => {
    for (const role of Object.keys(MARKETING_FIXTURES) as MarketingFixtureRole[]) {
      assert.deepEqual(
        marketingValidator.validate(MARKETING_FIXTURES[role].typeName, readMarketingFixture(role)),
        [],
        role
      );
    }
    assert.deepEqual(checkMarketingFixtures(model, config, marketingValidator).problems, []);
    assert.deepEqual(checkMarketingFixtures(model, config).problems, [], 'default validator');
  });

  it('keep the leads scenario the Apex tests rely on', () => {
    assert.equal(leadsRequest.allOrNone, false);
    assert.deepEqual(leadsRequest.records, [
      {
        externalId: 'ML-2001',
        modifiedAt: '2026-03-02T09:15:00Z',
        fields: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          company: 'Analytical Engines Ltd',
          email: 'ada@example.com',
          source: 'Webinar',
          marketingScore: 42,
          emailOptOut: false
        }
      },
      {
        externalId: 'ML-2002',
        modifiedAt: '2026-03-02T09:20:00Z',
        fields: {
          marketingScore: 87,
          emailOptOut: true,
          company: 'Renamed Co',
          source: 'Trade Show'
        }
      },
      {
        externalId: 'ML-2003',
        modifiedAt: '2026-03-02T09:25:00Z',
        fields: { marketingScore: 55, phone: '+44 20 7946 0000' }
      }
    ]);
    assert.equal(leadsResponse.object, 'Lead');
    assert.equal(leadsResponse.canonicalObject, 'lead');
    assert.equal(leadsResponse.idempotencyKey, 'mkt-leads-2026-03-02-0915');
    assert.deepEqual(leadsResponse.summary, { created: 1, updated: 2, unchanged: 0, rejected: 0 });
    assert.deepEqual(
      leadsResponse.results.map((r) => [r.outcome, r.id?.slice(0, 3), r.redirectedTo]),
      [
        ['created', '00Q', null],
        ['updated', '00Q', { object: 'Contact', id: '003Hs00001CtA02IAF' }],
        ['updated', '00Q', null]
      ]
    );
    assert.deepEqual(leadsResponse.results[1].ignoredFields, [
      { field: 'company', owner: 'Marketing', reason: 'NOT_ON_REDIRECT_TARGET' },
      { field: 'source', owner: 'Marketing', reason: 'NOT_ON_REDIRECT_TARGET' }
    ]);
    assert.deepEqual(leadsResponse.results[2].ignoredFields, [
      { field: 'phone', owner: 'Salesforce', reason: 'NOT_OWNED_BY_SENDER' }
    ]);
    assert.ok(leadsResponse.results.every((r) => r.seededFields.length === 0));
  });

  it('keep the campaign-members scenario and the conversion event the Apex tests rely on', () => {
    assert.deepEqual(
      membersRequest.records.map((r) => [r.campaignId, r.leadId, r.modifiedAt, r.fields]),
      [
        ['MC-1001', 'ML-2003', '2026-03-02T10:00:00Z', { status: 'Responded' }],
        ['MC-1001', 'ML-2002', '2026-03-02T10:00:00Z', { status: 'Registered' }],
        ['MC-9999', 'ML-2001', '2026-03-02T10:00:00Z', { status: 'Sent' }]
      ]
    );
    assert.equal(membersResponse.object, 'CampaignMember');
    assert.equal(membersResponse.canonicalObject, 'campaignMember');
    assert.deepEqual(membersResponse.summary, {
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 1
    });
    assert.deepEqual(
      membersResponse.results.map((r) => [r.externalId, r.outcome, r.id?.slice(0, 3) ?? null]),
      [
        ['MC-1001|ML-2003', 'created', '00v'],
        ['MC-1001|ML-2002', 'created', '00v'],
        ['MC-9999|ML-2001', 'rejected', null]
      ]
    );
    assert.deepEqual(
      membersResponse.results.map((r) => r.redirectedTo),
      [null, leadsResponse.results[1].redirectedTo, null]
    );
    assert.deepEqual(membersResponse.results[2].errors, [
      {
        code: 'UNKNOWN_CAMPAIGN',
        field: 'campaignId',
        statusCode: null,
        message: 'No campaign has Marketing_Campaign_ID__c MC-9999.'
      }
    ]);
    membersRequest.records.forEach((record, index) => {
      assert.equal(
        membersResponse.results[index].externalId,
        campaignMemberKey(record.campaignId, record.leadId)
      );
    });
    assert.equal(leadConverted.Marketing_Lead_ID__c, 'ML-2002');
    assert.equal(leadConverted.Lead_ID__c, leadsResponse.results[1].id);
    assert.equal(leadConverted.Contact_ID__c, leadsResponse.results[1].redirectedTo?.id);
    assert.match(leadConverted.Account_ID__c, /^001/);
    assert.equal(leadConverted.Opportunity_ID__c, null);
  });

  it('judge ignored fields by the ownership of the object written: Contact for redirected leads', () => {
    const ownership = (object: string) =>
      fieldsByCanonicalName(config, findIntegrationObject(config, object)!);
    const lead = ownership('Lead');
    const contact = ownership('Contact');
    leadsResponse.results.forEach((result, index) => {
      for (const ignored of result.ignoredFields) {
        const onTarget = (result.redirectedTo === null ? lead : contact).get(ignored.field);
        if (ignored.reason === 'NOT_ON_REDIRECT_TARGET') {
          assert.equal(onTarget, undefined, `${ignored.field} is on the contact`);
          assert.equal(ignored.owner, lead.get(ignored.field)?.owner);
        } else {
          assert.equal(ignored.owner, onTarget?.owner, `${index} ${ignored.field}`);
        }
      }
    });
    for (const record of leadsRequest.records) {
      for (const name of Object.keys(record.fields)) {
        assert.ok(lead.has(name), `${name} is not a canonical field of Lead`);
      }
    }
    const member = ownership('CampaignMember');
    for (const record of membersRequest.records) {
      for (const name of Object.keys(record.fields)) {
        assert.equal(member.get(name)?.owner, 'Marketing', name);
      }
    }
  });

  it('write every result in the field order of the Apex RecordResult', () => {
    const order = schemaFields(marketingSchema, 'MarketingRecordResult').map((f) => f.name);
    for (const result of [...leadsResponse.results, ...membersResponse.results]) {
      assert.deepEqual(Object.keys(result), order);
    }
    assert.deepEqual(
      Object.keys(leadsResponse),
      schemaFields(marketingSchema, 'MarketingUpsertResponse').map((f) => f.name)
    );
  });
});

describe('negative fixtures: the check reports a broken fixture by file and problem', () => {
  const cases: Record<string, RegExp> = {
    'ErpContract_RecordsUpsertRequest.missing-modifiedAt.json':
      /^does not match RecordUpsertRequest: \/records\/1: missing required property "modifiedAt"$/,
    'ErpContract_RecordsUpsertRequest.unknown-field.json':
      /^\/records\/0\/fields\/creditRating: "creditRating" is not a canonical field name of Account \(Field_Ownership__mdt\), so the record must be rejected UNKNOWN_FIELD$/,
    'ErpContract_RecordsUpsertRequest.wrong-type.json':
      /^\/records\/0\/fields\/creditLimit: "50000" is not a number \(Account\.ERP_Credit_Limit__c\), so the record must be rejected WRONG_TYPE$/,
    'ErpContract_RecordsUpsertResponse.outcome-skipped.json':
      /^does not match RecordUpsertResponse: \/results\/0\/outcome: "skipped" is not one of "created", "updated", "unchanged", "rejected"$/,
    'ErpContract_RecordsUpsertResponse.misspelt-property.json':
      /^does not match RecordUpsertResponse: \/results\/1: (unexpected property "seededField"|missing required property "seededFields")$/,
    'ErpContract_RecordsUpsertResponse.summary-mismatch.json':
      /^\/summary\/created: is 2 but 1 result\(s\) are created$/,
    'ErpContract_RecordsUpsertResponse.wrong-owner.json':
      /^\/results\/1\/ignoredFields: lists name \(NOT_OWNED_BY_SENDER\/ERP\); ownership of Account says name \(NOT_OWNED_BY_SENDER\/Salesforce\)/,
    'ErpContract_RecordsUpsertResponse.rejected-without-errors.json':
      /^\/results\/2\/errors: is empty for a rejected record$/,
    'ErpContract_RecordsUpsertResponse.results-out-of-order.json':
      /^\/results\/1\/externalId: is "ERP-C-1003" but record 1 has "ERP-C-1002"$/,
    'ErpContract_RecordsErrorResponse.extra-property.json':
      /^does not match ErrorResponse: \/: unexpected property "status"$/,
    'ErpContract_RecordChangedEvent.changed-fields-disagree.json':
      /^\/event\/Changed_Fields__c: parses to .*7654321.*, not to changedFields .*1234567/,
    'ErpContract_RecordChangedEvent.unsorted-keys.json':
      /^\/event\/Changed_Fields__c: keys are not sorted: phone, billingCity$/,
    'ErpContract_RecordChangedEvent.erp-owned-field.json':
      /^\/changedFields\/creditLimit: "creditLimit" is owned by ERP; the event carries only Salesforce-owned fields$/,
    'ErpContract_MarketingLeadsRequest.unknown-field.json':
      /^\/records\/2\/fields\/leadScore: "leadScore" is not a canonical field name of Lead \(Field_Ownership__mdt\), so the record must be rejected UNKNOWN_FIELD$/,
    'ErpContract_MarketingLeadsResponse.judged-by-lead.json':
      /^\/results\/1\/ignoredFields: lists company \(NOT_OWNED_BY_SENDER\/Marketing\), source \(NOT_ON_REDIRECT_TARGET\/Marketing\); ownership of Contact \(redirect target of this Lead\) says company \(NOT_ON_REDIRECT_TARGET\/Marketing\), source \(NOT_ON_REDIRECT_TARGET\/Marketing\) \(reason\/owner\)$/,
    'ErpContract_MarketingLeadsResponse.missing-redirectedTo.json':
      /^does not match MarketingUpsertResponse: \/results\/1: missing required property "redirectedTo"$/,
    'ErpContract_MarketingLeadsResponse.created-redirected.json':
      /^\/results\/0\/redirectedTo: is set for a created lead; a new lead cannot have been converted$/,
    'ErpContract_CampaignMembersRequest.missing-leadId.json':
      /^does not match CampaignMemberUpsertRequest: \/records\/0: missing required property "leadId"$/,
    'ErpContract_CampaignMembersResponse.wrong-key.json':
      /^\/results\/1\/externalId: is "ML-2002\|MC-1001" but record 1 has campaignId\|leadId "MC-1001\|ML-2002"$/,
    'ErpContract_CampaignMembersResponse.not-redirected.json':
      /^\/results\/1\/redirectedTo: is null, but the leads response redirects ML-2002 to 003Hs00001CtA02IAF$/,
    'ErpContract_CampaignMembersResponse.error-on-wrong-field.json':
      /^\/results\/2\/errors\/0\/field: is "leadId"; UNKNOWN_CAMPAIGN is about campaignId$/,
    'ErpContract_LeadConvertedEvent.other-contact.json':
      /^\/Contact_ID__c: is 003Hs00001CtA09IAF, but the leads response redirects ML-2002 to 003Hs00001CtA02IAF$/,
    'ErpContract_LeadConvertedEvent.extra-field.json':
      /^does not match LeadConvertedEvent: \/: unexpected property "Lead_Status__c"$/,
    'ErpContract_OrderSubmitted.payload-reordered.json':
      /^\/event\/Payload__c: keys are orderId, orderNumber, integrationKey, submissionVersion, correlationId, account, submittedAt, .*; CanonicalOrder declares orderId, orderNumber, integrationKey, submissionVersion, correlationId, submittedAt, account, /,
    'ErpContract_OrderSubmitted.wrong-total.json':
      /^\/order\/totalAmount: is 250; the lines' totalPrice add up to 249\.5$/,
    'ErpContract_OrderSubmitted.key-version-mismatch.json':
      /^\/order\/integrationKey: is "SF-801Hs00001OrA01IAF-v1"; SF-<orderId>-v<submissionVersion> is "SF-801Hs00001OrA01IAF-v2"$/,
    'ErpContract_OrderSubmitted.missing-sku.json':
      /^does not match OrderSubmittedEventExample: \/order\/lines\/1: missing required property "sku"$/,
    'ErpContract_OrderSubmitted.lines-misnumbered.json':
      /^\/order\/lines\/0\/lineNumber: is 2; lines are numbered 1 to 2 in order$/,
    'ErpContract_OrderAcknowledgementsRequest.decision-approved.json':
      /^does not match OrderAcknowledgementsRequest: \/records\/0\/decision: "approved" is not one of "accepted", "rejected"$/,
    'ErpContract_OrderAcknowledgementsRequest.accepted-without-erpOrderId.json':
      /^\/records\/0: accepts without erpOrderId, so the record must be rejected INVALID_RECORD on erpOrderId$/,
    'ErpContract_OrderAcknowledgementsResponse.created.json':
      /^\/results\/0\/outcome: is created; an acknowledgement never creates an order$/,
    'ErpContract_OrderAcknowledgementsResponse.wrong-order-id.json':
      /^\/results\/1\/id: is 801Hs00001OrA01IAF; the key SF-801Hs00001OrA02IAF-v1 names order 801Hs00001OrA02IAF$/,
    'ErpContract_OrderAcknowledgementsResponse.error-on-wrong-field.json':
      /^\/results\/1\/errors\/0\/field: is "decision"; UNKNOWN_ORDER is reported on "integrationKey"$/,
    'ErpContract_OrderStatusEvents.unreachable-status.json':
      /^\/2\/Status__c: Cancelled \(sequence 5\) is not reachable from Shipped, the status of SF-801Hs00001OrA01IAF-v1 then, so it would be rejected INVALID_TRANSITION$/,
    'ErpContract_OrderStatusEvents.no-order.json':
      /^\/0: names no order: ERP_Order_ID__c or Integration_Key__c is required$/,
    'ErpContract_OrderStatusEvents.sequence-reused.json':
      /^\/3\/Sequence__c: 4 of SF-801Hs00001OrA01IAF-v1 is event 1 too, with Shipped at 2026-03-10T16:00:00Z; a sequence names one change$/,
    'ErpContract_OrderStatusEvents.status-lowercase.json':
      /^does not match OrderStatusEvents: \/1\/Status__c: "shipped" is not one of "Acknowledged", "Rejected", "Released", "Partially Shipped", "Shipped", "Invoiced", "Cancelled", "Returned"$/,
    'ErpContract_DeliveryRecordChange.api-field-name.json':
      /^\/fields\/Name: "Name" is not a canonical field name of Account \(Field_Ownership__mdt\)$/,
    'ErpContract_DeliveryRecordChange.api-object-name.json':
      /^\/object: "Account" is not a canonical name; Account is "account"$/,
    'ErpContract_DeliveryRecordChange.erp-owned-field.json':
      /^\/fields\/creditLimit: "creditLimit" is owned by ERP; a delivery carries only Salesforce-owned fields$/,
    'ErpContract_DeliveryErrorResponse.extra-property.json':
      /^does not match DeliveryErrorResponse: \/: unexpected property "status"$/,
    'ErpContract_ReconciliationLookup.wrong-checksum.json':
      /^\/records\/1\/checksum: is 5707db22\w+; the SHA-256 of \{"creditLimit":75000,"creditStatus":"On Hold",.*\} is cf4a7560f41dc88d2f4cc74dad700d7caac2ab4140d0cfb915d9b35ade234384$/,
    'ErpContract_ReconciliationLookup.key-field-compared.json':
      /^\/records\/0\/fields: has erpAccountId, not compared; the compared fields of Account are creditLimit, creditStatus, openBalance, overdueBalance, paymentTerms, taxId$/,
    'ErpContract_ReconciliationLookup.missing-field.json':
      /^\/records\/2\/fields: lacks taxId; the compared fields of Account are creditLimit, creditStatus, openBalance, overdueBalance, paymentTerms, taxId$/,
    'ErpContract_ReconciliationLookup.amount-as-text.json':
      /^\/records\/0\/fields\/creditLimit: "50000" is not a number \(Account\.ERP_Credit_Limit__c\)$/,
    'ErpContract_ReconciliationIds.duplicate-id.json':
      /^\/externalIds\/3: "ERP-ACC-1002" is also at \/externalIds\/1; each external ID appears once$/,
    'ErpContract_ReconciliationIds.total-disagrees.json': /^\/totalCount: is 5; the lookup says 4$/,
    'ErpContract_InquiryCredit.unknown-status.json':
      /^does not match ErpCreditSummary: \/creditStatus: "Suspended" is not one of "Good Standing", "On Hold", "Blocked", "Unknown"$/,
    'ErpContract_InquiryCredit.asOf-without-millis.json':
      /^\/asOf: "2026-11-25T08:30:00Z" is not an ISO 8601 date-time in UTC with milliseconds$/,
    'ErpContract_InquiryInvoices.overdue-zero-days.json':
      /^\/invoices\/1\/daysOverdue: is 0; an OVERDUE invoice is past its due date by a whole number of days, at least 1 \(38 days at asOf\)$/,
    'ErpContract_InquiryInvoices.totals-disagree.json':
      /^\/totals\/amount: is 40000; the page holds all 3 matching invoices and they add up to 39900$/,
    'ErpContract_InquiryInvoices.status-outside-filter.json':
      /^\/invoices\/2\/status: is PAID; the page is filtered to OPEN$/,
    'ErpContract_InquiryOrderStatus.history-out-of-sequence.json':
      /^\/history\/2\/sequence: is 2, not above 3 of step 1; the history is in ascending sequence order$/,
    'ErpContract_InquiryOrderStatus.unreachable-step.json':
      /^\/history\/3\/status: Shipped is not reachable along the order lifecycle from Cancelled, the status of step 2$/,
    'ErpContract_InquiryError.no-errors.json':
      /^\/errors: is empty; a refusal gives at least one reason$/
  };
  const marketingNames = new Set<string>(Object.values(MARKETING_FIXTURES).map((f) => f.name));
  const orderNames = new Set<string>(Object.values(ORDER_FIXTURES).map((f) => f.name));
  const operationsNames = new Set<string>(Object.values(OPERATIONS_FIXTURES).map((f) => f.name));
  const inquiryNames = new Set<string>(Object.values(INQUIRY_FIXTURES).map((f) => f.name));

  it('has an expectation for every file in test-fixtures/contract', () => {
    assert.deepEqual(
      fs
        .readdirSync(BROKEN)
        .filter((f) => f.endsWith('.json'))
        .sort(),
      Object.keys(cases).sort()
    );
  });

  for (const [file, expected] of Object.entries(cases)) {
    it(file, () => {
      const root = copyProject();
      const name = file.slice(0, file.indexOf('.'));
      const resource = `${STATIC_RESOURCES}/${name}.json`;
      fs.copyFileSync(path.join(BROKEN, file), path.join(root, resource));
      const projectModel = loadMetadataModel(root);
      const projectConfig = readIntegrationConfig(projectModel);
      const { problems } = marketingNames.has(name)
        ? checkMarketingFixtures(projectModel, projectConfig, marketingValidator)
        : orderNames.has(name)
          ? checkOrderFixtures(projectModel, projectConfig, orderValidator)
          : operationsNames.has(name)
            ? checkOperationsFixtures(projectModel, projectConfig, operationsValidator)
            : inquiryNames.has(name)
              ? checkInquiryFixtures(projectModel, inquiryValidator)
              : checkContractFixtures(projectModel, projectConfig, validator);
      assert.ok(problems.length > 0, `${file} passed the check`);
      for (const problem of problems) {
        assert.equal(problem.filePath, resource, `${file}: ${problem.message}`);
      }
      assert.ok(
        problems.some((p) => expected.test(p.message)),
        `${file}: no problem matches ${expected}; got:\n${problems.map((p) => p.message).join('\n')}`
      );
    });
  }

  it('reports a missing, an unparsable and a duplicated fixture', () => {
    const root = copyProject();
    const dir = path.join(root, STATIC_RESOURCES);
    fs.rmSync(path.join(dir, 'ErpContract_RecordChangedEvent.json'));
    fs.writeFileSync(path.join(dir, 'ErpContract_RecordsErrorResponse.json'), '{ "errorCode": ');
    const other = path.join(root, 'more/staticresources');
    fs.mkdirSync(other, { recursive: true });
    fs.copyFileSync(
      path.join(dir, 'ErpContract_RecordsUpsertRequest.json'),
      path.join(other, 'ErpContract_RecordsUpsertRequest.json')
    );
    const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'));
    project.packageDirectories.push({ path: 'more' });
    fs.writeFileSync(path.join(root, 'sfdx-project.json'), JSON.stringify(project));
    const projectModel = loadMetadataModel(root);
    const { problems } = checkContractFixtures(projectModel, readIntegrationConfig(projectModel));
    assert.deepEqual(
      problems.map((p) => `${p.filePath}: ${p.message.replace(/JSON: .*/, 'JSON: …')}`),
      [
        `${STATIC_RESOURCES}/ErpContract_RecordsErrorResponse.json: is not valid JSON: …`,
        `more/staticresources/ErpContract_RecordsUpsertRequest.json: duplicates the contract fixture ${STATIC_RESOURCES}/ErpContract_RecordsUpsertRequest.json`,
        `${STATIC_RESOURCES}/ErpContract_RecordChangedEvent.json: is missing: the contract fixture ErpContract_RecordChangedEvent (RecordChangedEventExample) must exist beside the others`
      ]
    );
  });

  it('finds nothing (and no problem) in a project without contract fixtures', () => {
    const root = copyProject();
    fs.rmSync(path.join(root, STATIC_RESOURCES), { recursive: true });
    const projectModel = loadMetadataModel(root);
    assert.deepEqual(checkContractFixtures(projectModel, readIntegrationConfig(projectModel)), {
      fixtures: [],
      problems: []
    });
  });

  it('refuses an unknown type', () => {
    assert.throws(() => validator.validate('Nope', {}), /exports no type Nope/);
    assert.deepEqual(validator.validate('RecordUpsertSummary', { created: 'x' }), [
      '/: missing required property "updated"',
      '/: missing required property "unchanged"',
      '/: missing required property "rejected"',
      '/created: "x" is not of type number'
    ]);
    assert.deepEqual(validator.validate('RecordUpsertRequest', { records: [] }), []);
  });
});

describe('semantic checks, one rule at a time', () => {
  function exchange(
    change: (req: RecordUpsertRequest, res: RecordUpsertResponse) => void
  ): string[] {
    const req = clone(request);
    const res = clone(response);
    change(req, res);
    return findings(checkUpsertExchange(req, res, model, config));
  }

  it('checks the object, its canonical name and the call fields', () => {
    assert.deepEqual(
      exchange((_, res) => {
        res.object = 'Widget__c';
      }),
      ['response /object: Widget__c has no Integration_Object__mdt record']
    );
    assert.deepEqual(
      exchange((_, res) => {
        res.object = 'account';
        res.canonicalObject = 'acct';
        res.correlationId = 'has spaces';
        res.idempotencyKey = ' ';
        res.allOrNone = true;
      }),
      [
        'response /correlationId: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -',
        'response /idempotencyKey: is blank or longer than 255',
        'response /allOrNone: is true but the request says false',
        'response /results: allOrNone is set and a record was rejected, so every record must be',
        'response /object: is "account"; the API name is Account',
        'response /canonicalObject: is "acct"; the canonical name of Account is "account"'
      ]
    );
    const order = exchange((req, res) => {
      res.object = 'Order';
      res.canonicalObject = 'order';
      req.records = [req.records[2]];
      res.results = [{ ...res.results[2], index: 0 }];
      res.summary = { created: 0, updated: 0, unchanged: 0, rejected: 1 };
    });
    assert.ok(
      order.includes('response /object: the records API does not write Order'),
      order.join('\n')
    );
  });

  it('checks record counts and per-result consistency', () => {
    assert.deepEqual(
      exchange((req, res) => {
        req.records = [];
        res.results = [];
        res.summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      }),
      ['request /records: has 0 records; a call carries 1 to 200']
    );
    assert.deepEqual(
      exchange((_, res) => {
        res.results.pop();
        res.summary.rejected = 0;
      }),
      ['response /results: has 2 results for 3 request records']
    );
    assert.deepEqual(
      exchange((_, res) => {
        res.results[0].index = 5;
        res.results[0].id = null;
        res.results[1].errors = [
          { code: 'SAVE_FAILED', field: null, statusCode: null, message: 'x' }
        ];
        res.results[1].seededFields = ['name'];
        res.results[2].id = '001Hs00001AbCdFIAA';
      }),
      [
        'response /results/0/index: is 5; results are in request order',
        'response /results/0/id: is null for a created record',
        'response /results/1/errors: is not empty for a updated record',
        'response /results/1/seededFields: is not empty for a updated record',
        'response /results/1/errors/0/statusCode: must be set exactly when the code is SAVE_FAILED',
        'response /results/1/seededFields: lists name; the fields of Account the ERP does not own in record 1 are none',
        'response /results/2/id: "001Hs00001AbCdFIAA" is not an 18-character Salesforce ID'
      ]
    );
  });

  it('checks external IDs, modifiedAt, key fields and seeded fields', () => {
    assert.deepEqual(
      exchange((req, res) => {
        req.records[1].externalId = 'erp-c-1001';
        res.results[1].externalId = 'erp-c-1001';
        req.records[2].externalId = '  ';
        res.results[2].externalId = '  ';
      }),
      [
        'response /results/0: externalId ERP-C-1001 occurs twice but is not rejected DUPLICATE_EXTERNAL_ID',
        'response /results/1: externalId erp-c-1001 occurs twice but is not rejected DUPLICATE_EXTERNAL_ID',
        'response /results/2: record has a blank externalId but is not rejected BLANK_EXTERNAL_ID'
      ]
    );
    assert.deepEqual(
      exchange((req, res) => {
        req.records[0].modifiedAt = '2026-03-02 09:15';
        req.records[0].fields.erpAccountId = 'ERP-C-1001';
        res.results[0].seededFields = [];
        req.records[1].fields.phone = null;
      }),
      [
        'request /records/0/modifiedAt: "2026-03-02 09:15" is not an ISO 8601 date-time with offset or Z',
        'response /results/0/ignoredFields: lists none; ownership of Account says erpAccountId (KEY_FIELD/ERP) (reason/owner)',
        'response /results/0/seededFields: lists none; the fields of Account the ERP does not own in record 0 are name',
        'response /results/1/ignoredFields: lists name (NOT_OWNED_BY_SENDER/Salesforce); ownership of Account says name (NOT_OWNED_BY_SENDER/Salesforce), phone (NOT_OWNED_BY_SENDER/Salesforce) (reason/owner)'
      ]
    );
    assert.deepEqual(
      exchange((req, res) => {
        req.records[0].modifiedAt = 'yesterday';
        req.records[0].fields.creditRating = 'A';
        req.records[0].fields.creditLimit = 'lots';
        res.results[0] = {
          ...res.results[0],
          outcome: 'rejected',
          seededFields: [],
          errors: [
            { code: 'INVALID_MODIFIED_AT', field: 'modifiedAt', statusCode: null, message: 'x' },
            { code: 'UNKNOWN_FIELD', field: 'creditRating', statusCode: null, message: 'x' },
            { code: 'WRONG_TYPE', field: 'creditLimit', statusCode: null, message: 'x' }
          ]
        };
        res.summary = { created: 0, updated: 1, unchanged: 0, rejected: 2 };
      }),
      [],
      'a record rejected for exactly these problems is consistent'
    );
  });

  it('checks a refused call', () => {
    assert.deepEqual(checkErrorResponse(errorResponse), []);
    assert.deepEqual(
      findings(
        checkErrorResponse({
          ...errorResponse,
          correlationId: 'x'.repeat(65),
          details: { limit: 100 }
        })
      ),
      [
        'error /correlationId: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -',
        'error /details/limit: is 100; a call carries at most 200 records'
      ]
    );
    assert.deepEqual(
      checkErrorResponse({ ...errorResponse, errorCode: 'INTERNAL_ERROR', details: null }),
      []
    );
  });

  it('checks the event example', () => {
    const check = (change: (e: RecordChangedEventExample) => void): string[] => {
      const copy = clone(event);
      change(copy);
      return findings(checkRecordChangedEvent(copy, config));
    };
    assert.deepEqual(
      check(() => {}),
      []
    );
    assert.deepEqual(
      check((e) => {
        e.event.Changed_Fields__c = '{"billingCity": "Hamburg", "phone": "+49 40 1234567"}';
        e.event.Record_ID__c = '001Hs00001AbCdE';
        e.event.Occurred_At__c = '2026-03-02';
        e.event.Correlation_ID__c = '';
      }),
      [
        'event /event/Changed_Fields__c: is not compact JSON; expected {"billingCity":"Hamburg","phone":"+49 40 1234567"}',
        'event /event/Record_ID__c: "001Hs00001AbCdE" is not an 18-character Salesforce ID',
        'event /event/Occurred_At__c: "2026-03-02" is not an ISO 8601 date-time with offset or Z',
        'event /event/Correlation_ID__c: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -'
      ]
    );
    assert.deepEqual(
      check((e) => {
        e.event.Changed_Fields__c = 'not json';
        e.event.Change_Type__c = 'DELETE';
      }),
      [
        'event /event/Changed_Fields__c: is not JSON',
        'event /changedFields: must be {} for a DELETE'
      ]
    );
    assert.deepEqual(
      check((e) => {
        e.event.Changed_Fields__c = '[]';
        e.changedFields = {};
      }),
      [
        'event /event/Changed_Fields__c: parses to [], not to changedFields {}',
        'event /changedFields: is empty; an UPDATE is published only when fields changed'
      ]
    );
    assert.deepEqual(
      check((e) => {
        e.event.Change_Type__c = 'CREATE';
        e.changedFields = { billingCity: null, website: 'x', rating: 'Hot' };
        e.event.Changed_Fields__c = changedFieldsJson(e.changedFields);
        e.event.Canonical_Object__c = 'acct';
      }),
      [
        'event /changedFields: a CREATE carries only non-null fields',
        'event /event/Canonical_Object__c: is "acct"; the canonical name of Account is "account"',
        'event /changedFields/rating: "rating" is not a canonical field name of Account'
      ]
    );
    assert.deepEqual(
      check((e) => {
        e.event.Object_API_Name__c = 'account';
      }),
      [
        'event /event/Object_API_Name__c: account is not the API name of an Integration_Object__mdt object'
      ]
    );
    assert.deepEqual(
      check((e) => {
        e.event.Object_API_Name__c = 'Pricebook2';
        e.event.Canonical_Object__c = 'priceList';
        e.changedFields = {};
        e.event.Changed_Fields__c = '{}';
        e.event.Change_Type__c = 'DELETE';
      }),
      [
        'event /event/Object_API_Name__c: Pricebook2 does not publish ERP_Record_Changed__e (direction Inbound, delivery Platform Event)'
      ]
    );
    assert.deepEqual(
      check((e) => {
        e.event.Object_API_Name__c = 'Opportunity';
        e.event.Canonical_Object__c = 'opportunity';
        e.changedFields = { stage: 'Closed Won' };
        e.event.Changed_Fields__c = changedFieldsJson(e.changedFields);
      }),
      ['event /event/External_ID__c: must be null: Opportunity has no external-ID field']
    );
  });
});

describe('marketing semantic checks, one rule at a time', () => {
  function leads(
    change: (req: RecordUpsertRequest, res: MarketingUpsertResponse) => void
  ): string[] {
    const req = clone(leadsRequest);
    const res = clone(leadsResponse);
    change(req, res);
    return findings(checkMarketingLeadsExchange(req, res, model, config));
  }

  function members(
    change: (req: CampaignMemberUpsertRequest, res: MarketingUpsertResponse) => void
  ): string[] {
    const req = clone(membersRequest);
    const res = clone(membersResponse);
    change(req, res);
    return findings(checkCampaignMembersExchange(req, res, model, config));
  }

  function scenario(
    change: (
      res: MarketingUpsertResponse,
      req: CampaignMemberUpsertRequest,
      members: MarketingUpsertResponse,
      e: LeadConvertedEvent
    ) => void
  ): string[] {
    const copies = [
      clone(leadsResponse),
      clone(membersRequest),
      clone(membersResponse),
      clone(leadConverted)
    ] as const;
    change(...copies);
    return findings(checkMarketingScenario(...copies));
  }

  it('writes leads with the leads API and memberships with the campaign-members API only', () => {
    assert.deepEqual(
      leads((_, res) => {
        res.object = 'Contact';
        res.canonicalObject = 'contact';
      }).filter((f) => f.includes('/object')),
      ['leadsResponse /object: the leads API writes Lead, not Contact']
    );
    assert.deepEqual(
      members((_, res) => {
        res.object = 'Campaign';
        res.canonicalObject = 'campaign';
      }).filter((f) => f.includes('/object')),
      ['membersResponse /object: the campaign-members API writes CampaignMember, not Campaign']
    );
    const disabled: IntegrationConfig = {
      ...config,
      objects: config.objects.map((o) =>
        o.objectApiName === 'Lead' ? { ...o, inboundApi: 'Records', enabled: false } : o
      )
    };
    assert.deepEqual(
      findings(checkMarketingLeadsExchange(leadsRequest, leadsResponse, model, disabled)),
      [
        'leadsResponse /object: the marketing API does not write Lead (Integration_Object__mdt: Inbound_API__c Records, direction Bidirectional, counterpart Marketing, disabled)'
      ]
    );
    const blank: IntegrationConfig = {
      ...config,
      objects: config.objects.map((o) =>
        o.objectApiName === 'Lead' ? { ...o, inboundApi: undefined } : o
      )
    };
    assert.match(
      findings(checkMarketingLeadsExchange(leadsRequest, leadsResponse, model, blank))[0],
      /Inbound_API__c blank, direction Bidirectional, counterpart Marketing\)$/
    );
    assert.ok(isWrittenByMarketingApi(findIntegrationObject(config, 'CampaignMember')!));
    assert.ok(!isWrittenByMarketingApi(findIntegrationObject(config, 'Account')!));
  });

  it('checks redirected leads: the lead in id, a contact in redirectedTo, the contact’s ownership', () => {
    assert.deepEqual(
      leads((req, res) => {
        res.results[1].id = null;
        res.results[1].outcome = 'rejected';
        res.results[1].errors = [
          { code: 'SAVE_FAILED', field: null, statusCode: 'ENTITY_IS_DELETED', message: 'x' }
        ];
        res.summary = { created: 1, updated: 1, unchanged: 0, rejected: 1 };
        res.results[2].id = '003Hs00001CtA02IAF';
        res.results[2].redirectedTo = { object: 'Contact', id: '001Hs00001AcA02IAF' };
        req.records[2].fields.email = 'ada@example.com';
        req.records[2].fields.marketingLeadId = 'ML-2003';
        res.results[2].ignoredFields.push({
          field: 'marketingLeadId',
          owner: 'Marketing',
          reason: 'KEY_FIELD'
        });
      }),
      [
        'leadsResponse /results/2/ignoredFields: lists marketingLeadId (KEY_FIELD/Marketing), phone (NOT_OWNED_BY_SENDER/Salesforce); ownership of Contact (redirect target of this Lead) says email (NOT_OWNED_BY_SENDER/Salesforce), marketingLeadId (KEY_FIELD/Marketing), phone (NOT_OWNED_BY_SENDER/Salesforce) (reason/owner)',
        'leadsResponse /results/1/redirectedTo: is set but id is null; a redirected result names the converted lead in id',
        'leadsResponse /results/2/id: "003Hs00001CtA02IAF" is not a Lead ID (they start with 00Q)',
        'leadsResponse /results/2/redirectedTo/id: "001Hs00001AcA02IAF" is not a Contact ID (they start with 003)'
      ]
    );
    assert.deepEqual(
      leads((_, res) => {
        res.results[1].outcome = 'unchanged';
        res.summary = { created: 1, updated: 1, unchanged: 1, rejected: 0 };
      }),
      [],
      'an unchanged converted lead still says where its update went'
    );
    assert.deepEqual(
      leads((_, res) => {
        res.results[0].seededFields = ['company'];
      }),
      [
        'leadsResponse /results/0/seededFields: lists company; the fields of Lead Marketing does not own in record 0 are none'
      ]
    );
  });

  it('checks campaign memberships: keys, lookups, redirects', () => {
    assert.deepEqual(
      members((req, res) => {
        req.records[0].campaignId = ' ';
        res.results[0].externalId = null;
        req.records[2].campaignId = 'mc-1001';
        req.records[2].leadId = 'ml-2002';
        res.results[2].externalId = 'mc-1001|ml-2002';
        res.results[2].errors = [
          { code: 'UNKNOWN_LEAD', field: 'leadId', statusCode: null, message: 'x' }
        ];
        res.results[2].redirectedTo = { object: 'Contact', id: '003Hs00001CtA02IAA' };
        req.records[1].fields.memberKey = 'MC-1001|ML-2002';
        req.records[1].fields.contactId = '003Hs00001CtA02IAF';
      }),
      [
        'membersResponse /results/0: record has a blank campaignId|leadId but is not rejected BLANK_EXTERNAL_ID',
        'membersResponse /results/1: campaignId|leadId MC-1001|ML-2002 occurs twice but is not rejected DUPLICATE_EXTERNAL_ID',
        'membersResponse /results/1/ignoredFields: lists none; ownership of CampaignMember says contactId (NOT_OWNED_BY_SENDER/Salesforce), memberKey (KEY_FIELD/Marketing) (reason/owner)',
        'membersResponse /results/2: campaignId|leadId mc-1001|ml-2002 occurs twice but is not rejected DUPLICATE_EXTERNAL_ID',
        'membersResponse /results/2/redirectedTo: is set but the lead is unknown (UNKNOWN_LEAD); only a converted lead redirects',
        'membersResponse /results/2/redirectedTo/id: "003Hs00001CtA02IAA" is not an 18-character Salesforce ID'
      ]
    );
    assert.deepEqual(
      members((_, res) => {
        res.results[0].id = '00QHs00001LdA03MAF';
      }),
      [
        'membersResponse /results/0/id: "00QHs00001LdA03MAF" is not a CampaignMember ID (they start with 00v)'
      ]
    );
    assert.deepEqual(
      members((req, res) => {
        req.records[0].leadId = '';
        res.results[0] = {
          ...res.results[0],
          externalId: ' |ML-2003',
          id: null,
          outcome: 'rejected',
          errors: [{ code: 'BLANK_EXTERNAL_ID', field: 'leadId', statusCode: null, message: 'x' }]
        };
        res.summary = { created: 1, updated: 0, unchanged: 0, rejected: 2 };
        req.records[1].fields.leadId = 42;
        res.results[1].ignoredFields = [
          { field: 'leadId', owner: 'Salesforce', reason: 'NOT_OWNED_BY_SENDER' }
        ];
      }),
      [
        'membersResponse /results/0/externalId: is " |ML-2003" but record 0 has a blank campaignId|leadId, answered as null'
      ],
      'identity fields are ignored even on create, never type-checked'
    );
    assert.equal(campaignMemberKey('MC-1', 'ML-1'), 'MC-1|ML-1');
  });

  it('checks the conversion event', () => {
    const check = (change: (e: LeadConvertedEvent) => void): string[] => {
      const copy = clone(leadConverted);
      change(copy);
      return findings(checkLeadConvertedEvent(copy));
    };
    assert.deepEqual(
      check(() => {}),
      []
    );
    assert.deepEqual(
      check((e) => {
        e.Marketing_Lead_ID__c = ' ';
        e.Lead_ID__c = '003Hs00001CtA02IAF';
        e.Contact_ID__c = '003Hs00001CtA02';
        e.Opportunity_ID__c = '001Hs00001AcA02IAF';
        e.Converted_At__c = '2026-03-01';
        e.Correlation_ID__c = 'no spaces allowed';
      }),
      [
        'leadConverted /Marketing_Lead_ID__c: is blank; the event is published only for leads that carry one',
        'leadConverted /Lead_ID__c: "003Hs00001CtA02IAF" is not a Lead ID (they start with 00Q)',
        'leadConverted /Contact_ID__c: "003Hs00001CtA02" is not an 18-character Salesforce ID',
        'leadConverted /Opportunity_ID__c: "001Hs00001AcA02IAF" is not an Opportunity ID (they start with 006)',
        'leadConverted /Converted_At__c: "2026-03-01" is not an ISO 8601 date-time with offset or Z',
        'leadConverted /Correlation_ID__c: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -'
      ]
    );
  });

  it('checks that leads, memberships and the event tell one story', () => {
    assert.deepEqual(
      scenario(() => {}),
      []
    );
    assert.deepEqual(
      scenario((res) => {
        res.results[1].redirectedTo = null;
      }),
      [
        'leadsResponse /results/1/redirectedTo: is null, but ErpContract_LeadConvertedEvent announces ML-2002 as converted to 003Hs00001CtA02IAF',
        'membersResponse /results/1/redirectedTo: is set, but the leads response shows ML-2002 as not converted'
      ]
    );
    assert.deepEqual(
      scenario((_, __, ___, e) => {
        e.Lead_ID__c = '00QHs00001LdA01MAF';
      }),
      [
        'leadConverted /Lead_ID__c: is 00QHs00001LdA01MAF, but the leads response names ML-2002 00QHs00001LdA02MAF'
      ]
    );
    assert.deepEqual(
      scenario((_, req, members, e) => {
        e.Marketing_Lead_ID__c = 'ML-7777';
        req.records[0].leadId = 'ML-2002';
        members.results[0].outcome = 'rejected';
      }),
      [],
      'events and memberships about other leads, and rejected memberships, are not compared'
    );
  });
});

describe('Apex ↔ TypeScript paths', () => {
  it('maps every inbound path to the urlMapping of an Apex REST resource, and back', () => {
    const classes = path.join(MAIN_ROOT, 'force-app/main/default/classes');
    const mappings = new Map<string, string>();
    for (const file of fs.readdirSync(classes, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.cls')) {
        continue;
      }
      const source = fs.readFileSync(path.join(classes, file), 'utf8');
      const mapping = /@RestResource\(\s*urlMapping\s*=\s*'([^']+)'\s*\)/i.exec(source)?.[1];
      if (mapping !== undefined) {
        mappings.set(`/services/apexrest${mapping}`, path.basename(file, '.cls'));
      }
    }
    assert.equal(mappings.get(RECORDS_API_PATH.replace('{object}', '*')), 'ErpRecordsResource');
    assert.equal(mappings.get(ORDER_ACKNOWLEDGEMENTS_API_PATH), 'ErpOrdersResource');
    assert.deepEqual(
      Object.entries(MARKETING_API_PATHS).map(([object, apiPath]) => [
        object,
        mappings.get(apiPath)
      ]),
      [
        [MARKETING_LEADS_OBJECT, 'MarketingLeadsResource'],
        [MARKETING_CAMPAIGNS_OBJECT, 'MarketingCampaignsResource'],
        [CAMPAIGN_MEMBERS_OBJECT, 'CampaignMembersResource']
      ]
    );
    assert.equal(MARKETING_API_PATHS.Campaign, MARKETING_CAMPAIGNS_API_PATH);
    const marketingMappings = [...mappings.keys()].filter((p) => p.includes('/v1/marketing/'));
    assert.deepEqual(marketingMappings.sort(), Object.values(MARKETING_API_PATHS).sort());
    const campaigns = fs.readFileSync(
      path.join(classes, 'marketing/MarketingCampaignsResource.cls'),
      'utf8'
    );
    assert.match(campaigns, /return 'Campaign';/);
    assert.match(campaigns, /new InboundUpsertService\(call\)/);
  });
});

describe('Apex ↔ TypeScript error codes', () => {
  const apexSource = fs.readFileSync(path.join(MAIN_ROOT, APEX_ERROR_CODES_PATH), 'utf8');

  it('InboundErrorCode.cls lists the catalogue codes in the same order, with the same statuses', () => {
    const apex = parseApexErrorCodes(apexSource);
    assert.deepEqual(apex.requestCodes, Object.keys(REQUEST_ERROR_CODES));
    assert.deepEqual(apex.recordCodes, Object.keys(RECORD_ERROR_CODES));
    assert.deepEqual(
      Object.fromEntries(apex.httpStatusByRequestCode),
      Object.fromEntries(
        Object.entries(REQUEST_ERROR_CODES).map(([code, info]) => [code, info.httpStatus])
      )
    );
    assert.deepEqual(compareErrorCatalogues(apex, REQUEST_ERROR_CODES, RECORD_ERROR_CODES), []);
  });

  it('detects a code missing on either side, a different order and a different status', () => {
    const changed = apexSource
      .replace(/\n\s*INTERNAL_ERROR\n/, '\n')
      .replace(
        'INVALID_RECORD,\n        INVALID_MODIFIED_AT',
        'INVALID_MODIFIED_AT,\n        INVALID_RECORD'
      )
      .replace('UNKNOWN_OBJECT => 404', 'UNKNOWN_OBJECT => 400')
      .replace('INTERNAL_ERROR => 500', "INTERNAL_ERROR => 500,\n        'RATE_LIMITED' => 429")
      .replace('SAVE_FAILED,', "SAVE_FAILED,\n        'PAYLOAD_TOO_LARGE',");
    assert.notEqual(changed, apexSource);
    const apex = parseApexErrorCodes(changed);
    assert.deepEqual(compareErrorCatalogues(apex, REQUEST_ERROR_CODES, RECORD_ERROR_CODES), [
      'REQUEST_CODES: INTERNAL_ERROR in TypeScript but not in Apex',
      'RECORD_CODES: PAYLOAD_TOO_LARGE in Apex but not in TypeScript',
      'UNKNOWN_OBJECT: HTTP 400 in Apex, 404 in TypeScript',
      'HTTP_STATUS_BY_REQUEST_CODE maps RATE_LIMITED, which is not a TypeScript request code'
    ]);
    const reordered = parseApexErrorCodes(
      apexSource.replace(
        'INVALID_RECORD,\n        INVALID_MODIFIED_AT',
        'INVALID_MODIFIED_AT,\n        INVALID_RECORD'
      )
    );
    const tsOrder = Object.keys(RECORD_ERROR_CODES);
    const apexOrder = tsOrder.map((c) =>
      c === 'INVALID_RECORD'
        ? 'INVALID_MODIFIED_AT'
        : c === 'INVALID_MODIFIED_AT'
          ? 'INVALID_RECORD'
          : c
    );
    assert.deepEqual(compareErrorCatalogues(reordered, REQUEST_ERROR_CODES, RECORD_ERROR_CODES), [
      `RECORD_CODES: order differs — Apex ${apexOrder.join(', ')}; TypeScript ${tsOrder.join(', ')}`
    ]);
    const unmapped = parseApexErrorCodes(apexSource.replace(/\n\s*INTERNAL_ERROR => 500\n/, '\n'));
    assert.deepEqual(compareErrorCatalogues(unmapped, REQUEST_ERROR_CODES, RECORD_ERROR_CODES), [
      'HTTP_STATUS_BY_REQUEST_CODE has no status for INTERNAL_ERROR (TypeScript: 500)'
    ]);
  });

  it('describes the campaign-members codes as the ApexDoc of InboundErrorCode.cls does', () => {
    for (const code of ['UNKNOWN_CAMPAIGN', 'UNKNOWN_LEAD'] as const) {
      const apexDoc = new RegExp(
        `/\\*\\* @description (.+?) \\*/\\s*public static final String ${code}\\b`
      ).exec(apexSource)?.[1];
      assert.ok(apexDoc, `no ApexDoc for ${code}`);
      assert.match(apexDoc, /^Campaign members only: /);
      const ts = RECORD_ERROR_CODES[code].description;
      assert.match(ts, /^Campaign-members API only: /);
      for (const term of apexDoc.match(/`[^`]+`/g) ?? []) {
        assert.ok(ts.includes(term), `${code}: ${term} is not in "${ts}"`);
      }
    }
  });

  it('leaves out the CampaignMember identity fields that CampaignMemberKeys.cls leaves out', () => {
    const source = fs.readFileSync(
      path.join(MAIN_ROOT, 'force-app/main/default/classes/marketing/CampaignMemberKeys.cls'),
      'utf8'
    );
    const declared = /IDENTITY_FIELDS = new Set<String>\{([^}]*)\}/.exec(source)?.[1];
    assert.ok(declared, 'no IDENTITY_FIELDS in CampaignMemberKeys.cls');
    assert.deepEqual(
      [...declared.matchAll(/'(\w+)'/g)].map((m) => m[1]),
      [...CAMPAIGN_MEMBER_IDENTITY_FIELDS]
    );
  });

  it('RecordUpsertContract.cls writes responses and results in the order of the types', () => {
    const source = fs.readFileSync(
      path.join(MAIN_ROOT, 'force-app/main/default/classes/inbound/RecordUpsertContract.cls'),
      'utf8'
    );
    const written = (method: RegExp): string[] => {
      const start = source.search(method);
      assert.ok(start >= 0, `no ${method}`);
      const body = source.slice(start, source.indexOf('\n        }\n', start));
      const names = [
        ...body.matchAll(/(?:Field|FieldName|writeNullableString)\((?:generator, )?'(\w+)'/g)
      ];
      return [...new Set(names.map((m) => m[1]))];
    };
    const order = (typeName: string): string[] =>
      schemaFields(marketingSchema, typeName).map((f) => f.name);
    const result = written(
      /private void write\(JSONGenerator generator, Boolean includeRedirect\)/
    );
    assert.deepEqual(
      result.filter((name) => order('MarketingRecordResult').includes(name)),
      order('MarketingRecordResult')
    );
    const response = written(
      /public String toJson\(\) \{\s*JSONGenerator generator = JSON\.createGenerator/
    );
    assert.deepEqual(
      response.filter((name) => order('MarketingUpsertResponse').includes(name)),
      order('MarketingUpsertResponse')
    );
  });

  it('reads string literals and ignores commented-out code', () => {
    const apex = parseApexErrorCodes(`
      public class Codes {
        public static final String A = 'A'; // static final String B = 'X';
        /* public static final List<String> REQUEST_CODES = new List<String>{ 'Z' }; */
        public static final List<String> REQUEST_CODES = new List<String>{ A, 'B' };
        public static final List<String> RECORD_CODES = new List<String>{};
        private static final Map<String, Integer> HTTP_STATUS_BY_REQUEST_CODE =
          new Map<String, Integer>{ A => 400, 'B' => 409 };
      }`);
    assert.deepEqual(apex.requestCodes, ['A', 'B']);
    assert.deepEqual(apex.recordCodes, []);
    assert.deepEqual(
      [...apex.httpStatusByRequestCode],
      [
        ['A', 400],
        ['B', 409]
      ]
    );
  });

  it('fails clearly on source it cannot read', () => {
    assert.throws(
      () => parseApexErrorCodes('public class Empty {}'),
      /no REQUEST_CODES initialised with new List<String>\{…\}/
    );
    assert.throws(
      () => parseApexErrorCodes(apexSource.replace('MALFORMED_JSON,\n', 'MALFORMD_JSON,\n')),
      /REQUEST_CODES: MALFORMD_JSON is not a String constant of the class/
    );
    assert.throws(
      () =>
        parseApexErrorCodes(apexSource.replace('MALFORMED_JSON => 400', 'MALFORMED_JSON => BAD')),
      /HTTP_STATUS_BY_REQUEST_CODE: cannot read the entry "MALFORMED_JSON => BAD"/
    );
  });
});

describe('value helpers', () => {
  it('recognises 18-character Salesforce IDs by their checksum', () => {
    assert.ok(isSalesforceId('001Hs00001AbCdEIAV'));
    assert.ok(!isSalesforceId('001Hs00001AbCdEIAA'));
    assert.ok(!isSalesforceId('001Hs00001AbCdE'));
  });

  it('recognises ISO 8601 date-times with an offset', () => {
    assert.ok(isIsoDateTime('2026-03-02T09:15:00Z'));
    assert.ok(isIsoDateTime('2026-03-02T10:15:00.000+01:00'));
    assert.ok(!isIsoDateTime('2026-03-02T09:15:00'));
    assert.ok(!isIsoDateTime('2026-13-45T09:15:00Z'));
  });

  it('checks values against JSON types', () => {
    const fits = (jsonType: string, values: unknown[]): boolean[] =>
      values.map((v) => matchesJsonType(jsonType, v));
    assert.deepEqual(fits('string', ['a', 1, null]), [true, false, true]);
    assert.deepEqual(fits('number', [1.5, '1']), [true, false]);
    assert.deepEqual(fits('whole number', [2, 2.5]), [true, false]);
    assert.deepEqual(fits('boolean', [false, 'false']), [true, false]);
    assert.deepEqual(fits('date (YYYY-MM-DD)', ['2026-03-02', '02.03.2026']), [true, false]);
    assert.deepEqual(
      fits('date-time (ISO 8601 with offset)', ['2026-03-02T09:15:00Z', '2026-03-02']),
      [true, false]
    );
  });

  it('maps field types to JSON types', () => {
    const field = (type: string, scale?: number): FieldMetadata =>
      ({ type, scale }) as unknown as FieldMetadata;
    assert.deepEqual(
      [
        field('Picklist'),
        field('Number', 0),
        field('Number', 2),
        field('Percent'),
        field('Checkbox'),
        field('Date'),
        field('DateTime'),
        field('Location'),
        undefined
      ].map(jsonTypeOf),
      [
        'string',
        'whole number',
        'number',
        'number',
        'boolean',
        'date (YYYY-MM-DD)',
        'date-time (ISO 8601 with offset)',
        undefined,
        undefined
      ]
    );
  });
});

describe('the order contract schema generated from types/contract/orders.ts', () => {
  it('has a closed definition for every order type and the shared types it uses', () => {
    for (const name of [
      'CanonicalOrder',
      'CanonicalOrderAccount',
      'CanonicalOrderLine',
      'OrderSubmittedEvent',
      'OrderSubmittedEventExample',
      'OrderAcknowledgementsRequest',
      'OrderAcknowledgementInput',
      'OrderAcknowledgementDecision',
      'OrderAcknowledgementsResponse',
      'RecordUpsertResponse',
      'RecordResult',
      'RecordError',
      'ErpOrderStatus',
      'OrderStatusEvent',
      'OrderStatusEvents'
    ]) {
      assert.ok(orderSchema.definitions?.[name], `no definition for ${name}`);
    }
    for (const [name, definition] of Object.entries(orderSchema.definitions!)) {
      if (definition.properties !== undefined) {
        assert.equal(definition.additionalProperties, false, name);
      }
    }
    assert.equal(
      orderSchema.definitions!.OrderAcknowledgementsResponse.$ref,
      '#/definitions/RecordUpsertResponse'
    );
    assert.deepEqual(
      orderSchema.definitions!.RecordErrorCode.enum,
      Object.keys(RECORD_ERROR_CODES)
    );
  });

  it('declares the canonical order in the exact field order CanonicalOrderBuilder writes', () => {
    const names = (type: string): string[] => schemaFields(orderSchema, type).map((f) => f.name);
    assert.deepEqual(names('CanonicalOrder'), [
      'orderId',
      'orderNumber',
      'integrationKey',
      'submissionVersion',
      'correlationId',
      'submittedAt',
      'account',
      'quoteId',
      'opportunityId',
      'effectiveDate',
      'poNumber',
      'description',
      'totalAmount',
      'lines'
    ]);
    assert.deepEqual(names('CanonicalOrderAccount'), ['id', 'erpAccountId', 'name']);
    assert.deepEqual(names('CanonicalOrderLine'), [
      'lineNumber',
      'orderItemId',
      'sku',
      'erpProductId',
      'productName',
      'quantity',
      'unitPrice',
      'totalPrice',
      'description'
    ]);
    assert.deepEqual(
      schemaFields(orderSchema, 'OrderAcknowledgementInput').map((f) => [
        f.name,
        f.type,
        f.required
      ]),
      [
        ['integrationKey', 'string', true],
        ['decision', '"accepted" | "rejected"', true],
        ['erpOrderId', 'string', false],
        ['reasons', 'string[]', false],
        ['occurredAt', 'string', true]
      ]
    );
    assert.deepEqual(
      schemaFields(orderSchema, 'OrderStatusEvent').map((f) => [f.name, f.type]),
      [
        ['ERP_Order_ID__c', 'string | null'],
        ['Integration_Key__c', 'string | null'],
        ['Status__c', 'ErpOrderStatus'],
        ['Sequence__c', 'number'],
        ['Occurred_At__c', 'string'],
        ['Details__c', 'string | null'],
        ['Correlation_ID__c', 'string | null']
      ]
    );
  });

  it('lets the ERP report exactly the statuses the lifecycle model lets it set', () => {
    assert.deepEqual(orderSchema.definitions!.ErpOrderStatus.enum, erpReportedStatuses());
  });

  it('types the events with the fields of their platform events', () => {
    for (const [type, event] of [
      ['OrderSubmittedEvent', 'ERP_Order_Submitted__e'],
      ['OrderStatusEvent', 'ERP_Order_Status__e']
    ]) {
      assert.deepEqual(
        schemaFields(orderSchema, type)
          .map((f) => f.name)
          .sort(),
        [...model.objects.get(event)!.fields.keys()].sort(),
        event
      );
    }
  });

  it('names the order types file for an unknown type', () => {
    assert.throws(
      () => orderValidator.validate('Nope', {}),
      /types\/contract\/orders\.ts exports no type Nope/
    );
  });
});

describe('the order fixtures (static resources shared with the Apex tests)', () => {
  it('are found in the static resources, one per role', () => {
    const { fixtures, problems } = loadOrderFixtures(model);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      fixtures.map((f) => [f.role, f.filePath]),
      (Object.keys(ORDER_FIXTURES) as OrderFixtureRole[]).map((role) => [
        role,
        `${STATIC_RESOURCES}/${ORDER_FIXTURES[role].name}.json`
      ])
    );
  });

  it('each match their TypeScript type and pass every semantic check', () => {
    for (const role of Object.keys(ORDER_FIXTURES) as OrderFixtureRole[]) {
      assert.deepEqual(
        orderValidator.validate(ORDER_FIXTURES[role].typeName, readOrderFixture(role)),
        [],
        role
      );
    }
    assert.deepEqual(checkOrderFixtures(model, config, orderValidator).problems, []);
    assert.deepEqual(checkOrderFixtures(model, config).problems, [], 'default validator');
  });

  it('keep the submission the Apex tests rely on, Payload__c being the compact order', () => {
    const { event: e, order } = submitted;
    assert.equal(e.Payload__c, JSON.stringify(order));
    assert.deepEqual(JSON.parse(e.Payload__c), order);
    assert.equal(order.integrationKey, `SF-${order.orderId}-v1`);
    assert.equal(order.integrationKey, integrationKeyOf(order.orderId, order.submissionVersion));
    assert.deepEqual(
      [e.Order_ID__c, e.Idempotency_Key__c, e.Submission_Version__c, e.Correlation_ID__c],
      [order.orderId, order.integrationKey, 1, order.correlationId]
    );
    assert.deepEqual(order.account, {
      id: response.results[1].id,
      erpAccountId: 'ERP-C-1002',
      name: 'Bergstrom AG'
    });
    assert.match(order.orderId, /^801/);
    assert.match(order.quoteId!, /^0Q0/);
    assert.match(order.opportunityId!, /^006/);
    assert.match(order.submittedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.deepEqual(
      order.lines.map((l) => [
        l.lineNumber,
        l.orderItemId.slice(0, 3),
        l.sku,
        l.erpProductId,
        l.productName,
        l.quantity,
        l.unitPrice,
        l.totalPrice
      ]),
      [
        [1, '802', 'SKU-100', 'ERP-P-100', 'Widget', 2, 100, 200],
        [2, '802', 'SKU-200', 'ERP-P-200', 'Gadget', 1, 49.5, 49.5]
      ]
    );
    assert.equal(order.totalAmount, 249.5);
  });

  it('keep the acknowledgements and the status events the Apex tests rely on', () => {
    assert.deepEqual(
      acksRequest.records.map((r) => [r.integrationKey, r.decision, r.erpOrderId, r.reasons]),
      [
        [submitted.order.integrationKey, 'accepted', 'ERP-O-5001', undefined],
        ['SF-801Hs00001OrA02IAF-v1', 'rejected', undefined, ['Credit limit exceeded']]
      ]
    );
    assert.ok(acksRequest.records.every((r) => r.occurredAt === '2026-03-05T10:00:00Z'));
    assert.deepEqual(
      [acksResponse.object, acksResponse.canonicalObject, acksResponse.summary],
      ['Order', 'order', { created: 0, updated: 2, unchanged: 0, rejected: 0 }]
    );
    assert.deepEqual(
      acksResponse.results.map((r) => [r.externalId, r.id, r.outcome]),
      [
        [submitted.order.integrationKey, submitted.order.orderId, 'updated'],
        ['SF-801Hs00001OrA02IAF-v1', '801Hs00001OrA02IAF', 'updated']
      ]
    );
    assert.deepEqual(
      statusEvents.map((e) => [e.ERP_Order_ID__c, e.Status__c, e.Sequence__c]),
      [
        ['ERP-O-5001', 'Released', 2],
        ['ERP-O-5001', 'Shipped', 4],
        ['ERP-O-5001', 'Invoiced', 5],
        ['ERP-O-5001', 'Partially Shipped', 3]
      ]
    );
    const before = acknowledgedOrders(acksRequest, acksResponse);
    assert.deepEqual(
      replayOrderStatusEvents(statusEvents, before).map((o) => [o.outcome, o.before, o.after]),
      [
        ['applied', 'Acknowledged', 'Released'],
        ['applied', 'Released', 'Shipped'],
        ['applied', 'Shipped', 'Invoiced'],
        ['history', 'Invoiced', 'Invoiced']
      ],
      'Partially Shipped arrives last, out of order, and stays in the history'
    );
  });

  it('write Payload__c and every object in the field order of the types', () => {
    const check = (type: string, value: object): void => {
      assert.deepEqual(
        Object.keys(value),
        schemaFields(orderSchema, type).map((f) => f.name),
        type
      );
    };
    check('OrderSubmittedEvent', submitted.event);
    check('CanonicalOrder', JSON.parse(submitted.event.Payload__c) as object);
    check('CanonicalOrderAccount', submitted.order.account);
    submitted.order.lines.forEach((line) => check('CanonicalOrderLine', line));
    statusEvents.forEach((event) => check('OrderStatusEvent', event));
    acksResponse.results.forEach((result) => check('RecordResult', result));
  });
});

describe('order semantic checks, one rule at a time', () => {
  function submission(change: (e: OrderSubmittedEventExample) => void, payload = true): string[] {
    const copy = clone(submitted);
    change(copy);
    if (payload) {
      copy.event.Payload__c = JSON.stringify(copy.order);
    }
    return findings(checkOrderSubmitted(copy, orderSchema, model));
  }

  function acknowledgements(
    change: (req: OrderAcknowledgementsRequest, res: RecordUpsertResponse) => void
  ): string[] {
    const req = clone(acksRequest);
    const res = clone(acksResponse);
    change(req, res);
    return findings(checkOrderAcknowledgements(req, res, model, config));
  }

  function events(change: (e: OrderStatusEvent[]) => void): string[] {
    const copy = clone(statusEvents);
    change(copy);
    return findings(
      checkOrderStatusEvents(copy, model, acknowledgedOrders(acksRequest, acksResponse))
    );
  }

  it('checks that Payload__c is the order, compact and in declaration order', () => {
    assert.deepEqual(
      submission(() => {}),
      []
    );
    assert.deepEqual(
      submission((e) => {
        e.event.Payload__c = 'not json';
      }, false),
      ['orderSubmitted /event/Payload__c: is not JSON']
    );
    assert.deepEqual(
      submission((e) => {
        e.event.Payload__c = JSON.stringify({ ...e.order, poNumber: 'other' });
      }, false),
      [
        'orderSubmitted /event/Payload__c: does not parse to order: /poNumber: "other" ≠ "BA-PO-4471"'
      ]
    );
    assert.deepEqual(
      submission((e) => {
        e.event.Payload__c = JSON.stringify({ ...e.order, extra: 1 });
      }, false),
      ['orderSubmitted /event/Payload__c: does not parse to order: /extra: 1 ≠ nothing']
    );
    assert.deepEqual(
      submission((e) => {
        e.event.Payload__c = JSON.stringify(e.order, null, 1);
      }, false),
      ['orderSubmitted /event/Payload__c: is not the compact JSON of order (JSON.stringify)']
    );
    assert.deepEqual(
      submission((e) => {
        const { id, ...rest } = e.order.lines[0] as unknown as Record<string, unknown> & {
          id?: unknown;
        };
        void id;
        const { sku, ...others } = rest;
        e.order.lines[0] = { ...others, sku } as unknown as (typeof e.order.lines)[0];
      }),
      [
        'orderSubmitted /order/lines/0: keys are lineNumber, orderItemId, erpProductId, productName, quantity, unitPrice, totalPrice, description, sku; CanonicalOrderLine declares lineNumber, orderItemId, sku, erpProductId, productName, quantity, unitPrice, totalPrice, description'
      ]
    );
    assert.deepEqual(
      submission((e) => {
        const reordered = JSON.parse(e.event.Payload__c) as Record<string, unknown>;
        const account = reordered.account as Record<string, unknown>;
        reordered.account = {
          name: account.name,
          id: account.id,
          erpAccountId: account.erpAccountId
        };
        e.event.Payload__c = JSON.stringify(reordered);
      }, false),
      [
        'orderSubmitted /event/Payload__c: at /account: keys are name, id, erpAccountId; CanonicalOrderAccount declares id, erpAccountId, name'
      ]
    );
  });

  it('checks the event against the order, the key, IDs, times and field lengths', () => {
    assert.deepEqual(
      submission((e) => {
        e.event.Order_Number__c = '00000102';
        e.event.Submission_Version__c = 2;
        e.order.orderId = '801Hs00001OrA01IAA';
        e.order.account.id = '006Hs00001OpA01IAF';
        e.order.quoteId = null;
        e.order.opportunityId = null;
        e.order.submittedAt = '2026-03-05T09:30:00Z';
        e.order.effectiveDate = '2026-02-30';
        e.order.correlationId = 'has spaces';
        e.event.Correlation_ID__c = 'has spaces';
        e.event.Idempotency_Key__c = 'x'.repeat(121);
      }),
      [
        'orderSubmitted /event/Idempotency_Key__c: has 121 characters; ERP_Order_Submitted__e.Idempotency_Key__c holds 120',
        'orderSubmitted /event/Order_ID__c: is "801Hs00001OrA01IAF" but order.orderId is "801Hs00001OrA01IAA"',
        'orderSubmitted /event/Order_Number__c: is "00000102" but order.orderNumber is "00000101"',
        `orderSubmitted /event/Idempotency_Key__c: is "${'x'.repeat(121)}" but order.integrationKey is "SF-801Hs00001OrA01IAF-v1"`,
        'orderSubmitted /event/Submission_Version__c: is 2 but order.submissionVersion is 1',
        'orderSubmitted /order/integrationKey: is "SF-801Hs00001OrA01IAF-v1"; SF-<orderId>-v<submissionVersion> is "SF-801Hs00001OrA01IAA-v1"',
        'orderSubmitted /order/orderId: "801Hs00001OrA01IAA" is not an 18-character Salesforce ID',
        'orderSubmitted /order/account/id: "006Hs00001OpA01IAF" is not an Account ID (they start with 001)',
        'orderSubmitted /order/submittedAt: "2026-03-05T09:30:00Z" is not an ISO 8601 UTC date-time with milliseconds (YYYY-MM-DDTHH:mm:ss.SSSZ)',
        'orderSubmitted /order/effectiveDate: "2026-02-30" is not a date (YYYY-MM-DD)',
        'orderSubmitted /order/correlationId: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -'
      ]
    );
    assert.deepEqual(
      submission((e) => {
        e.order.submissionVersion = 0;
        e.event.Submission_Version__c = 0;
        e.order.integrationKey = 'SF-801Hs00001OrA01IAF-v0';
        e.event.Idempotency_Key__c = e.order.integrationKey;
      }),
      ['orderSubmitted /order/submissionVersion: is 0; versions are 1, 2, …']
    );
  });

  it('checks what the submission service requires: an ERP account, lines, SKUs and totals', () => {
    assert.deepEqual(
      submission((e) => {
        e.order.orderNumber = ' ';
        e.event.Order_Number__c = ' ';
        e.order.account.erpAccountId = '';
        e.order.lines[1].orderItemId = e.order.lines[0].orderItemId;
        e.order.lines[1].sku = '';
        e.order.lines[1].erpProductId = ' ';
        e.order.lines[1].quantity = 0;
        e.order.lines[1].totalPrice = 0;
        e.order.totalAmount = 200;
      }),
      [
        'orderSubmitted /order/orderNumber: is blank',
        'orderSubmitted /order/account/erpAccountId: is blank; such an order is not submitted (NO_ERP_ACCOUNT)',
        'orderSubmitted /order/lines/1/orderItemId: 802Hs00001OiA01IAF is on an earlier line too',
        'orderSubmitted /order/lines/1/sku: is blank; such an order is not submitted (PRODUCT_WITHOUT_SKU)',
        'orderSubmitted /order/lines/1/erpProductId: is blank; such an order is not submitted (PRODUCT_WITHOUT_ERP_ID)',
        'orderSubmitted /order/lines/1/quantity: is 0; a line orders a positive quantity'
      ]
    );
    assert.deepEqual(
      submission((e) => {
        e.order.lines[0].totalPrice = 199.99;
        e.order.totalAmount = 249.49;
      }),
      ['orderSubmitted /order/lines/0/totalPrice: is 199.99; quantity × unitPrice is 200']
    );
    assert.deepEqual(
      submission((e) => {
        e.order.lines = [];
        e.order.totalAmount = 0;
      }),
      ['orderSubmitted /order/lines: is empty; an order without lines is not submitted (NO_LINES)']
    );
  });

  it('checks the acknowledgements exchange like the records API, with Order as the object', () => {
    assert.deepEqual(
      acknowledgements(() => {}),
      []
    );
    assert.deepEqual(
      acknowledgements((_, res) => {
        res.object = 'Account';
        res.canonicalObject = 'account';
      }),
      ['acknowledgementsResponse /object: the order acknowledgements API writes Order, not Account']
    );
    const disabled: IntegrationConfig = {
      ...config,
      objects: config.objects.map((o) =>
        o.objectApiName === 'Order' ? { ...o, inboundApi: 'Records', enabled: false } : o
      )
    };
    assert.deepEqual(
      findings(checkOrderAcknowledgements(acksRequest, acksResponse, model, disabled)),
      [
        'acknowledgementsResponse /object: the orders API does not write Order (Integration_Object__mdt: Inbound_API__c Records, direction Bidirectional, disabled)'
      ]
    );
    const blank: IntegrationConfig = {
      ...config,
      objects: config.objects.map((o) =>
        o.objectApiName === 'Order' ? { ...o, inboundApi: undefined } : o
      )
    };
    assert.match(
      findings(checkOrderAcknowledgements(acksRequest, acksResponse, model, blank))[0],
      /Inbound_API__c blank, direction Bidirectional\)$/
    );
    assert.deepEqual(
      acknowledgements((req, res) => {
        req.records[0].occurredAt = 'yesterday';
        req.records[1].integrationKey = 'sf-801Hs00001OrA01IAF-v1';
        res.results[1].externalId = 'sf-801Hs00001OrA01IAF-v1';
        res.results[1].id = null;
        res.results[1].outcome = 'rejected';
        res.results[1].errors = [
          { code: 'UNKNOWN_ORDER', field: 'integrationKey', statusCode: null, message: 'x' }
        ];
        res.summary = { created: 0, updated: 1, unchanged: 0, rejected: 1 };
        res.results[0].ignoredFields = [{ field: 'x', owner: 'ERP', reason: 'KEY_FIELD' }];
      }),
      [
        'acknowledgementsRequest /records/0/occurredAt: "yesterday" is not an ISO 8601 date-time with offset or Z',
        'acknowledgementsResponse /results/0/ignoredFields: lists x (KEY_FIELD/ERP); ownership of Order says none (reason/owner)'
      ],
      'keys differing in case are two keys; a malformed key rejected UNKNOWN_ORDER is consistent'
    );
  });

  it('checks what the acknowledgements API adds: keys, order IDs, required properties, codes', () => {
    assert.deepEqual(
      acknowledgements((req, res) => {
        req.records[0].integrationKey = 'ORDER-1';
        res.results[0].externalId = 'ORDER-1';
        delete req.records[1].reasons;
        res.results[1].outcome = 'unchanged';
        res.summary = { created: 0, updated: 1, unchanged: 1, rejected: 0 };
      }),
      [
        'acknowledgementsRequest /records/0/integrationKey: "ORDER-1" is not SF-<18-character order ID>-v<version>, so no order has it and the record must be rejected UNKNOWN_ORDER',
        'acknowledgementsRequest /records/1: rejects without reasons, so the record must be rejected INVALID_RECORD on reasons'
      ]
    );
    assert.deepEqual(
      acknowledgements((req, res) => {
        req.records[0].erpOrderId = ' ';
        res.results[0] = {
          ...res.results[0],
          outcome: 'rejected',
          errors: [
            { code: 'INVALID_RECORD', field: 'erpOrderId', statusCode: null, message: 'x' },
            { code: 'UNKNOWN_FIELD', field: 'erpOrderId', statusCode: null, message: 'x' }
          ]
        };
        req.records[1].reasons = [' '];
        res.results[1] = {
          ...res.results[1],
          outcome: 'rejected',
          errors: [{ code: 'INVALID_RECORD', field: 'reasons', statusCode: null, message: 'x' }]
        };
        res.summary = { created: 0, updated: 0, unchanged: 0, rejected: 2 };
      }),
      [
        'acknowledgementsResponse /results/0/errors/1/code: UNKNOWN_FIELD is not a code of the order acknowledgements API (BLANK_EXTERNAL_ID, DUPLICATE_EXTERNAL_ID, INVALID_RECORD, INVALID_MODIFIED_AT, WRONG_TYPE, STALE_UPDATE, UNKNOWN_ORDER, INVALID_TRANSITION, SAVE_FAILED, ALL_OR_NONE_ABORTED)'
      ],
      'rejected as required, the records are consistent'
    );
    assert.deepEqual(
      acknowledgements((req, res) => {
        res.results[0].id = '001Hs00001AbCdEIAV';
        res.results[1] = {
          ...res.results[1],
          outcome: 'rejected',
          errors: [
            { code: 'STALE_UPDATE', field: 'integrationKey', statusCode: null, message: 'x' }
          ]
        };
        res.summary = { created: 0, updated: 1, unchanged: 0, rejected: 1 };
        req.allOrNone = undefined;
      }),
      [
        'acknowledgementsResponse /results/0/id: is 001Hs00001AbCdEIAV; the key SF-801Hs00001OrA01IAF-v1 names order 801Hs00001OrA01IAF',
        'acknowledgementsResponse /results/0/id: "001Hs00001AbCdEIAV" is not an Order ID (they start with 801)'
      ],
      'a superseded key still names its order'
    );
    assert.ok(Object.keys(ORDER_ACKNOWLEDGEMENT_ERROR_CODES).every((c) => c in RECORD_ERROR_CODES));
  });

  it('reads and builds integration keys', () => {
    assert.deepEqual(parseIntegrationKey('SF-801Hs00001OrA01IAF-v12'), {
      orderId: '801Hs00001OrA01IAF',
      version: 12
    });
    for (const key of [
      'SF-801Hs00001OrA01IAA-v1',
      'SF-001Hs00001AbCdEIAV-v1',
      'SF-801Hs00001OrA01IAF-v0',
      'SF-801Hs00001OrA01-v1',
      'sf-801Hs00001OrA01IAF-v1'
    ]) {
      assert.equal(parseIntegrationKey(key), undefined, key);
    }
    assert.equal(integrationKeyOf('801Hs00001OrA01IAF', 3), 'SF-801Hs00001OrA01IAF-v3');
  });

  it('checks each status event: its order, key, sequence, time, correlation and lengths', () => {
    assert.deepEqual(
      events(() => {}),
      []
    );
    assert.deepEqual(
      events((e) => {
        e[0].Integration_Key__c = 'SF-1';
        e[0].Correlation_ID__c = 'has spaces';
        e[1].Sequence__c = 3.5;
        e[1].Occurred_At__c = '2026-03-10';
        e[2].Details__c = 'x'.repeat(32769);
      }),
      [
        'statusEvents /0/Integration_Key__c: "SF-1" is not SF-<18-character order ID>-v<version>',
        'statusEvents /0/Correlation_ID__c: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -',
        'statusEvents /1/Sequence__c: is 3.5; sequences are positive whole numbers',
        'statusEvents /1/Occurred_At__c: "2026-03-10" is not an ISO 8601 date-time with offset or Z',
        'statusEvents /2/Details__c: has 32769 characters; ERP_Order_Status__e.Details__c holds 32768'
      ]
    );
    assert.deepEqual(
      events((e) => {
        e.length = 0;
      }),
      ['statusEvents /: holds no event']
    );
  });

  it('checks acknowledgement events and replays statuses through the lifecycle', () => {
    const key = 'SF-801Hs00001OrA03IAF-v1';
    const ack = (status: 'Acknowledged' | 'Rejected', sequence: number): OrderStatusEvent => ({
      ERP_Order_ID__c: null,
      Integration_Key__c: null,
      Status__c: status,
      Sequence__c: sequence,
      Occurred_At__c: '2026-03-05T10:00:00Z',
      Details__c: null,
      Correlation_ID__c: null
    });
    assert.deepEqual(
      events((e) => {
        e.splice(0, e.length, ack('Acknowledged', 1), ack('Rejected', 2));
      }),
      [
        'statusEvents /0: names no order: ERP_Order_ID__c or Integration_Key__c is required',
        'statusEvents /0/Integration_Key__c: is blank; an Acknowledged event names the submission it answers by its key',
        'statusEvents /0/ERP_Order_ID__c: is blank; an Acknowledged event carries the ERP order ID',
        'statusEvents /1: names no order: ERP_Order_ID__c or Integration_Key__c is required',
        'statusEvents /1/Integration_Key__c: is blank; a Rejected event names the submission it answers by its key',
        'statusEvents /1/Details__c: is blank; a Rejected event carries the reasons in Details__c',
        'statusEvents /1/Status__c: Rejected (sequence 2) is not reachable from Acknowledged, the status of (no order) then, so it would be rejected INVALID_TRANSITION'
      ]
    );
    const accepted = {
      ...ack('Acknowledged', 1),
      Integration_Key__c: key,
      ERP_Order_ID__c: 'ERP-O-7'
    };
    const shipped = { ...statusEvents[1], ERP_Order_ID__c: 'ERP-O-7', Sequence__c: 3 };
    const again = { ...shipped, Sequence__c: 4, Occurred_At__c: '2026-03-10T17:00:00Z' };
    const late = { ...statusEvents[0], ERP_Order_ID__c: 'ERP-O-7', Integration_Key__c: key };
    const rejected = { ...ack('Rejected', 5), Integration_Key__c: key, Details__c: 'No stock' };
    const stream = [accepted, shipped, shipped, again, late, rejected];
    assert.deepEqual(
      replayOrderStatusEvents(stream).map((o) => [o.order, o.outcome, o.after]),
      [
        [key, 'applied', 'Acknowledged'],
        ['ERP-O-7', 'applied', 'Shipped'],
        ['ERP-O-7', 'redelivered', 'Shipped'],
        ['ERP-O-7', 'applied', 'Shipped'],
        [key, 'applied', 'Released'],
        [key, 'invalid', 'Released']
      ],
      'without acknowledgements, an order named by its ERP ID and by its key are two orders'
    );
    const before = new Map([
      [key, { status: 'Acknowledged', integrationKey: key, erpOrderId: 'ERP-O-7' }],
      ['ERP-O-7', { status: 'Acknowledged', integrationKey: key, erpOrderId: 'ERP-O-7' }]
    ]);
    assert.deepEqual(
      replayOrderStatusEvents(stream, before).map((o) => [o.outcome, o.after]),
      [
        ['applied', 'Acknowledged'],
        ['applied', 'Shipped'],
        ['redelivered', 'Shipped'],
        ['applied', 'Shipped'],
        ['history', 'Shipped'],
        ['invalid', 'Shipped']
      ]
    );
    assert.deepEqual(
      replayOrderStatusEvents(statusEvents, acknowledgedOrders(acksRequest, acksResponse), {
        oneBatch: true
      }).map((o) => [o.outcome, o.after]),
      [
        ['applied', 'Released'],
        ['applied', 'Shipped'],
        ['applied', 'Invoiced'],
        ['applied', 'Partially Shipped']
      ],
      'in one batch the trigger takes the changes in sequence order'
    );
    assert.deepEqual(
      findings(
        checkOrderStatusEvents(
          [accepted, shipped, { ...shipped, Status__c: 'Released' }, again],
          model
        )
      ),
      [
        'statusEvents /2/Sequence__c: 3 of ERP-O-7 is event 1 too, with Shipped at 2026-03-10T16:00:00Z; a sequence names one change'
      ]
    );
    assert.deepEqual(
      findings(
        checkOrderStatusEvents(
          [{ ...again, Occurred_At__c: '2026-03-01T00:00:00Z' }, shipped],
          model
        )
      ),
      [
        'statusEvents /0/Occurred_At__c: sequence 4 of ERP-O-7 happened before sequence 3 (2026-03-10T16:00:00Z); sequences follow time'
      ],
      'a status may overtake the acknowledgement of a Submitted order (reachable through it)'
    );
  });

  it('leaves out acknowledgements the call rejected', () => {
    const res = clone(acksResponse);
    res.results[1].outcome = 'rejected';
    const orders = acknowledgedOrders(acksRequest, res);
    assert.deepEqual([...orders.keys()], [submitted.order.integrationKey, 'ERP-O-5001']);
    assert.deepEqual(
      [...acknowledgedOrders(acksRequest, acksResponse).values()].map((o) => o.status),
      ['Acknowledged', 'Acknowledged', 'Rejected']
    );
    assert.equal(acknowledgedOrders(acksRequest, { ...res, results: [] }).size, 0);
  });

  it('reports a missing order fixture', () => {
    const root = copyProject();
    fs.rmSync(path.join(root, STATIC_RESOURCES, 'ErpContract_OrderStatusEvents.json'));
    const projectModel = loadMetadataModel(root);
    const { problems } = checkOrderFixtures(projectModel, readIntegrationConfig(projectModel));
    assert.deepEqual(problems, [
      {
        filePath: `${STATIC_RESOURCES}/ErpContract_OrderStatusEvents.json`,
        message:
          'is missing: the contract fixture ErpContract_OrderStatusEvents (OrderStatusEvents) must exist beside the others'
      }
    ]);
  });
});

describe('Apex ↔ TypeScript order lifecycle (OrderLifecycle.cls)', () => {
  const SAMPLE = `
    /** The ERP statuses. Map<String, Set<String>> OLD = new Map<String, Set<String>>{ 'X' => new Set<String>{ 'Y' } }; */
    public inherited sharing class OrderLifecycle {
        public static final String SUBMITTED = 'Submitted';
        public static final String ACKNOWLEDGED = 'Acknowledged';
        public static final String REJECTED = 'Rejected';
        public static final String RELEASED = 'Released';
        public static final String PARTIALLY_SHIPPED = 'Partially Shipped';
        public static final String SHIPPED = 'Shipped';
        public static final String INVOICED = 'Invoiced';
        public static final String CANCELLED = 'Cancelled';
        public static final String RETURNED = 'Returned';
        private static final Map<String, Set<String>> NEXT_STATUSES = new Map<String, Set<String>>{
            SUBMITTED => new Set<String>{ ACKNOWLEDGED, REJECTED },
            REJECTED => new Set<String>{ SUBMITTED }, // resubmission
            ACKNOWLEDGED => new Set<String>{ RELEASED, CANCELLED },
            RELEASED => new Set<String>{ PARTIALLY_SHIPPED, SHIPPED, CANCELLED },
            PARTIALLY_SHIPPED => new Set<String>{ SHIPPED },
            SHIPPED => new Set<String>{ INVOICED, RETURNED },
            INVOICED => new Set<String>{ 'Returned' },
            CANCELLED => new Set<String>(),
            RETURNED => new Set<String>()
        };
        private static final Map<String, List<String>> LABELS = new Map<String, List<String>>();
        public static Set<String> nextStatuses(String fromStatus) {
            if (String.isBlank(fromStatus)) { return new Set<String>{ SUBMITTED }; }
            Set<String> next = NEXT_STATUSES.get(fromStatus);
            return next == null ? new Set<String>() : new Set<String>(next);
        }
    }`;

  it('reads the direct-transition map nextStatuses uses, and finds it equal to the model', () => {
    const apex = parseApexLifecycle(SAMPLE);
    assert.equal(apex.mapName, 'NEXT_STATUSES');
    assert.equal(apex.constants.get('PARTIALLY_SHIPPED'), 'Partially Shipped');
    assert.deepEqual(
      apex.transitions.map((t) => `${t.from} → ${t.to}`),
      erpStatusTransitions().map((t) => `${t.from} → ${t.to}`)
    );
    assert.deepEqual(compareLifecycleWithApex(apex), []);
  });

  it('names every difference: missing and extra transitions, unknown and missing statuses', () => {
    const changed = SAMPLE.replace(
      'RELEASED => new Set<String>{ PARTIALLY_SHIPPED, SHIPPED, CANCELLED }',
      "RELEASED => new Set<String>{ PARTIALLY_SHIPPED, SHIPPED, 'Backordered' }"
    )
      .replace(
        'SUBMITTED => new Set<String>{ ACKNOWLEDGED, REJECTED }',
        'SUBMITTED => new Set<String>{ ACKNOWLEDGED, REJECTED, CANCELLED }'
      )
      .replace("public static final String RETURNED = 'Returned';", '')
      .replace('RETURNED => new Set<String>()', "'Returned' => new Set<String>()")
      .replace(
        'SHIPPED => new Set<String>{ INVOICED, RETURNED }',
        "SHIPPED => new Set<String>{ INVOICED, 'Returned' }"
      );
    assert.deepEqual(compareLifecycleWithApex(parseApexLifecycle(changed)), [
      "no String constant of OrderLifecycle.cls has the value 'Returned'",
      "NEXT_STATUSES names 'Backordered', which is not an ERP status of scripts/docs/order-lifecycle.ts",
      'NEXT_STATUSES lacks Released → Cancelled, a transition of scripts/docs/order-lifecycle.ts',
      'NEXT_STATUSES allows Submitted → Cancelled, which scripts/docs/order-lifecycle.ts does not',
      'NEXT_STATUSES allows Released → Backordered, which scripts/docs/order-lifecycle.ts does not'
    ]);
  });

  it('reads maps filled with put, and picks the map nextStatuses names', () => {
    const apex = parseApexLifecycle(`
      public class OrderLifecycle {
        static final String A = 'Submitted';
        private static final Map<String, Set<String>> OTHER = new Map<String, Set<String>>{ A => new Set<String>{ 'Rejected' } };
        private static final Map<String, List<String>> NEXT;
        static {
          NEXT = new Map<String, List<String>>();
          NEXT.put(A, new List<String>{ 'Acknowledged', 'Rejected' });
          next.put('Rejected', new List<String>{ A });
        }
        public static Set<String> nextStatuses(String s) { return new Set<String>(NEXT.get(s)); }
      }`);
    assert.equal(apex.mapName, 'NEXT');
    assert.deepEqual(
      apex.transitions.map((t) => `${t.from} → ${t.to}`),
      ['Submitted → Acknowledged', 'Submitted → Rejected', 'Rejected → Submitted']
    );
  });

  it('fails clearly on source it cannot read', () => {
    const body = (map: string, next = 'return NEXT.get(s);'): string =>
      `class C { static final String A = 'Submitted'; ${map} public static Set<String> nextStatuses(String s) { ${next} } }`;
    assert.throws(
      () => parseApexLifecycle('class C {}'),
      /no Map<String, Set<String>> of direct transitions/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          'class C { Map<String, Set<String>> NEXT = new Map<String, Set<String>>{}; }'
        ),
      /no nextStatuses method/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          body(
            'Map<String, Set<String>> NEXT = new Map<String, Set<String>>(); Map<String, Set<String>> MORE = new Map<String, Set<String>>();',
            'return NEXT.get(s) ?? MORE.get(s);'
          )
        ),
      /cannot tell which map nextStatuses reads \(it names several of next, more\)/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          body(
            'Map<String, Set<String>> NEXT = new Map<String, Set<String>>(); Map<String, Set<String>> MORE = new Map<String, Set<String>>();',
            'return helper(s);'
          )
        ),
      /cannot tell which map nextStatuses reads \(it names none of next, more\)/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          body('Map<String, Set<String>> NEXT = new Map<String, Set<String>>{ A };')
        ),
      /NEXT: cannot read the entry "A"/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          body(
            'Map<String, Set<String>> NEXT = new Map<String, Set<String>>{ A => new Set<String>{ B } };'
          )
        ),
      /NEXT: B is not a String constant of the class/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          body('Map<String, Set<String>> NEXT = new Map<String, Set<String>>(); { NEXT.put(A); }')
        ),
      /NEXT\.put: cannot read "A"/
    );
    assert.throws(
      () =>
        parseApexLifecycle(body('Map<String, Set<String>> NEXT = new Map<String, Set<String>>();')),
      /NEXT holds no transition/
    );
    assert.throws(
      () =>
        parseApexLifecycle(
          `class C { Map<String, Set<String>> NEXT = new Map<String, Set<String>>{ A => new Set<String>{ 'x' `
        ),
      /unbalanced \{/
    );
  });

  const apexFile = path.join(MAIN_ROOT, APEX_LIFECYCLE_PATH);
  const present = fs.existsSync(apexFile);
  it(
    `${APEX_LIFECYCLE_PATH} allows exactly the transitions of scripts/docs/order-lifecycle.ts`,
    {
      skip: present
        ? false
        : `${APEX_LIFECYCLE_PATH} does not exist yet: the cross-check runs once the order Apex is in`
    },
    () => {
      const apex = parseApexLifecycle(fs.readFileSync(apexFile, 'utf8'));
      assert.deepEqual(compareLifecycleWithApex(apex), []);
    }
  );
});

describe('Apex ↔ TypeScript order contract', () => {
  it('describes the orders-only codes as the ApexDoc of InboundErrorCode.cls does', () => {
    const apexSource = fs.readFileSync(path.join(MAIN_ROOT, APEX_ERROR_CODES_PATH), 'utf8');
    for (const code of ['UNKNOWN_ORDER', 'INVALID_TRANSITION'] as const) {
      const apexDoc = new RegExp(
        `/\\*\\* @description (.+?) \\*/\\s*public static final String ${code}\\b`
      ).exec(apexSource)?.[1];
      assert.ok(apexDoc, `no ApexDoc for ${code}`);
      assert.match(apexDoc, /^Orders only: /);
      const ts = RECORD_ERROR_CODES[code];
      assert.match(ts.description, /^Orders only: /);
      for (const term of apexDoc.match(/`[^`]+`/g) ?? []) {
        assert.ok(ts.description.includes(term), `${code}: ${term} is not in "${ts.description}"`);
      }
      assert.deepEqual(ts.onlyIn, ['order acknowledgements', 'order status events']);
    }
  });

  const builder = path.join(
    MAIN_ROOT,
    'force-app/main/default/classes/orders/CanonicalOrderBuilder.cls'
  );
  it(
    'CanonicalOrderBuilder.cls writes the canonical order in the field order of the types',
    {
      skip: fs.existsSync(builder)
        ? false
        : 'CanonicalOrderBuilder.cls does not exist yet: the cross-check runs once the order Apex is in'
    },
    () => {
      const source = fs.readFileSync(builder, 'utf8');
      const written = (method: RegExp): string[] => {
        const start = source.search(method);
        assert.ok(start >= 0, `no ${method}`);
        const body = source.slice(start, source.indexOf('\n    }\n', start));
        return [
          ...body.matchAll(
            /(?:Field|writeText|writeNumber|writeFieldName)\((?:generator, )?'(\w+)'/g
          )
        ].map((m) => m[1]);
      };
      const order = (type: string): string[] => schemaFields(orderSchema, type).map((f) => f.name);
      assert.deepEqual(
        written(/public static String build\(Order order\)/),
        order('CanonicalOrder').filter((name) => name !== 'account' && name !== 'lines')
      );
      assert.deepEqual(written(/private static void writeAccount\(/), [
        'account',
        ...order('CanonicalOrderAccount')
      ]);
      assert.deepEqual(written(/private static void writeLine\(/), order('CanonicalOrderLine'));
    }
  );
});

describe('the operations contract schema generated from types/contract/operations.ts', () => {
  it('has a definition for every body of the delivery and reconciliation endpoints', () => {
    for (const name of [
      'RecordChangeDelivery',
      'DeliveryErrorResponse',
      'DeliveryError',
      'ReconciliationLookupRequest',
      'ReconciliationLookupResponse',
      'ReconciliationRecord',
      'ReconciliationIdsPage',
      'ChangeType',
      'CanonicalFields',
      'FieldValue'
    ]) {
      assert.ok(operationsSchema.definitions?.[name], `no definition for ${name}`);
    }
  });

  it('closes every interface, so an extra or misspelt property fails', () => {
    for (const [name, definition] of Object.entries(operationsSchema.definitions!)) {
      if (definition.properties !== undefined) {
        assert.equal(definition.additionalProperties, false, name);
      }
    }
    assert.deepEqual(
      operationsValidator.validate('ReconciliationIdsPage', { ...idsPage, pagesize: 200 }),
      ['/: unexpected property "pagesize"']
    );
    assert.deepEqual(
      operationsValidator.validate('RecordChangeDelivery', { ...delivery, changeType: 'MERGE' }),
      ['/changeType: "MERGE" is not one of "CREATE", "UPDATE", "DELETE", "UNDELETE"']
    );
  });

  it('describes the delivery body for the docs, with the optional field of a refusal', () => {
    assert.deepEqual(
      schemaFields(operationsSchema, 'RecordChangeDelivery').map((f) => [f.name, f.type]),
      [
        ['messageId', 'string'],
        ['object', 'string'],
        ['salesforceObject', 'string'],
        ['recordId', 'string'],
        ['externalId', 'string | null'],
        ['changeType', '"CREATE" | "UPDATE" | "DELETE" | "UNDELETE"'],
        ['fields', 'CanonicalFields'],
        ['correlationId', 'string'],
        ['occurredAt', 'string']
      ]
    );
    assert.deepEqual(
      schemaFields(operationsSchema, 'DeliveryError').map((f) => [f.name, f.required]),
      [
        ['code', true],
        ['message', true],
        ['field', false]
      ]
    );
  });

  it('names the paths and headers of the spec', () => {
    assert.equal(DELIVERY_CHANGES_PATH, '/erp-bridge/v1/changes/{object}');
    assert.equal(DELIVERY_ORDERS_PATH, '/erp-bridge/v1/orders');
    assert.equal(RECONCILIATION_LOOKUP_PATH, '/erp-bridge/v1/reconciliation/{object}/lookup');
    assert.equal(RECONCILIATION_IDS_PATH, '/erp-bridge/v1/reconciliation/{object}/ids');
    assert.deepEqual(
      DELIVERY_HEADERS.map((h) => h.name),
      [
        'Idempotency-Key',
        'X-Correlation-Id',
        'X-ERP-Bridge-Message-Type',
        'X-ERP-Bridge-Attempt',
        'Content-Type'
      ]
    );
  });
});

describe('the operations fixtures (static resources shared with the Apex tests)', () => {
  it('are found in the static resources, one per role', () => {
    const { fixtures, problems } = loadOperationsFixtures(model);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      fixtures.map((f) => [f.role, f.filePath]),
      (Object.keys(OPERATIONS_FIXTURES) as OperationsFixtureRole[]).map((role) => [
        role,
        `${STATIC_RESOURCES}/${OPERATIONS_FIXTURES[role].name}.json`
      ])
    );
  });

  it('each match their TypeScript type', () => {
    assert.deepEqual(operationsValidator.validate('RecordChangeDelivery', delivery), []);
    assert.deepEqual(operationsValidator.validate('DeliveryErrorResponse', deliveryError), []);
    assert.deepEqual(operationsValidator.validate('ReconciliationLookupResponse', lookup), []);
    assert.deepEqual(operationsValidator.validate('ReconciliationIdsPage', idsPage), []);
  });

  it('pass every semantic check', () => {
    assert.deepEqual(checkOperationsFixtures(model, config, operationsValidator).problems, []);
  });

  it('keep the scenario the Apex tests rely on', () => {
    assert.deepEqual(
      [delivery.object, delivery.salesforceObject, delivery.externalId, delivery.changeType],
      ['account', 'Account', 'ERP-ACC-1001', 'UPDATE']
    );
    assert.equal(delivery.messageId, 'd2c1f0a4-6b7e-4c1d-9a51-3f0e8b7c2a10');
    assert.deepEqual(deliveryError.errors, [
      { code: 'INVALID_FIELD', message: 'phone must be an E.164 number', field: 'phone' }
    ]);
    assert.equal(lookup.object, 'account');
    assert.equal(lookup.totalCount, 4);
    assert.deepEqual(
      lookup.records.map((r) => r.externalId),
      ['ERP-ACC-1001', 'ERP-ACC-1002', 'ERP-ACC-1004']
    );
    assert.ok(!lookup.records.some((r) => r.externalId === 'ERP-ACC-1003'), '1003 is missing');
    assert.equal(
      lookup.records[0].checksum,
      '5707db222611174886f0326fbf77d99ea7de4774a911378bf135c6178ba9e173'
    );
    assert.deepEqual(lookup.records[0].fields, {
      creditLimit: 50000,
      creditStatus: 'Good Standing',
      openBalance: 12500.5,
      overdueBalance: 0,
      paymentTerms: 'NET30',
      taxId: 'DE123456789'
    });
    assert.deepEqual(
      [lookup.records[1].fields.creditLimit, lookup.records[1].fields.creditStatus],
      [75000, 'On Hold'],
      'ERP-ACC-1002 drifts from Salesforce (70000, Good Standing)'
    );
    assert.deepEqual(idsPage, {
      object: 'account',
      totalCount: 4,
      page: 0,
      pageSize: 200,
      externalIds: ['ERP-ACC-1001', 'ERP-ACC-1002', 'ERP-ACC-1004', 'ERP-ACC-1005']
    });
    const looked = new Set(lookup.records.map((r) => r.externalId));
    assert.deepEqual(
      idsPage.externalIds.filter((id) => !looked.has(id)),
      ['ERP-ACC-1005'],
      'ERP-ACC-1005 is only in the ID listing'
    );
  });

  it('checksum every lookup record over its compared fields', () => {
    for (const record of lookup.records) {
      assert.equal(reconciliationChecksum(record.fields), record.checksum, record.externalId);
    }
  });

  it('reports a missing fixture, and nothing for a project without them', () => {
    const root = copyProject();
    const dir = path.join(root, STATIC_RESOURCES);
    fs.rmSync(path.join(dir, 'ErpContract_ReconciliationIds.json'));
    let projectModel = loadMetadataModel(root);
    assert.deepEqual(
      checkOperationsFixtures(projectModel, readIntegrationConfig(projectModel)).problems,
      [
        {
          filePath: `${STATIC_RESOURCES}/ErpContract_ReconciliationIds.json`,
          message:
            'is missing: the contract fixture ErpContract_ReconciliationIds (ReconciliationIdsPage) must exist beside the others'
        }
      ]
    );
    for (const spec of Object.values(OPERATIONS_FIXTURES)) {
      fs.rmSync(path.join(dir, `${spec.name}.json`), { force: true });
    }
    projectModel = loadMetadataModel(root);
    assert.deepEqual(
      checkOperationsFixtures(
        projectModel,
        readIntegrationConfig(projectModel),
        operationsValidator
      ),
      { fixtures: [], problems: [] }
    );
  });
});

describe('operations semantic checks, one rule at a time', () => {
  function deliveryFindings(change: (d: RecordChangeDelivery) => void): string[] {
    const d = clone(delivery);
    change(d);
    return findings(checkRecordChangeDelivery(d, model, config));
  }

  function lookupFindings(
    change: (l: ReconciliationLookupResponse) => void,
    against: IntegrationConfig = config
  ): string[] {
    const l = clone(lookup);
    change(l);
    return findings(checkReconciliationLookup(l, model, against));
  }

  function idsFindings(change: (p: ReconciliationIdsPage) => void): string[] {
    const p = clone(idsPage);
    change(p);
    return findings(checkReconciliationIds(p, config));
  }

  it('checks the message ID, record ID, correlation ID and time of a delivery', () => {
    assert.deepEqual(
      deliveryFindings((d) => {
        d.messageId = 'msg-1';
        d.recordId = '001000000000001aaa';
        d.correlationId = 'has spaces';
        d.occurredAt = '2026-11-25T09:15:00Z';
      }),
      [
        'deliveryRecordChange /messageId: "msg-1" is not a UUID (the message\'s Delivery_Key__c)',
        'deliveryRecordChange /recordId: "001000000000001aaa" is not an 18-character Salesforce ID',
        'deliveryRecordChange /correlationId: is not 1 to 64 characters of A-Z a-z 0-9 . _ : -',
        'deliveryRecordChange /occurredAt: "2026-11-25T09:15:00Z" is not YYYY-MM-DDTHH:mm:ss.SSSZ (UTC)'
      ]
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.occurredAt = '2026-02-30T09:15:00.000Z';
      }),
      [
        'deliveryRecordChange /occurredAt: "2026-02-30T09:15:00.000Z" is not YYYY-MM-DDTHH:mm:ss.SSSZ (UTC)'
      ]
    );
  });

  it('checks that the object is delivered to the ERP, by canonical and API name', () => {
    assert.deepEqual(
      deliveryFindings((d) => {
        d.object = 'widget';
      }),
      [
        'deliveryRecordChange /object: "widget" is not the canonical name of an Integration_Object__mdt object'
      ]
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.object = 'priceList';
        d.salesforceObject = 'Pricebook2';
        d.fields = {};
      }),
      [
        'deliveryRecordChange /object: Pricebook2 is not delivered to the ERP (direction Inbound, counterpart ERP)'
      ]
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.object = 'lead';
        d.salesforceObject = 'Lead';
        d.fields = {};
      }),
      [
        'deliveryRecordChange /object: Lead is not delivered to the ERP (direction Bidirectional, counterpart Marketing)'
      ]
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.salesforceObject = 'Contact';
      }),
      ['deliveryRecordChange /salesforceObject: is "Contact"; the API name of "account" is Account']
    );
    const disabled = {
      ...config,
      objects: config.objects.map((o) =>
        o.objectApiName === 'Account' ? { ...o, enabled: false } : o
      )
    };
    assert.deepEqual(findings(checkRecordChangeDelivery(delivery, model, disabled)), [
      'deliveryRecordChange /object: Account is not delivered to the ERP (direction Bidirectional, counterpart ERP, disabled)'
    ]);
  });

  it('checks the external ID against the object', () => {
    assert.deepEqual(
      deliveryFindings((d) => {
        d.object = 'opportunity';
        d.salesforceObject = 'Opportunity';
        d.fields = {};
      }),
      ['deliveryRecordChange /externalId: must be null: Opportunity has no external-ID field']
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.externalId = ' ';
      }),
      ['deliveryRecordChange /externalId: is blank; send null when the record has no external ID']
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.externalId = null;
      }),
      []
    );
  });

  it('checks that fields are Salesforce-owned canonical fields with their JSON types', () => {
    assert.deepEqual(
      deliveryFindings((d) => {
        d.fields = { Phone: '+49', paymentTerms: 'NET30', name: null };
      }),
      [
        'deliveryRecordChange /fields/Phone: "Phone" is not a canonical field name of Account (Field_Ownership__mdt)',
        'deliveryRecordChange /fields/paymentTerms: "paymentTerms" is owned by ERP; a delivery carries only Salesforce-owned fields'
      ]
    );
    assert.deepEqual(
      deliveryFindings((d) => {
        d.object = 'order';
        d.salesforceObject = 'Order';
        d.recordId = '801Hs00001OrA01IAF';
        d.externalId = null;
        d.fields = { integrationKey: 5 };
      }),
      ['deliveryRecordChange /fields/integrationKey: 5 is not a string (Order.Integration_Key__c)']
    );
  });

  it('checks that a refusal gives reasons about fields of the delivered object', () => {
    assert.deepEqual(findings(checkDeliveryErrorResponse({ errors: [] }, delivery, config)), [
      'deliveryError /errors: is empty'
    ]);
    const refusal: DeliveryErrorResponse = {
      errors: [
        { code: 'INVALID_FIELD', message: 'x', field: 'creditRating' },
        { code: 'DUPLICATE', message: 'y' }
      ]
    };
    assert.deepEqual(findings(checkDeliveryErrorResponse(refusal, delivery, config)), [
      'deliveryError /errors/0/field: "creditRating" is not a canonical field name of Account, the object delivered'
    ]);
    assert.deepEqual(findings(checkDeliveryErrorResponse(refusal, undefined, config)), []);
  });

  it('checks that the lookup is about a reconciled object', () => {
    assert.deepEqual(
      lookupFindings((l) => {
        l.object = 'Account';
      }),
      ['reconciliationLookup /object: "Account" is not a canonical name; Account is "account"']
    );
    assert.deepEqual(
      lookupFindings((l) => {
        l.object = 'contact';
      }),
      [
        'reconciliationLookup /object: Contact is not reconciled: that takes an enabled object with an External_ID_Field__c, counterpart ERP or Both, and an ERP-owned field besides it'
      ]
    );
  });

  it('checks the count and the external IDs of the lookup', () => {
    assert.deepEqual(
      lookupFindings((l) => {
        l.totalCount = 2;
        l.records[2].externalId = 'ERP-ACC-1001';
      }),
      [
        'reconciliationLookup /totalCount: is 2, fewer than the 3 records of this answer',
        'reconciliationLookup /records/2/externalId: "ERP-ACC-1001" is also at /records/0/externalId; each external ID appears once'
      ]
    );
    assert.deepEqual(
      lookupFindings((l) => {
        l.totalCount = 4.5;
        l.records[1].externalId = '';
      }),
      [
        'reconciliationLookup /totalCount: is 4.5; expected a whole number of at least 0',
        'reconciliationLookup /records/1/externalId: is blank'
      ]
    );
  });

  it('checks that every record has exactly the compared fields', () => {
    assert.deepEqual(
      lookupFindings((l) => {
        delete l.records[0].fields.taxId;
        delete l.records[0].fields.openBalance;
        l.records[0].fields.name = 'Acme';
      }),
      [
        'reconciliationLookup /records/0/fields: lacks openBalance, taxId and has name, not compared; the compared fields of Account are creditLimit, creditStatus, openBalance, overdueBalance, paymentTerms, taxId',
        'reconciliationLookup /records/0/checksum: is 5707db222611174886f0326fbf77d99ea7de4774a911378bf135c6178ba9e173; the SHA-256 of {"creditLimit":50000,"creditStatus":"Good Standing","openBalance":null,"overdueBalance":0,"paymentTerms":"NET30","taxId":null} is ' +
          reconciliationChecksum({
            creditLimit: 50000,
            creditStatus: 'Good Standing',
            openBalance: null,
            overdueBalance: 0,
            paymentTerms: 'NET30',
            taxId: null
          })
      ]
    );
  });

  it('checks values against their field types, date-times in UTC with milliseconds', () => {
    assert.deepEqual(
      lookupFindings((l) => {
        l.records[1].fields.overdueBalance = true;
        l.records[1].checksum = reconciliationChecksum(l.records[1].fields);
      }),
      [
        'reconciliationLookup /records/1/fields/overdueBalance: true is not a number (Account.ERP_Overdue_Balance__c)'
      ]
    );
    const account = config.objects.find((o) => o.objectApiName === 'Account')!;
    const withTime: IntegrationConfig = {
      ...config,
      ownership: [
        ...config.ownership,
        {
          objectApiName: 'Account',
          fieldApiName: 'ERP_Last_Modified_At__c',
          owner: 'ERP',
          canonicalName: 'erpModifiedAt',
          enabled: true,
          field: findField(model, 'Account', 'ERP_Last_Modified_At__c'),
          developerName: 'Account_ERP_Last_Modified_At',
          filePath: account.filePath
        }
      ]
    };
    const stamp = (value: string) => (l: ReconciliationLookupResponse) => {
      for (const record of l.records) {
        record.fields.erpModifiedAt = value;
        record.checksum = reconciliationChecksum(record.fields);
      }
    };
    assert.deepEqual(lookupFindings(stamp('2026-03-02T09:15:00.000Z'), withTime), []);
    assert.deepEqual(lookupFindings(stamp('2026-03-02T09:15:00Z'), withTime).slice(0, 1), [
      'reconciliationLookup /records/0/fields/erpModifiedAt: "2026-03-02T09:15:00Z" is not a date-time YYYY-MM-DDTHH:mm:ss.SSSZ (UTC) (Account.ERP_Last_Modified_At__c)'
    ]);
  });

  it('recomputes every checksum', () => {
    assert.deepEqual(
      lookupFindings((l) => {
        l.records[0].checksum = l.records[0].checksum.toUpperCase();
        l.records[2].fields.taxId = 'DE000';
      }),
      [
        'reconciliationLookup /records/0/checksum: is "5707DB222611174886F0326FBF77D99EA7DE4774A911378BF135C6178BA9E173", not 64 lowercase hex digits; the SHA-256 of {"creditLimit":50000,"creditStatus":"Good Standing","openBalance":12500.5,"overdueBalance":0,"paymentTerms":"NET30","taxId":"DE123456789"} is 5707db222611174886f0326fbf77d99ea7de4774a911378bf135c6178ba9e173',
        `reconciliationLookup /records/2/checksum: is 1d30976eb9cde6197a697a8dabf3c28460325b4f684a8d7da9231db0e97ce0dc; the SHA-256 of {"creditLimit":10000,"creditStatus":"Good Standing","openBalance":0,"overdueBalance":0,"paymentTerms":"NET14","taxId":"DE000"} is ${reconciliationChecksum({ ...lookup.records[2].fields, taxId: 'DE000' })}`
      ]
    );
    assert.deepEqual(
      lookupFindings((l) => {
        l.records[0].fields.creditLimit = 50000.0;
        l.records[0].fields.taxId = '  ';
        l.records[0].checksum = reconciliationChecksum({ ...l.records[0].fields, taxId: null });
      }),
      [],
      'blank is null, and 50000.0 is 50000'
    );
  });

  it('checks the ID page: object, unique IDs, page numbers and size', () => {
    assert.deepEqual(
      idsFindings((p) => {
        p.object = 'lead';
        p.externalIds[1] = ' ';
        p.externalIds[3] = 'ERP-ACC-1001';
      }),
      [
        'reconciliationIds /object: Lead is not reconciled: that takes an enabled object with an External_ID_Field__c, counterpart ERP or Both, and an ERP-owned field besides it',
        'reconciliationIds /externalIds/1: is blank',
        'reconciliationIds /externalIds/3: "ERP-ACC-1001" is also at /externalIds/0; each external ID appears once'
      ]
    );
    assert.deepEqual(
      idsFindings((p) => {
        p.page = -1;
        p.pageSize = 0;
        p.totalCount = 1.5;
      }),
      [
        'reconciliationIds /page: is -1; expected a whole number of at least 0',
        'reconciliationIds /pageSize: is 0; expected a whole number of at least 1',
        'reconciliationIds /totalCount: is 1.5; expected a whole number of at least 0'
      ]
    );
    assert.deepEqual(
      idsFindings((p) => {
        p.pageSize = MAX_RECONCILIATION_PAGE_SIZE + 1;
      }),
      ['reconciliationIds /pageSize: is 2001; Salesforce asks for at most 2000']
    );
    assert.deepEqual(
      idsFindings((p) => {
        p.pageSize = 3;
      }),
      ['reconciliationIds /externalIds: has 4 IDs, more than the page size 3']
    );
  });

  it('checks that totalCount covers the pages, exactly on the last', () => {
    assert.deepEqual(
      idsFindings((p) => {
        p.page = 1;
        p.pageSize = 4;
      }),
      ['reconciliationIds /totalCount: is 4, but pages 0 to 1 of 4 hold at least 8 IDs']
    );
    assert.deepEqual(
      idsFindings((p) => {
        p.totalCount = 3;
      }),
      ['reconciliationIds /totalCount: is 3, but pages 0 to 0 of 200 hold at least 4 IDs']
    );
    assert.deepEqual(
      idsFindings((p) => {
        p.totalCount = 9;
      }),
      [
        'reconciliationIds /totalCount: is 9, but this short page is the last, so the ERP holds 4 records'
      ]
    );
    assert.deepEqual(
      idsFindings((p) => {
        p.pageSize = 4;
        p.totalCount = 9;
      }),
      [],
      'a full page may be followed by more'
    );
  });

  it('checks that the lookup and the ID page tell one story', () => {
    const scenario = (change: (p: ReconciliationIdsPage) => void): string[] => {
      const p = clone(idsPage);
      change(p);
      return findings(checkReconciliationScenario(lookup, p));
    };
    assert.deepEqual(
      scenario(() => undefined),
      []
    );
    assert.deepEqual(
      scenario((p) => {
        p.object = 'product';
      }),
      ['reconciliationIds /object: is "product"; the lookup answers for "account"']
    );
    assert.deepEqual(
      scenario((p) => {
        p.totalCount = 5;
      }),
      ['reconciliationIds /totalCount: is 5; the lookup says 4']
    );
    assert.deepEqual(
      scenario((p) => {
        p.externalIds[2] = 'ERP-ACC-1006';
      }),
      [
        'reconciliationIds /externalIds: lists every ID of the object but not ERP-ACC-1004, which the lookup returns'
      ]
    );
    assert.deepEqual(
      scenario((p) => {
        p.externalIds = ['ERP-ACC-1005'];
        p.page = 1;
        p.pageSize = 3;
      }),
      [],
      'a later page need not list the lookup records'
    );
  });
});

describe('reconciliation: compared fields, canonical JSON and checksum', () => {
  it('reconciles the enabled ERP objects with an external ID and ERP-owned fields besides it', () => {
    const reconciled = reconciledObjects(config);
    const account = reconciled.find((r) => r.object.objectApiName === 'Account')!;
    assert.equal(account.keyField?.canonicalName, 'erpAccountId');
    assert.deepEqual(
      account.comparedFields.map((f) => f.canonicalName),
      ['creditLimit', 'creditStatus', 'openBalance', 'overdueBalance', 'paymentTerms', 'taxId']
    );
    for (const r of reconciled) {
      assert.ok(r.object.enabled && r.object.externalIdField !== undefined, r.object.objectApiName);
      assert.ok(r.object.counterpartSystems.includes('ERP'), r.object.objectApiName);
      assert.ok(r.comparedFields.length > 0, r.object.objectApiName);
      assert.ok(
        r.comparedFields.every(
          (f) => f.owner === 'ERP' && f.fieldApiName !== r.object.externalIdField
        ),
        r.object.objectApiName
      );
    }
    const names = reconciled.map((r) => r.object.objectApiName);
    for (const notReconciled of ['Lead', 'Campaign', 'Contact', 'Opportunity', 'OrderItem']) {
      assert.ok(!names.includes(notReconciled), notReconciled);
    }
    const disabled = {
      ...config,
      objects: config.objects.map((o) =>
        o.objectApiName === 'Account' ? { ...o, enabled: false } : o
      )
    };
    assert.ok(!reconciledObjects(disabled).some((r) => r.object.objectApiName === 'Account'));
    const contact = config.objects.find((o) => o.objectApiName === 'Contact')!;
    assert.deepEqual(comparedFieldsOf(config, contact), []);
  });

  it('gives the checksum of the spec for its example', () => {
    const fields = {
      taxId: 'DE123456789',
      paymentTerms: 'NET30',
      overdueBalance: 0,
      openBalance: 12500.5,
      creditStatus: 'Good Standing',
      creditLimit: 50000
    };
    assert.equal(
      reconciliationCanonicalJson(fields),
      '{"creditLimit":50000,"creditStatus":"Good Standing","openBalance":12500.5,"overdueBalance":0,"paymentTerms":"NET30","taxId":"DE123456789"}'
    );
    assert.equal(
      reconciliationChecksum(fields),
      '5707db222611174886f0326fbf77d99ea7de4774a911378bf135c6178ba9e173'
    );
  });

  it('sorts keys by character code and writes one key per compared field', () => {
    assert.equal(
      reconciliationCanonicalJson({ b: 1, a: 2, B: 3, _x: 4 }),
      '{"B":3,"_x":4,"a":2,"b":1}'
    );
    assert.equal(
      reconciliationCanonicalJson({ a: 1, extra: 2 }, ['c', 'a', 'c']),
      '{"a":1,"c":null}',
      'missing is null; fields not named are left out'
    );
    assert.equal(reconciliationCanonicalJson({}), '{}');
    assert.equal(
      reconciliationCanonicalJson({ toString: 'x' }, ['toString', 'valueOf']),
      '{"toString":"x","valueOf":null}',
      'only own keys count'
    );
  });

  it('writes null and blank text as null, text and booleans as JSON', () => {
    assert.equal(
      reconciliationCanonicalJson({ a: null, b: '', c: ' \t', d: 'x "y" \\ é', e: true, f: false }),
      '{"a":null,"b":null,"c":null,"d":"x \\"y\\" \\\\ é","e":true,"f":false}'
    );
    assert.equal(
      reconciliationCanonicalJson({ d: '2026-03-02', t: '2026-03-02T09:15:00.000Z' }),
      '{"d":"2026-03-02","t":"2026-03-02T09:15:00.000Z"}'
    );
  });

  it('writes numbers in plain decimal, without exponent or trailing zeros', () => {
    assert.equal(plainDecimal(50000), '50000');
    assert.equal(plainDecimal(12500.5), '12500.5');
    assert.equal(plainDecimal(0), '0');
    assert.equal(plainDecimal(-0), '0');
    assert.equal(plainDecimal(-42.25), '-42.25');
    assert.equal(plainDecimal(1e21), '1000000000000000000000');
    assert.equal(plainDecimal(2.5e25), '25000000000000000000000000');
    assert.equal(plainDecimal(-1.5e-7), '-0.00000015');
    assert.equal(plainDecimal(1e-7), '0.0000001');
    assert.equal(plainDecimal(123e-20), '0.00000000000000000123');
    assert.throws(() => plainDecimal(Number.NaN), /NaN is not a JSON number/);
    assert.throws(() => plainDecimal(Number.POSITIVE_INFINITY), /Infinity is not a JSON number/);
    assert.equal(reconciliationCanonicalJson({ big: 1e21 }), '{"big":1000000000000000000000}');
  });

  it('cannot tell 50000 from 50000.00: JSON carries no scale, so both have one checksum', () => {
    const parsed = JSON.parse('{"creditLimit":50000.00}') as { creditLimit: number };
    assert.equal(parsed.creditLimit, 50000);
    assert.equal(
      reconciliationChecksum(parsed),
      reconciliationChecksum({ creditLimit: 50000 }),
      'the Apex side strips trailing zeros of a Decimal the same way'
    );
    assert.notEqual(
      reconciliationChecksum({ creditLimit: '50000' }),
      reconciliationChecksum({ creditLimit: 50000 }),
      'an amount sent as text is another value'
    );
  });
});

describe('delivery answer classes', () => {
  it('class 2xx as delivered; 408, 429, 5xx and no answer as transient; the rest as permanent', () => {
    for (const status of [200, 201, 202, 204, 299]) {
      assert.equal(deliveryErrorClassOf(status), 'Delivered', String(status));
    }
    for (const status of [null, 408, 429, 500, 502, 503, 504, 599]) {
      assert.equal(deliveryErrorClassOf(status), 'Transient', String(status));
    }
    for (const status of [100, 199, 300, 301, 302, 400, 401, 403, 404, 409, 410, 422, 428, 600]) {
      assert.equal(deliveryErrorClassOf(status), 'Permanent', String(status));
    }
  });

  it('are listed once each in documentation order, one of them catching the rest', () => {
    assert.deepEqual(
      DELIVERY_ANSWER_CLASSES.map((c) => c.errorClass),
      ['Delivered', 'Transient', 'Permanent']
    );
    assert.equal(DELIVERY_ANSWER_CLASSES.filter((c) => c.statuses.length === 0).length, 1);
    assert.equal(DELIVERY_ANSWER_CLASSES.filter((c) => c.noAnswer).length, 1);
  });

  it('deliver directly only enabled outbound ERP objects in Direct Callout or Both mode', () => {
    const account = config.objects.find((o) => o.objectApiName === 'Account')!;
    const lead = config.objects.find((o) => o.objectApiName === 'Lead')!;
    const pricebook = config.objects.find((o) => o.objectApiName === 'Pricebook2')!;
    assert.ok(isDeliveredToErp(account));
    assert.ok(!isDeliveredToErp(lead));
    assert.ok(!isDeliveredToErp(pricebook));
    assert.ok(!usesDirectCallout(account));
    assert.ok(usesDirectCallout({ ...account, deliveryMode: 'Direct Callout' }));
    assert.ok(usesDirectCallout({ ...account, deliveryMode: 'Both' }));
    assert.ok(!usesDirectCallout({ ...account, deliveryMode: 'Both', enabled: false }));
    assert.ok(!usesDirectCallout({ ...lead, deliveryMode: 'Direct Callout' }));
  });
});

describe('the inquiry contract schema generated from types/contract/inquiry.ts', () => {
  it('has a closed definition for every ERP answer and panel answer', () => {
    for (const name of [
      'ErpCreditSummary',
      'ErpInvoicePage',
      'ErpInvoice',
      'ErpInvoiceTotals',
      'ErpOrderStatusDetail',
      'ErpOrderStatusStep',
      'ErpInquiryErrorResponse',
      'ErpInquiryError',
      'InquirySource',
      'CreditPanel',
      'InvoicePanel',
      'OrderStatusPanel',
      'OrderTimelineStep'
    ]) {
      assert.ok(inquirySchema.definitions?.[name], `no definition for ${name}`);
    }
    for (const [name, definition] of Object.entries(inquirySchema.definitions!)) {
      if (definition.properties !== undefined) {
        assert.equal(definition.additionalProperties, false, name);
      }
    }
    assert.deepEqual(inquiryValidator.validate('ErpCreditSummary', { ...credit, limit: 1 }), [
      '/: unexpected property "limit"'
    ]);
    assert.equal(
      inquiryValidator.validate('ErpInvoicePage', { ...invoicePage, status: 'UNPAID' })[0],
      '/status: "UNPAID" is not one of "OPEN", "OVERDUE", "PAID"'
    );
  });

  it('gives panel answers the properties of InquiryMeta, optional when Apex may leave them out', () => {
    assert.deepEqual(
      schemaFields(inquirySchema, 'CreditPanel')
        .slice(0, 5)
        .map((f) => [f.name, f.required]),
      [
        ['recordId', true],
        ['source', true],
        ['asOf', false],
        ['stale', true],
        ['staleReason', false]
      ]
    );
    assert.deepEqual(inquirySchema.definitions?.InquirySource?.enum, ['LIVE', 'CACHE', 'SYNCED']);
  });

  it('names the paths of the spec and the largest page', () => {
    assert.equal(INQUIRY_CREDIT_PATH, '/erp-bridge/v1/accounts/{erpAccountId}/credit');
    assert.equal(INQUIRY_INVOICES_PATH, '/erp-bridge/v1/accounts/{erpAccountId}/invoices');
    assert.equal(INQUIRY_ORDER_STATUS_PATH, '/erp-bridge/v1/orders/{erpOrderId}/status');
    assert.equal(MAX_INVOICE_PAGE_SIZE, 50);
  });

  it('lets the ERP report exactly the statuses of Order.ERP_Status__c the lifecycle lets it set', () => {
    assert.deepEqual(inquirySchema.definitions?.ErpInquiryOrderStatus?.enum, erpReportedStatuses());
    assert.deepEqual(
      inquirySchema.definitions?.ErpCreditStatus?.enum,
      picklistValuesOf(model, CREDIT_STATUS_FIELD.object, CREDIT_STATUS_FIELD.field)
    );
  });
});

describe('the inquiry fixtures (static resources shared with the Apex tests and the sandbox)', () => {
  it('are found in the static resources, one per role', () => {
    const { fixtures, problems } = loadInquiryFixtures(model);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      fixtures.map((f) => [f.role, f.filePath]),
      (Object.keys(INQUIRY_FIXTURES) as InquiryFixtureRole[]).map((role) => [
        role,
        `${STATIC_RESOURCES}/${INQUIRY_FIXTURES[role].name}.json`
      ])
    );
  });

  it('each match their TypeScript type and pass every semantic check', () => {
    assert.deepEqual(inquiryValidator.validate('ErpCreditSummary', credit), []);
    assert.deepEqual(inquiryValidator.validate('ErpInvoicePage', invoicePage), []);
    assert.deepEqual(inquiryValidator.validate('ErpOrderStatusDetail', orderStatus), []);
    assert.deepEqual(inquiryValidator.validate('ErpInquiryErrorResponse', inquiryError), []);
    assert.deepEqual(checkInquiryFixtures(model, inquiryValidator).problems, []);
    assert.deepEqual(checkInquiryFixtures(model).fixtures.length, 4, 'the default validator');
  });

  it('tell the story the Apex tests and the panels rely on', () => {
    assert.deepEqual(
      [credit.erpAccountId, credit.creditStatus, credit.creditLimit, credit.currencyIsoCode],
      ['ERP-ACC-1002', 'On Hold', 75000, 'EUR']
    );
    assert.equal(invoicePage.erpAccountId, credit.erpAccountId);
    assert.deepEqual(
      invoicePage.invoices.map((i) => i.status),
      ['OPEN', 'OVERDUE', 'PAID']
    );
    assert.deepEqual(invoicePage.totals, invoiceTotals(invoicePage.invoices));
    assert.equal(invoicePage.totals.openAmount, credit.openBalance);
    assert.equal(invoicePage.totals.overdueAmount, credit.overdueBalance);
    assert.equal(
      invoicePage.invoices[0].erpOrderId,
      orderStatus.erpOrderId,
      'invoice of SO-100045'
    );
    assert.deepEqual(
      [orderStatus.erpOrderId, orderStatus.status, orderStatus.sequence],
      ['SO-100045', 'Shipped', 4]
    );
    assert.deepEqual(
      orderStatus.history.map((s) => s.status),
      ['Acknowledged', 'Released', 'Partially Shipped', 'Shipped']
    );
    assert.equal(inquiryError.errors[0].code, 'NOT_FOUND');
  });

  it('are reproduced by invoicePageOf from the same invoices, in any order', () => {
    const shuffled = [...invoicePage.invoices].reverse();
    const query = { erpAccountId: 'ERP-ACC-1002', page: 0, pageSize: 10, asOf: invoicePage.asOf };
    assert.deepEqual(invoicePageOf(shuffled, { ...query, status: 'ALL' }), invoicePage);
    const overdue = invoicePageOf(shuffled, { ...query, status: 'OVERDUE' });
    assert.deepEqual(
      [overdue.totalCount, overdue.totals, overdue.invoices.map((i) => i.invoiceNumber)],
      [1, { amount: 4200.75, openAmount: 4200.75, overdueAmount: 4200.75 }, ['INV-2026-0107']]
    );
    const second = invoicePageOf(shuffled, { ...query, status: 'ALL', page: 1, pageSize: 2 });
    assert.deepEqual(
      [second.totalCount, second.invoices.map((i) => i.invoiceNumber)],
      [3, ['INV-2026-0088']]
    );
    const beyond = invoicePageOf(shuffled, { ...query, status: 'PAID', page: 3, pageSize: 1 });
    assert.deepEqual([beyond.totalCount, beyond.invoices], [1, []]);
    for (const page of [overdue, second, beyond]) {
      assert.deepEqual(findings(checkInquiryInvoices(page)), []);
      assert.deepEqual(findings(checkInquiryScenario(credit, page)), []);
    }
    assert.throws(
      () => invoicePageOf(shuffled, { ...query, status: 'ALL', page: -1 }),
      /page -1 is not a whole number of at least 0/
    );
    assert.throws(
      () => invoicePageOf(shuffled, { ...query, status: 'ALL', pageSize: 51 }),
      /pageSize 51 is not a whole number from 1 to 50/
    );
  });

  it('reports a missing fixture, and nothing for a project without them', () => {
    const root = copyProject();
    const dir = path.join(root, STATIC_RESOURCES);
    fs.rmSync(path.join(dir, 'ErpContract_InquiryError.json'));
    let projectModel = loadMetadataModel(root);
    assert.deepEqual(checkInquiryFixtures(projectModel, inquiryValidator).problems, [
      {
        filePath: `${STATIC_RESOURCES}/ErpContract_InquiryError.json`,
        message:
          'is missing: the contract fixture ErpContract_InquiryError (ErpInquiryErrorResponse) must exist beside the others'
      }
    ]);
    for (const spec of Object.values(INQUIRY_FIXTURES)) {
      fs.rmSync(path.join(dir, `${spec.name}.json`), { force: true });
    }
    projectModel = loadMetadataModel(root);
    assert.deepEqual(checkInquiryFixtures(projectModel, inquiryValidator), {
      fixtures: [],
      problems: []
    });
  });
});

describe('inquiry semantic checks, one rule at a time', () => {
  function creditFindings(change: (c: ErpCreditSummary) => void, against = model): string[] {
    const c = clone(credit);
    change(c);
    return findings(checkInquiryCredit(c, against));
  }

  function invoiceFindings(change: (p: ErpInvoicePage) => void): string[] {
    const p = clone(invoicePage);
    change(p);
    return findings(checkInquiryInvoices(p));
  }

  function orderFindings(change: (d: ErpOrderStatusDetail) => void, against = model): string[] {
    const d = clone(orderStatus);
    change(d);
    return findings(checkInquiryOrderStatus(d, against));
  }

  function withoutPicklistValue(object: string, field: string, value: string): MetadataModel {
    const root = copyProject();
    const file = path.join(
      root,
      `force-app/main/default/objects/${object}/fields/${field}.field-meta.xml`
    );
    const text = fs.readFileSync(file, 'utf8');
    const pattern = new RegExp(`<value>\\s*<fullName>${value}</fullName>[\\s\\S]*?</value>`);
    assert.match(text, pattern);
    fs.writeFileSync(file, text.replace(pattern, ''));
    return loadMetadataModel(root);
  }

  it('checks the credit summary: account, amounts, currency, payment terms and time', () => {
    assert.deepEqual(
      creditFindings((c) => {
        c.erpAccountId = ' ';
        c.creditLimit = -1;
        c.overdueBalance = 30100.01;
        c.currencyIsoCode = 'eur';
        c.paymentTerms = '';
        c.asOf = '2026-11-25T09:30:00.000+01:00';
      }),
      [
        'credit /erpAccountId: is blank',
        'credit /creditLimit: is -1; amounts are never negative',
        'credit /overdueBalance: is 30100.01, above the open balance 30100; the overdue part is part of the open balance',
        'credit /currencyIsoCode: "eur" is not an ISO 4217 currency code',
        'credit /paymentTerms: is blank; null when the ERP has no payment terms',
        'credit /asOf: "2026-11-25T09:30:00.000+01:00" is not an ISO 8601 date-time in UTC with milliseconds'
      ]
    );
    assert.deepEqual(
      creditFindings((c) => {
        c.openBalance = -5;
        c.paymentTerms = null;
      }),
      ['credit /openBalance: is -5; amounts are never negative']
    );
  });

  it('checks the credit status against the Account.ERP_Credit_Status__c picklist', () => {
    assert.deepEqual(picklistValuesOf(model, 'Account', 'ERP_Credit_Status__c'), [
      'Good Standing',
      'On Hold',
      'Blocked',
      'Unknown'
    ]);
    const narrower = withoutPicklistValue('Account', 'ERP_Credit_Status__c', 'On Hold');
    assert.deepEqual(
      creditFindings(() => undefined, narrower),
      [
        'credit /creditStatus: "On Hold" is not a value of the Account.ERP_Credit_Status__c picklist (Good Standing, Blocked, Unknown)'
      ]
    );
    fs.rmSync(
      path.join(
        narrower.projectRoot,
        'force-app/main/default/objects/Account/fields/ERP_Credit_Status__c.field-meta.xml'
      )
    );
    assert.deepEqual(
      creditFindings(() => undefined, loadMetadataModel(narrower.projectRoot)),
      [
        'credit /creditStatus: is "On Hold"; Account.ERP_Credit_Status__c has no local picklist values to check it against'
      ]
    );
  });

  it('checks paging: page, page size, the invoices on the page and totalCount', () => {
    assert.deepEqual(
      invoiceFindings((p) => {
        p.page = -1;
        p.pageSize = 0;
      }),
      [
        'invoices /page: is -1; expected a whole number of at least 0',
        'invoices /pageSize: is 0; expected a whole number of at least 1'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.pageSize = 51;
      }),
      ['invoices /pageSize: is 51; at most 50']
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.pageSize = 2;
      }),
      ['invoices /invoices: holds 3 invoices; the page size is 2']
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.page = 1;
        p.pageSize = 3;
        p.totalCount = 5;
      }),
      ['invoices /totalCount: is 5; page 1 of size 3 with 3 invoice(s) means at least 6']
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.totalCount = 2.5;
      }),
      ['invoices /totalCount: is 2.5; expected a whole number of at least 0']
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.page = 4;
        p.invoices = [];
      }),
      [],
      'a page beyond the last is empty'
    );
  });

  it('checks invoice numbers, the filter, the currency and the order reference', () => {
    assert.deepEqual(
      invoiceFindings((p) => {
        p.erpAccountId = '';
        p.invoices[1].invoiceNumber = ' ';
        p.invoices[2].invoiceNumber = p.invoices[0].invoiceNumber;
        p.invoices[1].currencyIsoCode = 'USD';
        p.invoices[2].erpOrderId = '';
      }),
      [
        'invoices /erpAccountId: is blank',
        'invoices /invoices/1/invoiceNumber: is blank',
        'invoices /invoices/1/currencyIsoCode: is USD; invoice 0 is in EUR and the totals add one currency',
        'invoices /invoices/2/invoiceNumber: "INV-2026-0131" is also invoice 0; invoice numbers are unique',
        'invoices /invoices/2/erpOrderId: is blank; null when the invoice bills no ERP order'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices.forEach((i) => (i.currencyIsoCode = 'eu'));
      }),
      [0, 1, 2].map(
        (i) => `invoices /invoices/${i}/currencyIsoCode: "eu" is not an ISO 4217 currency code`
      )
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.status = 'OVERDUE';
        p.invoices = [p.invoices[1], p.invoices[0]];
        p.totalCount = 2;
        p.totals = invoiceTotals(p.invoices);
      }),
      [
        'invoices /invoices/1/status: is OPEN; the page is filtered to OVERDUE',
        'invoices /invoices/1/dueDate: 2026-12-17 is after 2026-10-18, the due date of invoice 0; the page lists the newest due date first'
      ]
    );
    assert.ok(matchesInvoiceFilter(invoicePage.invoices[2], 'ALL'));
    assert.ok(!matchesInvoiceFilter(invoicePage.invoices[2], 'OPEN'));
  });

  it('checks dates: real, issued before due, newest due date first', () => {
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[0].issueDate = '2026-02-30';
        p.invoices[1].dueDate = '2026-09-01';
        p.invoices[2].dueDate = '2026-9-1';
      }),
      [
        'invoices /invoices/0/issueDate: "2026-02-30" is not a date YYYY-MM-DD',
        'invoices /invoices/1/dueDate: 2026-09-01 is before the issue date 2026-09-03',
        'invoices /invoices/1/daysOverdue: is 38; from the due date 2026-09-01 to asOf are 85 days',
        'invoices /invoices/2/dueDate: "2026-9-1" is not a date YYYY-MM-DD'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[2].dueDate = '2026-10-19';
      }),
      [
        'invoices /invoices/2/dueDate: 2026-10-19 is after 2026-10-18, the due date of invoice 1; the page lists the newest due date first'
      ]
    );
  });

  it('checks amounts: never negative, open at most invoiced, nothing open when PAID', () => {
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[0].openAmount = -1;
        p.invoices[1].openAmount = 4300;
        p.invoices[2].amount = -9800;
        p.page = 1;
        p.totalCount = 13;
      }),
      [
        'invoices /invoices/0/openAmount: is -1; amounts are never negative',
        'invoices /invoices/1/openAmount: is 4300, above the invoiced amount 4200.75',
        'invoices /invoices/2/amount: is -9800; amounts are never negative',
        'invoices /totals/overdueAmount: is 4200.75, below 4300 of this page alone; the totals cover every matching invoice'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[2].openAmount = 10;
        p.totals = invoiceTotals(p.invoices);
      }),
      ['invoices /invoices/2/openAmount: is 10; a PAID invoice has nothing open']
    );
  });

  it('checks days overdue: only OVERDUE invoices, as many as since the due date, give or take a day', () => {
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[0].daysOverdue = 3;
        p.invoices[1].daysOverdue = 40;
      }),
      [
        'invoices /invoices/0/daysOverdue: is 3; only an OVERDUE invoice has days overdue',
        'invoices /invoices/1/daysOverdue: is 40; from the due date 2026-10-18 to asOf are 38 days'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[1].daysOverdue = 39;
        p.invoices[0].dueDate = '2026-11-24';
      }),
      [],
      'one day of time-zone tolerance'
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.invoices[0].dueDate = '2026-11-20';
      }),
      [
        'invoices /invoices/0/status: is OPEN, but the invoice was 5 days past its due date 2026-11-20 at asOf; an unpaid invoice after its due date is OVERDUE'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.asOf = '2026-11-25';
        p.invoices[1].daysOverdue = 1.5;
      }),
      [
        'invoices /asOf: "2026-11-25" is not an ISO 8601 date-time in UTC with milliseconds',
        'invoices /invoices/1/daysOverdue: is 1.5; an OVERDUE invoice is past its due date by a whole number of days, at least 1'
      ]
    );
    assert.equal(daysOverdueOf('2026-10-18', '2026-11-25T08:30:00.000Z'), 38);
    assert.equal(daysOverdueOf('2026-12-17', '2026-11-25T08:30:00.000Z'), 0);
    assert.equal(daysOverdueOf('2026-11-24', '2026-11-25T00:30:00.000+01:00'), 0, 'UTC dates');
  });

  it('checks totals: not negative, consistent, equal to the sums of a complete page', () => {
    assert.deepEqual(
      invoiceFindings((p) => {
        p.totals.overdueAmount = -1;
      }),
      ['invoices /totals/overdueAmount: is -1; amounts are never negative']
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.totals = { amount: 30000, openAmount: 30100, overdueAmount: 30200 };
      }),
      [
        'invoices /totals/openAmount: is 30100, above the total amount 30000',
        'invoices /totals/overdueAmount: is 30200, above the total open amount 30100',
        'invoices /totals/amount: is 30000; the page holds all 3 matching invoices and they add up to 39900',
        'invoices /totals/overdueAmount: is 30200; the page holds all 3 matching invoices and they add up to 4200.75'
      ]
    );
    assert.deepEqual(
      invoiceFindings((p) => {
        p.totalCount = 30;
        p.totals.amount = 40000;
        p.totals.openAmount = 30000;
      }),
      [
        'invoices /totals/openAmount: is 30000, below 30100 of this page alone; the totals cover every matching invoice'
      ]
    );
    assert.deepEqual(invoiceTotals([]), { amount: 0, openAmount: 0, overdueAmount: 0 });
    assert.deepEqual(
      invoiceTotals([{ ...invoicePage.invoices[0], amount: 0.1, openAmount: 0.2 }]).openAmount,
      0.2
    );
  });

  it('orders invoices newest due date first, then by invoice number', () => {
    const [a, b] = invoicePage.invoices;
    assert.ok(compareInvoices(a, b) < 0);
    const twin: ErpInvoice = { ...b, dueDate: a.dueDate };
    assert.ok(compareInvoices(a, twin) < 0, 'INV-2026-0131 before INV-2026-0107');
    assert.equal(compareInvoices(a, a), 0);
  });

  it('checks the order status: picklist, history order, lifecycle, last step, times and extras', () => {
    assert.deepEqual(
      orderFindings((d) => {
        d.erpOrderId = ' ';
        d.history[0].sequence = 0;
        d.history[1].occurredAt = '2026-11-04T07:40:00Z';
        d.history[2].occurredAt = '2026-11-01T00:00:00.000Z';
        d.history[3].note = '';
        d.asOf = '2026-11-21T11:29:59.999Z';
        d.trackingNumbers = ['A', ' ', 'A'];
        d.expectedDeliveryDate = '26.11.2026';
      }),
      [
        'orderStatus /erpOrderId: is blank',
        'orderStatus /history/0/sequence: is 0; sequences are positive whole numbers',
        'orderStatus /history/1/occurredAt: "2026-11-04T07:40:00Z" is not an ISO 8601 date-time in UTC with milliseconds',
        'orderStatus /history/3/note: is blank; null when there is no note',
        'orderStatus /asOf: is before the last change (2026-11-21T11:30:00.000Z); the ERP read the order after it',
        'orderStatus /trackingNumbers/1: is blank',
        'orderStatus /trackingNumbers/2: "A" is listed twice',
        'orderStatus /expectedDeliveryDate: "26.11.2026" is not a date YYYY-MM-DD'
      ]
    );
    assert.deepEqual(
      orderFindings((d) => {
        d.history[2].occurredAt = '2026-11-04T07:39:59.999Z';
      }),
      [
        'orderStatus /history/2/occurredAt: is before 2026-11-04T07:40:00.000Z of step 1; the history is oldest first'
      ]
    );
    assert.deepEqual(
      orderFindings((d) => {
        d.history[0].status = 'Rejected';
      }),
      [
        'orderStatus /history/1/status: Released is not reachable along the order lifecycle from Rejected, the status of step 0'
      ]
    );
    assert.deepEqual(
      orderFindings((d) => {
        d.status = 'Invoiced';
        d.history.push({ ...d.history[3], sequence: 5, note: 'second parcel' });
      }),
      [
        'orderStatus /status: is Invoiced; the last history step (sequence 5) is Shipped',
        'orderStatus /sequence: is 4; the last history step has sequence 5'
      ],
      'the same status again is no transition'
    );
    assert.deepEqual(
      orderFindings((d) => {
        d.history = [];
      }),
      ['orderStatus /history: is empty; it ends with the current status Shipped']
    );
  });

  it('checks order statuses against the Order.ERP_Status__c picklist', () => {
    const narrower = withoutPicklistValue('Order', 'ERP_Status__c', 'Partially Shipped');
    assert.deepEqual(
      orderFindings(() => undefined, narrower).map((f) => f.replace(/ \(.*\)$/, '')),
      [
        'orderStatus /history/2/status: "Partially Shipped" is not a value of the Order.ERP_Status__c picklist'
      ]
    );
    fs.rmSync(
      path.join(
        narrower.projectRoot,
        'force-app/main/default/objects/Order/fields/ERP_Status__c.field-meta.xml'
      )
    );
    assert.deepEqual(
      orderFindings(() => undefined, loadMetadataModel(narrower.projectRoot)),
      [
        'orderStatus /status: is "Shipped"; Order.ERP_Status__c has no local picklist values to check it against',
        'orderStatus /history/0/status: is "Acknowledged"; Order.ERP_Status__c has no local picklist values to check it against',
        'orderStatus /history/1/status: is "Released"; Order.ERP_Status__c has no local picklist values to check it against',
        'orderStatus /history/2/status: is "Partially Shipped"; Order.ERP_Status__c has no local picklist values to check it against',
        'orderStatus /history/3/status: is "Shipped"; Order.ERP_Status__c has no local picklist values to check it against'
      ]
    );
  });

  it('checks a refusal: reasons with upper-case codes and messages', () => {
    assert.deepEqual(findings(checkInquiryError(inquiryError)), []);
    assert.deepEqual(
      findings(checkInquiryError({ errors: [{ code: 'not found', message: ' ' }] })),
      [
        'error /errors/0/code: "not found" is not an upper-case code like NOT_FOUND',
        'error /errors/0/message: is blank'
      ]
    );
  });

  it('checks that credit and invoices tell one story', () => {
    const story = (change: (c: ErpCreditSummary, p: ErpInvoicePage) => void): string[] => {
      const c = clone(credit);
      const p = clone(invoicePage);
      change(c, p);
      return findings(checkInquiryScenario(c, p));
    };
    assert.deepEqual(
      story(() => undefined),
      []
    );
    assert.deepEqual(
      story((c) => {
        c.erpAccountId = 'ERP-ACC-1001';
        c.openBalance = 1;
      }),
      ['invoices /erpAccountId: is "ERP-ACC-1002"; the credit summary is about "ERP-ACC-1001"']
    );
    assert.deepEqual(
      story((c) => {
        c.currencyIsoCode = 'USD';
        c.openBalance = 30000;
        c.overdueBalance = 4200.76;
      }),
      [
        'invoices /invoices/0/currencyIsoCode: is EUR; the credit summary is in USD',
        'invoices /invoices/1/currencyIsoCode: is EUR; the credit summary is in USD',
        'invoices /invoices/2/currencyIsoCode: is EUR; the credit summary is in USD',
        "invoices /totals/openAmount: is 30100; the credit summary's openBalance is 30000",
        "invoices /totals/overdueAmount: is 4200.75; the credit summary's overdueBalance is 4200.76"
      ]
    );
    assert.deepEqual(
      story((c, p) => {
        p.status = 'OPEN';
        c.overdueBalance = 4000;
      }),
      ["invoices /totals/overdueAmount: is 4200.75, above the credit summary's overdueBalance 4000"]
    );
  });
});
