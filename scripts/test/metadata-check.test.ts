/**
 * Tests of the offline metadata gate against two fixture projects: `clean-metadata` (every rule
 * satisfied, zero issues) and `broken-metadata` (one file per problem class, each issue asserted
 * with its exact file, line, rule and key words).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Issue } from '../lib/issues.js';
import { checkMetadata, Rule } from '../verify/metadata.js';
import { developerNameProblem } from '../verify/metadata-rules/context.js';
import { resolveMetadataKind, splitMetaFileName } from '../verify/metadata-rules/registry.js';
import { parseXml } from '../verify/metadata-rules/xml.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test-fixtures');
const SRC = 'force-app/main/default/';

interface Expected {
  /** Path below force-app/main/default/. */
  file: string;
  line: number;
  rule: string;
  /** Words the message must contain. */
  words: string[];
  column?: number;
}

/** Every issue the broken fixture must produce, and nothing else. */
const EXPECTED: Expected[] = [
  // well-formedness, suffix, root element, namespace
  {
    file: 'permissionsets/Malformed.permissionset-meta.xml',
    line: 4,
    column: 21,
    rule: Rule.MalformedXml,
    words: ['not well-formed', "closing tag 'label'", 'labl']
  },
  {
    file: 'customPermissions/Two_Roots.customPermission-meta.xml',
    line: 5,
    rule: Rule.MalformedXml,
    words: ['more than one root element']
  },
  {
    file: 'misc/Thing.widget-meta.xml',
    line: 1,
    rule: Rule.UnknownMetadataSuffix,
    words: ['Thing.widget-meta.xml', 'no metadata type']
  },
  {
    file: 'customPermissions/Wrong_Root.customPermission-meta.xml',
    line: 2,
    rule: Rule.WrongRootElement,
    words: ['<PermissionSet>', 'should be <CustomPermission>']
  },
  {
    file: 'customPermissions/No_Namespace.customPermission-meta.xml',
    line: 2,
    rule: Rule.WrongNamespace,
    words: ['xmlns="http://soap.sforce.com/2006/04/metadata"']
  },
  // CustomField
  {
    file: 'objects/Broken_Object__c/fields/Missing_Label__c.field-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['field Missing_Label__c', '<label> is required']
  },
  {
    file: 'objects/Broken_Object__c/fields/Bad_Type__c.field-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['<type> String', 'not a valid field type']
  },
  {
    file: 'objects/Broken_Object__c/fields/Long_Text__c.field-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['<length> 300', 'out of range 1-255']
  },
  {
    file: 'objects/Broken_Object__c/fields/ERP_Credit_Limit__c.field-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['field ERP_Credit_Limit__c: <precision> 20 is out of range 1-18']
  },
  {
    file: 'objects/Broken_Object__c/fields/Rate__c.field-meta.xml',
    line: 7,
    rule: Rule.InvalidValue,
    words: ['<scale> 8', 'greater than <precision> 5']
  },
  {
    file: 'objects/Broken_Object__c/fields/Empty_Picklist__c.field-meta.xml',
    line: 8,
    rule: Rule.MissingElement,
    words: ['picklist has no values', '<valueSetDefinition>', '<valueSetName>']
  },
  {
    file: 'objects/Broken_Object__c/fields/Owner_Account__c.field-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<referenceTo> is required']
  },
  {
    file: 'objects/Broken_Object__c/fields/Is_Key__c.field-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['<externalId>', 'not allowed on a Checkbox field']
  },
  {
    file: 'objects/Broken_Object__c/fields/Code__c.field-meta.xml',
    line: 4,
    rule: Rule.InvalidValue,
    words: ['<caseSensitive>', '<unique>true</unique>']
  },
  {
    file: 'objects/Broken_Object__c/fields/Due_Date__c.field-meta.xml',
    line: 7,
    rule: Rule.InvalidValue,
    words: ['<unique>', 'not allowed on a Date field']
  },
  {
    file: 'objects/Broken_Object__c/fields/Renamed__c.field-meta.xml',
    line: 3,
    rule: Rule.NameMismatch,
    words: ['<fullName> "Old_Name__c"', 'file name Renamed__c']
  },
  {
    file: 'objects/Broken_Object__c/fields/Undocumented__c.field-meta.xml',
    line: 2,
    rule: Rule.MissingDescription,
    words: ['<description> is missing', 'convention']
  },
  {
    file: 'objects/Broken_Object__c/fields/Short_Note__c.field-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['<length> is not allowed on a TextArea']
  },
  {
    file: 'objects/Broken_Object__c/fields/Tiny_Long_Text__c.field-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<visibleLines> is required']
  },
  {
    file: 'objects/Broken_Object__c/fields/Tiny_Long_Text__c.field-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['<length> 100', 'out of range 256-131072']
  },
  {
    file: 'objects/Broken_Object__c/fields/Is_Done__c.field-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<defaultValue> is required']
  },
  {
    file: 'objects/Broken_Object__c/fields/Formula_Pick__c.field-meta.xml',
    line: 7,
    rule: Rule.InvalidValue,
    words: ['formula field cannot be of type Picklist']
  },
  {
    file: 'objects/Broken_Object__c/fields/Parent_Thing__c.field-meta.xml',
    line: 4,
    rule: Rule.InvalidValue,
    words: ['<deleteConstraint> "Explode"', 'SetNull']
  },
  {
    file: 'objects/Broken_Object__c/fields/Parent_Thing__c.field-meta.xml',
    line: 9,
    rule: Rule.InvalidName,
    words: ['<relationshipName> "Broken__Things"', 'two consecutive underscores']
  },
  {
    file: 'objects/Broken_Object__c/fields/Duplicate_Pick__c.field-meta.xml',
    line: 14,
    rule: Rule.DuplicateName,
    words: ['picklist value "Red"', 'more than once']
  },
  {
    file: 'objects/Broken_Event__e/fields/Status__c.field-meta.xml',
    line: 6,
    rule: Rule.UnsupportedFieldType,
    words: ['type Picklist', 'platform event', 'Broken_Event__e']
  },
  {
    file: 'objects/Broken_Setting__mdt/fields/Budget__c.field-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<fieldManageability> is required']
  },
  {
    file: 'objects/Broken_Setting__mdt/fields/Budget__c.field-meta.xml',
    line: 8,
    rule: Rule.UnsupportedFieldType,
    words: ['type Currency', 'custom metadata type']
  },
  // CustomObject
  {
    file: 'objects/Child_Thing__c/Child_Thing__c.object-meta.xml',
    line: 10,
    rule: Rule.InvalidValue,
    words: ['<sharingModel> Private', 'MasterDetail', 'ControlledByParent']
  },
  {
    file: 'objects/Orphan_Thing__c/Orphan_Thing__c.object-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<pluralLabel> is required']
  },
  {
    file: 'objects/Orphan_Thing__c/Orphan_Thing__c.object-meta.xml',
    line: 3,
    rule: Rule.InvalidValue,
    words: ['<deploymentStatus> "Live"']
  },
  {
    file: 'objects/Orphan_Thing__c/Orphan_Thing__c.object-meta.xml',
    line: 7,
    rule: Rule.InvalidValue,
    words: ['<type> "Number"', 'Text, AutoNumber']
  },
  {
    file: 'objects/Orphan_Thing__c/Orphan_Thing__c.object-meta.xml',
    line: 9,
    rule: Rule.InvalidValue,
    words: ['ControlledByParent needs a MasterDetail field']
  },
  {
    file: 'objects/Broken_Event__e/Broken_Event__e.object-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<publishBehavior> is required']
  },
  {
    file: 'objects/Broken_Event__e/Broken_Event__e.object-meta.xml',
    line: 4,
    rule: Rule.InvalidValue,
    words: ['<eventType> "StandardVolume"', 'HighVolume']
  },
  {
    file: 'objects/Broken_Setting__mdt/Broken_Setting__mdt.object-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<visibility> is required']
  },
  // CustomMetadata records
  {
    file: 'customMetadata/Broken_Setting.This_Record_Name_Is_Far_Too_Long_For_Salesforce.md-meta.xml',
    line: 2,
    rule: Rule.InvalidName,
    words: ['47 characters', 'maximum 40']
  },
  {
    file: 'customMetadata/Broken_Setting.Bad__Name.md-meta.xml',
    line: 2,
    rule: Rule.InvalidName,
    words: ['Bad__Name', 'two consecutive underscores']
  },
  {
    file: 'customMetadata/Broken_Setting.Bad__Name.md-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<protected> is required']
  },
  {
    file: 'customMetadata/Broken_Setting.Bad__Name.md-meta.xml',
    line: 4,
    rule: Rule.MissingElement,
    words: ['<field> is required in <values> #1']
  },
  // Apex
  {
    file: 'classes/Orphan.cls',
    line: 1,
    rule: Rule.MissingMetaFile,
    words: ['Orphan.cls-meta.xml is missing', 'silently']
  },
  {
    file: 'classes/Ghost.cls-meta.xml',
    line: 2,
    rule: Rule.MissingSourceFile,
    words: ['Ghost.cls is missing']
  },
  {
    file: 'classes/Futuristic.cls-meta.xml',
    line: 3,
    rule: Rule.ApiVersionTooNew,
    words: ['<apiVersion> 99.0', 'sourceApiVersion 65.0']
  },
  {
    file: 'triggers/Sloppy.trigger-meta.xml',
    line: 3,
    rule: Rule.InvalidValue,
    words: ['<apiVersion> "latest"']
  },
  {
    file: 'triggers/Sloppy.trigger-meta.xml',
    line: 4,
    rule: Rule.InvalidValue,
    words: ['<status> "Enabled"', 'Active']
  },
  // LWC
  {
    file: 'lwc/brokenCard/brokenCard.js-meta.xml',
    line: 1,
    rule: Rule.IncompleteBundle,
    words: ['brokenCard.ts (or brokenCard.js)']
  },
  {
    file: 'lwc/noConfig',
    line: 1,
    rule: Rule.IncompleteBundle,
    words: ['noConfig.js-meta.xml']
  },
  {
    file: 'lwc/oddTargets/oddTargets.js-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<isExposed> is required']
  },
  {
    file: 'lwc/oddTargets/oddTargets.js-meta.xml',
    line: 6,
    rule: Rule.InvalidValue,
    words: ['lightning__Moon', 'not a known LWC target']
  },
  {
    file: 'lwc/oddTargets/oddTargets.js-meta.xml',
    line: 9,
    rule: Rule.InvalidValue,
    words: ['lightning__HomePage', 'not listed under <targets>']
  },
  // CustomLabels
  {
    file: 'labels/CustomLabels.labels-meta.xml',
    line: 10,
    rule: Rule.MissingElement,
    words: ['<shortDescription> is required', 'label Sync_Retried']
  },
  {
    file: 'labels/CustomLabels.labels-meta.xml',
    line: 16,
    rule: Rule.DuplicateName,
    words: ['label Sync_Failed is defined twice', 'line 3']
  },
  // PermissionSet
  {
    file: 'permissionsets/Edit_Without_Read.permissionset-meta.xml',
    line: 11,
    rule: Rule.EditWithoutRead,
    words: ['<objectPermissions> #2', 'Broken_Object__c', 'allowEdit', 'without allowRead']
  },
  {
    file: 'permissionsets/Edit_Without_Read.permissionset-meta.xml',
    line: 18,
    rule: Rule.EditWithoutRead,
    words: ['<fieldPermissions> #1', 'Broken_Object__c.Code__c', 'editable without readable']
  },
  {
    file: 'permissionsets/No_Label.permissionset-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['permission set No_Label', '<label> is required']
  },
  // Credentials, channels, static resources
  {
    file: 'namedCredentials/No_Url.namedCredential-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['SecuredEndpoint', '<parameterType>Url</parameterType>']
  },
  {
    file: 'namedCredentials/Old_Style.namedCredential-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<principalType> is required']
  },
  {
    file: 'namedCredentials/Old_Style.namedCredential-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<protocol> is required']
  },
  {
    file: 'externalCredentials/Bad_Protocol.externalCredential-meta.xml',
    line: 3,
    rule: Rule.InvalidValue,
    words: ['<authenticationProtocol> "Magic"', 'Oauth']
  },
  {
    file: 'platformEventChannels/Broken_Channel__chn.platformEventChannel-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<label> is required']
  },
  {
    file: 'platformEventChannelMembers/Broken_Channel_chn_AccountChangeEvent.platformEventChannelMember-meta.xml',
    line: 2,
    rule: Rule.MissingElement,
    words: ['<selectedEntity> is required']
  },
  {
    file: 'staticresources/missingPayload.resource-meta.xml',
    line: 2,
    rule: Rule.MissingSourceFile,
    words: ['missingPayload.<extension>', 'missingPayload/']
  }
];

const describeExpected = (expected: Expected): string =>
  `${expected.file}:${expected.line} ${expected.rule} (${expected.words.join(' | ')})`;

describe('checkMetadata on the clean fixture', () => {
  it('reports no issues', () => {
    assert.deepEqual(checkMetadata(path.join(FIXTURES, 'clean-metadata')), []);
  });
});

describe('checkMetadata on the broken fixture', () => {
  const issues = checkMetadata(path.join(FIXTURES, 'broken-metadata'));
  const matches = (issue: Issue, expected: Expected): boolean =>
    issue.file === SRC + expected.file &&
    issue.line === expected.line &&
    issue.rule === expected.rule &&
    expected.words.every((word) => issue.message.includes(word));

  for (const expected of EXPECTED) {
    it(`reports ${describeExpected(expected)}`, () => {
      const found = issues.filter((issue) => matches(issue, expected));
      assert.equal(
        found.length,
        1,
        `expected exactly one issue ${describeExpected(expected)}; issues in that file:\n${issues
          .filter((issue) => issue.file === SRC + expected.file)
          .map((issue) => `  ${issue.line} ${issue.rule} ${issue.message}`)
          .join('\n')}`
      );
      if (expected.column !== undefined) assert.equal(found[0].column, expected.column);
    });
  }

  it('reports nothing beyond the expected issues', () => {
    const unexpected = issues.filter((issue) => !EXPECTED.some((e) => matches(issue, e)));
    assert.deepEqual(unexpected, []);
    assert.equal(issues.length, EXPECTED.length);
  });

  it('returns issues sorted by file and line, with project-relative paths', () => {
    for (const issue of issues) assert.ok(!path.isAbsolute(issue.file), issue.file);
    const keys = issues.map((issue) => `${issue.file}\u0000${String(issue.line).padStart(6, '0')}`);
    assert.deepEqual(
      keys,
      [...keys].sort((a, b) => a.localeCompare(b))
    );
  });
});

describe('checkMetadata on projects built on the fly', () => {
  const temporary: string[] = [];
  after(() => temporary.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const project = (files: Record<string, string>, sourceApiVersion = '65.0'): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metadata-check-'));
    temporary.push(dir);
    const definition = { packageDirectories: [{ path: 'force-app' }], sourceApiVersion };
    fs.writeFileSync(path.join(dir, 'sfdx-project.json'), JSON.stringify(definition));
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
  const ns = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

  it('treats a .js-meta.xml outside an lwc folder as an unknown suffix', () => {
    const root = project({ 'force-app/stray/widget.js-meta.xml': `<X ${ns}/>` });
    assert.deepEqual(
      checkMetadata(root).map((issue) => issue.rule),
      [Rule.UnknownMetadataSuffix]
    );
  });

  it('skips the apiVersion ceiling when sourceApiVersion is not set', () => {
    const root = project(
      {
        'force-app/classes/A.cls': 'public class A {}',
        'force-app/classes/A.cls-meta.xml': `<ApexClass ${ns}><apiVersion>99.0</apiVersion><status>Active</status></ApexClass>`
      },
      ''
    );
    assert.deepEqual(checkMetadata(root), []);
  });

  it('reports a missing trigger meta file and an empty file', () => {
    const root = project({
      'force-app/triggers/T.trigger': 'trigger T on Account (before insert) {}',
      'force-app/customPermissions/Empty.customPermission-meta.xml': ''
    });
    assert.deepEqual(
      checkMetadata(root).map((issue) => [issue.file, issue.rule, issue.message.split(':')[0]]),
      [
        [
          'force-app/customPermissions/Empty.customPermission-meta.xml',
          Rule.MalformedXml,
          'Empty.customPermission-meta.xml is not well-formed XML'
        ],
        ['force-app/triggers/T.trigger', Rule.MissingMetaFile, 'trigger T']
      ]
    );
  });

  it('checks custom settings, picklist value names and non-boolean flags', () => {
    const root = project({
      'force-app/objects/S__c/S__c.object-meta.xml': `<CustomObject ${ns}><customSettingsType>Tree</customSettingsType></CustomObject>`,
      'force-app/objects/S__c/fields/F__c.field-meta.xml': `<CustomField ${ns}>\n<description>d</description>\n<label>F</label>\n<type>Picklist</type>\n<externalId>yes</externalId>\n<valueSet><valueSetDefinition><value><label>No name</label></value></valueSetDefinition></valueSet>\n</CustomField>`,
      'force-app/objects/S__c/fields/N__c.field-meta.xml': `<CustomField ${ns}>\n<description>d</description>\n<label>N</label>\n<type>Number</type>\n<precision>ten</precision>\n</CustomField>`
    });
    const found = checkMetadata(root).map(
      (issue) => `${issue.line} ${issue.rule} ${issue.message}`
    );
    assert.deepEqual(found, [
      '5 InvalidValue field F__c: <externalId> "yes" must be true or false',
      '6 MissingElement field F__c: <fullName> is required in <value> but missing',
      '1 MissingElement field N__c: <scale> is required but missing',
      '5 InvalidValue field N__c: <precision> "ten" is not a whole number',
      '1 InvalidValue object S__c: <customSettingsType> "Tree" is not valid (allowed: Hierarchy, List)',
      '1 MissingElement object S__c: <label> is required but missing'
    ]);
  });
});

describe('metadata gate helpers', () => {
  it('parseXml keeps element lines and text, including CDATA', () => {
    const parsed = parseXml('<?xml version="1.0"?>\n<a>\n  <b><![CDATA[x < y]]></b>\n</a>');
    assert.ok(parsed.ok);
    assert.equal(parsed.root.name, 'a');
    assert.equal(parsed.root.line, 2);
    assert.deepEqual(
      parsed.root.children.map((element) => [element.name, element.line, element.text]),
      [['b', 3, 'x < y']]
    );
  });

  it('parseXml reports the validator line and column', () => {
    const parsed = parseXml('<a>\n  <b>1</b>\n  <c>2</d>\n</a>');
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok && parsed.line === 3 && parsed.column === 7, JSON.stringify(parsed));
  });

  it('resolveMetadataKind maps suffixes and folders to types and root elements', () => {
    const kind = (file: string): string | undefined => {
      const resolved = resolveMetadataKind(file);
      return resolved && `${resolved.typeName} <${resolved.rootElement}> ${resolved.componentName}`;
    };
    assert.equal(kind('objects/A__c/fields/B__c.field-meta.xml'), 'CustomField <CustomField> B__c');
    assert.equal(kind('settings/Account.settings-meta.xml'), 'Settings <AccountSettings> Account');
    assert.equal(
      kind('lwc/card/card.js-meta.xml'),
      'LightningComponentBundle <LightningComponentBundle> card'
    );
    assert.equal(
      kind('aura/box/box.cmp-meta.xml'),
      'AuraDefinitionBundle <AuraDefinitionBundle> box'
    );
    assert.equal(
      kind('applications/Sales.app-meta.xml'),
      'CustomApplication <CustomApplication> Sales'
    );
    assert.equal(kind('sites/Portal.site-meta.xml'), 'CustomSite <CustomSite> Portal');
    assert.equal(kind('customMetadata/T.R.md-meta.xml'), 'CustomMetadata <CustomMetadata> T.R');
    assert.equal(kind('misc/Thing.widget-meta.xml'), undefined);
    assert.equal(splitMetaFileName('noSuffix-meta.xml'), undefined);
    assert.equal(splitMetaFileName('Trailing.-meta.xml'), undefined);
    assert.equal(splitMetaFileName('plain.xml'), undefined);
  });

  it('developerNameProblem applies the developer-name rules', () => {
    assert.equal(developerNameProblem('Good_Name1', 40), undefined);
    assert.equal(developerNameProblem('', 40), 'is empty');
    assert.match(developerNameProblem('1st', 40) ?? '', /start with a letter/);
    assert.match(
      developerNameProblem('has-dash', 40) ?? '',
      /only letters, digits and underscores/
    );
    assert.match(developerNameProblem('Trailing_', 40) ?? '', /end with an underscore/);
    assert.match(
      developerNameProblem('A'.repeat(41), 40) ?? '',
      /41 characters long \(maximum 40\)/
    );
  });
});
