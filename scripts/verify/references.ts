import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../lib/issues.js';
import { listFiles, readSfdxProject } from '../lib/project.js';
import { checkApexReferences } from './references/apex.js';
import {
  checkChannelMember,
  checkComponentMeta,
  checkComponentSource,
  checkCustomMetadataRecord,
  checkFlexiPage,
  checkLeadConvertSettings,
  checkSubscriberConfig,
  checkNamedCredential,
  checkPermissionSet,
  checkTab
} from './references/metadata-refs.js';
import { buildSchemaIndex } from './references/schema-index.js';

const DEFAULT_STANDARD_SCHEMA = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'config',
  'standard-schema.json'
);

/**
 * The metadata reference check: every custom field, object, platform event, custom metadata
 * type and record, custom permission, custom label, static resource, named credential and Apex
 * class referenced from Apex (SOQL included), from LWC imports and component metadata, from
 * permission sets, from the kit's configuration records, from CDC channel members and from the
 * lead conversion field mapping (`LeadConvertSettings`) resolves to metadata in the project or to
 * standard schema declared in `config/standard-schema.json`.
 *
 * @param root - folder holding sfdx-project.json
 * @param standardSchemaFile - the standard schema declaration (defaults to the project's own,
 *   falling back to this repository's)
 */
export function checkReferences(root: string, standardSchemaFile?: string): Issue[] {
  const project = readSfdxProject(root);
  const ownSchema = path.join(project.root, 'config', 'standard-schema.json');
  const schemaFile =
    standardSchemaFile ?? (fs.existsSync(ownSchema) ? ownSchema : DEFAULT_STANDARD_SCHEMA);
  const index = buildSchemaIndex(root, schemaFile);
  const issues: Issue[] = [];
  for (const dir of project.packageDirs) {
    for (const file of listFiles(dir, (n) => n.endsWith('.cls') || n.endsWith('.trigger'))) {
      issues.push(...checkApexReferences(index, file, fs.readFileSync(file, 'utf8')));
    }
    const checks: Array<[string, (file: string) => Issue[]]> = [
      ['.permissionset-meta.xml', (f) => checkPermissionSet(index, f)],
      ['.md-meta.xml', (f) => checkCustomMetadataRecord(index, f)],
      ['.platformEventChannelMember-meta.xml', (f) => checkChannelMember(index, f)],
      ['.namedCredential-meta.xml', (f) => checkNamedCredential(index, f)],
      ['.LeadConvertSetting-meta.xml', (f) => checkLeadConvertSettings(index, f)],
      [
        '.platformEventSubscriberConfig-meta.xml',
        (f) =>
          checkSubscriberConfig(
            index,
            f,
            listFiles(dir, (n) => n.endsWith('.trigger'))
          )
      ],
      ['.js-meta.xml', (f) => checkComponentMeta(index, f)],
      ['.flexipage-meta.xml', (f) => checkFlexiPage(index, f)],
      ['.tab-meta.xml', (f) => checkTab(index, f)]
    ];
    for (const [suffix, check] of checks) {
      for (const file of listFiles(dir, (n) => n.endsWith(suffix))) issues.push(...check(file));
    }
    // The .js of a TypeScript component is tsc's output: check its .ts source instead.
    const lwcSources = listFiles(
      dir,
      (n) => /\.(ts|js|html)$/.test(n) && !n.endsWith('.d.ts')
    ).filter(
      (file) =>
        file.split(path.sep).includes('lwc') &&
        !(file.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts')))
    );
    for (const file of lwcSources) issues.push(...checkComponentSource(index, file));
  }
  return issues;
}
