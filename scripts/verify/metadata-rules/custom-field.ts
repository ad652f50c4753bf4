/**
 * Rules for `CustomField` (`objects/<Object>/fields/<Field>.field-meta.xml`).
 *
 * Sources: Metadata API Developer Guide, "CustomField" and "Metadata Field Types" (FieldType
 * values); Platform Events Developer Guide, "Platform Event Fields" (the six field types events
 * support); Salesforce Help, "Custom Metadata Type Fields" (the supported field types and field
 * manageability).
 *
 * @module
 */
import path from 'node:path';
import {
  Rule,
  booleanChild,
  developerNameProblem,
  enumChild,
  integerChild,
  report,
  requireChild,
  requireChildren,
  type RuleContext
} from './context.js';
import { child, childText, childrenNamed, type XmlElement } from './xml.js';

/** Every `<type>` value the Metadata API accepts for a field (FieldType enumeration). */
export const FIELD_TYPES: readonly string[] = [
  'Address',
  'AutoNumber',
  'Checkbox',
  'Currency',
  'CustomDataType',
  'Date',
  'DateTime',
  'Email',
  'EncryptedText',
  'ExternalLookup',
  'File',
  'Hierarchy',
  'Html',
  'IndirectLookup',
  'Location',
  'LongTextArea',
  'Lookup',
  'MasterDetail',
  'MetadataRelationship',
  'MultiselectPicklist',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Summary',
  'Text',
  'TextArea',
  'Time',
  'Url'
];

/** Field types a platform event (`__e`) supports. */
export const PLATFORM_EVENT_FIELD_TYPES: readonly string[] = [
  'Checkbox',
  'Date',
  'DateTime',
  'LongTextArea',
  'Number',
  'Text'
];

/** Field types a custom metadata type (`__mdt`) supports. */
export const CUSTOM_METADATA_FIELD_TYPES: readonly string[] = [
  'Checkbox',
  'Date',
  'DateTime',
  'Email',
  'LongTextArea',
  'MetadataRelationship',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Text',
  'TextArea',
  'Url'
];

/** Types that may be an external ID. */
const EXTERNAL_ID_TYPES = ['Text', 'Number', 'Email', 'AutoNumber'];
/** Types that may be unique. */
const UNIQUE_TYPES = ['Text', 'Number', 'Email'];
/** Return types a formula field may have. */
const FORMULA_TYPES = [
  'Checkbox',
  'Currency',
  'Date',
  'DateTime',
  'Number',
  'Percent',
  'Text',
  'Time'
];
const FIELD_MANAGEABILITY = ['DeveloperControlled', 'SubscriberControlled', 'Locked'];
const DELETE_CONSTRAINTS = ['Cascade', 'Restrict', 'SetNull'];
const SUMMARY_OPERATIONS = ['count', 'max', 'min', 'sum'];

/**
 * Checks an integer child against a range.
 *
 * @param required - report `MissingElement` when absent
 */
function checkRange(
  context: RuleContext,
  field: XmlElement,
  name: string,
  min: number,
  max: number,
  required: boolean
): number | undefined {
  if (required && !requireChild(context, field, name)) return undefined;
  const value = integerChild(context, field, name);
  if (value === undefined) return undefined;
  if (value < min || value > max) {
    const element = child(field, name) as XmlElement;
    report(context, element, Rule.InvalidValue, `<${name}> ${value} is out of range ${min}-${max}`);
    return undefined;
  }
  return value;
}

function checkTextTypes(context: RuleContext, field: XmlElement, type: string): void {
  if (type === 'Text') checkRange(context, field, 'length', 1, 255, true);
  if (type === 'EncryptedText') checkRange(context, field, 'length', 1, 175, true);
  if (type === 'TextArea') {
    const length = child(field, 'length');
    if (length) {
      report(context, length, Rule.InvalidValue, '<length> is not allowed on a TextArea field');
    }
  }
  if (type === 'LongTextArea' || type === 'Html') {
    checkRange(context, field, 'length', 256, 131072, true);
    checkRange(context, field, 'visibleLines', 1, 1000, true);
  }
}

function checkNumberTypes(context: RuleContext, field: XmlElement): void {
  const precision = checkRange(context, field, 'precision', 1, 18, true);
  if (!requireChild(context, field, 'scale')) return;
  const scale = integerChild(context, field, 'scale');
  if (scale === undefined) return;
  const scaleElement = child(field, 'scale') as XmlElement;
  if (scale < 0) {
    report(context, scaleElement, Rule.InvalidValue, `<scale> ${scale} must not be negative`);
  } else if (precision !== undefined && scale > precision) {
    report(
      context,
      scaleElement,
      Rule.InvalidValue,
      `<scale> ${scale} is greater than <precision> ${precision}`
    );
  }
}

function checkPicklist(context: RuleContext, field: XmlElement): void {
  const valueSet = child(field, 'valueSet');
  if (!valueSet) {
    report(
      context,
      field,
      Rule.MissingElement,
      '<valueSet> is required on a picklist (values in <valueSetDefinition> or a <valueSetName>)'
    );
    return;
  }
  if (childText(valueSet, 'valueSetName')) return;
  const definition = child(valueSet, 'valueSetDefinition');
  const values = definition ? childrenNamed(definition, 'value') : [];
  if (values.length === 0) {
    report(
      context,
      definition ?? valueSet,
      Rule.MissingElement,
      'the picklist has no values: <valueSetDefinition> needs at least one <value>, or use <valueSetName>'
    );
    return;
  }
  const seen = new Set<string>();
  for (const value of values) {
    const name = requireChild(context, value, 'fullName', '<value>')?.text;
    if (name === undefined) continue;
    if (seen.has(name)) {
      report(context, value, Rule.DuplicateName, `picklist value "${name}" appears more than once`);
    }
    seen.add(name);
  }
}

function checkRelationship(context: RuleContext, field: XmlElement, type: string): void {
  requireChildren(context, field, ['referenceTo', 'relationshipName', 'relationshipLabel']);
  const relationshipName = child(field, 'relationshipName');
  const problem = relationshipName?.text
    ? developerNameProblem(relationshipName.text, 255)
    : undefined;
  if (relationshipName && problem) {
    report(
      context,
      relationshipName,
      Rule.InvalidName,
      `<relationshipName> "${relationshipName.text}" ${problem}`
    );
  }
  if (type === 'Lookup') enumChild(context, field, 'deleteConstraint', DELETE_CONSTRAINTS, false);
}

function checkTypeSpecific(context: RuleContext, field: XmlElement, type: string): void {
  const isFormula = Boolean(childText(field, 'formula'));
  if (isFormula) {
    if (!FORMULA_TYPES.includes(type)) {
      report(
        context,
        child(field, 'type') as XmlElement,
        Rule.InvalidValue,
        `a formula field cannot be of type ${type} (allowed: ${FORMULA_TYPES.join(', ')})`
      );
    }
    if (['Number', 'Currency', 'Percent'].includes(type)) checkNumberTypes(context, field);
    return;
  }
  checkTextTypes(context, field, type);
  switch (type) {
    case 'Number':
    case 'Currency':
    case 'Percent':
      checkNumberTypes(context, field);
      break;
    case 'Picklist':
    case 'MultiselectPicklist':
      checkPicklist(context, field);
      break;
    case 'Lookup':
    case 'MasterDetail':
      checkRelationship(context, field, type);
      break;
    case 'MetadataRelationship':
      requireChild(context, field, 'referenceTo');
      break;
    case 'Checkbox':
      if (requireChild(context, field, 'defaultValue'))
        booleanChild(context, field, 'defaultValue');
      break;
    case 'AutoNumber':
      requireChild(context, field, 'displayFormat');
      break;
    case 'Summary':
      requireChild(context, field, 'summaryForeignKey');
      enumChild(context, field, 'summaryOperation', SUMMARY_OPERATIONS, true);
      break;
  }
}

/** externalId / unique / caseSensitive are allowed only on some types and in combination. */
function checkIdentityFlags(context: RuleContext, field: XmlElement, type: string): void {
  const flagged = (name: string): XmlElement | undefined =>
    booleanChild(context, field, name) ? child(field, name) : undefined;
  const externalId = flagged('externalId');
  if (externalId && !EXTERNAL_ID_TYPES.includes(type)) {
    report(
      context,
      externalId,
      Rule.InvalidValue,
      `<externalId> true is not allowed on a ${type} field (only ${EXTERNAL_ID_TYPES.join(', ')})`
    );
  }
  const unique = flagged('unique');
  if (unique && !UNIQUE_TYPES.includes(type)) {
    report(
      context,
      unique,
      Rule.InvalidValue,
      `<unique> true is not allowed on a ${type} field (only ${UNIQUE_TYPES.join(', ')})`
    );
  }
  const caseSensitive = flagged('caseSensitive');
  if (caseSensitive && !unique) {
    report(
      context,
      caseSensitive,
      Rule.InvalidValue,
      '<caseSensitive> true is only allowed together with <unique>true</unique>'
    );
  }
}

/** Platform events and custom metadata types support only a subset of field types. */
function checkObjectKind(
  context: RuleContext,
  field: XmlElement,
  typeElement: XmlElement,
  objectName: string
): void {
  const kinds = [
    { suffix: '__e', label: 'a platform event', allowed: PLATFORM_EVENT_FIELD_TYPES },
    { suffix: '__mdt', label: 'a custom metadata type', allowed: CUSTOM_METADATA_FIELD_TYPES }
  ];
  const kind = kinds.find((candidate) => objectName.endsWith(candidate.suffix));
  if (!kind) return;
  if (!kind.allowed.includes(typeElement.text)) {
    report(
      context,
      typeElement,
      Rule.UnsupportedFieldType,
      `type ${typeElement.text} is not supported on ${kind.label} field of ${objectName} (allowed: ${kind.allowed.join(', ')})`
    );
  }
  if (kind.suffix === '__mdt') {
    enumChild(context, field, 'fieldManageability', FIELD_MANAGEABILITY, true);
  }
}

/**
 * Checks one `CustomField`: label, description (custom fields), type, fullName, the elements
 * each type needs and the values they may hold, identity flags, and the field types platform
 * events and custom metadata types allow. Type-specific rules apply to custom fields only:
 * a standard field's file (`Account/fields/Industry.field-meta.xml`) carries just the
 * customisable settings.
 */
export function checkCustomField(context: RuleContext): void {
  const field = context.root;
  const isCustom = context.componentName.endsWith('__c');
  const objectName = path.basename(path.dirname(path.dirname(context.absolutePath)));
  const fullName = child(field, 'fullName');
  if (fullName && fullName.text !== context.componentName) {
    report(
      context,
      fullName,
      Rule.NameMismatch,
      `<fullName> "${fullName.text}" does not match the file name ${context.componentName}`
    );
  }
  if (isCustom) {
    requireChild(context, field, 'label');
    if (!childText(field, 'description')) {
      report(
        context,
        field,
        Rule.MissingDescription,
        '<description> is missing: every custom field documents its purpose (project convention)'
      );
    }
  }
  const typeElement = isCustom ? requireChild(context, field, 'type') : child(field, 'type');
  if (!typeElement) return;
  const type = typeElement.text;
  if (!FIELD_TYPES.includes(type)) {
    report(context, typeElement, Rule.InvalidValue, `<type> ${type} is not a valid field type`);
    return;
  }
  checkObjectKind(context, field, typeElement, objectName);
  if (!isCustom) return;
  checkTypeSpecific(context, field, type);
  checkIdentityFlags(context, field, type);
}
