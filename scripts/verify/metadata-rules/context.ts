/**
 * What every per-type rule receives, and the helpers that turn "element missing" or "value out of
 * range" into an {@link Issue} naming the file, the line and the component.
 *
 * @module
 */
import type { Issue } from '../../lib/issues.js';
import type { SfdxProject } from '../../lib/project.js';
import { child, type XmlElement } from './xml.js';

/** Rule identifiers reported by the metadata gate. */
export const Rule = {
  /** The file is not well-formed XML. */
  MalformedXml: 'MalformedXml',
  /** A `-meta.xml` suffix no metadata type uses. */
  UnknownMetadataSuffix: 'UnknownMetadataSuffix',
  /** The root element is not the one the file suffix calls for. */
  WrongRootElement: 'WrongRootElement',
  /** The root element lacks `xmlns="http://soap.sforce.com/2006/04/metadata"`. */
  WrongNamespace: 'WrongNamespace',
  /** A required element is absent or empty. */
  MissingElement: 'MissingElement',
  /** An element holds a value the Metadata API rejects. */
  InvalidValue: 'InvalidValue',
  /** A field type that the parent object kind (platform event, custom metadata type) does not allow. */
  UnsupportedFieldType: 'UnsupportedFieldType',
  /** `<fullName>` disagrees with the file name. */
  NameMismatch: 'NameMismatch',
  /** An API name that breaks the developer-name rules. */
  InvalidName: 'InvalidName',
  /** Two components of the same file share a name. */
  DuplicateName: 'DuplicateName',
  /** A custom field without `<description>` (project convention). */
  MissingDescription: 'MissingDescription',
  /** A permission set grants edit/create/delete without read. */
  EditWithoutRead: 'EditWithoutRead',
  /** A `.cls`/`.trigger` without its `-meta.xml` (SDR drops it silently). */
  MissingMetaFile: 'MissingMetaFile',
  /** A `-meta.xml` whose source file (class, trigger, static resource) is missing. */
  MissingSourceFile: 'MissingSourceFile',
  /** An `<apiVersion>` newer than `sourceApiVersion` in sfdx-project.json. */
  ApiVersionTooNew: 'ApiVersionTooNew',
  /** A Lightning web component folder without its configuration or JavaScript module. */
  IncompleteBundle: 'IncompleteBundle'
} as const;

/** The namespace every Metadata API file declares on its root element. */
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/** Everything a per-type rule needs to check one parsed `-meta.xml` file. */
export interface RuleContext {
  /** Path of the file relative to the project root, `/`-separated. */
  readonly file: string;
  /** Absolute path of the file. */
  readonly absolutePath: string;
  /** The parsed root element. */
  readonly root: XmlElement;
  /** The project the file belongs to. */
  readonly project: SfdxProject;
  /** Component named in messages, e.g. `field ERP_Credit_Limit__c`. */
  readonly subject: string;
  /** Name of the component taken from the file name, e.g. `ERP_Credit_Limit__c`. */
  readonly componentName: string;
  /** Where issues are collected. */
  readonly issues: Issue[];
}

/** A per-type rule: inspects one file and appends issues to `context.issues`. */
export type MetadataRule = (context: RuleContext) => void;

/**
 * Records an issue at an element's line (or a given line), prefixing the message with the
 * component, e.g. `field ERP_Credit_Limit__c: <precision> 20 is out of range 1-18`.
 */
export function report(
  context: RuleContext,
  at: XmlElement | number,
  rule: string,
  message: string
): void {
  context.issues.push({
    file: context.file,
    line: typeof at === 'number' ? at : at.line,
    rule,
    message: `${context.subject}: ${message}`
  });
}

/** `true` when an element is absent or has neither text nor child elements. */
function isEmpty(element: XmlElement | undefined): boolean {
  return element === undefined || (element.text === '' && element.children.length === 0);
}

/**
 * Returns the child element `name` of `parent`, reporting `MissingElement` at the parent's line
 * when it is absent or empty.
 *
 * @param where - how to name the parent in the message, e.g. `<nameField>`; omitted for the root
 */
export function requireChild(
  context: RuleContext,
  parent: XmlElement,
  name: string,
  where?: string
): XmlElement | undefined {
  const element = child(parent, name);
  if (isEmpty(element)) {
    const location = where ? ` in ${where}` : '';
    report(context, parent, Rule.MissingElement, `<${name}> is required${location} but missing`);
    return undefined;
  }
  return element;
}

/** Requires several children of `parent`; see {@link requireChild}. */
export function requireChildren(
  context: RuleContext,
  parent: XmlElement,
  names: readonly string[],
  where?: string
): void {
  for (const name of names) requireChild(context, parent, name, where);
}

/**
 * Reads an optional child as a whole number, reporting `InvalidValue` when it is not one.
 *
 * @returns the number, or `undefined` when absent or invalid
 */
export function integerChild(
  context: RuleContext,
  parent: XmlElement,
  name: string
): number | undefined {
  const element = child(parent, name);
  if (!element) return undefined;
  if (!/^-?\d+$/.test(element.text)) {
    report(
      context,
      element,
      Rule.InvalidValue,
      `<${name}> "${element.text}" is not a whole number`
    );
    return undefined;
  }
  return Number(element.text);
}

/**
 * Reads an optional child as `true`/`false`, reporting `InvalidValue` for anything else.
 *
 * @returns the boolean, or `undefined` when absent or invalid
 */
export function booleanChild(
  context: RuleContext,
  parent: XmlElement,
  name: string
): boolean | undefined {
  const element = child(parent, name);
  if (!element) return undefined;
  if (element.text !== 'true' && element.text !== 'false') {
    report(
      context,
      element,
      Rule.InvalidValue,
      `<${name}> "${element.text}" must be true or false`
    );
    return undefined;
  }
  return element.text === 'true';
}

/**
 * Checks that a child, when present (or always, when `required`), holds one of `allowed`.
 *
 * @returns the value when present and allowed
 */
export function enumChild(
  context: RuleContext,
  parent: XmlElement,
  name: string,
  allowed: readonly string[],
  required: boolean,
  where?: string
): string | undefined {
  const element = required ? requireChild(context, parent, name, where) : child(parent, name);
  if (!element) return undefined;
  if (!allowed.includes(element.text)) {
    report(
      context,
      element,
      Rule.InvalidValue,
      `<${name}> "${element.text}" is not valid (allowed: ${allowed.join(', ')})`
    );
    return undefined;
  }
  return element.text;
}

/**
 * Why a developer name (API name without suffix) breaks Salesforce's rules, or `undefined` when
 * it is valid: letters, digits and underscores, starting with a letter, no double or trailing
 * underscore, at most `maxLength` characters.
 */
export function developerNameProblem(name: string, maxLength: number): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > maxLength) return `is ${name.length} characters long (maximum ${maxLength})`;
  if (!/^[A-Za-z]/.test(name)) return 'must start with a letter';
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'may contain only letters, digits and underscores';
  if (name.includes('__')) return 'must not contain two consecutive underscores';
  if (name.endsWith('_')) return 'must not end with an underscore';
  return undefined;
}
