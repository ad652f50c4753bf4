/**
 * Offline metadata gate: what a deploy would reject, found without an org.
 *
 * Salesforce's own conversion (source-deploy-retrieve) validates almost nothing — it "repairs"
 * malformed XML, passes a field with an invalid type or no label, and silently drops a class
 * without its `-meta.xml`. This gate reads every `-meta.xml`, `.cls`, `.trigger` and LWC bundle in
 * the project's package directories and reports, each with file and line:
 *
 * - XML that is not well-formed (`MalformedXml`, with the validator's line and column);
 * - a suffix no metadata type uses (`UnknownMetadataSuffix`), a root element that does not match
 *   the suffix (`WrongRootElement`) or lacks the Metadata API namespace (`WrongNamespace`);
 * - an `<apiVersion>` newer than `sourceApiVersion` (`ApiVersionTooNew`);
 * - per-type required elements and valid values (see `metadata-rules/`);
 * - Apex sources without `-meta.xml` (`MissingMetaFile`) and the reverse (`MissingSourceFile`);
 * - LWC folders without configuration file or module (`IncompleteBundle`).
 *
 * References between components (a field named in a permission set exists, …) are another gate's
 * job.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { sortIssues, type Issue } from '../lib/issues.js';
import { listProjectFiles, readSfdxProject, type SfdxProject } from '../lib/project.js';
import { checkApexMeta, checkApexSourcesHaveMeta } from './metadata-rules/apex.js';
import {
  METADATA_NAMESPACE,
  Rule,
  report,
  type MetadataRule,
  type RuleContext
} from './metadata-rules/context.js';
import { checkCustomField } from './metadata-rules/custom-field.js';
import { checkCustomLabels } from './metadata-rules/custom-labels.js';
import { checkCustomMetadataRecord } from './metadata-rules/custom-metadata.js';
import { checkCustomObjectFile } from './metadata-rules/custom-object.js';
import { checkExternalCredential, checkNamedCredential } from './metadata-rules/credentials.js';
import { checkLwcBundle, checkLwcMeta, findLwcBundles } from './metadata-rules/lwc.js';
import { checkPermissionSet } from './metadata-rules/permission-set.js';
import { resolveMetadataKind } from './metadata-rules/registry.js';
import {
  checkCustomPermission,
  checkPlatformEventChannel,
  checkPlatformEventChannelMember,
  checkStaticResource
} from './metadata-rules/simple-types.js';
import { descendants, parseXml } from './metadata-rules/xml.js';

export { Rule } from './metadata-rules/context.js';

/** The per-type rule and the word used for the component in messages, by metadata type. */
const TYPE_RULES: Readonly<Record<string, { noun: string; rule: MetadataRule }>> = {
  ApexClass: { noun: 'class', rule: checkApexMeta },
  ApexTrigger: { noun: 'trigger', rule: checkApexMeta },
  CustomField: { noun: 'field', rule: checkCustomField },
  CustomLabels: { noun: 'labels', rule: checkCustomLabels },
  CustomMetadata: { noun: 'custom metadata record', rule: checkCustomMetadataRecord },
  CustomObject: { noun: 'object', rule: checkCustomObjectFile },
  CustomPermission: { noun: 'custom permission', rule: checkCustomPermission },
  ExternalCredential: { noun: 'external credential', rule: checkExternalCredential },
  LightningComponentBundle: { noun: 'LWC bundle', rule: checkLwcMeta },
  NamedCredential: { noun: 'named credential', rule: checkNamedCredential },
  PermissionSet: { noun: 'permission set', rule: checkPermissionSet },
  PlatformEventChannel: { noun: 'platform event channel', rule: checkPlatformEventChannel },
  PlatformEventChannelMember: {
    noun: 'platform event channel member',
    rule: checkPlatformEventChannelMember
  },
  StaticResource: { noun: 'static resource', rule: checkStaticResource }
};

/** Reports `<apiVersion>` elements (anywhere in the file) that are malformed or too new. */
function checkApiVersions(context: RuleContext): void {
  const newest = Number.parseFloat(context.project.sourceApiVersion);
  for (const element of descendants(context.root).filter((node) => node.name === 'apiVersion')) {
    if (!/^\d+\.\d+$/.test(element.text)) {
      report(
        context,
        element,
        Rule.InvalidValue,
        `<apiVersion> "${element.text}" is not a version like 65.0`
      );
    } else if (Number.isFinite(newest) && Number.parseFloat(element.text) > newest) {
      report(
        context,
        element,
        Rule.ApiVersionTooNew,
        `<apiVersion> ${element.text} is newer than sourceApiVersion ${context.project.sourceApiVersion} in sfdx-project.json`
      );
    }
  }
}

/**
 * Checks one `-meta.xml` file: suffix, well-formedness, root element and namespace, API versions,
 * then the rules of its metadata type.
 *
 * @param file - absolute path of the file
 * @param project - the project it belongs to
 * @param relative - turns an absolute path into the project-relative path issues carry
 * @returns the issues found in this file
 */
export function checkMetadataFile(
  file: string,
  project: SfdxProject,
  relative: (file: string) => string
): Issue[] {
  const issues: Issue[] = [];
  const relativePath = relative(file);
  const kind = resolveMetadataKind(file);
  if (!kind) {
    issues.push({
      file: relativePath,
      line: 1,
      rule: Rule.UnknownMetadataSuffix,
      message: `${path.basename(file)}: no metadata type uses this -meta.xml suffix; source-deploy-retrieve cannot deploy it`
    });
  }
  const parsed = parseXml(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    issues.push({
      file: relativePath,
      line: parsed.line,
      ...(parsed.column ? { column: parsed.column } : {}),
      rule: Rule.MalformedXml,
      message: `${path.basename(file)} is not well-formed XML: ${parsed.message}`
    });
    return issues;
  }
  if (!kind) return issues;
  const entry = TYPE_RULES[kind.typeName];
  const context: RuleContext = {
    file: relativePath,
    absolutePath: file,
    root: parsed.root,
    project,
    componentName: kind.componentName,
    subject: `${entry?.noun ?? kind.typeName} ${kind.componentName}`,
    issues
  };
  if (parsed.root.name !== kind.rootElement) {
    report(
      context,
      parsed.root,
      Rule.WrongRootElement,
      `root element <${parsed.root.name}> should be <${kind.rootElement}> for a .${kind.suffix}-meta.xml file`
    );
    return issues;
  }
  if (parsed.root.attributes.xmlns !== METADATA_NAMESPACE) {
    report(
      context,
      parsed.root,
      Rule.WrongNamespace,
      `<${parsed.root.name}> must declare xmlns="${METADATA_NAMESPACE}"`
    );
  }
  checkApiVersions(context);
  entry?.rule(context);
  return issues;
}

/**
 * Runs the metadata gate over a project.
 *
 * @param root - folder holding sfdx-project.json
 * @returns every issue, with project-relative `/`-separated paths, sorted by file and line
 * @throws Error when sfdx-project.json is missing or unreadable
 */
export function checkMetadata(root: string): Issue[] {
  const project = readSfdxProject(root);
  const relative = (file: string): string =>
    path.relative(project.root, file).split(path.sep).join('/');
  const metaFiles = listProjectFiles(project, '-meta.xml');
  const apexSources = listProjectFiles(project, '.cls', '.trigger');
  const bundles = project.packageDirs.flatMap(findLwcBundles);
  return sortIssues([
    ...metaFiles.flatMap((file) => checkMetadataFile(file, project, relative)),
    ...checkApexSourcesHaveMeta(apexSources, relative),
    ...bundles.flatMap((bundle) => checkLwcBundle(bundle, relative))
  ]);
}
