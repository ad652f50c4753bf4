/**
 * Proves every offline gate can fail: each runs on a deliberately broken fixture project under
 * test-fixtures/ and must report each planted problem with its file, line and rule.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatIssue, sortIssues, type Issue } from '../lib/issues.js';
import { checkApexSemantics, parseApexLsReport } from '../verify/apex-ls.js';
import { convertSource } from '../verify/convert.js';
import { checkFormatting, firstDifferentLine } from '../verify/format.js';
import { findUnexplainedSuppressions, scanApex, toIssues } from '../verify/pmd.js';
import { checkReferences } from '../verify/references.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name: string): string => path.join(ROOT, 'test-fixtures', name);
const CLASSES = 'force-app/main/default/classes';

/** Issues as `relative/file:line [rule]` strings, sorted, for exact comparison. */
function located(root: string, issues: Issue[]): string[] {
  return sortIssues(issues).map((i) => `${path.relative(root, i.file)}:${i.line} [${i.rule}]`);
}

function expectIssue(
  root: string,
  issues: Issue[],
  file: string,
  line: number,
  rule: string,
  words: RegExp
): void {
  const match = issues.find(
    (i) => path.relative(root, i.file) === file && i.line === line && i.rule === rule
  );
  assert.ok(
    match,
    `expected ${rule} at ${file}:${line}, got:\n${located(root, issues).join('\n')}`
  );
  assert.match(match.message, words);
}

describe('apex-ls semantic check', () => {
  const root = fixture('broken-apex');
  const issues = checkApexSemantics(root);

  it('reports the unknown type with file, line and column', () => {
    expectIssue(
      root,
      issues,
      `${CLASSES}/BrokenService.cls`,
      10,
      'apex-ls/Missing',
      /MissingHelper/
    );
    const issue = issues.find((i) => i.rule === 'apex-ls/Missing');
    assert.equal(issue?.column, 25);
  });

  it('reports the syntax error and shortens the parser expectation list', () => {
    expectIssue(
      root,
      issues,
      `${CLASSES}/Unparsable.cls`,
      2,
      'apex-ls/Syntax',
      /mismatched input '\{' \(syntax error\)/
    );
  });

  it('reports nothing else', () => {
    assert.equal(issues.length, 2, located(root, issues).join('\n'));
  });

  it('parses an empty report and ignores log lines before the JSON', () => {
    assert.deepEqual(parseApexLsReport(''), []);
    const parsed = parseApexLsReport(
      'log line\n{ "files": [{ "path": "/p/A.cls", "messages": [{"start": {"line": 3, "offset": 4}, "end": {"line": 3, "offset": 5}, "category": "Error", "message": "boom"}]}]}'
    );
    assert.deepEqual(parsed, [
      { file: '/p/A.cls', line: 3, column: 5, rule: 'apex-ls/Error', message: 'boom' }
    ]);
  });
});

describe('PMD static rules', () => {
  const root = fixture('broken-apex');
  const issues = scanApex(root, path.join(ROOT, 'config', 'pmd-ruleset.xml'));

  it('reports SOQL in a loop', () => {
    expectIssue(
      root,
      issues,
      `${CLASSES}/BrokenService.cls`,
      20,
      'pmd/OperationWithLimitsInLoop',
      /loops/
    );
  });

  it('reports a suppression without a reason', () => {
    expectIssue(
      root,
      issues,
      `${CLASSES}/BrokenService.cls`,
      25,
      'pmd/UnexplainedSuppression',
      /why/
    );
  });

  it('reports a class that does not parse', () => {
    expectIssue(root, issues, `${CLASSES}/Unparsable.cls`, 2, 'pmd/ParseError', /does not parse/);
  });

  it('accepts a suppression or NOPMD marker that says why', () => {
    const explained =
      "// Generic entry point: the parameters mirror the REST contract.\n@SuppressWarnings('PMD.ExcessiveParameterList')\nInteger x = 1; // NOPMD reason: fixture";
    assert.deepEqual(findUnexplainedSuppressions('A.cls', explained), []);
    const bare = 'Integer x = 1; // NOPMD\n';
    assert.equal(findUnexplainedSuppressions('A.cls', bare)[0]?.rule, 'pmd/UnexplainedSuppression');
  });

  it('turns a processing error without a position into a line-1 issue', () => {
    const [issue] = toIssues({
      violations: [],
      processingErrors: [{ file: '/p/A.cls', message: 'IOException: gone\nstack' }]
    });
    assert.equal(issue.line, 1);
    assert.match(issue.message, /IOException: gone$/);
  });
});

describe('metadata reference check', () => {
  const root = fixture('broken-refs');
  const issues = checkReferences(root);
  const cls = `${CLASSES}/WidgetService.cls`;
  const LEAD_CONVERT =
    'force-app/main/default/LeadConvertSettings/LeadConvertSettings.LeadConvertSetting-meta.xml';
  const expected: Array<[string, number, string, RegExp]> = [
    [cls, 7, 'refs/UnknownField', /Colr__c on Widget__c/],
    [cls, 8, 'refs/UnknownField', /Credit_Notes__c on Account/],
    [cls, 9, 'refs/UnknownType', /Gadget__c/],
    [cls, 10, 'refs/UnknownRelationship', /Widgetz__r of Account/],
    [cls, 11, 'refs/UnknownField', /Size__c/],
    [cls, 12, 'refs/UnknownField', /Shape__c/],
    [cls, 13, 'refs/UnknownField', /Weight__c/],
    [cls, 14, 'refs/UnknownLabel', /Widget_Titel/],
    [cls, 15, 'refs/UnknownCustomPermission', /Widget_Admn/],
    [cls, 16, 'refs/UnknownField', /Owner\.Nmae.*no field Nmae on User/],
    [cls, 18, 'refs/UnknownNamedCredential', /ERP_APi/],
    [cls, 19, 'refs/UnknownMetadataRecord', /Sync_Config__mdt has no record Nope/],
    [
      'force-app/main/default/customMetadata/Sync_Config.Account_Key.md-meta.xml',
      7,
      'refs/UnknownObject',
      /Acount/
    ],
    [
      'force-app/main/default/customMetadata/Sync_Config.Widget_Colour.md-meta.xml',
      11,
      'refs/UnknownField',
      /Color__c/
    ],
    [
      'force-app/main/default/customMetadata/Sync_Config.Widget_Colour.md-meta.xml',
      15,
      'refs/NotExternalId',
      /not an External ID/
    ],
    [
      'force-app/main/default/customMetadata/Sync_Config.Widget_Colour.md-meta.xml',
      18,
      'refs/UnknownField',
      /no field Owner__c/
    ],
    [
      'force-app/main/default/customMetadata/Sync_Config.Widget_Colour.md-meta.xml',
      23,
      'refs/NotDateTime',
      /Serial__c is configured as modified_at_field__c but is not a Date\/Time field/
    ],
    [
      'force-app/main/default/PlatformEventSubscriberConfigs/Widget_Events.platformEventSubscriberConfig-meta.xml',
      3,
      'refs/InvalidBatchSize',
      /batchSize 5000 is not between 1 and 2000/
    ],
    [
      'force-app/main/default/PlatformEventSubscriberConfigs/Widget_Events.platformEventSubscriberConfig-meta.xml',
      5,
      'refs/UnknownTrigger',
      /unknown Apex trigger WidgetEventTriger/
    ],
    [
      'force-app/main/default/PlatformEventSubscriberConfigs/Widget_Records.platformEventSubscriberConfig-meta.xml',
      4,
      'refs/NotPlatformEventTrigger',
      /WidgetTrigger is on Widget__c, not on a platform event/
    ],
    [
      'force-app/main/default/flexipages/Widget_Console.flexipage-meta.xml',
      6,
      'refs/UnknownComponent',
      /unknown Lightning web component widgetConsol/
    ],
    [
      'force-app/main/default/flexipages/Widget_Console.flexipage-meta.xml',
      12,
      'refs/ComponentNotExposed',
      /widgetCard is not exposed to lightning__AppPage/
    ],
    [
      'force-app/main/default/tabs/Widget_Console.tab-meta.xml',
      3,
      'refs/UnknownFlexiPage',
      /unknown Lightning page Widget_Consle/
    ],
    [
      'force-app/main/default/lwc/widgetCard/widgetCard.js-meta.xml',
      11,
      'refs/UnknownObject',
      /Acount/
    ],
    [
      'force-app/main/default/lwc/widgetCard/widgetCard.ts',
      3,
      'refs/UnknownApexMethod',
      /listGadgets/
    ],
    ['force-app/main/default/lwc/widgetCard/widgetCard.ts', 5, 'refs/UnknownField', /Weight__c/],
    [
      'force-app/main/default/lwc/widgetCard/widgetCard.ts',
      7,
      'refs/UnknownLabel',
      /Widget_Subtitle/
    ],
    [
      'force-app/main/default/permissionsets/Widget_User.permissionset-meta.xml',
      9,
      'refs/UnknownApexClass',
      /WidgetServise/
    ],
    [
      'force-app/main/default/permissionsets/Widget_User.permissionset-meta.xml',
      14,
      'refs/UnknownCustomPermission',
      /Widget_Admn/
    ],
    [
      'force-app/main/default/permissionsets/Widget_User.permissionset-meta.xml',
      23,
      'refs/UnknownField',
      /Colr__c/
    ],
    [
      'force-app/main/default/permissionsets/Widget_User.permissionset-meta.xml',
      28,
      'refs/UngrantableField',
      /Serial__c.*required/
    ],
    [
      'force-app/main/default/permissionsets/Widget_User.permissionset-meta.xml',
      37,
      'refs/UnknownObject',
      /Gadget__c/
    ],
    [
      'force-app/main/default/platformEventChannelMembers/Widget_Changes_chn_AccountChangeEvent.platformEventChannelMember-meta.xml',
      7,
      'refs/UnknownField',
      /ERP_Acount_ID__c/
    ],
    [
      LEAD_CONVERT,
      12,
      'refs/UnknownField',
      /outputField Contact\.Departmnt: no field Departmnt on Contact/
    ],
    [
      LEAD_CONVERT,
      15,
      'refs/UnknownField',
      /inputField Lead\.Rating__c: no field Rating__c on Lead/
    ],
    [
      LEAD_CONVERT,
      24,
      'refs/MismatchedFieldType',
      /maps Lead\.Credit_Score__c \(Number\) to Account\.Credit_Note__c \(Text\)/
    ],
    [LEAD_CONVERT, 34, 'refs/UnknownObject', /outputObject names unknown object Oportunity/],
    [LEAD_CONVERT, 37, 'refs/InvalidMapping', /maps Lead fields, but inputObject is Contact/],
    [LEAD_CONVERT, 45, 'refs/UnknownObject', /inputObject names unknown object Leed/]
  ];
  for (const [file, line, rule, words] of expected) {
    it(`reports ${rule} at ${path.basename(file)}:${line}`, () =>
      expectIssue(root, issues, file, line, rule, words));
  }

  it('reports nothing on the lines whose references are valid, nor for names in comments', () => {
    const cleanLines = new Set([3, 4, 5, 6, 17, 20, 21]);
    const falsePositives = issues.filter(
      (i) => i.file.endsWith('WidgetService.cls') && cleanLines.has(i.line)
    );
    assert.deepEqual(falsePositives, []);
  });

  it('reports exactly the planted problems', () => {
    // Line 9 names the unknown type twice (declaration and constructor).
    assert.equal(issues.length, expected.length + 1, located(root, issues).join('\n'));
  });

  it('passes the real project', () => {
    assert.deepEqual(located(ROOT, checkReferences(ROOT)), []);
  });
});

describe('source-to-metadata conversion', () => {
  it('reports files that would silently not deploy, and writes the manifest', async () => {
    const root = fixture('broken-convert');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bridge-convert-'));
    try {
      const report = await convertSource(root, out);
      expectIssue(
        root,
        report.issues,
        `${CLASSES}/Orphan.cls`,
        1,
        'convert/Dropped',
        /would not deploy/
      );
      expectIssue(
        root,
        report.issues,
        'force-app/main/default/stray/notes.xml',
        1,
        'convert/Dropped',
        /would not deploy/
      );
      assert.equal(report.issues.length, 2);
      assert.deepEqual(report.componentsByType, { ApexClass: 1 });
      const manifest = fs.readFileSync(report.manifest, 'utf8');
      assert.match(manifest, /<members>BrokenService<\/members>/);
      assert.doesNotMatch(manifest, /Orphan/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('issue formatting', () => {
  it('prints project-relative file, line, column, rule and message', () => {
    const text = formatIssue('/p', {
      file: '/p/a/B.cls',
      line: 3,
      column: 7,
      rule: 'r',
      message: 'm'
    });
    assert.equal(text, 'a/B.cls:3:7: [r] m');
    assert.equal(
      formatIssue('/p', { file: 'x.xml', line: 1, rule: 'r', message: 'm' }),
      'x.xml:1: [r] m'
    );
  });
});

describe('formatting, lint and type gates', () => {
  const root = fixture('broken-ts');
  const file = 'src/badge.ts';

  it('prettier reports the file and the first line it would change', async () => {
    const issues = await checkFormatting(root, ['src'], '.prettierignore');
    expectIssue(root, issues, file, 3, 'format/Prettier', /npm run format/);
    assert.equal(issues.length, 1);
  });

  it('finds the first differing line', () => {
    assert.equal(firstDifferentLine('a\nb\nc', 'a\nB\nc'), 2);
    assert.equal(firstDifferentLine('a\n', 'a\n\n'), 3);
    assert.equal(firstDifferentLine('same', 'same'), 1);
  });

  it('tsc reports the type error with file, line and column', () => {
    const result = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsc'),
      ['-p', path.join(root, 'tsconfig.json')],
      {
        cwd: ROOT,
        encoding: 'utf8'
      }
    );
    assert.notEqual(result.status, 0);
    assert.match(
      result.stdout,
      /broken-ts\/src\/badge\.ts\(4,9\): error TS2322: Type 'string' is not assignable to type 'number'/
    );
  });

  it('eslint reports the unused variable with line and column', () => {
    const result = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'eslint'),
      ['--no-ignore', path.join(root, file)],
      { cwd: ROOT, encoding: 'utf8' }
    );
    assert.equal(result.status, 1);
    assert.match(
      result.stdout,
      /broken-ts\/src\/badge\.ts\n\s+5:9\s+error\s+'unused' is assigned a value but never used\s+@typescript-eslint\/no-unused-vars/
    );
  });
});
