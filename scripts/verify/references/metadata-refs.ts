import fs from 'node:fs';
import path from 'node:path';
import type { Issue } from '../../lib/issues.js';
import { lineAt } from '../../lib/issues.js';
import { resolveFieldPath } from './soql.js';
import { asArray, findField, readXml, type SchemaIndex } from './schema-index.js';

type Report = (needle: string, rule: string, message: string) => void;

/** Builds a reporter that places each issue on the line where `needle` next occurs in the file. */
function reporterFor(file: string, issues: Issue[]): Report {
  const text = fs.readFileSync(file, 'utf8');
  let cursor = 0;
  return (needle, rule, message) => {
    let offset = text.indexOf(needle, cursor);
    if (offset < 0) offset = text.indexOf(needle);
    else cursor = offset + needle.length;
    issues.push({
      file,
      line: offset < 0 ? 1 : lineAt(text, offset),
      rule: `refs/${rule}`,
      message
    });
  };
}

function hasAuraEnabledMethod(classText: string, method: string): boolean {
  const pattern = new RegExp(
    `@AuraEnabled\\b[^\\n]*\\n?(?:\\s*@\\w+[^\\n]*\\n)*\\s*(?:public|global)\\s+static\\s+[\\w<>,.\\s]+?\\s${method}\\s*\\(`,
    'i'
  );
  return pattern.test(classText);
}

/**
 * Checks a permission set: objects, fields (which must exist and may not be required or
 * master-detail fields, which a permission set cannot list), Apex classes, custom permissions,
 * custom metadata types, tabs and external-credential principals.
 */
export function checkPermissionSet(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const set = (readXml(file)?.PermissionSet ?? {}) as Record<string, unknown>;
  for (const permission of asArray(set.objectPermissions as Record<string, unknown>[])) {
    const object = String(permission.object);
    if (!index.objects.has(object.toLowerCase())) {
      report(`>${object}<`, 'UnknownObject', `objectPermissions names unknown object ${object}`);
    }
  }
  for (const permission of asArray(set.fieldPermissions as Record<string, unknown>[])) {
    const qualified = String(permission.field);
    const [object, field] = qualified.split('.');
    const needle = `>${qualified}<`;
    const problem = field
      ? resolveFieldPath(index, object, field)
      : `"${qualified}" is not Object.Field`;
    if (problem) {
      report(needle, 'UnknownField', `fieldPermissions names ${qualified}: ${problem}`);
      continue;
    }
    const known = findField(index, object, field);
    if (known?.required) {
      report(
        needle,
        'UngrantableField',
        `fieldPermissions cannot list ${qualified}: required and master-detail fields are always accessible and fail the deploy`
      );
    }
  }
  for (const access of asArray(set.classAccesses as Record<string, unknown>[])) {
    const name = String(access.apexClass);
    if (!index.classes.has(name.toLowerCase()))
      report(`>${name}<`, 'UnknownApexClass', `classAccesses names unknown Apex class ${name}`);
  }
  for (const permission of asArray(set.customPermissions as Record<string, unknown>[])) {
    const name = String(permission.name);
    if (!index.customPermissions.has(name.toLowerCase()))
      report(
        `>${name}<`,
        'UnknownCustomPermission',
        `customPermissions names unknown custom permission ${name}`
      );
  }
  for (const access of asArray(set.customMetadataTypeAccesses as Record<string, unknown>[])) {
    const name = String(access.name);
    if (!index.objects.has(name.toLowerCase()))
      report(`>${name}<`, 'UnknownObject', `customMetadataTypeAccesses names unknown type ${name}`);
  }
  for (const tab of asArray(set.tabSettings as Record<string, unknown>[])) {
    const name = String(tab.tab);
    if (!name.startsWith('standard-') && !index.tabs.has(name.toLowerCase()))
      report(`>${name}<`, 'UnknownTab', `tabSettings names unknown tab ${name}`);
  }
  for (const access of asArray(
    set.externalCredentialPrincipalAccesses as Record<string, unknown>[]
  )) {
    const name = String(access.externalCredentialPrincipal);
    const [credential, principal] = name.split('-');
    const principals = index.externalCredentials.get((credential ?? '').toLowerCase());
    if (!principals)
      report(
        `>${name}<`,
        'UnknownExternalCredential',
        `externalCredentialPrincipalAccesses names unknown external credential ${credential}`
      );
    else if (!principals.has((principal ?? '').toLowerCase()))
      report(
        `>${name}<`,
        'UnknownPrincipal',
        `external credential ${credential} has no principal ${principal}`
      );
  }
  return issues;
}

/** Registry settings that name a Date/Time field of the configured object. */
const TIMESTAMP_SETTINGS = new Set(['modified_at_field__c', 'synced_at_field__c']);

/**
 * Checks a custom metadata record: its type and fields exist, and — the kit's configuration
 * being metadata — values in `…Object_API_Name__c` fields name real objects and values in
 * `…Field_API_Name__c` / `External_ID_Field__c` / `Modified_At_Field__c` / `Synced_At_Field__c`
 * name real fields of the record's object (an external-ID setting must name an external-ID
 * field, a timestamp setting a Date/Time field).
 */
export function checkCustomMetadataRecord(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const typeName = `${path.basename(file).split('.')[0]}__mdt`;
  const type = index.objects.get(typeName.toLowerCase());
  if (!type) {
    report('<CustomMetadata', 'UnknownObject', `custom metadata type ${typeName} does not exist`);
    return issues;
  }
  const record = (readXml(file)?.CustomMetadata ?? {}) as Record<string, unknown>;
  const values = new Map<string, string>();
  for (const entry of asArray(record.values as Record<string, unknown>[])) {
    const field = String(entry.field);
    values.set(
      field.toLowerCase(),
      typeof entry.value === 'object' ? '' : String(entry.value ?? '')
    );
    if (!type.fields.has(field.toLowerCase()))
      report(`>${field}<`, 'UnknownField', `${typeName} has no field ${field}`);
  }
  const objectName = [...values.entries()].find(([field]) =>
    field.endsWith('object_api_name__c')
  )?.[1];
  if (objectName) {
    if (!index.objects.has(objectName.toLowerCase())) {
      report(
        `>${objectName}<`,
        'UnknownObject',
        `configuration names unknown object ${objectName}`
      );
      return issues;
    }
    for (const [field, value] of values) {
      if (
        !value ||
        !(
          field.endsWith('field_api_name__c') ||
          TIMESTAMP_SETTINGS.has(field) ||
          field === 'external_id_field__c'
        )
      )
        continue;
      const problem = resolveFieldPath(index, objectName, value);
      if (problem) {
        report(
          `>${value}<`,
          'UnknownField',
          `configuration names ${objectName}.${value}: ${problem}`
        );
      } else if (
        TIMESTAMP_SETTINGS.has(field) &&
        findField(index, objectName, value)?.type !== 'DateTime'
      ) {
        report(
          `>${value}<`,
          'NotDateTime',
          `${objectName}.${value} is configured as ${field} but is not a Date/Time field`
        );
      } else if (
        field === 'external_id_field__c' &&
        !findField(index, objectName, value)?.externalId
      ) {
        report(
          `>${value}<`,
          'NotExternalId',
          `${objectName}.${value} is configured as the sync key but is not an External ID field`
        );
      }
    }
  }
  return issues;
}

/** Checks a CDC channel member: the channel, the change event entity and the enriched fields. */
export function checkChannelMember(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const member = (readXml(file)?.PlatformEventChannelMember ?? {}) as Record<string, unknown>;
  const channel = String(member.eventChannel ?? '');
  if (!index.channels.has(channel.toLowerCase()))
    report(`>${channel}<`, 'UnknownChannel', `event channel ${channel} does not exist`);
  const entity = String(member.selectedEntity ?? '');
  const base = entity.replace(/__ChangeEvent$/, '__c').replace(/ChangeEvent$/, '');
  if (!index.objects.has(entity.toLowerCase())) {
    report(`>${entity}<`, 'UnknownObject', `${entity} is not a change event of a known object`);
    return issues;
  }
  for (const enriched of asArray(member.enrichedFields as Record<string, unknown>[])) {
    const name = String(enriched.name);
    const problem = resolveFieldPath(index, base, name);
    if (problem) report(`>${name}<`, 'UnknownField', `enriched field ${name}: ${problem}`);
  }
  return issues;
}

/**
 * Checks the lead conversion field mapping (`LeadConvertSettings`): each `objectMapping` maps from
 * Lead to an object that exists, each `inputField` exists on Lead and each `outputField` on the
 * output object, and two mapped fields whose types the index knows (custom fields) have the same
 * type — conversion fails, or the mapping cannot be saved, otherwise.
 */
export function checkLeadConvertSettings(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const settings = (readXml(file)?.LeadConvertSettings ?? {}) as Record<string, unknown>;
  for (const mapping of asArray(settings.objectMapping as Record<string, unknown>[])) {
    const input = String(mapping.inputObject ?? '');
    const output = String(mapping.outputObject ?? '');
    const inputKnown = index.objects.has(input.toLowerCase());
    const outputKnown = index.objects.has(output.toLowerCase());
    // Issues are reported in document order: inputObject, the fields, then outputObject.
    if (!inputKnown) {
      report(
        `<inputObject>${input}</inputObject>`,
        'UnknownObject',
        `objectMapping inputObject names unknown object ${input}`
      );
    } else if (input.toLowerCase() !== 'lead') {
      report(
        `<inputObject>${input}</inputObject>`,
        'InvalidMapping',
        `lead conversion maps Lead fields, but inputObject is ${input}`
      );
    }
    for (const pair of asArray(mapping.mappingFields as Record<string, unknown>[])) {
      const inputField = String(pair.inputField ?? '');
      const outputField = String(pair.outputField ?? '');
      const inputProblem = inputKnown ? resolveFieldPath(index, input, inputField) : undefined;
      if (inputProblem) {
        report(
          `<inputField>${inputField}</inputField>`,
          'UnknownField',
          `mappingFields inputField ${input}.${inputField}: ${inputProblem}`
        );
      }
      const outputProblem = outputKnown ? resolveFieldPath(index, output, outputField) : undefined;
      if (outputProblem) {
        report(
          `<outputField>${outputField}</outputField>`,
          'UnknownField',
          `mappingFields outputField ${output}.${outputField}: ${outputProblem}`
        );
      }
      if (!inputKnown || !outputKnown || inputProblem || outputProblem) continue;
      const from = findField(index, input, inputField)?.type;
      const to = findField(index, output, outputField)?.type;
      if (from && to && from !== 'Standard' && to !== 'Standard' && from !== to) {
        report(
          `<outputField>${outputField}</outputField>`,
          'MismatchedFieldType',
          `mappingFields maps ${input}.${inputField} (${from}) to ${output}.${outputField} (${to}); mapped fields must have the same type`
        );
      }
    }
    if (!outputKnown) {
      report(
        `<outputObject>${output}</outputObject>`,
        'UnknownObject',
        `objectMapping outputObject names unknown object ${output}`
      );
    }
  }
  return issues;
}

/** Checks that a named credential's external credential exists. */
export function checkNamedCredential(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const credential = (readXml(file)?.NamedCredential ?? {}) as Record<string, unknown>;
  for (const parameter of asArray(
    credential.namedCredentialParameters as Record<string, unknown>[]
  )) {
    if (parameter.externalCredential === undefined) continue;
    const name = String(parameter.externalCredential);
    if (!index.externalCredentials.has(name.toLowerCase()))
      report(
        `>${name}<`,
        'UnknownExternalCredential',
        `external credential ${name} does not exist`
      );
  }
  return issues;
}

/** Checks the objects a Lightning component's -meta.xml exposes it on. */
export function checkComponentMeta(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/<object>\s*([^<\s]+)\s*<\/object>/g)) {
    if (!index.objects.has(m[1].toLowerCase()))
      report(m[0], 'UnknownObject', `component is exposed on unknown object ${m[1]}`);
  }
  return issues;
}

/**
 * Checks the `@salesforce/*` imports of a Lightning web component source file: Apex methods
 * (the class exists and the method is `@AuraEnabled`), schema fields, labels, custom permissions
 * and static resources.
 */
export function checkComponentSource(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const text = fs.readFileSync(file, 'utf8');
  const report = (offset: number, rule: string, message: string): void => {
    issues.push({ file, line: lineAt(text, offset), rule: `refs/${rule}`, message });
  };
  for (const m of text.matchAll(
    /['"]@salesforce\/(apex|schema|label|customPermission|resourceUrl)\/([^'"]+)['"]/g
  )) {
    const [, kind, target] = m;
    const offset = m.index ?? 0;
    if (kind === 'apex') {
      const [className, method] = target.split('.');
      const apexClass = index.classes.get(className.toLowerCase());
      if (!apexClass) report(offset, 'UnknownApexClass', `imports unknown Apex class ${className}`);
      else if (!method || !hasAuraEnabledMethod(apexClass.text, method)) {
        report(
          offset,
          'UnknownApexMethod',
          `${className}.${method} is not a public static @AuraEnabled method`
        );
      }
    } else if (kind === 'schema') {
      const [object, ...fieldPath] = target.split('.');
      if (!index.objects.has(object.toLowerCase()))
        report(offset, 'UnknownObject', `imports unknown object ${object}`);
      else if (fieldPath.length > 0) {
        const problem = resolveFieldPath(index, object, fieldPath.join('.'));
        if (problem) report(offset, 'UnknownField', `imports ${target}: ${problem}`);
      }
    } else if (kind === 'label') {
      const name = target.replace(/^c\./, '');
      if (!index.labels.has(name.toLowerCase()))
        report(offset, 'UnknownLabel', `imports unknown custom label ${name}`);
    } else if (kind === 'customPermission') {
      if (!index.customPermissions.has(target.toLowerCase()))
        report(offset, 'UnknownCustomPermission', `imports unknown custom permission ${target}`);
    } else if (!index.staticResources.has(target.toLowerCase())) {
      report(offset, 'UnknownStaticResource', `imports unknown static resource ${target}`);
    }
  }
  return issues;
}

/**
 * Checks a platform-event subscriber configuration: its `platformEventConsumer` must be an Apex
 * trigger of the project on a platform event (`…__e`) — the deploy fails otherwise — and its
 * `batchSize`, when set, must be between 1 and 2,000.
 */
export function checkSubscriberConfig(
  index: SchemaIndex,
  file: string,
  triggers: string[]
): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const config = (readXml(file)?.PlatformEventSubscriberConfig ?? {}) as Record<string, unknown>;
  const consumer = String(config.platformEventConsumer ?? '');
  const trigger = triggers.find(
    (t) => path.basename(t, '.trigger').toLowerCase() === consumer.toLowerCase()
  );
  if (!trigger) {
    report(
      `>${consumer}<`,
      'UnknownTrigger',
      `platformEventConsumer names unknown Apex trigger ${consumer}`
    );
  } else {
    const target =
      /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(fs.readFileSync(trigger, 'utf8'))?.[1] ?? '';
    if (!target.toLowerCase().endsWith('__e') || !index.objects.has(target.toLowerCase()))
      report(
        `>${consumer}<`,
        'NotPlatformEventTrigger',
        `trigger ${consumer} is on ${target || 'nothing'}, not on a platform event of this project`
      );
  }
  if (config.batchSize !== undefined) {
    const size = Number(config.batchSize);
    if (!Number.isInteger(size) || size < 1 || size > 2000)
      report(
        '<batchSize>',
        'InvalidBatchSize',
        `batchSize ${String(config.batchSize)} is not between 1 and 2000`
      );
  }
  return issues;
}

/** The component target a Lightning page of each type needs. */
const PAGE_TARGETS: Readonly<Record<string, string>> = {
  AppPage: 'lightning__AppPage',
  HomePage: 'lightning__HomePage',
  RecordPage: 'lightning__RecordPage',
  CommAppPage: 'lightningCommunity__Page',
  CommRecordPage: 'lightningCommunity__Page'
};

/**
 * Checks a Lightning page: every component of the default namespace (`name` or `c:name`) is a
 * Lightning web component of the project, exposed (`isExposed`) to the page's type. Components of
 * other namespaces (`flexipage:`, `force:`, …) are the platform's and not checked.
 */
export function checkFlexiPage(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const text = fs.readFileSync(file, 'utf8');
  const pageType = /<type>\s*(\w+)\s*<\/type>\s*<\/FlexiPage>/.exec(text)?.[1] ?? '';
  const target = PAGE_TARGETS[pageType];
  for (const m of text.matchAll(/<componentName>\s*([^<\s]+)\s*<\/componentName>/g)) {
    const [namespace, name] = m[1].includes(':') ? m[1].split(':') : ['c', m[1]];
    if (namespace !== 'c') continue;
    const targets = index.components.get(name.toLowerCase());
    if (!targets) {
      report(m[0], 'UnknownComponent', `page places unknown Lightning web component ${name}`);
    } else if (target !== undefined && !targets.has(target)) {
      report(
        m[0],
        'ComponentNotExposed',
        `component ${name} is not exposed to ${target}, which a ${pageType} needs`
      );
    }
  }
  return issues;
}

/** Checks a custom tab: the Lightning page or web component it opens exists. */
export function checkTab(index: SchemaIndex, file: string): Issue[] {
  const issues: Issue[] = [];
  const report = reporterFor(file, issues);
  const tab = (readXml(file)?.CustomTab ?? {}) as Record<string, unknown>;
  if (tab.flexiPage !== undefined && !index.flexiPages.has(String(tab.flexiPage).toLowerCase())) {
    report(
      `>${String(tab.flexiPage)}<`,
      'UnknownFlexiPage',
      `tab opens unknown Lightning page ${String(tab.flexiPage)}`
    );
  }
  if (
    tab.lwcComponent !== undefined &&
    !index.components.has(String(tab.lwcComponent).toLowerCase())
  ) {
    report(
      `>${String(tab.lwcComponent)}<`,
      'UnknownComponent',
      `tab opens unknown Lightning web component ${String(tab.lwcComponent)}`
    );
  }
  return issues;
}
