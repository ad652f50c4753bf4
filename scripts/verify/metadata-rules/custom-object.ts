/**
 * Rules for `CustomObject` (`objects/<Object>/<Object>.object-meta.xml`): custom objects (`__c`),
 * custom settings (`__c` with `<customSettingsType>`), platform events (`__e`) and custom metadata
 * types (`__mdt`). Standard objects and other kinds get only the generic checks.
 *
 * Sources: Metadata API Developer Guide, "CustomObject" (SharingModel, DeploymentStatus, nameField);
 * Platform Events Developer Guide, "Migrate Platform Event Definitions with Metadata API" (eventType
 * — only HighVolume is supported, StandardVolume is deprecated — and publishBehavior).
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Rule,
  enumChild,
  report,
  requireChild,
  requireChildren,
  type RuleContext
} from './context.js';
import { child, childText, parseXml } from './xml.js';

const DEPLOYMENT_STATUSES = ['Deployed', 'InDevelopment'];
const SHARING_MODELS = [
  'Private',
  'Read',
  'ReadSelect',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent',
  'ControlledByLeadOrContact',
  'ControlledByCampaign'
];
const NAME_FIELD_TYPES = ['Text', 'AutoNumber'];
const EVENT_TYPES = ['HighVolume'];
const PUBLISH_BEHAVIORS = ['PublishAfterCommit', 'PublishImmediately'];
const VISIBILITIES = ['Public', 'Protected', 'PackageProtected'];
const CUSTOM_SETTINGS_TYPES = ['Hierarchy', 'List'];

/** `true` when a field file of the object (in `fields/` beside it) is a master-detail field. */
function hasMasterDetailField(objectFile: string): boolean {
  const fieldsDir = path.join(path.dirname(objectFile), 'fields');
  let names: string[];
  try {
    names = fs.readdirSync(fieldsDir).filter((name) => name.endsWith('.field-meta.xml'));
  } catch {
    return false;
  }
  return names.some((name) => {
    const parsed = parseXml(fs.readFileSync(path.join(fieldsDir, name), 'utf8'));
    return parsed.ok && childText(parsed.root, 'type') === 'MasterDetail';
  });
}

function checkNameField(context: RuleContext): void {
  const nameField = requireChild(context, context.root, 'nameField');
  if (!nameField) return;
  requireChild(context, nameField, 'label', '<nameField>');
  const type = enumChild(context, nameField, 'type', NAME_FIELD_TYPES, true, '<nameField>');
  if (type === 'AutoNumber') requireChild(context, nameField, 'displayFormat', '<nameField>');
}

function checkSharingModel(context: RuleContext): void {
  const sharingModel = enumChild(context, context.root, 'sharingModel', SHARING_MODELS, true);
  if (!sharingModel) return;
  const element = child(context.root, 'sharingModel');
  const masterDetail = hasMasterDetailField(context.absolutePath);
  if (element && sharingModel === 'ControlledByParent' && !masterDetail) {
    report(
      context,
      element,
      Rule.InvalidValue,
      '<sharingModel> ControlledByParent needs a MasterDetail field on the object'
    );
  } else if (element && sharingModel !== 'ControlledByParent' && masterDetail) {
    report(
      context,
      element,
      Rule.InvalidValue,
      `<sharingModel> ${sharingModel} is not allowed: an object with a MasterDetail field must use ControlledByParent`
    );
  }
}

function checkCustomObject(context: RuleContext): void {
  const root = context.root;
  if (child(root, 'customSettingsType')) {
    requireChild(context, root, 'label');
    enumChild(context, root, 'customSettingsType', CUSTOM_SETTINGS_TYPES, true);
    enumChild(context, root, 'visibility', VISIBILITIES, false);
    return;
  }
  requireChildren(context, root, ['label', 'pluralLabel']);
  checkNameField(context);
  enumChild(context, root, 'deploymentStatus', DEPLOYMENT_STATUSES, true);
  checkSharingModel(context);
}

function checkPlatformEvent(context: RuleContext): void {
  const root = context.root;
  requireChildren(context, root, ['label', 'pluralLabel']);
  const eventType = requireChild(context, root, 'eventType');
  if (eventType && !EVENT_TYPES.includes(eventType.text)) {
    report(
      context,
      eventType,
      Rule.InvalidValue,
      `<eventType> "${eventType.text}" is not supported: only HighVolume (StandardVolume is deprecated)`
    );
  }
  enumChild(context, root, 'publishBehavior', PUBLISH_BEHAVIORS, true);
  enumChild(context, root, 'deploymentStatus', DEPLOYMENT_STATUSES, true);
}

function checkCustomMetadataType(context: RuleContext): void {
  requireChildren(context, context.root, ['label', 'pluralLabel']);
  enumChild(context, context.root, 'visibility', VISIBILITIES, true);
}

/**
 * Checks one `CustomObject` by kind: `__c` needs label, pluralLabel, nameField (Text or
 * AutoNumber with displayFormat), deploymentStatus and sharingModel (ControlledByParent exactly
 * when a MasterDetail field exists); custom settings need label and customSettingsType; `__e`
 * needs label, pluralLabel, eventType, publishBehavior and deploymentStatus; `__mdt` needs label,
 * pluralLabel and visibility.
 */
export function checkCustomObjectFile(context: RuleContext): void {
  const name = context.componentName;
  if (name.endsWith('__c')) checkCustomObject(context);
  else if (name.endsWith('__e')) checkPlatformEvent(context);
  else if (name.endsWith('__mdt')) checkCustomMetadataType(context);
}
