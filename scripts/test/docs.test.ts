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
import { generateContractSchema } from '../lib/contract.js';
import { RECORD_ERROR_CODES, REQUEST_ERROR_CODES } from '../../types/contract/error-codes.js';
import {
  LIFECYCLE_MODEL_FILE,
  LIFECYCLE_STATES,
  LIFECYCLE_TRANSITIONS,
  checkLifecycleAgainstMetadata,
  lifecycleDiagram
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

  it('adds records-api.md and record-changed-event.md, linked from README.md', () => {
    assert.deepEqual(
      result.documents.map((d) => d.relativePath),
      [...DOC_NAMES, 'record-changed-event.md', 'records-api.md']
        .sort()
        .map((n) => `${DOCS_DIR}/${n}`)
    );
    const readme = doc(result, 'README.md');
    assert.match(readme, /- \[Records API\]\(records-api\.md\): the inbound /);
    assert.match(readme, /- \[Record changed event\]\(record-changed-event\.md\): the outbound /);
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
    assert.deepEqual(
      rows(section(md, '## Record error codes'))
        .slice(1)
        .map((r) => r[0]),
      Object.keys(RECORD_ERROR_CODES).map((c) => `\`${c}\``)
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
        'Lead: written by the marketing API (`/erp-bridge/v1/marketing`)',
        'Campaign: written by the marketing API (`/erp-bridge/v1/marketing`)',
        'Opportunity: outbound only',
        'Order: written by the orders API (`/erp-bridge/v1/orders`), which applies the order lifecycle',
        'OrderItem: written by the orders API (`/erp-bridge/v1/orders`), which applies the order lifecycle'
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
      ['Product2', 'Account', 'Contact', 'Lead', 'Opportunity', 'Order', 'OrderItem']
    );
    assert.deepEqual(publishing[5].slice(2), ['— (always null)', 'Platform Event', '7']);
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
