import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyMetadataProject } from './support/temp-project.js';
import { RECORD_ERROR_CODES, REQUEST_ERROR_CODES } from '../../types/contract/error-codes.js';
import type {
  ErrorResponse,
  RecordChangedEventExample,
  RecordUpsertRequest,
  RecordUpsertResponse
} from '../../types/contract/record-sync.js';
import { readIntegrationConfig, type IntegrationConfig } from '../docs/integration-config.js';
import {
  APEX_ERROR_CODES_PATH,
  CONTRACT_FIXTURES,
  ContractValidator,
  changedFieldsJson,
  checkContractFixtures,
  checkErrorResponse,
  checkRecordChangedEvent,
  checkUpsertExchange,
  compareErrorCatalogues,
  fieldsByCanonicalName,
  findIntegrationObject,
  generateContractSchema,
  isIsoDateTime,
  isSalesforceId,
  jsonTypeOf,
  loadContractFixtures,
  matchesJsonType,
  parseApexErrorCodes,
  schemaFields,
  schemaTypeText,
  type FixtureRole,
  type JsonSchema
} from '../lib/contract.js';
import {
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

before(() => {
  schema = generateContractSchema();
  validator = new ContractValidator(schema);
  model = loadMetadataModel(MAIN_ROOT);
  config = readIntegrationConfig(model);
  request = readFixture('request');
  response = readFixture('response');
  errorResponse = readFixture('error');
  event = readFixture('event');
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
      /^\/changedFields\/creditLimit: "creditLimit" is owned by ERP; the event carries only Salesforce-owned fields$/
  };

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
      const resource = `${STATIC_RESOURCES}/${file.slice(0, file.indexOf('.'))}.json`;
      fs.copyFileSync(path.join(BROKEN, file), path.join(root, resource));
      const projectModel = loadMetadataModel(root);
      const { problems } = checkContractFixtures(
        projectModel,
        readIntegrationConfig(projectModel),
        validator
      );
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
    assert.deepEqual(compareErrorCatalogues(reordered, REQUEST_ERROR_CODES, RECORD_ERROR_CODES), [
      'RECORD_CODES: order differs — Apex BLANK_EXTERNAL_ID, DUPLICATE_EXTERNAL_ID, INVALID_MODIFIED_AT, INVALID_RECORD, UNKNOWN_FIELD, WRONG_TYPE, STALE_UPDATE, SAVE_FAILED, ALL_OR_NONE_ABORTED; TypeScript BLANK_EXTERNAL_ID, DUPLICATE_EXTERNAL_ID, INVALID_RECORD, INVALID_MODIFIED_AT, UNKNOWN_FIELD, WRONG_TYPE, STALE_UPDATE, SAVE_FAILED, ALL_OR_NONE_ABORTED'
    ]);
    const unmapped = parseApexErrorCodes(apexSource.replace(/\n\s*INTERNAL_ERROR => 500\n/, '\n'));
    assert.deepEqual(compareErrorCatalogues(unmapped, REQUEST_ERROR_CODES, RECORD_ERROR_CODES), [
      'HTTP_STATUS_BY_REQUEST_CODE has no status for INTERNAL_ERROR (TypeScript: 500)'
    ]);
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
