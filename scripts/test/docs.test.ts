import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyMetadataProject, makeTempDir } from './support/temp-project.js';
import { loadMetadataModel } from '../lib/metadata-model.js';
import { flowsOf } from '../docs/directionality.js';
import { typeWithSize } from '../docs/external-ids.js';
import {
  DOCS_DIR,
  diffDocs,
  generateDocs,
  main,
  writeDocs,
  type GenerationResult,
  type Output
} from '../docs/generate.js';
import {
  DocsValidationError,
  flowOf,
  readIntegrationConfig,
  type IntegrationObject
} from '../docs/integration-config.js';
import { cell, code, formatMarkdown, table } from '../docs/markdown.js';
import { checkEventFields } from '../docs/record-changed-event.js';
import {
  ContractValidator,
  MARKETING_TYPES_FILE,
  MARKETING_TYPES_PATH,
  generateContractSchema
} from '../lib/contract.js';
import { campaignsExampleRequest } from '../docs/marketing-api.js';
import {
  CAMPAIGN_MEMBERS_API_PATH,
  MARKETING_CAMPAIGNS_API_PATH,
  MARKETING_LEADS_API_PATH,
  ORDER_ACKNOWLEDGEMENTS_API_PATH,
  ORDER_ACKNOWLEDGEMENT_ERROR_CODES,
  RECORD_ERROR_CODES,
  REQUEST_ERROR_CODES
} from '../../types/contract/error-codes.js';
import { readOrderDocsInput } from '../docs/contract-docs.js';
import { checkOrderMetadata } from '../docs/orders-api.js';
import {
  answersText,
  durationText,
  readOperationsDocsInput,
  readOperationsSettings,
  retrySchedule
} from '../docs/operations-api.js';
import { DELIVERY_ANSWER_CLASSES } from '../../types/contract/operations.js';
import {
  INQUIRY_ANSWERS,
  SYNCED_SOURCES,
  checkInquiryMetadata,
  readInquiryDocsInput,
  readInquirySettings,
  secondsText
} from '../docs/inquiry-api.js';
import type {
  CampaignMemberUpsertRequest,
  MarketingCampaignsRequest
} from '../../types/contract/marketing.js';
import {
  LIFECYCLE_MODEL_FILE,
  LIFECYCLE_STATES,
  LIFECYCLE_TRANSITIONS,
  checkLifecycleAgainstMetadata,
  erpReportedStatuses,
  lifecycleDiagram,
  reachableErpStatuses
} from '../docs/order-lifecycle.js';

const MAIN_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = path.join(MAIN_ROOT, 'test-fixtures/docs/project');
const CMDT = 'force-app/main/default/customMetadata';
const OBJECTS = 'force-app/main/default/objects';
const ERP_STATUS_FILE = `${OBJECTS}/Order/fields/ERP_Status__c.field-meta.xml`;
const DOC_NAMES = [
  'README.md',
  'directionality.md',
  'external-ids.md',
  'field-ownership.md',
  'order-lifecycle.md'
];

/** Copies the repository's metadata and contract fixtures to a temp dir a test may change. */
function copyMain(): string {
  return copyMetadataProject('docs-main');
}

/** Copies the checked-in fixture project to a temp dir that a test may change. */
function copyFixture(): string {
  const root = makeTempDir('docs-fixture');
  fs.cpSync(FIXTURE, root, { recursive: true });
  return root;
}

type RecordValue = string | number | boolean | null;

/** Writes a custom metadata record into a project. */
function writeRecord(
  root: string,
  type: string,
  developerName: string,
  values: Record<string, RecordValue>
): string {
  const relative = `${CMDT}/${type}.${developerName}.md-meta.xml`;
  const body = Object.entries(values)
    .map(([field, v]) => {
      const valueXml =
        v === null
          ? '<value xsi:nil="true"/>'
          : typeof v === 'boolean'
            ? `<value xsi:type="xsd:boolean">${v}</value>`
            : typeof v === 'number'
              ? `<value xsi:type="xsd:double">${v}</value>`
              : `<value xsi:type="xsd:string">${v}</value>`;
      return `  <values><field>${field}</field>${valueXml}</values>`;
    })
    .join('\n');
  fs.writeFileSync(
    path.join(root, relative),
    `<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <label>${developerName}</label>
${body}
</CustomMetadata>
`
  );
  return relative;
}

function ownership(
  root: string,
  developerName: string,
  values: Partial<Record<'object' | 'field' | 'owner' | 'canonical', string | null>> & {
    enabled?: RecordValue;
  }
): string {
  return writeRecord(root, 'Field_Ownership', developerName, {
    Object_API_Name__c: values.object ?? 'Account',
    Field_API_Name__c: values.field ?? 'Phone',
    Owner__c: values.owner === undefined ? 'Salesforce' : values.owner,
    Canonical_Name__c: values.canonical === undefined ? 'phone' : values.canonical,
    Is_Enabled__c: values.enabled ?? true
  });
}

function integrationObject(
  root: string,
  developerName: string,
  values: Record<string, RecordValue>
): string {
  return writeRecord(root, 'Integration_Object', developerName, {
    Object_API_Name__c: developerName,
    Direction__c: 'Bidirectional',
    Counterpart_System__c: 'ERP',
    Canonical_Name__c: developerName.toLowerCase(),
    Is_Enabled__c: true,
    ...values
  });
}

function edit(root: string, relative: string, from: string | RegExp, to: string): void {
  const file = path.join(root, relative);
  const before = fs.readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `edit of ${relative} changed nothing`);
  fs.writeFileSync(file, after);
}

/** Asserts generation fails and that one problem names `file` and matches `problem`. */
async function expectProblem(root: string, file: string, problem: RegExp): Promise<void> {
  await assert.rejects(generateDocs(root), (error: unknown) => {
    assert.ok(
      error instanceof DocsValidationError,
      `expected DocsValidationError, got ${String(error)}`
    );
    const match = error.problems.find((p) => p.filePath === file && problem.test(p.message));
    assert.ok(match, `no problem for ${file} matching ${problem}; got:\n${error.message}`);
    assert.ok(error.message.includes(`${file}: ${match.message}`), error.message);
    return true;
  });
}

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

function doc(result: GenerationResult, name: string): string {
  const found = result.documents.find((d) => d.relativePath === `${DOCS_DIR}/${name}`);
  assert.ok(found, `${name} not generated`);
  return found.content;
}

/** The table rows of a document (lines starting with `|`), cells trimmed. */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
    );
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `missing heading ${heading}`);
  const next = markdown.indexOf('\n## ', start + heading.length + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

/** Like {@link section}, but ends at the next heading of any level. */
function subsection(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `missing heading ${heading}`);
  const next = markdown.indexOf('\n#', start + heading.length + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('generateDocs on the fixture project', () => {
  let result: GenerationResult;
  before(async () => {
    result = await generateDocs(FIXTURE);
  });

  it('produces the five documents, sorted, with no warnings', () => {
    assert.deepEqual(
      result.documents.map((d) => d.relativePath),
      DOC_NAMES.map((n) => `${DOCS_DIR}/${n}`)
    );
    assert.deepEqual(result.warnings, []);
  });

  it('carries the generated notice in every document', () => {
    for (const name of DOC_NAMES) {
      assert.match(
        doc(result, name),
        /\nGenerated by `npm run docs:generate` from the metadata — do not edit by hand\.\n/,
        name
      );
    }
  });

  it('indexes the four documents in README.md, and no contract document', () => {
    const readme = doc(result, 'README.md');
    for (const name of DOC_NAMES.slice(1)) {
      assert.match(readme, new RegExp(`\\]\\(${name.replace('.', '\\.')}\\)`));
    }
    assert.doesNotMatch(readme, /records-api|record-changed-event/);
  });

  it('writes one ownership table per object in sort order, then name', () => {
    const md = doc(result, 'field-ownership.md');
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['Lead', 'Account', 'Order', 'Contact']);
    assert.deepEqual(rows(section(md, '## Account')), [
      ['Field', 'Label', 'Owner', 'Canonical name', 'Direction', 'Status'],
      [
        '`ERP_Account_ID__c`',
        'ERP Account ID',
        'ERP',
        '`erpAccountId`',
        'ERP → Salesforce',
        'enabled'
      ],
      [
        '`ERP_Credit_Limit__c`',
        'ERP Credit Limit',
        'ERP',
        '`creditLimit`',
        'ERP → Salesforce',
        'enabled'
      ],
      [
        '`ERP_Credit_Status__c`',
        'ERP Credit Status',
        'ERP',
        '`creditStatus`',
        'ERP → Salesforce',
        '**disabled**'
      ],
      ['`Name`', 'Name', 'Salesforce', '`name`', 'Salesforce → ERP', 'enabled']
    ]);
    assert.match(
      section(md, '## Account'),
      /Counterpart: ERP · direction: Bidirectional · canonical name: `account` · sync key: `ERP_Account_ID__c`\./
    );
    assert.deepEqual(rows(section(md, '## Lead'))[1], [
      '`Email`',
      'Email',
      'Marketing',
      '`email`',
      'Marketing → Salesforce',
      'enabled'
    ]);
    const contact = section(md, '## Contact');
    assert.match(contact, /Counterpart: ERP and Marketing · direction: Outbound/);
    assert.match(contact, /sync key: —\. \*\*Sync disabled\*\* for this object\./);
    assert.deepEqual(rows(contact)[1].slice(4), ['Salesforce → ERP, Marketing', 'enabled']);
  });

  it('lists every External ID field with size, uniqueness and sync key', () => {
    const md = doc(result, 'external-ids.md');
    assert.deepEqual(rows(md), [
      ['Object', 'Field', 'Label', 'Type', 'Unique', 'Case-sensitive', 'Sync key'],
      ['Account', '`ERP_Account_ID__c`', 'ERP Account ID', 'Text(80)', 'yes', 'no', '**yes**'],
      ['Account', '`Legacy_Code__c`', 'Legacy Code', 'Text(20)', 'no', '—', ''],
      [
        'Integration_Message__c',
        '`Idempotency_Key__c`',
        'Idempotency Key',
        'Text(255)',
        'yes',
        'yes',
        ''
      ],
      ['Lead', '`Marketing_Lead_ID__c`', 'Marketing Lead ID', 'Text(80)', 'yes', 'no', '**yes**'],
      ['Order', '`ERP_Order_ID__c`', 'ERP Order ID', 'Text(80)', 'yes', 'no', '**yes**'],
      ['Order', '`Integration_Key__c`', 'Integration Key', 'Text(120)', 'yes', 'yes', '']
    ]);
    assert.match(md, /## Integration objects without a sync key\n\n- Contact\n/);
    assert.doesNotMatch(md, /Sync keys on standard fields/);
  });

  it('draws the data flows per object with owned field counts', () => {
    const md = doc(result, 'directionality.md');
    const diagram = md.slice(md.indexOf('```mermaid\n'), md.indexOf('\n```\n') + 4);
    assert.match(diagram, /^```mermaid\nflowchart LR\n/);
    for (const line of [
      '  ERP[("ERP")]',
      '  Marketing[("Marketing")]',
      '  subgraph Salesforce["Salesforce"]',
      '    obj_Lead["Lead<br/>key Marketing_Lead_ID__c"]',
      '    obj_Contact["Contact<br/>sync disabled"]',
      '  Marketing -->|"in 2"| obj_Lead',
      '  ERP <-->|"in 2 · out 1"| obj_Account',
      '  ERP <-->|"in 2 · out 1"| obj_Order',
      '  obj_Contact -.->|"out 1"| ERP',
      '  obj_Contact -.->|"out 1"| Marketing'
    ]) {
      assert.ok(diagram.includes(`${line}\n`), `diagram lacks: ${line}\n${diagram}`);
    }
    assert.equal(diagram.split('\n').filter((l) => /\|".*"\|/.test(l)).length, 5);
    assert.deepEqual(rows(section(md, '## Objects'))[2], [
      'Account',
      '`account`',
      'Bidirectional',
      'ERP',
      'Platform Event',
      '`ERP_Account_ID__c`',
      'yes',
      '1',
      '2',
      '0',
      '1'
    ]);
  });

  it('renders the order lifecycle with every state and its Order.Status', () => {
    const md = doc(result, 'order-lifecycle.md');
    assert.match(md, /```mermaid\nstateDiagram-v2\n/);
    assert.ok(md.includes('\n  Submitted --> Acknowledged\n'));
    assert.ok(md.includes('\n  DraftOrder --> Submitted : submit, ERP_Order_Submitted__e\n'));
    assert.ok(md.includes('\n  Rejected --> Submitted : corrected and resubmitted\n'));
    assert.ok(md.includes('\n  note right of Submitted : event out, order stays Draft\n'));
    const states = rows(section(md, '## States'));
    assert.deepEqual(states[0], ['State', 'Record', 'ERP_Status__c', 'Order.Status', 'Meaning']);
    assert.deepEqual(
      states.slice(1).map((r) => [r[0], r[2], r[3]]),
      [
        ['Draft Quote', '—', '— (no order yet)'],
        ['Approved Quote', '—', '— (no order yet)'],
        ['Draft Order', '—', 'Draft'],
        ['Submitted', '`Submitted`', 'Draft'],
        ['Acknowledged', '`Acknowledged`', 'Activated'],
        ['Rejected', '`Rejected`', 'Draft'],
        ['Released', '`Released`', 'Activated'],
        ['Partially Shipped', '`Partially Shipped`', 'Activated'],
        ['Shipped', '`Shipped`', 'Activated'],
        ['Invoiced', '`Invoiced`', 'Activated'],
        ['Cancelled', '`Cancelled`', 'Activated'],
        ['Returned', '`Returned`', 'Activated']
      ]
    );
    const transitions = rows(section(md, '## Transitions'));
    assert.equal(
      transitions.length - 1,
      LIFECYCLE_TRANSITIONS.filter((t) => !t.from.includes('*') && !t.to.includes('*')).length
    );
    assert.deepEqual(transitions[0], ['From', 'To', 'By', 'Trigger', 'Notes']);
    assert.deepEqual(transitions[4].slice(0, 4), [
      'Submitted',
      'Acknowledged',
      'ERP',
      '`ERP_Order_Status__e` Acknowledged'
    ]);
    assert.deepEqual(transitions[1].slice(0, 4), [
      'Draft Quote',
      'Approved Quote',
      'Salesforce',
      'quote approved'
    ]);
  });

  it('is deterministic and independent of where the project lives', async () => {
    const again = await generateDocs(FIXTURE);
    assert.deepEqual(again, result);
    const copy = await generateDocs(copyFixture());
    assert.deepEqual(
      copy.documents.map((d) => d.content),
      result.documents.map((d) => d.content)
    );
    for (const d of result.documents) {
      assert.doesNotMatch(d.content, /\/tmp\/|\/work\/|\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('is already prettier-formatted with the repository configuration', async () => {
    for (const d of result.documents) {
      const target = path.join(MAIN_ROOT, d.relativePath);
      assert.equal(await formatMarkdown(d.content, target), d.content, d.relativePath);
    }
  });
});

describe('validation: generation fails naming the file and the problem', () => {
  it('rejects an ownership record whose object has no Integration_Object record', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Campaign_Name', { object: 'Campaign', field: 'Name' });
    await expectProblem(
      root,
      file,
      /object Campaign of Campaign\.Name has no Integration_Object__mdt record/
    );
  });

  it('rejects a field with two owners', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Name_Again', {
      field: 'Name',
      owner: 'ERP',
      canonical: 'accountName'
    });
    await expectProblem(
      root,
      file,
      /Account\.Name has two owners: ERP here and Salesforce in force-app\/main\/default\/customMetadata\/Field_Ownership\.Account_Name\.md-meta\.xml/
    );
  });

  it('rejects an unknown owner', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Phone', { owner: 'CRM' });
    await expectProblem(
      root,
      file,
      /Owner__c "CRM" of Account\.Phone is not one of Salesforce, ERP, Marketing/
    );
    const blank = ownership(root, 'Account_Phone', { owner: null });
    await expectProblem(root, blank, /Owner__c "" of Account\.Phone/);
  });

  it('rejects a missing canonical name', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Phone', { canonical: null });
    await expectProblem(root, file, /Canonical_Name__c of Account\.Phone is blank/);
  });

  it('rejects duplicate canonical names within one object, not across objects', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Phone', { canonical: 'creditLimit' });
    await expectProblem(
      root,
      file,
      /canonical name "creditLimit" of Account\.Phone is also used by Account\.ERP_Credit_Limit__c/
    );
    const ok = copyFixture();
    ownership(ok, 'Order_Name', { object: 'Order', field: 'Name', canonical: 'name' });
    await generateDocs(ok);
  });

  it('rejects a custom field without field metadata, allows standard fields', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Missing', {
      field: 'Missing_Field__c',
      canonical: 'missing'
    });
    await expectProblem(root, file, /custom field Account\.Missing_Field__c has no field metadata/);
    const ok = copyFixture();
    ownership(ok, 'Account_Phone', {});
    const result = await generateDocs(ok);
    assert.match(doc(result, 'field-ownership.md'), /\| `Phone` +\| Phone +\| Salesforce/);
  });

  it('rejects blank object or field names on ownership records', async () => {
    const root = copyFixture();
    const noObject = ownership(root, 'No_Object', { object: '' });
    const noField = ownership(root, 'No_Field', { field: '' });
    await expectProblem(root, noObject, /Object_API_Name__c is blank/);
    await expectProblem(root, noField, /Field_API_Name__c is blank/);
  });

  it('rejects an owner that is not a counterpart of the object', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Lead_Phone', { object: 'Lead', owner: 'ERP' });
    await expectProblem(
      root,
      file,
      /Lead\.Phone is owned by ERP, which is not a counterpart of Lead \(Counterpart_System__c Marketing in force-app\/main\/default\/customMetadata\/Integration_Object\.Lead\.md-meta\.xml\)/
    );
  });

  it('rejects a checkbox value that is not a boolean', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Phone', { enabled: 'maybe' });
    await expectProblem(root, file, /Is_Enabled__c "maybe" is not true or false/);
  });

  it('rejects broken Integration_Object records', async () => {
    const root = copyFixture();
    const direction = integrationObject(root, 'Product2', { Direction__c: 'Sideways' });
    const counterpart = integrationObject(root, 'Pricebook2', { Counterpart_System__c: 'SAP' });
    const blank = integrationObject(root, 'Nothing', { Object_API_Name__c: null });
    const duplicate = integrationObject(root, 'Account_Again', { Object_API_Name__c: 'Account' });
    const noKeyField = integrationObject(root, 'Case', { External_ID_Field__c: 'ERP_Case_ID__c' });
    const noObject = integrationObject(root, 'Invoice__c', {});
    const badSort = integrationObject(root, 'Asset', { Sort_Order__c: 'first' });
    await expectProblem(
      root,
      direction,
      /Direction__c "Sideways" is not one of Inbound, Outbound, Bidirectional/
    );
    await expectProblem(
      root,
      counterpart,
      /Counterpart_System__c "SAP" is not one of ERP, Marketing, Both/
    );
    await expectProblem(root, blank, /Object_API_Name__c is blank/);
    await expectProblem(
      root,
      duplicate,
      /Account already has an Integration_Object__mdt record \(force-app\/main\/default\/customMetadata\/Integration_Object\.Account\.md-meta\.xml\)/
    );
    await expectProblem(
      root,
      noKeyField,
      /External_ID_Field__c Case\.ERP_Case_ID__c has no field metadata/
    );
    await expectProblem(root, noObject, /object Invoice__c has no metadata in the project/);
    await expectProblem(root, badSort, /Sort_Order__c "first" is not a number/);
  });

  it('rejects a sync key that is not marked External ID', async () => {
    const root = copyFixture();
    edit(
      root,
      `${CMDT}/Integration_Object.Account.md-meta.xml`,
      'ERP_Account_ID__c',
      'ERP_Credit_Limit__c'
    );
    await expectProblem(
      root,
      `${CMDT}/Integration_Object.Account.md-meta.xml`,
      /External_ID_Field__c Account\.ERP_Credit_Limit__c is not marked External ID \(force-app\/main\/default\/objects\/Account\/fields\/ERP_Credit_Limit__c\.field-meta\.xml\)/
    );
  });

  it('rejects an ERP_Status__c value that is not a lifecycle state', async () => {
    const root = copyFixture();
    edit(
      root,
      ERP_STATUS_FILE,
      '<fullName>Returned</fullName>',
      '<fullName>Returned</fullName></value><value><fullName>Backordered</fullName>'
    );
    await expectProblem(
      root,
      ERP_STATUS_FILE,
      /Order\.ERP_Status__c value "Backordered" is not a state of the order lifecycle in scripts\/docs\/order-lifecycle\.ts/
    );
  });

  it('rejects a lifecycle ERP state missing from the picklist, with ownership problems too', async () => {
    const root = copyFixture();
    edit(root, ERP_STATUS_FILE, /<value>\s*<fullName>Returned<\/fullName>[\s\S]*?<\/value>/, '');
    ownership(root, 'Account_Phone', { owner: 'CRM' });
    await expectProblem(
      root,
      LIFECYCLE_MODEL_FILE,
      /lifecycle state "Returned" is not a value of the Order\.ERP_Status__c picklist in force-app\/main\/default\/objects\/Order\/fields\/ERP_Status__c\.field-meta\.xml/
    );
    await expectProblem(
      root,
      `${CMDT}/Field_Ownership.Account_Phone.md-meta.xml`,
      /Owner__c "CRM"/
    );
  });

  it('rejects a project without the ERP_Status__c picklist', async () => {
    const root = copyFixture();
    fs.rmSync(path.join(root, ERP_STATUS_FILE));
    fs.rmSync(path.join(root, `${CMDT}/Field_Ownership.Order_ERP_Status.md-meta.xml`));
    await expectProblem(
      root,
      ERP_STATUS_FILE,
      /Order\.ERP_Status__c has no field metadata; the order lifecycle \(scripts\/docs\/order-lifecycle\.ts\) is checked against its picklist values/
    );
  });

  it('rejects an ERP_Status__c that has no local picklist values', () => {
    const root = copyFixture();
    edit(
      root,
      ERP_STATUS_FILE,
      /<valueSetDefinition>[\s\S]*<\/valueSetDefinition>/,
      '<valueSetName>Statuses</valueSetName>'
    );
    assert.deepEqual(checkLifecycleAgainstMetadata(loadMetadataModel(root)), [
      {
        filePath: ERP_STATUS_FILE,
        message:
          'Order.ERP_Status__c uses the global value set Statuses, which the lifecycle check does not read'
      }
    ]);
    edit(root, ERP_STATUS_FILE, /<valueSet>[\s\S]*<\/valueSet>/, '');
    edit(root, ERP_STATUS_FILE, 'Picklist', 'Text');
    assert.match(
      checkLifecycleAgainstMetadata(loadMetadataModel(root))[0].message,
      /is a Text without picklist values/
    );
  });

  it('warns about owned fields that never travel', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Lead_Phone', { object: 'Lead', canonical: 'phone' });
    const result = await generateDocs(root);
    assert.deepEqual(result.warnings, [
      `${file}: Lead.Phone is owned by Salesforce but Lead syncs Inbound only, so it never travels`
    ]);
    const output = capture();
    assert.equal(await main(['--project-root', root], output), 0);
    assert.ok(output.err.some((l) => l.startsWith('docs: warning: ') && l.includes(file)));
  });

  it('passes a metadata load error through, naming the file', async () => {
    const root = copyFixture();
    const file = `${OBJECTS}/Account/fields/ERP_Account_ID__c.field-meta.xml`;
    fs.writeFileSync(path.join(root, file), '<CustomField><label>broken</CustomField>');
    const output = capture();
    assert.equal(await main(['--project-root', root], output), 1);
    assert.match(output.err.join('\n'), new RegExp(`${file}: malformed XML`));
    assert.ok(!fs.existsSync(path.join(root, DOCS_DIR)), 'nothing written');
  });
});

describe('main: generate and --check', () => {
  it('writes the docs, then --check passes', async () => {
    const root = copyFixture();
    const output = capture();
    assert.equal(await main(['--project-root', root], output), 0);
    assert.deepEqual(fs.readdirSync(path.join(root, DOCS_DIR)).sort(), DOC_NAMES);
    assert.match(output.out.at(-1)!, /5 written, 0 unchanged, 0 removed/);
    const check = capture();
    assert.equal(await main(['--check', `--project-root=${root}`], check), 0);
    assert.deepEqual(check.out, [`docs: ${DOCS_DIR} is up to date (5 files).`]);
    assert.deepEqual(check.err, []);
    const again = capture();
    assert.equal(await main(['--project-root', root], again), 0);
    assert.deepEqual(again.out, [`docs: ${DOCS_DIR}: 0 written, 5 unchanged, 0 removed.`]);
  });

  it('fails --check on a stale, a missing and an extra file, then regenerates', async () => {
    const root = copyFixture();
    await main(['--project-root', root], capture());
    const docs = path.join(root, DOCS_DIR);
    fs.appendFileSync(path.join(docs, 'field-ownership.md'), '\nhand edit\n');
    fs.rmSync(path.join(docs, 'external-ids.md'));
    fs.writeFileSync(path.join(docs, 'notes.md'), '# Notes\n');
    fs.writeFileSync(path.join(docs, 'diagram.png'), 'not markdown');

    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    assert.deepEqual(check.out, []);
    assert.deepEqual(check.err, [
      `docs: ${DOCS_DIR}/field-ownership.md is out of date`,
      `docs: ${DOCS_DIR}/external-ids.md is missing`,
      `docs: ${DOCS_DIR}/notes.md is not generated (unexpected file)`,
      `docs: ${DOCS_DIR} does not match the metadata. Run \`npm run docs:generate\` and commit the result.`
    ]);

    const fix = capture();
    assert.equal(await main(['--project-root', root], fix), 0);
    assert.deepEqual(fix.out, [
      `docs: wrote ${DOCS_DIR}/external-ids.md`,
      `docs: wrote ${DOCS_DIR}/field-ownership.md`,
      `docs: removed ${DOCS_DIR}/notes.md (not generated)`,
      `docs: ${DOCS_DIR}: 2 written, 3 unchanged, 1 removed.`
    ]);
    assert.equal(await main(['--check', '--project-root', root], capture()), 0);
    assert.ok(fs.existsSync(path.join(docs, 'diagram.png')), 'non-Markdown files are left alone');
  });

  it('fails --check when the metadata changed after generation', async () => {
    const root = copyFixture();
    await main(['--project-root', root], capture());
    edit(root, `${CMDT}/Field_Ownership.Account_Name.md-meta.xml`, '>name<', '>accountName<');
    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    assert.deepEqual(check.err.slice(0, 1), [
      `docs: ${DOCS_DIR}/field-ownership.md is out of date`
    ]);
  });

  it('reports every file as missing when the docs folder does not exist', async () => {
    const root = copyFixture();
    const { documents } = await generateDocs(root);
    assert.deepEqual(diffDocs(root, documents), {
      stale: [],
      missing: DOC_NAMES.map((n) => `${DOCS_DIR}/${n}`),
      extra: []
    });
    assert.deepEqual(writeDocs(root, documents).written.length, 5);
  });

  it('fails on validation problems without writing', async () => {
    const root = copyFixture();
    const file = ownership(root, 'Account_Phone', { owner: 'CRM' });
    const output = capture();
    assert.equal(await main(['--project-root', root], output), 1);
    assert.match(
      output.err[0],
      new RegExp(
        `docs: The integration metadata has 1 problem\\(s\\):\\n  ${file.replace(/\./g, '\\.')}: Owner__c "CRM"`
      )
    );
    assert.equal(output.err[1], 'docs: fix the metadata above; no docs were written.');
    assert.ok(!fs.existsSync(path.join(root, DOCS_DIR)));
  });

  it('prints usage for --help and rejects unknown options', async () => {
    const help = capture();
    assert.equal(await main(['--help'], help), 0);
    assert.match(help.out[0], /^Usage: tsx scripts\/docs\/generate\.ts \[--check\]/);
    const bad = capture();
    assert.equal(await main(['--frobnicate'], bad), 2);
    assert.match(bad.err[0], /^docs: Unknown option '--frobnicate'/);
    assert.match(bad.err[1], /^Usage:/);
  });

  it('rethrows unexpected errors', async () => {
    const root = copyFixture();
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(root, DOCS_DIR), 'a file where the folder should be');
    await assert.rejects(main(['--project-root', root], capture()), /EEXIST|ENOTDIR/);
  });

  it('runs as a command-line script', () => {
    const root = copyFixture();
    const script = path.join(MAIN_ROOT, 'scripts/docs/generate.ts');
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, '--project-root', root, ...args], {
        cwd: MAIN_ROOT,
        encoding: 'utf8'
      });
    const stale = run(['--check']);
    assert.equal(stale.status, 1, stale.stderr);
    assert.match(stale.stderr, /docs\/integration\/README\.md is missing/);
    assert.match(stale.stderr, /Run `npm run docs:generate`/);
    const generate = run([]);
    assert.equal(generate.status, 0, generate.stderr);
    const check = run(['--check']);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /is up to date/);
  });
});

describe('building blocks', () => {
  it('escapes table cells and code spans', () => {
    assert.equal(cell('a | b\nc'), 'a \\| b c');
    assert.equal(cell('*x* [y] <z> `w` \\'), '\\*x\\* \\[y\\] \\<z\\> \\`w\\` \\\\');
    assert.equal(cell('Integration_Message__c'), 'Integration_Message__c');
    assert.equal(cell('_lead_ __c'), '\\_lead\\_ \\_\\_c');
    assert.equal(code('A|B'), '`A\\|B`');
    assert.equal(code('a`b'), '`` a`b ``');
    assert.throws(() => table(['a', 'b'], [['1']]), /table row 1 has 1 cells, expected 2/);
  });

  it('describes field types with their size', () => {
    const base = {
      apiName: 'X__c',
      objectApiName: 'Y',
      isCustom: true,
      externalId: true,
      unique: false,
      caseSensitive: false,
      required: false,
      restrictedPicklist: false,
      picklistValues: [],
      filePath: 'x'
    };
    assert.equal(typeWithSize({ ...base, type: 'Number', precision: 18 }), 'Number(18, 0)');
    assert.equal(typeWithSize({ ...base, type: 'Email' }), 'Email');
    assert.equal(typeWithSize(base), '—');
  });

  it('describes flows by owner and counterpart', () => {
    const object = { counterpartSystems: ['ERP', 'Marketing'] } as unknown as IntegrationObject;
    assert.equal(flowOf('Salesforce', object), 'Salesforce → ERP, Marketing');
    assert.equal(flowOf('Marketing', object), 'Marketing → Salesforce');
  });

  it('lists inbound and outbound flows per direction', () => {
    const config = readIntegrationConfig(loadMetadataModel(FIXTURE));
    const summary = flowsOf(config).map(
      (f) => `${f.object.objectApiName} ${f.system} in:${f.inbound} out:${f.outbound}`
    );
    assert.deepEqual(summary, [
      'Lead Marketing in:2 out:undefined',
      'Account ERP in:2 out:1',
      'Order ERP in:2 out:1',
      'Contact ERP in:undefined out:1',
      'Contact Marketing in:undefined out:1'
    ]);
  });

  it('reports documents on standard-field sync keys', async () => {
    const root = copyFixture();
    integrationObject(root, 'Product2', { External_ID_Field__c: 'ProductCode', Sort_Order__c: 5 });
    const md = doc(await generateDocs(root), 'external-ids.md');
    assert.match(
      md,
      /## Sync keys on standard fields\n\n\| Object +\| Field +\|\n\| -+ \| -+ \|\n\| Product2 \| `ProductCode` \|\n/
    );
  });

  it('keeps the lifecycle model consistent with itself', () => {
    const ids = new Set(LIFECYCLE_STATES.map((s) => s.id));
    assert.equal(ids.size, LIFECYCLE_STATES.length, 'state ids are unique');
    const reachable = new Set<string>(['[*]']);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of LIFECYCLE_TRANSITIONS) {
        if (reachable.has(t.from) && !reachable.has(t.to)) {
          reachable.add(t.to);
          grew = true;
        }
      }
    }
    for (const state of LIFECYCLE_STATES) {
      assert.ok(reachable.has(state.id), `${state.id} is reachable from the start`);
    }
    for (const state of LIFECYCLE_STATES.filter((s) => s.erpStatus !== null)) {
      const activated = !['Submitted', 'Rejected'].includes(state.id);
      assert.equal(state.orderStatus, activated ? 'Activated' : 'Draft', state.id);
    }
    const fromActivated = LIFECYCLE_TRANSITIONS.filter((t) => {
      const from = LIFECYCLE_STATES.find((s) => s.id === t.from);
      const to = LIFECYCLE_STATES.find((s) => s.id === t.to);
      return (
        from?.orderStatus === 'Activated' && to !== undefined && to.orderStatus !== 'Activated'
      );
    });
    assert.deepEqual(fromActivated, [], 'activation is irreversible');
  });

  it('checks a lifecycle model passed in, and strips Mermaid syntax from labels', () => {
    const model = loadMetadataModel(FIXTURE);
    const trimmed = LIFECYCLE_STATES.filter((s) => s.id !== 'Invoiced');
    assert.deepEqual(checkLifecycleAgainstMetadata(model, trimmed), [
      {
        filePath: ERP_STATUS_FILE,
        message: `Order.ERP_Status__c value "Invoiced" is not a state of the order lifecycle in ${LIFECYCLE_MODEL_FILE}`
      }
    ]);
    const lines = lifecycleDiagram(
      [{ ...LIFECYCLE_STATES[0], note: 'a: "b"; {c}' }],
      [
        { from: '[*]', to: 'DraftQuote', by: 'Salesforce', trigger: 'go: `now`' },
        { from: 'DraftQuote', to: '[*]', by: 'ERP', trigger: 'hidden' }
      ]
    );
    assert.deepEqual(lines.slice(-3), [
      '  [*] --> DraftQuote : go now',
      '  DraftQuote --> [*]',
      '  note right of DraftQuote : a b c'
    ]);
  });
});

describe('the record-sync contract documents, generated from the repository', () => {
  const STATIC = 'force-app/main/default/staticresources';
  let result: GenerationResult;
  before(async () => {
    result = await generateDocs(MAIN_ROOT);
  });

  it('adds records-api.md, record-changed-event.md, marketing-api.md and orders-api.md, linked from README.md', () => {
    assert.deepEqual(
      result.documents.map((d) => d.relativePath),
      [
        ...DOC_NAMES,
        'erp-inquiry-api.md',
        'erp-operations-api.md',
        'marketing-api.md',
        'orders-api.md',
        'record-changed-event.md',
        'records-api.md'
      ]
        .sort()
        .map((n) => `${DOCS_DIR}/${n}`)
    );
    const readme = doc(result, 'README.md');
    assert.match(readme, /- \[Records API\]\(records-api\.md\): the inbound /);
    assert.match(readme, /- \[Record changed event\]\(record-changed-event\.md\): the outbound /);
    assert.match(
      readme,
      /- \[Marketing API\]\(marketing-api\.md\): the marketing platform's side: /
    );
    assert.match(readme, /- \[Orders API\]\(orders-api\.md\): the order hand-off to the ERP: /);
  });

  it('documents the endpoint, headers and every type of the request and response', () => {
    const md = doc(result, 'records-api.md');
    assert.ok(md.includes('POST /services/apexrest/erp-bridge/v1/records/{object}\n'));
    for (const header of ['Idempotency-Key', 'X-Correlation-Id', 'Idempotent-Replayed']) {
      assert.match(md, new RegExp(`\\| \`${header}\` +\\|`), header);
    }
    for (const type of [
      'RecordUpsertRequest',
      'RecordUpsertInput',
      'RecordUpsertResponse',
      'RecordUpsertSummary',
      'RecordResult',
      'RecordError',
      'IgnoredField',
      'ErrorResponse'
    ]) {
      assert.match(md, new RegExp(`\\n### ${type}\\n`), type);
    }
    assert.deepEqual(rows(section(md, '### RecordUpsertInput'))[2].slice(0, 3), [
      '`modifiedAt`',
      '`string`',
      'yes'
    ]);
  });

  it('tables every error code from the catalogue, with its HTTP status', () => {
    const md = doc(result, 'records-api.md');
    const requestRows = rows(section(md, '### Request error codes'));
    assert.deepEqual(
      requestRows.slice(1).map((r) => [r[0], r[1]]),
      Object.entries(REQUEST_ERROR_CODES).map(([c, info]) => [`\`${c}\``, String(info.httpStatus)])
    );
    const recordRows = rows(section(md, '## Record error codes'));
    assert.deepEqual(recordRows[0], ['Code', 'Only in', 'Meaning']);
    assert.deepEqual(
      recordRows.slice(1).map((r) => r[0]),
      Object.keys(RECORD_ERROR_CODES).map((c) => `\`${c}\``)
    );
    assert.deepEqual(
      recordRows
        .slice(1)
        .filter((r) => r[1] !== '—')
        .map((r) => [r[0], r[1]]),
      [
        ['`UNKNOWN_CAMPAIGN`', 'campaign-members API'],
        ['`UNKNOWN_LEAD`', 'campaign-members API'],
        ['`UNKNOWN_ORDER`', 'order acknowledgements API, `ERP_Order_Status__e`'],
        ['`INVALID_TRANSITION`', 'order acknowledgements API, `ERP_Order_Status__e`']
      ]
    );
    assert.match(
      md,
      /\n`UNKNOWN_CAMPAIGN` and `UNKNOWN_LEAD` are returned only by the campaign-members API, never by the records API\. `UNKNOWN_ORDER` and `INVALID_TRANSITION` are returned only by the order acknowledgements API and `ERP_Order_Status__e`, never by the records API\.\n/
    );
  });

  it('lists the objects it writes from Integration_Object__mdt, and why it refuses the others', () => {
    const md = doc(result, 'records-api.md');
    const objects = rows(subsection(md, '## Objects'));
    assert.deepEqual(objects[0], [
      'Object',
      'Canonical name',
      'External ID field',
      'Key canonical name',
      'Modified-at field',
      'Synced-at field'
    ]);
    assert.deepEqual(
      objects.slice(1, 5).map((r) => r[0]),
      ['Product2', 'Pricebook2', 'Account', 'Contact']
    );
    assert.deepEqual(objects[3], [
      'Account',
      '`account`',
      '`ERP_Account_ID__c`',
      '`erpAccountId`',
      '`ERP_Last_Modified_At__c`',
      '`ERP_Last_Synced_At__c`'
    ]);
    const account = rows(section(md, '### Account fields'));
    assert.deepEqual(
      account.find((r) => r[0] === '`name`'),
      ['`name`', '`Name`', 'Salesforce', '—', 'seeded', 'ignored (`NOT_OWNED_BY_SENDER`)']
    );
    assert.deepEqual(
      account.find((r) => r[0] === '`creditLimit`'),
      ['`creditLimit`', '`ERP_Credit_Limit__c`', 'ERP', 'number', 'applied', 'applied']
    );
    assert.deepEqual(account.find((r) => r[0] === '`erpAccountId`')!.slice(4), [
      'ignored (`KEY_FIELD`)',
      'ignored (`KEY_FIELD`)'
    ]);
    const refused = rows(section(md, '### Objects it does not write'));
    assert.deepEqual(
      refused.slice(1).map((r) => `${r[0]}: ${r[3]}`),
      [
        'Lead: written by the marketing API (`/erp-bridge/v1/marketing/leads`)',
        'Campaign: written by the marketing API (`/erp-bridge/v1/marketing/campaigns`)',
        'CampaignMember: written by the marketing API (`/erp-bridge/v1/marketing/campaign-members`)',
        'Opportunity: outbound only',
        'Order: written by the orders API (`/erp-bridge/v1/orders/acknowledgements` and `ERP_Order_Status__e`), which applies the order lifecycle',
        'OrderItem: no inbound API writes it (`Inbound_API__c` is blank)'
      ]
    );
  });

  it('embeds the example fixtures verbatim', () => {
    const api = doc(result, 'records-api.md');
    const event = doc(result, 'record-changed-event.md');
    for (const [name, md] of [
      ['ErpContract_RecordsUpsertRequest', api],
      ['ErpContract_RecordsUpsertResponse', api],
      ['ErpContract_RecordsErrorResponse', api],
      ['ErpContract_RecordChangedEvent', event]
    ] as const) {
      const text = fs.readFileSync(path.join(MAIN_ROOT, STATIC, `${name}.json`), 'utf8');
      assert.ok(md.includes(`\`\`\`json\n${text}\`\`\`\n`), `${name} is not embedded verbatim`);
    }
    assert.match(
      api,
      /### Response \(HTTP 200\)\n\n- Record 0 \(`ERP-C-1001`\): created; seeded `name`\.\n/
    );
    assert.match(api, /- Record 2 \(`ERP-C-1003`\): rejected; `STALE_UPDATE` on `modifiedAt`\.\n/);
    assert.match(api, /### Refused call \(HTTP 413\)/);
  });

  it('documents the event fields, the publishing objects and the fields that travel', () => {
    const md = doc(result, 'record-changed-event.md');
    const fields = rows(section(md, '## Fields'));
    assert.deepEqual(fields[0], ['Field', 'Salesforce type', 'JSON type', 'Description']);
    assert.deepEqual(
      fields.slice(1).map((r) => r[0]),
      [
        'Object_API_Name__c',
        'Canonical_Object__c',
        'Record_ID__c',
        'External_ID__c',
        'Change_Type__c',
        'Changed_Fields__c',
        'Correlation_ID__c',
        'Occurred_At__c'
      ].map((f) => `\`${f}\``)
    );
    assert.deepEqual(fields[2].slice(1, 3), ['Text(80)', '`string`']);
    const publishing = rows(subsection(md, '## Objects that publish it'));
    assert.deepEqual(
      publishing.slice(1).map((r) => r[0]),
      [
        'Product2',
        'Account',
        'Contact',
        'Lead',
        'CampaignMember',
        'Opportunity',
        'Order',
        'OrderItem'
      ]
    );
    assert.deepEqual(publishing[6].slice(2), ['— (always null)', 'Platform Event', '7']);
    assert.deepEqual(
      rows(subsection(md, '### Account'))
        .slice(1)
        .map((r) => r[0]),
      [
        'billingCity',
        'billingCountry',
        'billingPostalCode',
        'billingState',
        'billingStreet',
        'industry',
        'name',
        'phone',
        'website'
      ].map((f) => `\`${f}\``)
    );
    assert.deepEqual(rows(section(md, '## Objects that do not publish it')).slice(1), [
      ['Pricebook2', 'inbound only'],
      ['Campaign', 'inbound only']
    ]);
  });

  it('matches the checked-in docs/integration', () => {
    assert.deepEqual(diffDocs(MAIN_ROOT, result.documents), { stale: [], missing: [], extra: [] });
  });

  it('fails --check when a fixture changes after generation', async () => {
    const root = copyMain();
    assert.equal(await main(['--project-root', root], capture()), 0);
    assert.equal(await main(['--check', '--project-root', root], capture()), 0);
    edit(
      root,
      `${STATIC}/ErpContract_RecordsErrorResponse.json`,
      'this one has 250',
      'this one has 251'
    );
    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    const notWarnings = (lines: string[]) => lines.filter((l) => !l.startsWith('docs: warning:'));
    assert.deepEqual(notWarnings(check.err).slice(0, 1), [
      `docs: ${DOCS_DIR}/records-api.md is out of date`
    ]);
    edit(
      root,
      `${STATIC}/ErpContract_RecordChangedEvent.json`,
      '"Occurred_At__c": "2026-03-02T10:04:11.000Z"',
      '"Occurred_At__c": "2026-03-02T10:04:12.000Z"'
    );
    const again = capture();
    assert.equal(await main(['--check', '--project-root', root], again), 1);
    assert.deepEqual(notWarnings(again.err).slice(0, 2), [
      `docs: ${DOCS_DIR}/record-changed-event.md is out of date`,
      `docs: ${DOCS_DIR}/records-api.md is out of date`
    ]);
  });

  it('refuses to document an invalid fixture, naming it', async () => {
    const root = copyMain();
    const file = `${STATIC}/ErpContract_RecordsUpsertResponse.json`;
    fs.copyFileSync(
      path.join(
        MAIN_ROOT,
        'test-fixtures/contract/ErpContract_RecordsUpsertResponse.outcome-skipped.json'
      ),
      path.join(root, file)
    );
    await expectProblem(
      root,
      file,
      /does not match RecordUpsertResponse: \/results\/0\/outcome: "skipped"/
    );
    fs.rmSync(path.join(root, `${STATIC}/ErpContract_RecordChangedEvent.json`));
    await expectProblem(
      root,
      `${STATIC}/ErpContract_RecordChangedEvent.json`,
      /is missing: the contract fixture ErpContract_RecordChangedEvent/
    );
  });

  it('checks that the event type and the ERP_Record_Changed__e fields are the same set', async () => {
    const root = copyMain();
    const fields = 'force-app/main/default/objects/ERP_Record_Changed__e/fields';
    fs.rmSync(path.join(root, fields, 'Occurred_At__c.field-meta.xml'));
    fs.copyFileSync(
      path.join(root, fields, 'Record_ID__c.field-meta.xml'),
      path.join(root, fields, 'Source__c.field-meta.xml')
    );
    edit(root, `${fields}/Source__c.field-meta.xml`, 'Record_ID__c', 'Source__c');
    await expectProblem(
      root,
      'types/contract/record-sync.ts',
      /RecordChangedEvent\.Occurred_At__c is not a field of ERP_Record_Changed__e/
    );
    await expectProblem(
      root,
      `${fields}/Source__c.field-meta.xml`,
      /ERP_Record_Changed__e\.Source__c is not a property of RecordChangedEvent in types\/contract\/record-sync\.ts/
    );
    fs.rmSync(path.join(root, 'force-app/main/default/objects/ERP_Record_Changed__e'), {
      recursive: true
    });
    assert.deepEqual(checkEventFields(loadMetadataModel(root), generateContractSchema()), [
      {
        filePath: 'force-app/main/default/objects/ERP_Record_Changed__e',
        message: 'ERP_Record_Changed__e has no metadata, but the contract fixtures document it'
      }
    ]);
  });
});

describe('inbound API settings of Integration_Object__mdt', () => {
  it('rejects inconsistent settings', async () => {
    const root = copyFixture();
    const badValue = integrationObject(root, 'Product2', { Inbound_API__c: 'Bulk' });
    const outbound = integrationObject(root, 'Opportunity', {
      Direction__c: 'Outbound',
      Inbound_API__c: 'Records'
    });
    const wrongSender = integrationObject(root, 'Campaign', {
      Inbound_API__c: 'Marketing',
      External_ID_Field__c: 'Name',
      Modified_At_Field__c: 'LastModifiedDate'
    });
    const account = integrationObject(root, 'Account', {
      External_ID_Field__c: 'ERP_Account_ID__c',
      Inbound_API__c: 'Records',
      Modified_At_Field__c: 'ERP_Credit_Limit__c',
      Synced_At_Field__c: 'ERP_Last_Synced_At__c'
    });
    await expectProblem(
      root,
      badValue,
      /Inbound_API__c "Bulk" is not one of Records, Orders, Marketing/
    );
    await expectProblem(
      root,
      outbound,
      /Inbound_API__c is Records but Opportunity syncs Outbound only/
    );
    await expectProblem(
      root,
      outbound,
      /Inbound_API__c is Records but Opportunity has no External_ID_Field__c/
    );
    await expectProblem(
      root,
      outbound,
      /Inbound_API__c is Records but Opportunity has no Modified_At_Field__c, so stale updates cannot be detected/
    );
    await expectProblem(
      root,
      wrongSender,
      /Inbound_API__c Marketing is called by Marketing, which is not the counterpart of Campaign \(ERP\)/
    );
    await expectProblem(
      root,
      wrongSender,
      /Modified_At_Field__c Campaign\.LastModifiedDate has no field metadata/
    );
    await expectProblem(
      root,
      account,
      /Modified_At_Field__c Account\.ERP_Credit_Limit__c is a Currency, not a DateTime \(force-app\/main\/default\/objects\/Account\/fields\/ERP_Credit_Limit__c\.field-meta\.xml\)/
    );
    await expectProblem(
      root,
      account,
      /Synced_At_Field__c Account\.ERP_Last_Synced_At__c has no field metadata/
    );
  });

  it('warns when an orders or marketing object has no modified-at field', async () => {
    const root = copyFixture();
    const file = integrationObject(root, 'Order', {
      External_ID_Field__c: 'ERP_Order_ID__c',
      Sort_Order__c: 30,
      Inbound_API__c: 'Orders'
    });
    const result = await generateDocs(root);
    assert.deepEqual(result.warnings, [
      `${file}: Inbound_API__c is Orders but Order has no Modified_At_Field__c, so stale updates cannot be detected`
    ]);
    const config = readIntegrationConfig(loadMetadataModel(root));
    assert.equal(config.objects.find((o) => o.objectApiName === 'Order')?.inboundApi, 'Orders');
  });
});

describe('the marketing contract document, generated from the repository', () => {
  const STATIC = 'force-app/main/default/staticresources';
  const EVENT_FIELDS = 'force-app/main/default/objects/Marketing_Lead_Converted__e/fields';
  let result: GenerationResult;
  let md: string;
  before(async () => {
    result = await generateDocs(MAIN_ROOT);
    md = doc(result, 'marketing-api.md');
  });

  it('documents the three endpoints, the shared headers and every type of their shapes', () => {
    assert.ok(
      md.includes(
        '```http\nPOST /services/apexrest/erp-bridge/v1/marketing/leads\nPOST /services/apexrest/erp-bridge/v1/marketing/campaigns\nPOST /services/apexrest/erp-bridge/v1/marketing/campaign-members\n'
      )
    );
    assert.deepEqual(
      [...section(md, '## What to call').matchAll(/^### (\w[\w ]*): `POST (\S+)`$/gm)].map((m) => [
        m[1],
        m[2]
      ]),
      [
        ['Leads', MARKETING_LEADS_API_PATH],
        ['Campaigns', MARKETING_CAMPAIGNS_API_PATH],
        ['Campaign members', CAMPAIGN_MEMBERS_API_PATH]
      ]
    );
    for (const header of ['Idempotency-Key', 'X-Correlation-Id', 'Idempotent-Replayed']) {
      assert.match(md, new RegExp(`\\| \`${header}\` +\\|`), header);
    }
    for (const type of [
      'RecordUpsertRequest',
      'RecordUpsertInput',
      'CampaignMemberUpsertRequest',
      'CampaignMemberInput',
      'MarketingUpsertResponse',
      'RecordUpsertSummary',
      'MarketingRecordResult',
      'RedirectTarget',
      'RecordError',
      'IgnoredField',
      'ErrorResponse'
    ]) {
      assert.match(md, new RegExp(`\\n#### ${type}\\n`), type);
    }
    assert.deepEqual(rows(subsection(md, '#### MarketingRecordResult')).at(-1)!.slice(0, 3), [
      '`redirectedTo`',
      '`RedirectTarget \\| null`',
      'yes'
    ]);
    assert.deepEqual(rows(subsection(md, '#### RedirectTarget'))[1].slice(0, 2), [
      '`object`',
      '`"Contact"`'
    ]);
  });

  it('says what to subscribe to: the record event per object, the conversion event, the CDC channel', () => {
    const subscribe = section(md, '## What to subscribe to');
    assert.deepEqual(
      rows(subsection(subscribe, '### ERP_Record_Changed__e')).map((r) => [r[0], r[2], r[3]]),
      [
        ['Object', 'Join on', 'Salesforce-owned fields that travel'],
        [
          'Contact',
          '`Record_ID__c` (`External_ID__c` is `ERP_Contact_ID__c`, owned by ERP)',
          '`accountId`, `email`, `firstName`, `lastName`, `phone`, `title`'
        ],
        ['Lead', '`External_ID__c` = `Marketing_Lead_ID__c`', '`phone`, `status`'],
        [
          'CampaignMember',
          '`External_ID__c` = `Marketing_Member_Key__c`',
          '`campaignId`, `contactId`, `leadId`'
        ]
      ]
    );
    assert.match(subscribe, /\]\(record-changed-event\.md\)/);
    const event = rows(subsection(subscribe, '### Marketing_Lead_Converted__e'));
    assert.deepEqual(
      event.slice(1).map((r) => [r[0], r[1], r[2]]),
      [
        ['`Marketing_Lead_ID__c`', 'Text(80)', '`string`'],
        ['`Lead_ID__c`', 'Text(18)', '`string`'],
        ['`Contact_ID__c`', 'Text(18)', '`string`'],
        ['`Account_ID__c`', 'Text(18)', '`string`'],
        ['`Opportunity_ID__c`', 'Text(18)', '`string \\| null`'],
        ['`Converted_At__c`', 'DateTime', '`string`'],
        ['`Correlation_ID__c`', 'Text(64)', '`string`']
      ]
    );
    assert.match(subscribe, /Subscribe to `\/event\/Marketing_Lead_Converted__e`/);
    const cdc = subsection(subscribe, '### Change Data Capture');
    assert.match(cdc, /go to `\/data\/ERP_Bridge_Changes__chn`/);
    assert.ok(
      rows(cdc).some((r) => r[1] === '`LeadChangeEvent`' && r[2] === '`Marketing_Lead_ID__c`')
    );
    assert.match(cdc, /`ContactChangeEvent` and `LeadChangeEvent` carry `Marketing_Lead_ID__c`/);
  });

  it("tables what happens to each Lead field, also on a converted lead's contact", () => {
    const leads = rows(subsection(md, '#### Lead fields'));
    assert.deepEqual(leads[0], [
      'Canonical name',
      'Field',
      'Owner',
      'JSON type',
      'New lead',
      'Existing lead',
      'Converted lead'
    ]);
    const byName = new Map(leads.slice(1).map((r) => [r[0], r.slice(4)]));
    assert.deepEqual(byName.get('`marketingScore`'), [
      'applied',
      'applied',
      'applied to `Contact.Marketing_Score__c`'
    ]);
    assert.deepEqual(byName.get('`company`'), [
      'applied',
      'applied',
      'ignored (`NOT_ON_REDIRECT_TARGET`)'
    ]);
    assert.deepEqual(
      byName.get('`email`')![2],
      'ignored (`NOT_OWNED_BY_SENDER`, owned by Salesforce on Contact)'
    );
    assert.deepEqual(byName.get('`phone`'), [
      'seeded',
      'ignored (`NOT_OWNED_BY_SENDER`)',
      'ignored (`NOT_OWNED_BY_SENDER`, owned by Salesforce on Contact)'
    ]);
    assert.deepEqual(byName.get('`marketingLeadId`'), [
      'ignored (`KEY_FIELD`)',
      'ignored (`KEY_FIELD`)',
      'ignored (`KEY_FIELD`)'
    ]);
    const members = rows(subsection(md, '#### CampaignMember fields'));
    assert.deepEqual(
      members.find((r) => r[0] === '`status`'),
      ['`status`', '`Status`', 'Marketing', '—', 'applied', 'applied']
    );
  });

  it('tables every error code, noting the codes of the campaign-members API only', () => {
    assert.deepEqual(
      rows(subsection(md, '#### Request error codes'))
        .slice(1)
        .map((r) => r[0]),
      Object.keys(REQUEST_ERROR_CODES).map((c) => `\`${c}\``)
    );
    const records = subsection(md, '### Record error codes');
    assert.deepEqual(
      rows(records)
        .slice(1)
        .map((r) => r[0]),
      Object.keys(RECORD_ERROR_CODES).map((c) => `\`${c}\``)
    );
    assert.match(
      records,
      /`UNKNOWN_CAMPAIGN` and `UNKNOWN_LEAD` are returned only by the campaign-members API, never by the marketing leads API or the marketing campaigns API\./
    );
    assert.match(
      doc(result, 'records-api.md'),
      /\n`UNKNOWN_CAMPAIGN` and `UNKNOWN_LEAD` are returned only by the campaign-members API, never by the records API\. /
    );
  });

  it('explains re-keying on conversion, the fields Marketing owns and the stale guard', () => {
    const conversion = section(md, '## Lead conversion: re-keying a person');
    for (const words of [
      /store `Contact_ID__c`/,
      /keyed by the same `Marketing_Lead_ID__c`/,
      /says `redirectedTo`/,
      /Never call the standard REST API on the converted lead/
    ]) {
      assert.match(conversion, words);
    }
    const owned = section(md, '## Fields Marketing owns');
    assert.deepEqual(
      [...owned.matchAll(/^### (.+)$/gm)].map((m) => m[1]),
      ['Contact', 'Lead', 'Campaign', 'CampaignMember']
    );
    assert.deepEqual(
      rows(subsection(owned, '### Contact'))
        .slice(1)
        .map((r) => r[0]),
      ['`emailOptOut`', '`marketingLeadId`', '`marketingScore`']
    );
    assert.match(
      subsection(owned, '### Campaign'),
      /\nWritten by `POST \/services\/apexrest\/erp-bridge\/v1\/marketing\/campaigns`\.\n/
    );
    assert.doesNotMatch(md, /no endpoint/i);
    assert.deepEqual(rows(section(md, '## Stale updates')), [
      ['Object', 'Modified-at field', 'Checked by'],
      [
        'Contact',
        '`Marketing_Last_Modified_At__c`',
        '`POST /services/apexrest/erp-bridge/v1/marketing/leads`, for converted leads'
      ],
      [
        'Lead',
        '`Marketing_Last_Modified_At__c`',
        '`POST /services/apexrest/erp-bridge/v1/marketing/leads`'
      ],
      [
        'Campaign',
        '`Marketing_Last_Modified_At__c`',
        '`POST /services/apexrest/erp-bridge/v1/marketing/campaigns`'
      ],
      [
        'CampaignMember',
        '`Marketing_Last_Modified_At__c`',
        '`POST /services/apexrest/erp-bridge/v1/marketing/campaign-members`'
      ]
    ]);
    assert.ok(
      !result.warnings.some((w) => /marketing API has no endpoint/.test(w)),
      result.warnings.join('\n')
    );
  });

  it('documents the campaigns endpoint with the records API shapes and an example built from ownership', () => {
    const campaigns = subsection(md, `### Campaigns: \`POST ${MARKETING_CAMPAIGNS_API_PATH}\``);
    assert.match(
      campaigns,
      /a `RecordUpsertRequest` whose `externalId` is the campaign's `Marketing_Campaign_ID__c`/
    );
    assert.match(
      campaigns,
      /Campaigns must exist before memberships name them: .* or that membership is rejected `UNKNOWN_CAMPAIGN`\./
    );
    for (const anchor of [
      'recordupsertrequest',
      'recordupsertinput',
      'recordupsertresponse',
      'recordresult'
    ]) {
      assert.ok(campaigns.includes(`](records-api.md#${anchor})`), anchor);
      assert.match(doc(result, 'records-api.md'), new RegExp(`\\n### ${anchor}\\n`, 'i'), anchor);
    }
    assert.match(campaigns, /without `redirectedTo`/);
    assert.deepEqual(rows(subsection(md, '#### Campaign fields')), [
      ['Canonical name', 'Field', 'Owner', 'JSON type', 'New campaign', 'Existing campaign'],
      ['`endDate`', '`EndDate`', 'Marketing', '—', 'applied', 'applied'],
      ['`isActive`', '`IsActive`', 'Marketing', '—', 'applied', 'applied'],
      [
        '`marketingCampaignId`',
        '`Marketing_Campaign_ID__c`',
        'Marketing',
        'string',
        'ignored (`KEY_FIELD`)',
        'ignored (`KEY_FIELD`)'
      ],
      ['`name`', '`Name`', 'Marketing', '—', 'applied', 'applied'],
      ['`startDate`', '`StartDate`', 'Marketing', '—', 'applied', 'applied'],
      ['`status`', '`Status`', 'Marketing', '—', 'applied', 'applied']
    ]);
    assert.match(
      section(md, '### Response'),
      /the campaigns endpoint answers the records API's \[`RecordUpsertResponse`\]\(records-api\.md#recordupsertresponse\)/
    );
    assert.match(
      subsection(md, '#### Rules'),
      /Create or update the campaigns first with `POST \/services\/apexrest\/erp-bridge\/v1\/marketing\/campaigns`\./
    );

    const example = subsection(md, '### Campaigns');
    assert.match(
      example,
      /```http\nPOST \/services\/apexrest\/erp-bridge\/v1\/marketing\/campaigns\nIdempotency-Key: mkt-campaigns-2026-03-01\n/
    );
    const body = /```json\n([\s\S]*?)```/.exec(example)?.[1];
    assert.ok(body, 'no example body');
    const request = JSON.parse(body) as MarketingCampaignsRequest;
    const validator = new ContractValidator(
      generateContractSchema(MARKETING_TYPES_FILE),
      MARKETING_TYPES_PATH
    );
    assert.deepEqual(validator.validate('MarketingCampaignsRequest', request), []);
    const config = readIntegrationConfig(loadMetadataModel(MAIN_ROOT));
    const owned = config.ownership
      .filter((o) => o.objectApiName === 'Campaign' && o.enabled && o.owner === 'Marketing')
      .map((o) => o.canonicalName)
      .filter((name) => name !== 'marketingCampaignId');
    assert.deepEqual(request.records.length, 1);
    assert.deepEqual(Object.keys(request.records[0].fields).sort(), owned.sort());
    const members = JSON.parse(
      fs.readFileSync(
        path.join(MAIN_ROOT, STATIC, 'ErpContract_CampaignMembersRequest.json'),
        'utf8'
      )
    ) as CampaignMemberUpsertRequest;
    assert.equal(request.records[0].externalId, members.records[0].campaignId);
    assert.deepEqual(request.records[0].fields, {
      name: 'Spring Product Webinar 2026',
      status: 'Planned',
      startDate: '2026-04-01',
      endDate: '2026-04-30',
      isActive: true
    });
    assert.ok(
      md.indexOf('\n### Campaigns\n') < md.indexOf('\n### Campaign members\n'),
      'the campaigns example comes before the memberships that name the campaign'
    );
  });

  it('builds the campaigns example from whatever Campaign fields Marketing owns', () => {
    const root = copyMain();
    ownership(root, 'Campaign_Budget', {
      object: 'Campaign',
      field: 'BudgetedCost',
      owner: 'Marketing',
      canonical: 'budget'
    });
    ownership(root, 'Campaign_Type', {
      object: 'Campaign',
      field: 'Type',
      owner: 'Salesforce',
      canonical: 'type'
    });
    fs.copyFileSync(
      path.join(root, OBJECTS, 'Lead/fields/Marketing_Score__c.field-meta.xml'),
      path.join(root, OBJECTS, 'Campaign/fields/Marketing_Score__c.field-meta.xml')
    );
    ownership(root, 'Campaign_Marketing_Score', {
      object: 'Campaign',
      field: 'Marketing_Score__c',
      owner: 'Marketing',
      canonical: 'score'
    });
    edit(root, `${CMDT}/Field_Ownership.Campaign_IsActive.md-meta.xml`, 'Marketing', 'Salesforce');
    const model = loadMetadataModel(root);
    const config = readIntegrationConfig(model);
    const request = campaignsExampleRequest(model, config, 'MC-7');
    assert.deepEqual(request?.records, [
      {
        externalId: 'MC-7',
        modifiedAt: '2026-03-01T08:00:00Z',
        fields: {
          name: 'Spring Product Webinar 2026',
          status: 'Planned',
          startDate: '2026-04-01',
          endDate: '2026-04-30',
          score: 1
        }
      }
    ]);
    fs.rmSync(path.join(root, CMDT, 'Integration_Object.Campaign.md-meta.xml'));
    for (const file of fs.readdirSync(path.join(root, CMDT))) {
      if (file.startsWith('Field_Ownership.Campaign_')) {
        fs.rmSync(path.join(root, CMDT, file));
      }
    }
    const bare = loadMetadataModel(root);
    assert.equal(campaignsExampleRequest(bare, readIntegrationConfig(bare)), undefined);
  });

  it('still warns about a marketing object that no endpoint writes', async () => {
    const root = copyMain();
    const file = integrationObject(root, 'Event', {
      Direction__c: 'Inbound',
      Counterpart_System__c: 'Marketing',
      Inbound_API__c: 'Marketing',
      External_ID_Field__c: 'Subject',
      Modified_At_Field__c: null
    });
    const generated = await generateDocs(root);
    assert.ok(
      generated.warnings.includes(
        `${file}: Inbound_API__c is Marketing but the marketing API has no endpoint for Event (it has Lead, Campaign and CampaignMember)`
      ),
      generated.warnings.join('\n')
    );
    assert.equal(
      generated.warnings.filter((w) => /marketing API has no endpoint/.test(w)).length,
      1,
      generated.warnings.join('\n')
    );
    const text = doc(generated, 'marketing-api.md');
    assert.match(
      subsection(section(text, '## Fields Marketing owns'), '### Event'),
      /\nNo endpoint of the marketing API writes Event yet, although its `Inbound_API__c` is Marketing\.\n/
    );
    assert.deepEqual(
      rows(section(text, '## Stale updates')).find((r) => r[0] === 'Event'),
      ['Event', '— (no guard)', '— (no endpoint yet)']
    );
    assert.deepEqual(
      rows(subsection(doc(generated, 'records-api.md'), '### Objects it does not write')).find(
        (r) => r[0] === 'Event'
      )?.[3],
      '`Inbound_API__c` is Marketing, but the marketing API has no endpoint for it'
    );
  });

  it('embeds the marketing fixtures verbatim, with one line per result', () => {
    for (const name of [
      'ErpContract_MarketingLeadsRequest',
      'ErpContract_MarketingLeadsResponse',
      'ErpContract_CampaignMembersRequest',
      'ErpContract_CampaignMembersResponse',
      'ErpContract_LeadConvertedEvent'
    ]) {
      const text = fs.readFileSync(path.join(MAIN_ROOT, STATIC, `${name}.json`), 'utf8');
      assert.ok(md.includes(`\`\`\`json\n${text}\`\`\`\n`), `${name} is not embedded verbatim`);
    }
    assert.match(
      md,
      /\n- Record 1 \(`ML-2002`\): updated; redirected to Contact `003Hs00001CtA02IAF` \(the converted lead's contact\); ignored `company` \(NOT_ON_REDIRECT_TARGET, owned by Marketing\); ignored `source` \(NOT_ON_REDIRECT_TARGET, owned by Marketing\)\.\n/
    );
    assert.match(
      md,
      /\n- Record 2 \(`MC-9999\|ML-2001`\): rejected; `UNKNOWN_CAMPAIGN` on `campaignId`\.\n/
    );
    assert.match(md, /Idempotency-Key: mkt-members-2026-03-02-1000\n/);
  });

  it('fails --check when a marketing fixture changes after generation', async () => {
    const root = copyMain();
    assert.equal(await main(['--project-root', root], capture()), 0);
    edit(root, `${STATIC}/ErpContract_LeadConvertedEvent.json`, '16:42:07', '16:42:08');
    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    assert.deepEqual(check.err.filter((l) => !l.startsWith('docs: warning:')).slice(0, 1), [
      `docs: ${DOCS_DIR}/marketing-api.md is out of date`
    ]);
  });

  it('refuses to document an invalid marketing fixture, naming it', async () => {
    const root = copyMain();
    const file = `${STATIC}/ErpContract_CampaignMembersResponse.json`;
    fs.copyFileSync(
      path.join(
        MAIN_ROOT,
        'test-fixtures/contract/ErpContract_CampaignMembersResponse.wrong-key.json'
      ),
      path.join(root, file)
    );
    await expectProblem(root, file, /\/results\/1\/externalId: is "ML-2002\|MC-1001"/);
  });

  it('checks that LeadConvertedEvent and the Marketing_Lead_Converted__e fields are the same set', async () => {
    const root = copyMain();
    fs.rmSync(path.join(root, EVENT_FIELDS, 'Converted_At__c.field-meta.xml'));
    fs.copyFileSync(
      path.join(root, EVENT_FIELDS, 'Lead_ID__c.field-meta.xml'),
      path.join(root, EVENT_FIELDS, 'Lead_Source__c.field-meta.xml')
    );
    edit(root, `${EVENT_FIELDS}/Lead_Source__c.field-meta.xml`, 'Lead_ID__c', 'Lead_Source__c');
    await expectProblem(
      root,
      'types/contract/marketing.ts',
      /LeadConvertedEvent\.Converted_At__c is not a field of Marketing_Lead_Converted__e/
    );
    await expectProblem(
      root,
      `${EVENT_FIELDS}/Lead_Source__c.field-meta.xml`,
      /Marketing_Lead_Converted__e\.Lead_Source__c is not a property of LeadConvertedEvent in types\/contract\/marketing\.ts/
    );
    fs.rmSync(path.join(root, 'force-app/main/default/objects/Marketing_Lead_Converted__e'), {
      recursive: true
    });
    await expectProblem(
      root,
      'force-app/main/default/objects/Marketing_Lead_Converted__e',
      /Marketing_Lead_Converted__e has no metadata, but the contract fixtures document it/
    );
  });

  it("refuses a converted lead's contact without the lead's modified-at field", async () => {
    const root = copyMain();
    const contactField = `${OBJECTS}/Contact/fields/Marketing_Last_Modified_At__c.field-meta.xml`;
    edit(root, contactField, '<type>DateTime</type>', '<type>Date</type>');
    await expectProblem(
      root,
      `${CMDT}/Integration_Object.Lead.md-meta.xml`,
      /Modified_At_Field__c Marketing_Last_Modified_At__c also guards the updates redirected to a converted lead's contact, but Contact\.Marketing_Last_Modified_At__c is a Date, not a DateTime/
    );
    fs.rmSync(path.join(root, contactField));
    await expectProblem(
      root,
      `${CMDT}/Integration_Object.Lead.md-meta.xml`,
      /but Contact\.Marketing_Last_Modified_At__c has no field metadata/
    );
  });

  it('documents each contract on its own: marketing without records links, records without marketing', async () => {
    const marketingOnly = copyMain();
    for (const name of [
      'ErpContract_RecordsUpsertRequest',
      'ErpContract_RecordsUpsertResponse',
      'ErpContract_RecordsErrorResponse',
      'ErpContract_RecordChangedEvent'
    ]) {
      fs.rmSync(path.join(marketingOnly, STATIC, `${name}.json`));
    }
    const alone = await generateDocs(marketingOnly);
    assert.deepEqual(
      alone.documents.map((d) => path.basename(d.relativePath)),
      [
        ...DOC_NAMES,
        'erp-inquiry-api.md',
        'erp-operations-api.md',
        'marketing-api.md',
        'orders-api.md'
      ].sort()
    );
    const text = doc(alone, 'marketing-api.md');
    assert.doesNotMatch(text, /\]\((records-api|record-changed-event)\.md\)/);
    assert.match(text, /_The project has no Change Data Capture channel members\._/);
    assert.match(doc(alone, 'README.md'), /\(marketing-api\.md\)/);
    assert.doesNotMatch(doc(alone, 'README.md'), /records-api/);

    const recordsOnly = copyMain();
    fs.rmSync(path.join(recordsOnly, STATIC, 'ErpContract_LeadConvertedEvent.json'));
    await expectProblem(
      recordsOnly,
      `${STATIC}/ErpContract_LeadConvertedEvent.json`,
      /is missing: the contract fixture ErpContract_LeadConvertedEvent \(LeadConvertedEvent\) must exist beside the others/
    );
    for (const name of [
      'ErpContract_MarketingLeadsRequest',
      'ErpContract_MarketingLeadsResponse',
      'ErpContract_CampaignMembersRequest',
      'ErpContract_CampaignMembersResponse'
    ]) {
      fs.rmSync(path.join(recordsOnly, STATIC, `${name}.json`));
    }
    const records = await generateDocs(recordsOnly);
    assert.ok(!records.documents.some((d) => d.relativePath.endsWith('marketing-api.md')));
    assert.doesNotMatch(doc(records, 'README.md'), /marketing-api/);
    assert.ok(!records.warnings.some((w) => /marketing API has no endpoint/.test(w)));
  });
});

describe('the orders contract document, generated from the repository', () => {
  const STATIC = 'force-app/main/default/staticresources';
  const STATUS_FIELDS = 'force-app/main/default/objects/ERP_Order_Status__e/fields';
  let result: GenerationResult;
  let md: string;
  before(async () => {
    result = await generateDocs(MAIN_ROOT);
    md = doc(result, 'orders-api.md');
  });

  it('shows the hand-off from submission to statuses, linking the lifecycle', () => {
    const handOff = section(md, '## The hand-off');
    assert.match(handOff, /```mermaid\nsequenceDiagram\n/);
    assert.ok(
      handOff.includes(`  MW->>SF: POST ${ORDER_ACKNOWLEDGEMENTS_API_PATH}\n`),
      'the acknowledgement call is in the diagram'
    );
    assert.deepEqual(
      [...handOff.matchAll(/^\d\. \*\*([^*]+)\.\*\*/gm)].map((m) => m[1]),
      ['Submit', 'Event out', 'Acknowledge', 'Activation', 'Statuses']
    );
    assert.match(md, /\]\(order-lifecycle\.md\)/);
    assert.match(md, /\[records API\]\(records-api\.md\)/);
    for (const anchor of ['#erp_order_submitted__e', '#acknowledgements', '#erp_order_status__e']) {
      assert.ok(handOff.includes(`](${anchor})`), anchor);
    }
  });

  it('documents ERP_Order_Submitted__e and the canonical order from the types and the metadata', () => {
    const submitted = section(md, '## ERP_Order_Submitted__e');
    assert.deepEqual(
      rows(subsection(submitted, '### Fields')).map((r) => [r[0], r[1], r[2]]),
      [
        ['Field', 'Salesforce type', 'JSON type'],
        ['`Order_ID__c`', 'Text(18)', '`string`'],
        ['`Order_Number__c`', 'Text(30)', '`string`'],
        ['`Idempotency_Key__c`', 'Text(120)', '`string`'],
        ['`Submission_Version__c`', 'Number(4, 0)', '`number`'],
        ['`Payload__c`', 'LongTextArea(131072)', '`string`'],
        ['`Correlation_ID__c`', 'Text(64)', '`string`']
      ]
    );
    for (const type of ['CanonicalOrder', 'CanonicalOrderAccount', 'CanonicalOrderLine']) {
      assert.match(submitted, new RegExp(`\\n### ${type}\\n`), type);
    }
    assert.deepEqual(
      rows(subsection(submitted, '### CanonicalOrderLine'))
        .slice(1)
        .map((r) => r[0]),
      [
        'lineNumber',
        'orderItemId',
        'sku',
        'erpProductId',
        'productName',
        'quantity',
        'unitPrice',
        'totalPrice',
        'description'
      ].map((f) => `\`${f}\``)
    );
    assert.match(
      subsection(submitted, '### When it is published'),
      /`NO_ERP_ACCOUNT`.*`NO_LINES`.*`PRODUCT_WITHOUT_SKU`.*`PRODUCT_WITHOUT_ERP_ID`.*`INACTIVE_PRICEBOOK_ENTRY`.*`ALREADY_SUBMITTED`.*`NOT_DRAFT`/
    );
  });

  it('documents the acknowledgements endpoint: headers, shapes, rules and its own error codes', () => {
    const acks = section(md, '## Acknowledgements');
    assert.ok(acks.includes(`\`\`\`http\nPOST ${ORDER_ACKNOWLEDGEMENTS_API_PATH}\n`));
    for (const header of ['Idempotency-Key', 'X-Correlation-Id', 'Idempotent-Replayed']) {
      assert.match(acks, new RegExp(`\\| \`${header}\` +\\|`), header);
    }
    for (const type of [
      'OrderAcknowledgementsRequest',
      'OrderAcknowledgementInput',
      'RecordUpsertResponse',
      'RecordResult',
      'RecordError',
      'ErrorResponse'
    ]) {
      assert.match(acks, new RegExp(`\\n#### ${type}\\n`), type);
    }
    const rules = subsection(acks, '### Rules');
    for (const words of [
      /\*\*accepted\*\*.*then the order is \*\*Activated\*\*/,
      /\*\*rejected\*\*.*the order stays Draft/,
      /is `unchanged` and writes nothing/,
      /rejected after accepted.*`INVALID_TRANSITION`.*`STALE_UPDATE`.*`UNKNOWN_ORDER`/
    ]) {
      assert.match(rules, words);
    }
    const codes = rows(subsection(acks, '### Record error codes'));
    assert.deepEqual(codes[0], ['Code', 'Field', 'When']);
    assert.deepEqual(
      codes.slice(1).map((r) => [r[0], r[1]]),
      Object.entries(ORDER_ACKNOWLEDGEMENT_ERROR_CODES).map(([c, info]) => [
        `\`${c}\``,
        info.fields.map((f) => (f === null ? 'null' : `\`${f}\``)).join(', ')
      ])
    );
    assert.deepEqual(
      rows(subsection(acks, '#### Request error codes'))
        .slice(1)
        .map((r) => r[0]),
      Object.keys(REQUEST_ERROR_CODES).map((c) => `\`${c}\``)
    );
    assert.match(
      acks,
      /\n- Record 0 \(`SF-801Hs00001OrA01IAF-v1`\): updated\.\n- Record 1 \(`SF-801Hs00001OrA02IAF-v1`\): updated\.\n/
    );
    assert.match(acks, /Idempotency-Key: erp-order-acks-2026-03-05-1000\n/);
  });

  it('documents ERP_Order_Status__e: statuses, sequence rules, reachable statuses, retries and configuration', () => {
    const status = section(md, '## ERP_Order_Status__e');
    assert.deepEqual(
      rows(subsection(status, '### Fields'))
        .slice(1)
        .map((r) => r[0]),
      [
        'ERP_Order_ID__c',
        'Integration_Key__c',
        'Status__c',
        'Sequence__c',
        'Occurred_At__c',
        'Details__c',
        'Correlation_ID__c'
      ].map((f) => `\`${f}\``)
    );
    assert.deepEqual(
      rows(subsection(status, '### Statuses'))
        .slice(1)
        .map((r) => [r[0], r[1]]),
      [
        ['`Acknowledged`', '`Submitted`'],
        ['`Rejected`', '`Submitted`'],
        ['`Released`', '`Acknowledged`'],
        ['`Partially Shipped`', '`Released`'],
        ['`Shipped`', '`Released`, `Partially Shipped`'],
        ['`Invoiced`', '`Shipped`'],
        ['`Cancelled`', '`Acknowledged`, `Released`'],
        ['`Returned`', '`Shipped`, `Invoiced`']
      ]
    );
    assert.deepEqual(
      rows(subsection(status, '### Statuses'))
        .slice(1)
        .map((r) => r[0]),
      erpReportedStatuses().map((s) => `\`${s}\``)
    );
    const rules = subsection(status, '### Sequence rules');
    for (const words of [
      /\*\*Every change is kept\*\* in `Order_Status_History__c`/,
      /`History_Key__c` = order ID `:` sequence/,
      /\*\*Only a higher sequence moves the status\.\*\*/,
      /late intermediate status never blocks a later one/
    ]) {
      assert.match(rules, words);
    }
    const reachable = rows(subsection(status, '### Reachable statuses'));
    assert.deepEqual(reachable[0], [
      'Current ERP status',
      'Directly next',
      'Reachable by a status update'
    ]);
    for (const row of reachable.slice(1)) {
      const from = row[0].slice(1, -1);
      const expected = reachableErpStatuses(from);
      assert.equal(
        row[2],
        expected.length === 0 ? '—' : expected.map((s) => `\`${s}\``).join(', ')
      );
    }
    assert.deepEqual(
      reachable.find((r) => r[0] === '`Rejected`')?.[1],
      '`Submitted` (Salesforce: resubmission)'
    );
    assert.deepEqual(reachable.find((r) => r[0] === '`Returned`')?.slice(1), ['— (end)', '—']);
    assert.match(
      subsection(status, '### Retries and dead letters'),
      /retry count is below 3 \(`Integration_Setting__mdt\.Default\.Event_Retry_Limit__c`\)/
    );
    assert.deepEqual(rows(subsection(status, '### Subscriber configuration')).slice(1, 4), [
      [
        'Configuration',
        '`ErpOrderStatusTriggerConfig` (`force-app/main/default/PlatformEventSubscriberConfigs/ErpOrderStatusTriggerConfig.platformEventSubscriberConfig-meta.xml`)'
      ],
      ['Trigger', '`ErpOrderStatusTrigger`'],
      ['Batch size', '2000']
    ]);
  });

  it('embeds the order fixtures verbatim and walks through the status events', () => {
    for (const name of [
      'ErpContract_OrderSubmitted',
      'ErpContract_OrderAcknowledgementsRequest',
      'ErpContract_OrderAcknowledgementsResponse',
      'ErpContract_OrderStatusEvents'
    ]) {
      const text = fs.readFileSync(path.join(MAIN_ROOT, STATIC, `${name}.json`), 'utf8');
      assert.ok(md.includes(`\`\`\`json\n${text}\`\`\`\n`), `${name} is not embedded verbatim`);
    }
    const example = subsection(md, '### Status events example');
    assert.deepEqual(
      rows(example).map((r) => [r[1], r[2], r[4], r[5]]),
      [
        ['Sequence__c', 'Status__c', 'Outcome', 'ERP status after'],
        ['2', '`Released`', 'applied', '`Released`'],
        ['4', '`Shipped`', 'applied', '`Shipped`'],
        ['5', '`Invoiced`', 'applied', '`Invoiced`'],
        ['3', '`Partially Shipped`', 'history only (older sequence)', '`Invoiced`']
      ]
    );
    assert.match(
      example,
      /Delivered in one batch instead, the trigger takes them in sequence order: event 3 \(`Partially Shipped`\) is applied; the order ends `Invoiced` either way\./
    );
    assert.match(example, /\(ERP status `Acknowledged`\)/);
    assert.ok(md.includes('](#acknowledgements-example)'));
  });

  it('says so when the subscriber configuration and the retry setting are absent', async () => {
    const root = copyMain();
    fs.rmSync(path.join(root, CMDT, 'Integration_Setting.Default.md-meta.xml'));
    const text = doc(await generateDocs(root), 'orders-api.md');
    assert.match(
      text,
      /_The project has no `PlatformEventSubscriberConfig` for `ErpOrderStatusTrigger`: the trigger runs as the Automated Process user with the platform's default batch size\._/
    );
    assert.match(
      text,
      /retry count is below `Event_Retry_Limit__c` of `Integration_Setting__mdt` Default \(3 when not set\)/
    );
    const configs = path.join(root, 'force-app/main/default/PlatformEventSubscriberConfigs');
    fs.mkdirSync(configs, { recursive: true });
    fs.writeFileSync(
      path.join(configs, 'ErpOrderStatusTriggerConfig.platformEventSubscriberConfig-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventSubscriberConfig xmlns="http://soap.sforce.com/2006/04/metadata"><platformEventConsumer>ErpOrderStatusTrigger</platformEventConsumer><user>integration@example.com</user><masterLabel>x</masterLabel></PlatformEventSubscriberConfig>\n'
    );
    const configured = rows(
      subsection(doc(await generateDocs(root), 'orders-api.md'), '### Subscriber configuration')
    );
    assert.deepEqual(configured.slice(3), [
      ['Batch size', "— (the platform's default)"],
      ['Running user', '`integration@example.com`']
    ]);
  });

  it('documents the orders contract without the records API, then without links to it', async () => {
    const root = copyMain();
    for (const name of [
      'ErpContract_RecordsUpsertRequest',
      'ErpContract_RecordsUpsertResponse',
      'ErpContract_RecordsErrorResponse',
      'ErpContract_RecordChangedEvent'
    ]) {
      fs.rmSync(path.join(root, STATIC, `${name}.json`));
    }
    const alone = await generateDocs(root);
    const text = doc(alone, 'orders-api.md');
    assert.doesNotMatch(text, /\]\(records-api\.md\)/);
    assert.match(text, /It works like the records API:/);
    assert.match(doc(alone, 'README.md'), /\(orders-api\.md\)/);
    for (const name of [
      'ErpContract_OrderSubmitted',
      'ErpContract_OrderAcknowledgementsRequest',
      'ErpContract_OrderAcknowledgementsResponse',
      'ErpContract_OrderStatusEvents'
    ]) {
      fs.rmSync(path.join(root, STATIC, `${name}.json`));
    }
    const none = await generateDocs(root);
    assert.ok(!none.documents.some((d) => d.relativePath.endsWith('orders-api.md')));
    assert.doesNotMatch(doc(none, 'README.md'), /orders-api/);
  });

  it('fails --check when an order fixture changes after generation', async () => {
    const root = copyMain();
    assert.equal(await main(['--project-root', root], capture()), 0);
    edit(root, `${STATIC}/ErpContract_OrderStatusEvents.json`, 'SHP-7001', 'SHP-7009');
    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    assert.deepEqual(check.err.filter((l) => !l.startsWith('docs: warning:')).slice(0, 1), [
      `docs: ${DOCS_DIR}/orders-api.md is out of date`
    ]);
  });

  it('refuses to document an invalid order fixture, naming it', async () => {
    const root = copyMain();
    const file = `${STATIC}/ErpContract_OrderStatusEvents.json`;
    fs.copyFileSync(
      path.join(
        MAIN_ROOT,
        'test-fixtures/contract/ErpContract_OrderStatusEvents.unreachable-status.json'
      ),
      path.join(root, file)
    );
    await expectProblem(
      root,
      file,
      /\/2\/Status__c: Cancelled \(sequence 5\) is not reachable from Shipped/
    );
    const output = capture();
    assert.equal(await main(['--project-root', root], output), 1);
    assert.ok(!fs.existsSync(path.join(root, DOCS_DIR, 'orders-api.md')), 'nothing written');
  });

  it('checks that the order event types and the platform events have the same fields', async () => {
    const root = copyMain();
    fs.rmSync(path.join(root, STATUS_FIELDS, 'Details__c.field-meta.xml'));
    fs.copyFileSync(
      path.join(root, STATUS_FIELDS, 'Status__c.field-meta.xml'),
      path.join(root, STATUS_FIELDS, 'Line_Status__c.field-meta.xml')
    );
    edit(root, `${STATUS_FIELDS}/Line_Status__c.field-meta.xml`, '>Status__c<', '>Line_Status__c<');
    await expectProblem(
      root,
      'types/contract/orders.ts',
      /OrderStatusEvent\.Details__c is not a field of ERP_Order_Status__e/
    );
    await expectProblem(
      root,
      `${STATUS_FIELDS}/Line_Status__c.field-meta.xml`,
      /ERP_Order_Status__e\.Line_Status__c is not a property of OrderStatusEvent in types\/contract\/orders\.ts/
    );
    fs.rmSync(path.join(root, 'force-app/main/default/objects/ERP_Order_Submitted__e'), {
      recursive: true
    });
    await expectProblem(
      root,
      'force-app/main/default/objects/ERP_Order_Submitted__e',
      /ERP_Order_Submitted__e has no metadata, but the contract fixtures document it/
    );
  });

  it('checks that ErpOrderStatus lists the statuses the lifecycle lets the ERP set', () => {
    const model = loadMetadataModel(MAIN_ROOT);
    const { input } = readOrderDocsInput(model, readIntegrationConfig(model));
    assert.ok(input);
    assert.deepEqual(checkOrderMetadata(model, input), []);
    const definitions = { ...input.schema.definitions };
    definitions.ErpOrderStatus = { type: 'string', enum: ['Acknowledged', 'Rejected', 'Shipped'] };
    assert.deepEqual(
      checkOrderMetadata(model, { ...input, schema: { ...input.schema, definitions } }),
      [
        {
          filePath: 'types/contract/orders.ts',
          message:
            'ErpOrderStatus is Acknowledged, Rejected, Shipped; the statuses the ERP sets in scripts/docs/order-lifecycle.ts are Acknowledged, Rejected, Released, Partially Shipped, Shipped, Invoiced, Cancelled, Returned (in lifecycle order)'
        }
      ]
    );
  });
});

describe('the ERP operations document, generated from the repository', () => {
  const STATIC = 'force-app/main/default/staticresources';
  const SETTING_FILE = `${CMDT}/Integration_Setting.Default.md-meta.xml`;
  const OPERATIONS_FIXTURE_NAMES = [
    'ErpContract_DeliveryRecordChange',
    'ErpContract_DeliveryErrorResponse',
    'ErpContract_ReconciliationLookup',
    'ErpContract_ReconciliationIds'
  ];
  let result: GenerationResult;
  let md: string;
  before(async () => {
    result = await generateDocs(MAIN_ROOT);
    md = doc(result, 'erp-operations-api.md');
  });

  function setSetting(root: string, field: string, value: number): void {
    const file = path.join(root, SETTING_FILE);
    const pattern = new RegExp(
      `(<field>${field}</field>\\s*<value xsi:type="xsd:double">)[^<]*(<)`
    );
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, pattern, field);
    fs.writeFileSync(file, text.replace(pattern, `$1${value}$2`));
  }

  it('is listed in README.md and has every section', () => {
    assert.match(
      doc(result, 'README.md'),
      /- \[ERP operations API\]\(erp-operations-api\.md\): what an ERP without middleware exposes: /
    );
    assert.match(md, /^# ERP operations API: direct delivery and reconciliation\n/);
    assert.deepEqual(
      [...md.matchAll(/^(##+) (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`),
      [
        '## Delivery modes',
        '## Direct delivery',
        '### Endpoints',
        '### Headers',
        '### Body',
        '#### RecordChangeDelivery',
        '### Answers',
        '#### DeliveryErrorResponse',
        '#### DeliveryError',
        '### Retry schedule',
        '### Ordering and duplicates',
        '### Dead letters and replay',
        '### Delivery example',
        '## Reconciliation',
        '### Reconciled objects',
        '### Lookup',
        '#### ReconciliationLookupRequest',
        '#### ReconciliationLookupResponse',
        '#### ReconciliationRecord',
        '### ID listing',
        '#### ReconciliationIdsPage',
        '### Checksum',
        '### What a run reports',
        '### Reconciliation example'
      ]
    );
    assert.ok(md.includes('](../adr/0010-outbox-delivery-and-replay.md)'));
    assert.ok(md.includes('](orders-api.md#canonicalorder)'));
    assert.ok(md.includes('](record-changed-event.md)'));
  });

  it('documents the endpoints and the headers of the contract', () => {
    const endpoints = rows(subsection(md, '### Endpoints')).map((r) => r[0]);
    assert.deepEqual(endpoints.slice(1), [
      '`POST /erp-bridge/v1/changes/{object}`',
      '`POST /erp-bridge/v1/orders`'
    ]);
    assert.deepEqual(
      rows(subsection(md, '### Headers'))
        .slice(1)
        .map((r) => r[0]),
      [
        '`Idempotency-Key`',
        '`X-Correlation-Id`',
        '`X-ERP-Bridge-Message-Type`',
        '`X-ERP-Bridge-Attempt`',
        '`Content-Type`'
      ]
    );
    const reconciliation = rows(section(md, '## Reconciliation'));
    assert.deepEqual(reconciliation[1][0], '`POST /erp-bridge/v1/reconciliation/{object}/lookup`');
    assert.deepEqual(
      reconciliation[2][0],
      '`GET /erp-bridge/v1/reconciliation/{object}/ids?page={page}&pageSize={pageSize}`'
    );
    assert.match(md, /\*\*A replay keeps the `Idempotency-Key`\*\*/);
    assert.match(md, /De-duplicate on `Idempotency-Key` and answer a duplicate with 2xx/);
  });

  it('tables the answer classes from the data in operations.ts', () => {
    const answers = rows(subsection(md, '### Answers'));
    assert.deepEqual(
      answers.slice(1, 4).map((r) => [r[0].replace(/ \(.*$/, ''), r[1]]),
      [
        ['2xx', '`Delivered`'],
        ['408, 429, 5xx, no answer', '`Transient`'],
        ['any other status', '`Permanent`']
      ]
    );
    assert.deepEqual(DELIVERY_ANSWER_CLASSES.map(answersText), [
      '2xx',
      '408, 429, 5xx, no answer (timeout, connection refused or reset)',
      'any other status'
    ]);
    assert.equal(
      answersText({
        errorClass: 'Transient',
        statuses: [{ from: 502, to: 504 }],
        noAnswer: false,
        note: '',
        outcome: ''
      }),
      '502–504'
    );
  });

  it('computes the retry schedule from Integration_Setting__mdt.Default', async () => {
    assert.deepEqual(rows(subsection(md, '### Retry schedule')), [
      ['Attempt', 'Delay before it', 'After the first attempt'],
      ['1', 'when dispatched', '—'],
      ['2', '1 min', '1 min'],
      ['3', '2 min', '3 min'],
      ['4', '4 min', '7 min'],
      ['5', '8 min', '15 min']
    ]);
    assert.match(md, /A transient failure of attempt 5 makes the message Dead\./);
    const root = copyMain();
    setSetting(root, 'Max_Retry_Attempts__c', 12);
    setSetting(root, 'Backoff_Base_Minutes__c', 1);
    setSetting(root, 'Backoff_Max_Minutes__c', 60);
    const longer = doc(await generateDocs(root), 'erp-operations-api.md');
    assert.deepEqual(rows(subsection(longer, '### Retry schedule')).slice(6), [
      ['6', '16 min', '31 min'],
      ['7', '32 min', '1 h 3 min'],
      ['8', '1 h', '2 h 3 min'],
      ['9 to 12', '1 h each', 'up to 6 h 3 min']
    ]);
    assert.match(longer, /attempted at most 12 times/);
    assert.match(longer, /A transient failure of attempt 12 makes the message Dead\./);
    setSetting(root, 'Max_Retry_Attempts__c', 1);
    setSetting(root, 'Backoff_Base_Minutes__c', 90);
    edit(
      root,
      SETTING_FILE,
      /(<field>Reconciliation_Repair__c<\/field>\s*<value xsi:type="xsd:boolean">)false/,
      '$1true'
    );
    const once = doc(await generateDocs(root), 'erp-operations-api.md');
    assert.match(once, /\*\*Repair\*\* \(`Reconciliation_Repair__c`, now on,/);
    assert.match(once, /attempted at most once/);
    assert.match(once, /min\(90, 90 × 2\^\(_n_ − 1\)\)/, 'the longest delay is at least the base');
    fs.rmSync(path.join(root, SETTING_FILE));
    const defaults = doc(await generateDocs(root), 'erp-operations-api.md');
    assert.match(
      defaults,
      /attempted at most 5 times \(default \(`Max_Retry_Attempts__c` not set\)\)/
    );
    assert.equal(rows(subsection(defaults, '### Retry schedule')).length, 6);
  });

  it('reads the settings as IntegrationSettings.cls does: defaults, bounds, whole numbers', () => {
    const root = copyMain();
    setSetting(root, 'Max_Retry_Attempts__c', 0);
    setSetting(root, 'Backoff_Base_Minutes__c', 2.9);
    setSetting(root, 'Reconciliation_Page_Size__c', 5000);
    const settings = readOperationsSettings(loadMetadataModel(root));
    assert.equal(settings.maxRetryAttempts.value, 1);
    assert.equal(settings.backoffBaseMinutes.value, 2);
    assert.equal(settings.reconciliationPageSize.value, 2000);
    assert.equal(settings.reconciliationRepair, false);
    assert.equal(settings.deadLetterAlertThreshold.value, 25);
    assert.deepEqual(retrySchedule(3, 10, 15), [
      { attempt: 1, delayMinutes: 0, sinceFirstMinutes: 0 },
      { attempt: 2, delayMinutes: 10, sinceFirstMinutes: 10 },
      { attempt: 3, delayMinutes: 15, sinceFirstMinutes: 25 }
    ]);
    assert.deepEqual([0, 59, 60, 90, 1440, 1530].map(durationText), [
      '0 min',
      '59 min',
      '1 h',
      '1 h 30 min',
      '1 d',
      '1 d 1 h 30 min'
    ]);
  });

  it('tables the delivery mode of every object delivered to the ERP', async () => {
    const modes = rows(section(md, '## Delivery modes'));
    assert.deepEqual(modes[0], [
      'Object',
      'In the path',
      'Counterpart',
      'Delivery_Mode__c',
      'Direct callout'
    ]);
    assert.deepEqual(
      modes.slice(1).map((r) => r[0]),
      ['`Product2`', '`Account`', '`Contact`', '`Opportunity`', '`Order`', '`OrderItem`']
    );
    assert.match(md, /_No object uses direct callout yet/);
    const root = copyMain();
    edit(root, `${CMDT}/Integration_Object.Account.md-meta.xml`, '>Platform Event<', '>Both<');
    const direct = doc(await generateDocs(root), 'erp-operations-api.md');
    assert.deepEqual(
      rows(section(direct, '## Delivery modes')).find((r) => r[0] === '`Account`'),
      ['`Account`', '`account`', 'ERP', 'Both', 'yes']
    );
    assert.match(direct, /Delivered by direct callout now: `Account`\./);
  });

  it('tables the compared fields of the reconciled objects from the ownership metadata', async () => {
    const compared = rows(subsection(md, '### Reconciled objects'));
    const account = compared.filter((r) => r[0] === '`Account`');
    assert.deepEqual(
      account.map((r) => [r[2], r[3], r[4], r[5]]),
      [
        [
          '`ERP_Account_ID__c` (`erpAccountId`)',
          '`creditLimit`',
          '`ERP_Credit_Limit__c`',
          'number'
        ],
        [
          '`ERP_Account_ID__c` (`erpAccountId`)',
          '`creditStatus`',
          '`ERP_Credit_Status__c`',
          'string'
        ],
        [
          '`ERP_Account_ID__c` (`erpAccountId`)',
          '`openBalance`',
          '`ERP_Open_Balance__c`',
          'number'
        ],
        [
          '`ERP_Account_ID__c` (`erpAccountId`)',
          '`overdueBalance`',
          '`ERP_Overdue_Balance__c`',
          'number'
        ],
        [
          '`ERP_Account_ID__c` (`erpAccountId`)',
          '`paymentTerms`',
          '`ERP_Payment_Terms__c`',
          'string'
        ],
        ['`ERP_Account_ID__c` (`erpAccountId`)', '`taxId`', '`ERP_Tax_ID__c`', 'string']
      ]
    );
    assert.ok(!compared.some((r) => r[0] === '`Contact`' || r[0] === '`Lead`'));
    const root = copyMain();
    edit(
      root,
      `${CMDT}/Field_Ownership.Order_ERP_Error.md-meta.xml`,
      /(<field>Is_Enabled__c<\/field>\s*<value xsi:type="xsd:boolean">)true/,
      '$1false'
    );
    const changed = rows(
      subsection(doc(await generateDocs(root), 'erp-operations-api.md'), '### Reconciled objects')
    );
    assert.deepEqual(
      changed.filter((r) => r[0] === '`Order`').map((r) => r[3]),
      ['`erpStatus`', '`erpStatusSequence`']
    );
  });

  it('works the checksum example from the lookup fixture and embeds the fixtures verbatim', () => {
    const checksum = subsection(md, '### Checksum');
    assert.ok(
      checksum.includes(
        '```text\n{"creditLimit":50000,"creditStatus":"Good Standing","openBalance":12500.5,"overdueBalance":0,"paymentTerms":"NET30","taxId":"DE123456789"}\n```'
      )
    );
    assert.match(
      checksum,
      /its SHA-256 is `5707db222611174886f0326fbf77d99ea7de4774a911378bf135c6178ba9e173`/
    );
    for (const name of OPERATIONS_FIXTURE_NAMES) {
      const text = fs.readFileSync(path.join(MAIN_ROOT, STATIC, `${name}.json`), 'utf8');
      assert.ok(md.includes(`\`\`\`json\n${text}\`\`\`\n`), `${name} is not embedded verbatim`);
    }
    assert.deepEqual(
      rows(subsection(md, '### What a run reports'))
        .slice(1)
        .map((r) => r[0]),
      ['matched', '`Value Mismatch`', '`Missing In ERP`', '`Missing In Salesforce`']
    );
    assert.match(md, /\*\*Repair\*\* \(`Reconciliation_Repair__c`, now off,/);
  });

  it('refuses to document a broken operations fixture, naming it', async () => {
    const root = copyMain();
    const file = `${STATIC}/ErpContract_ReconciliationLookup.json`;
    fs.copyFileSync(
      path.join(
        MAIN_ROOT,
        'test-fixtures/contract/ErpContract_ReconciliationLookup.wrong-checksum.json'
      ),
      path.join(root, file)
    );
    await expectProblem(root, file, /^\/records\/1\/checksum: is 5707db22/);
    assert.equal(await main(['--project-root', root], capture()), 1);
    assert.ok(
      !fs.existsSync(path.join(root, DOCS_DIR, 'erp-operations-api.md')),
      'nothing written'
    );
    const model = loadMetadataModel(root);
    assert.equal(readOperationsDocsInput(model, readIntegrationConfig(model)).input, undefined);
  });

  it('fails --check when an operations fixture changes after generation', async () => {
    const root = copyMain();
    assert.equal(await main(['--project-root', root], capture()), 0);
    edit(root, `${STATIC}/ErpContract_DeliveryErrorResponse.json`, 'E.164 number', 'E.164 phone');
    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    assert.deepEqual(check.err.filter((l) => !l.startsWith('docs: warning:')).slice(0, 1), [
      `docs: ${DOCS_DIR}/erp-operations-api.md is out of date`
    ]);
  });

  it('is generated only with its fixtures, and links other documents only when they exist', async () => {
    const root = copyMain();
    for (const name of [
      'ErpContract_RecordsUpsertRequest',
      'ErpContract_RecordsUpsertResponse',
      'ErpContract_RecordsErrorResponse',
      'ErpContract_RecordChangedEvent',
      'ErpContract_OrderSubmitted',
      'ErpContract_OrderAcknowledgementsRequest',
      'ErpContract_OrderAcknowledgementsResponse',
      'ErpContract_OrderStatusEvents'
    ]) {
      fs.rmSync(path.join(root, STATIC, `${name}.json`));
    }
    const alone = doc(await generateDocs(root), 'erp-operations-api.md');
    assert.doesNotMatch(alone, /\]\((orders-api|record-changed-event)\.md/);
    assert.match(alone, /the canonical order \(`CanonicalOrder`\)/);
    for (const name of OPERATIONS_FIXTURE_NAMES) {
      fs.rmSync(path.join(root, STATIC, `${name}.json`));
    }
    const none = await generateDocs(root);
    assert.ok(!none.documents.some((d) => d.relativePath.endsWith('erp-operations-api.md')));
    assert.doesNotMatch(doc(none, 'README.md'), /erp-operations-api/);
  });
});

describe('the ERP inquiry document, generated from the repository', () => {
  const STATIC = 'force-app/main/default/staticresources';
  const SETTING_FILE = `${CMDT}/Integration_Setting.Default.md-meta.xml`;
  const INQUIRY_FIXTURE_NAMES = [
    'ErpContract_InquiryCredit',
    'ErpContract_InquiryInvoices',
    'ErpContract_InquiryOrderStatus',
    'ErpContract_InquiryError'
  ];
  let result: GenerationResult;
  let md: string;
  before(async () => {
    result = await generateDocs(MAIN_ROOT);
    md = doc(result, 'erp-inquiry-api.md');
  });

  function setSetting(root: string, field: string, value: number): void {
    edit(
      root,
      SETTING_FILE,
      new RegExp(`(<field>${field}</field>\\s*<value xsi:type="xsd:double">)[^<]*(<)`),
      `$1${value}$2`
    );
  }

  it('is listed in README.md and has every section', () => {
    assert.match(
      doc(result, 'README.md'),
      /- \[ERP inquiry API\]\(erp-inquiry-api\.md\): the read-only ERP endpoints behind the credit, invoice and order-status panels /
    );
    assert.match(md, /^# ERP inquiry API: credit, invoices, order status for the rep panels\n/);
    assert.deepEqual(
      [...md.matchAll(/^(##+) (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`),
      [
        '## The panels',
        '## When Salesforce asks the ERP',
        '## Endpoints',
        '### Credit summary',
        '#### ErpCreditSummary',
        '### Invoices',
        '#### ErpInvoicePage',
        '#### ErpInvoice',
        '#### ErpInvoiceTotals',
        '### Order status',
        '#### ErpOrderStatusDetail',
        '#### ErpOrderStatusStep',
        '## Errors',
        '#### ErpInquiryErrorResponse',
        '#### ErpInquiryError',
        '## Synced fallback values',
        '## Panel answers',
        '### InquirySource',
        '### CreditPanel',
        '### InvoicePanel',
        '### OrderStatusPanel',
        '### OrderTimelineStep',
        '## Examples'
      ]
    );
    assert.ok(md.includes('](../adr/0012-erp-panels-and-partner-access.md)'));
    assert.ok(md.includes('](order-lifecycle.md)'));
    assert.ok(md.includes('](field-ownership.md)'));
  });

  it('names one Apex call and one endpoint per panel, and the three endpoints with parameters', () => {
    assert.deepEqual(
      rows(section(md, '## The panels'))
        .slice(1)
        .map((r) => [r[0], r[2], r[3], r[4]]),
      [
        [
          'Credit',
          '`ErpCreditController.getCreditSummary(accountId, refresh)`',
          '`GET /erp-bridge/v1/accounts/{erpAccountId}/credit`',
          '`CreditPanel`'
        ],
        [
          'Invoices',
          '`ErpInvoiceController.getInvoices(accountId, query)`',
          '`GET /erp-bridge/v1/accounts/{erpAccountId}/invoices`',
          '`InvoicePanel`'
        ],
        [
          'Order status',
          '`ErpOrderStatusController.getOrderStatus(orderId, refresh)`',
          '`GET /erp-bridge/v1/orders/{erpOrderId}/status`',
          '`OrderStatusPanel`'
        ]
      ]
    );
    const endpoints = rows(section(md, '## Endpoints'));
    assert.deepEqual(
      endpoints.slice(1, 4).map((r) => r[0]),
      [
        '`GET /erp-bridge/v1/accounts/{erpAccountId}/credit`',
        '`GET /erp-bridge/v1/accounts/{erpAccountId}/invoices?status={status}&page={page}&pageSize={pageSize}`',
        '`GET /erp-bridge/v1/orders/{erpOrderId}/status`'
      ]
    );
    assert.deepEqual(
      rows(subsection(md, '### Invoices'))
        .slice(1)
        .map((r) => [r[0], r[1]]),
      [
        ['`status`', '`OPEN`, `OVERDUE`, `PAID` or `ALL`'],
        ['`page`', 'from 0'],
        ['`pageSize`', '1 to 50']
      ]
    );
  });

  it('quotes cache, breaker and timeout from Integration_Setting__mdt.Default', async () => {
    assert.deepEqual(rows(section(md, '## When Salesforce asks the ERP')), [
      ['Setting', 'Value', 'From'],
      ['Cache time to live', '5 min', '`Integration_Setting.Default.Cache_TTL_Seconds__c`'],
      [
        'Breaker failure threshold',
        '5 failures',
        '`Integration_Setting.Default.Breaker_Failure_Threshold__c`'
      ],
      ['Breaker window', '1 min', '`Integration_Setting.Default.Breaker_Window_Seconds__c`'],
      ['Breaker cool-down', '2 min', '`Integration_Setting.Default.Breaker_Cooldown_Seconds__c`'],
      ['Inquiry timeout', '5000 ms', '`Integration_Setting.Default.Inquiry_Timeout_Ms__c`']
    ]);
    assert.match(md, /Platform Cache partition `local\.ErpInquiry` for 5 min/);
    assert.match(md, /5 failures \(see \[Errors\]\(#errors\)\) within 1 min open it: for 2 min/);
    assert.match(md, /waits at most 5000 ms for the ERP/);
    const root = copyMain();
    setSetting(root, 'Cache_TTL_Seconds__c', 600);
    setSetting(root, 'Breaker_Failure_Threshold__c', 3);
    setSetting(root, 'Breaker_Window_Seconds__c', 90);
    setSetting(root, 'Breaker_Cooldown_Seconds__c', 7200);
    setSetting(root, 'Inquiry_Timeout_Ms__c', 2500);
    const changed = doc(await generateDocs(root), 'erp-inquiry-api.md');
    assert.deepEqual(
      rows(section(changed, '## When Salesforce asks the ERP'))
        .slice(1)
        .map((r) => r[1]),
      ['10 min', '3 failures', '1 min 30 s', '2 h', '2500 ms']
    );
    assert.match(changed, /`local\.ErpInquiry` for 10 min/);
    assert.match(
      changed,
      /3 failures \(see \[Errors\]\(#errors\)\) within 1 min 30 s open it: for 2 h/
    );
    assert.match(changed, /waits at most 2500 ms/);
    assert.doesNotMatch(changed, /\]\(\.\.\/adr\//, 'no ADR link without the ADR');
    fs.rmSync(path.join(root, SETTING_FILE));
    const defaults = doc(await generateDocs(root), 'erp-inquiry-api.md');
    assert.deepEqual(rows(section(defaults, '## When Salesforce asks the ERP'))[1], [
      'Cache time to live',
      '5 min',
      'default (`Cache_TTL_Seconds__c` not set)'
    ]);
  });

  it('reads the settings as IntegrationSettings.cls does: defaults, bounds, whole numbers', () => {
    const root = copyMain();
    setSetting(root, 'Cache_TTL_Seconds__c', 10);
    setSetting(root, 'Breaker_Failure_Threshold__c', 2.9);
    setSetting(root, 'Inquiry_Timeout_Ms__c', 500000);
    const settings = readInquirySettings(loadMetadataModel(root));
    assert.deepEqual(Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.value])), {
      cacheTtlSeconds: 300,
      breakerFailureThreshold: 2,
      breakerWindowSeconds: 60,
      breakerCooldownSeconds: 120,
      inquiryTimeoutMs: 120000
    });
    assert.deepEqual([0, 45, 60, 150, 3600, 3900, 86400].map(secondsText), [
      '0 s',
      '45 s',
      '1 min',
      '2 min 30 s',
      '1 h',
      '1 h 5 min',
      '24 h'
    ]);
  });

  it('reads the defaults and bounds that IntegrationSettings.cls declares', () => {
    const apex = fs.readFileSync(
      path.join(MAIN_ROOT, 'force-app/main/default/classes/core/IntegrationSettings.cls'),
      'utf8'
    );
    const timeoutMax = /MAX_CALLOUT_TIMEOUT_MS\s*=\s*([\d_]+)/.exec(apex)?.[1];
    for (const [field, fallback, lowest, highest] of [
      ['Cache_TTL_Seconds__c', 300, 300, 172800],
      ['Breaker_Failure_Threshold__c', 5, 1, 1000],
      ['Breaker_Window_Seconds__c', 60, 1, 86400],
      ['Breaker_Cooldown_Seconds__c', 120, 1, 86400]
    ] as const) {
      assert.ok(
        apex.includes(`clamp(valueOr(current().${field}, ${fallback}), ${lowest}, ${highest})`),
        field
      );
    }
    assert.ok(
      apex.includes(
        'clamp(valueOr(current().Inquiry_Timeout_Ms__c, 5000), 1, MAX_CALLOUT_TIMEOUT_MS)'
      )
    );
    assert.equal(Number(timeoutMax?.replace(/_/g, '')), 120000);
  });

  it('tables the errors: which answers are breaker failures and what the panel shows', () => {
    const errors = rows(section(md, '## Errors'));
    assert.deepEqual(
      errors.slice(1, 1 + INQUIRY_ANSWERS.length).map((r) => r[1]),
      ['no', 'no', 'yes', 'no']
    );
    assert.match(errors[2][0], /^404 /);
    assert.match(errors[2][2], /SYNCED/);
    assert.match(errors[3][0], /^408, 429, 5xx, no answer within the inquiry timeout/);
  });

  it('says where every synced value comes from, with its field and owner from the metadata', async () => {
    const synced = rows(section(md, '## Synced fallback values'));
    assert.equal(synced.length, SYNCED_SOURCES.length + 1);
    assert.deepEqual(synced[1], [
      '`CreditPanel`',
      '`erpAccountId`',
      '`Account.ERP_Account_ID__c`',
      'ERP Account ID (Text)',
      'ERP',
      ''
    ]);
    assert.deepEqual(
      synced.filter((r) => r[2].startsWith('`Order_Status_History__c.')).map((r) => r[1]),
      [
        '`history[].status`',
        '`history[].sequence`',
        '`history[].occurredAt`',
        '`history[].note`',
        '`asOf`'
      ]
    );
    assert.deepEqual(checkInquiryMetadata(loadMetadataModel(MAIN_ROOT)), []);
    const root = copyMain();
    fs.rmSync(
      path.join(root, `${OBJECTS}/Order_Status_History__c/fields/Details__c.field-meta.xml`)
    );
    await expectProblem(
      root,
      `${OBJECTS}/Order_Status_History__c/fields/Details__c.field-meta.xml`,
      /^Order_Status_History__c\.Details__c has no field metadata; the inquiry panels show it when the ERP cannot be asked \(OrderStatusPanel\.history\[\]\.note\)$/
    );
  });

  it('documents the panel answers and InquirySource from the types', () => {
    assert.match(
      subsection(md, '### InquirySource'),
      /Where panel data came from: .* Values: `LIVE`, `CACHE`, `SYNCED`\./
    );
    assert.deepEqual(
      rows(subsection(md, '### CreditPanel'))
        .slice(1, 3)
        .map((r) => [r[0], r[1], r[2]]),
      [
        ['`recordId`', '`string`', 'yes'],
        ['`source`', '`"LIVE" \\| "CACHE" \\| "SYNCED"`', 'yes']
      ]
    );
    assert.ok(
      rows(subsection(md, '### OrderStatusPanel')).some(
        (r) => r[0] === '`history`' && r[1] === '`OrderTimelineStep[]`'
      )
    );
  });

  it('embeds the four fixtures verbatim, with the requests that return them', () => {
    for (const name of INQUIRY_FIXTURE_NAMES) {
      const text = fs.readFileSync(path.join(MAIN_ROOT, STATIC, `${name}.json`), 'utf8');
      assert.ok(md.includes(`\`\`\`json\n${text}\`\`\`\n`), `${name} is not embedded verbatim`);
    }
    const examples = section(md, '## Examples');
    assert.ok(examples.includes('```http\nGET /erp-bridge/v1/accounts/ERP-ACC-1002/credit\n```'));
    assert.ok(
      examples.includes(
        '```http\nGET /erp-bridge/v1/accounts/ERP-ACC-1002/invoices?status=ALL&page=0&pageSize=10\n```'
      )
    );
    assert.ok(examples.includes('```http\nGET /erp-bridge/v1/orders/SO-100045/status\n```'));
    assert.match(examples, /On Hold, 4200\.75 EUR of 30100 overdue/);
    assert.match(examples, /Shipped \(sequence 4\) after 4 changes/);
  });

  it('refuses to document a broken inquiry fixture, naming it', async () => {
    const root = copyMain();
    const file = `${STATIC}/ErpContract_InquiryInvoices.json`;
    fs.copyFileSync(
      path.join(
        MAIN_ROOT,
        'test-fixtures/contract/ErpContract_InquiryInvoices.totals-disagree.json'
      ),
      path.join(root, file)
    );
    await expectProblem(root, file, /^\/totals\/amount: is 40000; the page holds all 3/);
    assert.equal(await main(['--project-root', root], capture()), 1);
    assert.ok(!fs.existsSync(path.join(root, DOCS_DIR, 'erp-inquiry-api.md')), 'nothing written');
    assert.equal(readInquiryDocsInput(loadMetadataModel(root)).input, undefined);
  });

  it('fails --check when an inquiry fixture changes after generation', async () => {
    const root = copyMain();
    assert.equal(await main(['--project-root', root], capture()), 0);
    edit(root, `${STATIC}/ErpContract_InquiryError.json`, 'No account', 'Unknown account');
    const check = capture();
    assert.equal(await main(['--check', '--project-root', root], check), 1);
    assert.deepEqual(check.err.filter((l) => !l.startsWith('docs: warning:')).slice(0, 1), [
      `docs: ${DOCS_DIR}/erp-inquiry-api.md is out of date`
    ]);
  });

  it('is generated only with its fixtures', async () => {
    const root = copyMain();
    for (const name of INQUIRY_FIXTURE_NAMES) {
      fs.rmSync(path.join(root, STATIC, `${name}.json`));
    }
    const none = await generateDocs(root);
    assert.ok(!none.documents.some((d) => d.relativePath.endsWith('erp-inquiry-api.md')));
    assert.doesNotMatch(doc(none, 'README.md'), /erp-inquiry-api/);
    assert.ok(none.documents.some((d) => d.relativePath.endsWith('erp-operations-api.md')));
  });
});
