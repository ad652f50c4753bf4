import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  MetadataLoadError,
  compareText,
  customMetadataRecordsOf,
  findField,
  findObject,
  loadMetadataModel,
  objectKindOf,
  readMetadataXml
} from '../lib/metadata-model.js';

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const XSI =
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
const DEFAULT = 'force-app/main/default';

const tempRoots: string[] = [];
after(() => {
  for (const root of tempRoots) {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** Writes a throwaway project: `files` maps project-relative paths to contents. */
function project(files: Record<string, string>, packageDirs: string[] = ['force-app']): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'metadata-model-'));
  tempRoots.push(root);
  const all: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({
      packageDirectories: packageDirs.map((p) => ({ path: p }))
    }),
    ...files
  };
  for (const [relative, content] of Object.entries(all)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  for (const dir of packageDirs) {
    fs.mkdirSync(path.join(root, dir), { recursive: true });
  }
  return root;
}

function fieldXml(body: string): string {
  return `${XML}<CustomField ${NS}>\n${body}\n</CustomField>\n`;
}

function objectXml(body: string): string {
  return `${XML}<CustomObject ${NS}>\n${body}\n</CustomObject>\n`;
}

function recordXml(body: string): string {
  return `${XML}<CustomMetadata ${NS} ${XSI}>\n${body}\n</CustomMetadata>\n`;
}

function value(field: string, valueXml: string): string {
  return `<values><field>${field}</field>${valueXml}</values>`;
}

function expectLoadError(root: string, file: string, problem: RegExp): void {
  assert.throws(
    () => loadMetadataModel(root),
    (error: unknown) => {
      assert.ok(
        error instanceof MetadataLoadError,
        `expected MetadataLoadError, got ${String(error)}`
      );
      assert.equal(error.filePath, file);
      assert.ok(error.message.startsWith(`${file}: `), error.message);
      assert.match(error.message, problem);
      return true;
    }
  );
}

describe('loadMetadataModel: objects and fields', () => {
  const root = project({
    [`${DEFAULT}/objects/Account/fields/ERP_Account_ID__c.field-meta.xml`]: fieldXml(`
      <fullName>ERP_Account_ID__c</fullName>
      <caseSensitive>true</caseSensitive>
      <description>Key of the account in the ERP</description>
      <externalId>true</externalId>
      <label>ERP Account ID</label>
      <length>80</length>
      <required>true</required>
      <type>Text</type>
      <unique>true</unique>`),
    [`${DEFAULT}/objects/Account/fields/ERP_Credit_Limit__c.field-meta.xml`]: fieldXml(`
      <fullName>ERP_Credit_Limit__c</fullName>
      <label>Credit &amp; Limit &#8364;</label>
      <precision>18</precision>
      <scale>2</scale>
      <type>Currency</type>`),
    [`${DEFAULT}/objects/Account/fields/Primary_Contact__c.field-meta.xml`]: fieldXml(`
      <fullName>Account.Primary_Contact__c</fullName>
      <label>Primary Contact</label>
      <referenceTo>Contact</referenceTo>
      <relationshipName>Primary_Contacts</relationshipName>
      <type>Lookup</type>`),
    [`${DEFAULT}/objects/Account/fields/Overdue__c.field-meta.xml`]: fieldXml(`
      <label>Overdue</label>
      <formula>ERP_Overdue_Balance__c &gt; 0</formula>
      <type>Checkbox</type>`),
    [`${DEFAULT}/objects/Account/fields/Credit_Status__c.field-meta.xml`]: fieldXml(`
      <label>Credit Status</label>
      <type>Picklist</type>
      <valueSet>
        <restricted>true</restricted>
        <valueSetDefinition>
          <sorted>false</sorted>
          <value><fullName>OK</fullName><default>true</default><label>Okay</label></value>
          <value><fullName>Hold</fullName><default>false</default></value>
          <value><fullName>Old</fullName><default>false</default><isActive>false</isActive></value>
        </valueSetDefinition>
      </valueSet>`),
    [`${DEFAULT}/objects/Account/fields/Region__c.field-meta.xml`]: fieldXml(`
      <label>Region</label>
      <type>Picklist</type>
      <valueSet><valueSetName>Regions</valueSetName></valueSet>`),
    [`${DEFAULT}/objects/Account/fields/Tier__c.field-meta.xml`]: fieldXml(`
      <label>Tier</label>
      <type>Picklist</type>
      <valueSet><valueSetDefinition><value><fullName>Gold</fullName></value></valueSetDefinition></valueSet>`),
    [`${DEFAULT}/objects/Integration_Message__c/Integration_Message__c.object-meta.xml`]:
      objectXml(`
      <label>Integration Message</label>
      <pluralLabel>Integration Messages</pluralLabel>
      <description>Outbox and inbox</description>
      <sharingModel>Private</sharingModel>`),
    [`${DEFAULT}/objects/Integration_Message__c/fields/Status__c.field-meta.xml`]: fieldXml(
      '<label>Status</label><type>Text</type><length>40</length>'
    ),
    [`${DEFAULT}/objects/Integration_Message__c/listViews/All.listView-meta.xml`]: '<ListView/>',
    [`${DEFAULT}/objects/Field_Ownership__mdt/Field_Ownership__mdt.object-meta.xml`]: objectXml(
      '<label>Field Ownership</label><visibility>Public</visibility>'
    ),
    [`${DEFAULT}/objects/ERP_Order_Status__e/ERP_Order_Status__e.object-meta.xml`]: objectXml(
      '<label>ERP Order Status</label><eventType>HighVolume</eventType><publishBehavior>PublishAfterCommit</publishBehavior>'
    ),
    [`${DEFAULT}/objects/Empty__c/Empty__c.object-meta.xml`]: `${XML}<CustomObject ${NS}/>`,
    [`${DEFAULT}/classes/Foo.cls`]: 'public class Foo {}',
    [`${DEFAULT}/.hidden/objects/X__c/X__c.object-meta.xml`]: 'not even xml',
    'other/objects/Case/fields/Ignored__c.field-meta.xml': 'outside any package directory'
  });
  const model = loadMetadataModel(root);

  it('returns the project root and package directories', () => {
    assert.equal(model.projectRoot, path.resolve(root));
    assert.deepEqual(model.packageDirectories, ['force-app']);
  });

  it('lists objects in API-name order with their kind', () => {
    assert.deepEqual(
      [...model.objects.keys()],
      [
        'Account',
        'Empty__c',
        'ERP_Order_Status__e',
        'Field_Ownership__mdt',
        'Integration_Message__c'
      ]
    );
    const account = model.objects.get('Account')!;
    assert.equal(account.kind, 'standard');
    assert.equal(account.isCustom, false);
    assert.equal(account.filePath, undefined);
    assert.equal(account.label, undefined);
    assert.equal(account.directory, `${DEFAULT}/objects/Account`);
    const message = model.objects.get('Integration_Message__c')!;
    assert.equal(message.kind, 'custom');
    assert.equal(message.isCustom, true);
    assert.equal(message.label, 'Integration Message');
    assert.equal(message.pluralLabel, 'Integration Messages');
    assert.equal(message.description, 'Outbox and inbox');
    assert.equal(message.sharingModel, 'Private');
    assert.equal(
      message.filePath,
      `${DEFAULT}/objects/Integration_Message__c/Integration_Message__c.object-meta.xml`
    );
    assert.equal(model.objects.get('Field_Ownership__mdt')!.kind, 'customMetadata');
    const event = model.objects.get('ERP_Order_Status__e')!;
    assert.equal(event.kind, 'platformEvent');
    assert.equal(event.publishBehavior, 'PublishAfterCommit');
    assert.equal(event.eventType, 'HighVolume');
    assert.equal(model.objects.get('Empty__c')!.label, undefined);
    assert.equal(model.objects.get('Empty__c')!.fields.size, 0);
  });

  it('reads text field attributes', () => {
    const field = model.objects.get('Account')!.fields.get('ERP_Account_ID__c')!;
    assert.deepEqual(
      {
        apiName: field.apiName,
        objectApiName: field.objectApiName,
        isCustom: field.isCustom,
        label: field.label,
        type: field.type,
        description: field.description,
        length: field.length,
        precision: field.precision,
        externalId: field.externalId,
        unique: field.unique,
        caseSensitive: field.caseSensitive,
        required: field.required,
        filePath: field.filePath
      },
      {
        apiName: 'ERP_Account_ID__c',
        objectApiName: 'Account',
        isCustom: true,
        label: 'ERP Account ID',
        type: 'Text',
        description: 'Key of the account in the ERP',
        length: 80,
        precision: undefined,
        externalId: true,
        unique: true,
        caseSensitive: true,
        required: true,
        filePath: `${DEFAULT}/objects/Account/fields/ERP_Account_ID__c.field-meta.xml`
      }
    );
  });

  it('reads numbers, decodes entities and defaults flags to false', () => {
    const field = model.objects.get('Account')!.fields.get('ERP_Credit_Limit__c')!;
    assert.equal(field.label, 'Credit & Limit €');
    assert.equal(field.precision, 18);
    assert.equal(field.scale, 2);
    assert.equal(field.length, undefined);
    assert.equal(field.externalId, false);
    assert.equal(field.unique, false);
    assert.equal(field.caseSensitive, false);
    assert.equal(field.required, false);
    assert.deepEqual(field.picklistValues, []);
    assert.equal(field.restrictedPicklist, false);
  });

  it('reads lookups (qualified fullName accepted) and formulas', () => {
    const lookup = findField(model, 'Account', 'Primary_Contact__c')!;
    assert.equal(lookup.referenceTo, 'Contact');
    assert.equal(lookup.relationshipName, 'Primary_Contacts');
    assert.equal(findField(model, 'Account', 'Overdue__c')!.formula, 'ERP_Overdue_Balance__c > 0');
  });

  it('reads picklist values (several, and a single one) in file order', () => {
    const status = findField(model, 'Account', 'Credit_Status__c')!;
    assert.equal(status.restrictedPicklist, true);
    assert.deepEqual(status.picklistValues, [
      { fullName: 'OK', label: 'Okay', isDefault: true, isActive: true },
      { fullName: 'Hold', label: 'Hold', isDefault: false, isActive: true },
      { fullName: 'Old', label: 'Old', isDefault: false, isActive: false }
    ]);
    assert.deepEqual(
      findField(model, 'Account', 'Tier__c')!.picklistValues.map((v) => v.fullName),
      ['Gold']
    );
    const region = findField(model, 'Account', 'Region__c')!;
    assert.equal(region.valueSetName, 'Regions');
    assert.deepEqual(region.picklistValues, []);
  });

  it('finds objects and fields ignoring case', () => {
    assert.equal(findObject(model, 'account')?.apiName, 'Account');
    assert.equal(findObject(model, 'Account')?.apiName, 'Account');
    assert.equal(findObject(model, 'Contact'), undefined);
    assert.equal(findField(model, 'ACCOUNT', 'erp_account_id__c')?.apiName, 'ERP_Account_ID__c');
    assert.equal(findField(model, 'Account', 'Name'), undefined);
    assert.equal(findField(model, 'Contact', 'Email'), undefined);
  });

  it('ignores files outside package directories, hidden folders and other metadata', () => {
    assert.equal(findObject(model, 'Case'), undefined);
    assert.equal(findObject(model, 'X__c'), undefined);
    assert.equal(model.customMetadataRecords.length, 0);
  });
});

describe('loadMetadataModel: custom metadata records', () => {
  const root = project(
    {
      [`${DEFAULT}/customMetadata/Integration_Object.Account.md-meta.xml`]: recordXml(`
      <label>Account &amp; Co</label>
      <protected>true</protected>
      ${value('Object_API_Name__c', '<value xsi:type="xsd:string">Account</value>')}
      ${value('Is_Enabled__c', '<value xsi:type="xsd:boolean">true</value>')}
      ${value('Bypass__c', '<value xsi:type="xsd:boolean">false</value>')}
      ${value('Sort_Order__c', '<value xsi:type="xsd:double">10.5</value>')}
      ${value('Retries__c', '<value xsi:type="xsd:int">3</value>')}
      ${value('Big__c', '<value xsi:type="xsd:long">9007199254740991</value>')}
      ${value('Rate__c', '<value xsi:type="xsd:decimal">-0.25</value>')}
      ${value('Blank_Number__c', '<value xsi:type="xsd:double"></value>')}
      ${value('External_ID_Field__c', '<value xsi:nil="true"/>')}
      ${value('Starts_On__c', '<value xsi:type="xsd:date">2025-01-31</value>')}
      ${value('Plain__c', '<value>untyped</value>')}
      ${value('Empty_Text__c', '<value xsi:type="xsd:string"></value>')}
      ${value('Zero_Padded__c', '<value xsi:type="xsd:string">0012</value>')}
      ${value('Missing_Value__c', '')}`),
      [`${DEFAULT}/customMetadata/Field_Ownership.Account_Name.md-meta.xml`]: recordXml(`
      <label>Account Name</label>
      ${value('Owner__c', '<value xsi:type="xsd:string">Salesforce</value>')}`),
      [`${DEFAULT}/customMetadata/Integration_Setting.Default.md-meta.xml`]: recordXml(
        '<protected>false</protected>'
      ),
      'second/main/default/customMetadata/Field_Ownership.Account_Phone.md-meta.xml': recordXml(
        `<label>Phone</label>${value('Owner__c', '<value xsi:type="xsd:string">ERP</value>')}`
      )
    },
    ['force-app', 'second']
  );
  const model = loadMetadataModel(root);

  it('names the type and developer name from the file name, sorted', () => {
    assert.deepEqual(
      model.customMetadataRecords.map((r) => `${r.type}/${r.developerName}`),
      [
        'Field_Ownership__mdt/Account_Name',
        'Field_Ownership__mdt/Account_Phone',
        'Integration_Object__mdt/Account',
        'Integration_Setting__mdt/Default'
      ]
    );
    assert.deepEqual(model.packageDirectories, ['force-app', 'second']);
  });

  it('converts every xsi:type deliberately', () => {
    const record = customMetadataRecordsOf(model, 'Integration_Object__mdt')[0];
    assert.equal(record.label, 'Account & Co');
    assert.equal(record.isProtected, true);
    assert.equal(
      record.filePath,
      `${DEFAULT}/customMetadata/Integration_Object.Account.md-meta.xml`
    );
    assert.deepEqual(Object.fromEntries(record.values), {
      Big__c: 9007199254740991,
      Blank_Number__c: null,
      Bypass__c: false,
      Empty_Text__c: '',
      External_ID_Field__c: null,
      Is_Enabled__c: true,
      Missing_Value__c: null,
      Object_API_Name__c: 'Account',
      Plain__c: 'untyped',
      Rate__c: -0.25,
      Retries__c: 3,
      Sort_Order__c: 10.5,
      Starts_On__c: '2025-01-31',
      Zero_Padded__c: '0012'
    });
    assert.deepEqual([...record.values.keys()], [...record.values.keys()].sort(compareText));
  });

  it('handles a record with a single <values> and one with none', () => {
    const [name, phone] = customMetadataRecordsOf(model, 'field_ownership__MDT');
    assert.deepEqual(Object.fromEntries(name.values), { Owner__c: 'Salesforce' });
    assert.equal(name.isProtected, false);
    assert.equal(
      phone.filePath,
      'second/main/default/customMetadata/Field_Ownership.Account_Phone.md-meta.xml'
    );
    const setting = customMetadataRecordsOf(model, 'Integration_Setting__mdt')[0];
    assert.equal(setting.values.size, 0);
    assert.equal(setting.label, 'Default');
    assert.deepEqual(customMetadataRecordsOf(model, 'Nope__mdt'), []);
  });
});

describe('loadMetadataModel: several package directories', () => {
  it('merges the fields of one object found in two package directories', () => {
    const root = project(
      {
        'a/objects/Account/fields/One__c.field-meta.xml': fieldXml('<label>One</label>'),
        'b/main/default/objects/Account/fields/Two__c.field-meta.xml':
          fieldXml('<label>Two</label>'),
        'b/main/default/objects/Account/Account.object-meta.xml':
          objectXml('<label>Account</label>')
      },
      ['a', 'b/']
    );
    const account = loadMetadataModel(root).objects.get('Account')!;
    assert.deepEqual([...account.fields.keys()], ['One__c', 'Two__c']);
    assert.equal(account.directory, 'a/objects/Account');
    assert.equal(account.filePath, 'b/main/default/objects/Account/Account.object-meta.xml');
    assert.equal(account.label, 'Account');
  });
});

describe('loadMetadataModel: errors name the file', () => {
  const field = `${DEFAULT}/objects/Account/fields/Bad__c.field-meta.xml`;
  const record = `${DEFAULT}/customMetadata/Integration_Object.Account.md-meta.xml`;

  it('rejects malformed XML', () => {
    const root = project({ [field]: `${XML}<CustomField ${NS}><label>Bad</CustomField>` });
    expectLoadError(root, field, /malformed XML at line 2: .*label/);
  });

  it('rejects an empty file', () => {
    const root = project({ [record]: '' });
    expectLoadError(root, record, /malformed XML/);
  });

  it('rejects the wrong root element', () => {
    const root = project({ [field]: objectXml('<label>Bad</label>') });
    expectLoadError(
      root,
      field,
      /expected a single <CustomField> root element, found <CustomObject>/
    );
  });

  it('rejects a file with only a declaration', () => {
    const root = project({ [field]: XML });
    expectLoadError(root, field, /malformed XML|found none/);
  });

  it('rejects an unreadable file', () => {
    const root = project({});
    const target = path.join(root, field);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(root, 'does-not-exist.xml'), target);
    expectLoadError(root, field, /cannot be read/);
  });

  it('rejects booleans and numbers that are not', () => {
    expectLoadError(
      project({ [field]: fieldXml('<externalId>yes</externalId>') }),
      field,
      /<externalId> must be true or false, found "yes"/
    );
    expectLoadError(
      project({ [field]: fieldXml('<length>eighty</length>') }),
      field,
      /<length> must be a whole number, found "eighty"/
    );
    expectLoadError(
      project({
        [record]: recordXml(value('Sort_Order__c', '<value xsi:type="xsd:double">ten</value>'))
      }),
      record,
      /field Sort_Order__c: "ten" is not a number \(xsd:double\)/
    );
    expectLoadError(
      project({
        [record]: recordXml(value('Is_Enabled__c', '<value xsi:type="xsd:boolean">1</value>'))
      }),
      record,
      /field Is_Enabled__c: "1" is not an xsd:boolean/
    );
  });

  it('rejects a field whose fullName does not match its file name', () => {
    expectLoadError(
      project({ [field]: fieldXml('<fullName>Other__c</fullName>') }),
      field,
      /<fullName>Other__c<\/fullName> does not match the file name/
    );
  });

  it('rejects a picklist value without a fullName, and repeated valueSets', () => {
    expectLoadError(
      project({
        [field]: fieldXml(
          '<valueSet><valueSetDefinition><value><label>X</label></value></valueSetDefinition></valueSet>'
        )
      }),
      field,
      /picklist value 1 has no <fullName>/
    );
    expectLoadError(
      project({
        [field]: fieldXml('<valueSet><restricted>true</restricted></valueSet><valueSet/>')
      }),
      field,
      /<valueSet> appears more than once/
    );
    expectLoadError(
      project({ [field]: fieldXml('<valueSet>text</valueSet>') }),
      field,
      /<valueSet> should contain elements, found text/
    );
  });

  it('rejects custom metadata records with broken values', () => {
    expectLoadError(
      project({ [record]: recordXml('<values><value>x</value></values>') }),
      record,
      /<values> entry 1 has no <field>/
    );
    expectLoadError(
      project({
        [record]: recordXml(value('A__c', '<value>1</value>') + value('A__c', '<value>2</value>'))
      }),
      record,
      /field A__c has more than one <values> entry/
    );
    expectLoadError(
      project({ [record]: recordXml(value('A__c', '<value>1</value><value>2</value>')) }),
      record,
      /field A__c has more than one <value>/
    );
  });

  it('rejects custom metadata file names without a developer name', () => {
    const bad = `${DEFAULT}/customMetadata/Integration_Object.md-meta.xml`;
    expectLoadError(project({ [bad]: recordXml('') }), bad, /not <Type>\.<DeveloperName>/);
  });

  it('rejects metadata files in the wrong folder', () => {
    const stray = `${DEFAULT}/objects/Account/Other.object-meta.xml`;
    expectLoadError(
      project({ [stray]: objectXml('') }),
      stray,
      /expected to be in objects\/Other\//
    );
    const loose = `${DEFAULT}/misc/fields/Loose__c.field-meta.xml`;
    expectLoadError(
      project({ [loose]: fieldXml('') }),
      loose,
      /expected to be in objects\/<Object>\/fields\//
    );
  });

  it('rejects duplicates across package directories', () => {
    const first = 'a/objects/Account/fields/One__c.field-meta.xml';
    const second = 'b/objects/Account/fields/One__c.field-meta.xml';
    expectLoadError(
      project({ [first]: fieldXml(''), [second]: fieldXml('') }, ['a', 'b']),
      second,
      new RegExp(`duplicates field file ${first}`)
    );
    expectLoadError(
      project(
        {
          'a/objects/X__c/X__c.object-meta.xml': objectXml(''),
          'b/objects/X__c/X__c.object-meta.xml': objectXml('')
        },
        ['a', 'b']
      ),
      'b/objects/X__c/X__c.object-meta.xml',
      /duplicates object file a\/objects\/X__c\/X__c.object-meta.xml/
    );
    expectLoadError(
      project(
        {
          'a/customMetadata/T.One.md-meta.xml': recordXml(''),
          'b/customMetadata/T.One.md-meta.xml': recordXml('')
        },
        ['a', 'b']
      ),
      'b/customMetadata/T.One.md-meta.xml',
      /duplicates custom metadata record a\/customMetadata\/T.One.md-meta.xml/
    );
  });

  it('rejects a missing or broken sfdx-project.json', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'metadata-model-'));
    tempRoots.push(empty);
    expectLoadError(empty, 'sfdx-project.json', /cannot be read as JSON/);
    expectLoadError(
      project({ 'sfdx-project.json': '{"packageDirectories": []}' }),
      'sfdx-project.json',
      /has no packageDirectories/
    );
    expectLoadError(
      project({ 'sfdx-project.json': '{"packageDirectories": [{"default": true}]}' }),
      'sfdx-project.json',
      /packageDirectories\[0\] has no "path"/
    );
    const missingDir = project({});
    fs.rmSync(path.join(missingDir, 'force-app'), { recursive: true });
    expectLoadError(
      missingDir,
      'sfdx-project.json',
      /package directory "force-app" does not exist/
    );
  });
});

describe('helpers', () => {
  it('derives object kinds from API names', () => {
    assert.equal(objectKindOf('Account'), 'standard');
    assert.equal(objectKindOf('Integration_Message__c'), 'custom');
    assert.equal(objectKindOf('Archive__b'), 'custom');
    assert.equal(objectKindOf('ns__Thing__C'), 'custom');
    assert.equal(objectKindOf('Field_Ownership__mdt'), 'customMetadata');
    assert.equal(objectKindOf('ERP_Order_Status__e'), 'platformEvent');
  });

  it('sorts case-insensitively and locale-independently, ties broken exactly', () => {
    assert.deepEqual(['b', 'B', 'a', 'ERP_x', 'Email', 'é'].sort(compareText), [
      'a',
      'B',
      'b',
      'Email',
      'ERP_x',
      'é'
    ]);
    assert.equal(compareText('same', 'same'), 0);
  });

  it('reads one metadata file on its own', () => {
    const root = project({ 'x.xml': `${XML}<CustomField>text only</CustomField>` });
    assert.deepEqual(readMetadataXml(path.join(root, 'x.xml'), 'x.xml', 'CustomField'), {});
  });
});
