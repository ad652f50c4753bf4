/**
 * A typed, read-only model of the metadata of a Salesforce DX project in source format.
 *
 * `loadMetadataModel(projectRoot)` reads the package directories named in `sfdx-project.json` and
 * returns every object (custom, standard-with-extensions, custom metadata type, platform event)
 * with its fields, and every custom metadata record with its typed values. It knows nothing about
 * what a caller does with the model: the docs generator and the metadata reference check both
 * build on it.
 *
 * Source layout understood (anywhere inside a package directory, the usual place being
 * `<pkg>/main/default/`):
 * - `objects/<Object>/<Object>.object-meta.xml` — optional (standard objects that are only
 *   extended have just a `fields/` folder);
 * - `objects/<Object>/fields/<Field>.field-meta.xml`;
 * - `customMetadata/<Type>.<DeveloperName>.md-meta.xml` — a record of `<Type>__mdt`.
 *
 * XML is parsed with fast-xml-parser keeping every value as a string; numbers and booleans are
 * converted deliberately here, so `0012` stays `'0012'` where the metadata means text.
 *
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** What kind of sObject a folder under `objects/` describes, derived from its API name suffix. */
export type ObjectKind = 'standard' | 'custom' | 'customMetadata' | 'platformEvent';

/** One value of a picklist field's local value set. */
export interface PicklistValue {
  /** API name of the value (`<fullName>`); this is what is stored on records. */
  readonly fullName: string;
  /** Display label; the API name when the metadata has none. */
  readonly label: string;
  /** `true` when the value is the field's default. */
  readonly isDefault: boolean;
  /** `false` only when the metadata says `<isActive>false</isActive>`. */
  readonly isActive: boolean;
}

/** A field of an object, read from `<Field>.field-meta.xml`. */
export interface FieldMetadata {
  /** Field API name, e.g. `ERP_Account_ID__c` (from the file name). */
  readonly apiName: string;
  /** API name of the object the field belongs to, e.g. `Account`. */
  readonly objectApiName: string;
  /** `true` for custom fields (API name ends in `__c`). */
  readonly isCustom: boolean;
  /** `<label>`, if present. */
  readonly label?: string;
  /** `<type>`, e.g. `Text`, `Number`, `Picklist`, `Lookup`, if present. */
  readonly type?: string;
  /** `<description>`, if present. */
  readonly description?: string;
  /** `<length>` (text types), if present. */
  readonly length?: number;
  /** `<precision>` (numeric types), if present. */
  readonly precision?: number;
  /** `<scale>` (numeric types), if present. */
  readonly scale?: number;
  /** `<externalId>true</externalId>`. */
  readonly externalId: boolean;
  /** `<unique>true</unique>`. */
  readonly unique: boolean;
  /** `<caseSensitive>true</caseSensitive>` (only meaningful for unique text fields). */
  readonly caseSensitive: boolean;
  /** `<required>true</required>`. */
  readonly required: boolean;
  /** `<referenceTo>` of lookup / master-detail fields, if present. */
  readonly referenceTo?: string;
  /** `<relationshipName>` of lookup / master-detail fields, if present. */
  readonly relationshipName?: string;
  /** `<formula>`, if present. */
  readonly formula?: string;
  /** `<valueSet><valueSetName>` when the picklist uses a global value set. */
  readonly valueSetName?: string;
  /** `<valueSet><restricted>true</restricted>`. */
  readonly restrictedPicklist: boolean;
  /** Values of the local value set (`valueSet/valueSetDefinition/value`), in file order. */
  readonly picklistValues: readonly PicklistValue[];
  /** Path of the field file relative to the project root, with `/` separators. */
  readonly filePath: string;
}

/** An object folder under `objects/`, with its fields. */
export interface ObjectMetadata {
  /** Object API name (the folder name), e.g. `Account`, `Integration_Object__mdt`. */
  readonly apiName: string;
  /** `true` for everything that is not a standard object. */
  readonly isCustom: boolean;
  /** Kind derived from the API name suffix. */
  readonly kind: ObjectKind;
  /** `<label>` of the object file, if there is one. */
  readonly label?: string;
  /** `<pluralLabel>` of the object file, if there is one. */
  readonly pluralLabel?: string;
  /** `<description>` of the object file, if there is one. */
  readonly description?: string;
  /** Custom objects: `<sharingModel>` (`Private`, `ReadWrite`, `ControlledByParent`, …). */
  readonly sharingModel?: string;
  /** Platform events: `<publishBehavior>` (`PublishAfterCommit` / `PublishImmediately`). */
  readonly publishBehavior?: string;
  /** Platform events: `<eventType>` (`HighVolume` / `StandardVolume`). */
  readonly eventType?: string;
  /** Fields by API name, inserted in API-name order. */
  readonly fields: ReadonlyMap<string, FieldMetadata>;
  /**
   * Path of `<Object>.object-meta.xml` relative to the project root, or `undefined` when the
   * object has no object file (a standard object that is only extended with fields).
   */
  readonly filePath?: string;
  /** Path of the object folder relative to the project root (first one found). */
  readonly directory: string;
}

/** A value of a custom metadata record field: `xsi:nil` is `null`. */
export type CustomMetadataValue = string | number | boolean | null;

/** A custom metadata record, read from `<Type>.<DeveloperName>.md-meta.xml`. */
export interface CustomMetadataRecord {
  /** API name of the custom metadata type, e.g. `Field_Ownership__mdt`. */
  readonly type: string;
  /** Developer name of the record (the part of the file name after the type). */
  readonly developerName: string;
  /** `<label>` of the record; the developer name when the file has none. */
  readonly label: string;
  /** `<protected>true</protected>`. */
  readonly isProtected: boolean;
  /**
   * Field values by field API name. Strings for `xsd:string`, dates, picklists and values without
   * `xsi:type`; numbers for `xsd:int|long|double|decimal|float`; booleans for `xsd:boolean`;
   * `null` for `xsi:nil="true"`.
   */
  readonly values: ReadonlyMap<string, CustomMetadataValue>;
  /** Path of the record file relative to the project root, with `/` separators. */
  readonly filePath: string;
}

/** Everything `loadMetadataModel` read from a project. */
export interface MetadataModel {
  /** Absolute path of the project root. */
  readonly projectRoot: string;
  /** Package directory paths from `sfdx-project.json`, relative to the root, in file order. */
  readonly packageDirectories: readonly string[];
  /** Objects by API name, inserted in API-name order. */
  readonly objects: ReadonlyMap<string, ObjectMetadata>;
  /** Custom metadata records sorted by type, then developer name. */
  readonly customMetadataRecords: readonly CustomMetadataRecord[];
}

/** Error raised for a metadata file that cannot be read or understood; names the file. */
export class MetadataLoadError extends Error {
  /** Path of the offending file relative to the project root (or as given, outside it). */
  readonly filePath: string;

  /**
   * @param filePath - the offending file, relative to the project root
   * @param problem - what is wrong with it
   */
  constructor(filePath: string, problem: string) {
    super(`${filePath}: ${problem}`);
    this.name = 'MetadataLoadError';
    this.filePath = filePath;
  }
}

const OBJECT_SUFFIX = '.object-meta.xml';
const FIELD_SUFFIX = '.field-meta.xml';
const CUSTOM_METADATA_SUFFIX = '.md-meta.xml';
const NUMERIC_XSD_TYPES = new Set([
  'xsd:int',
  'xsd:long',
  'xsd:double',
  'xsd:decimal',
  'xsd:float'
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true
});

/**
 * A parsed XML node: text, or an element. Attributes are keys prefixed `@_`; the text of an
 * element that also has attributes is under `#text`. Every value is a string.
 */
export type XmlNode = string | XmlElement;
/** A parsed XML element: child elements (an array when repeated) and `@_` attributes. */
export type XmlElement = { [key: string]: XmlNode | XmlNode[] | undefined };

/**
 * Reads the metadata of a Salesforce DX project in source format.
 *
 * @param projectRoot - folder holding `sfdx-project.json`
 * @returns the objects (with fields) and custom metadata records of every package directory
 * @throws MetadataLoadError naming the file when `sfdx-project.json` or a metadata file is
 *   missing, unreadable, malformed XML, not the expected metadata type, or duplicated across
 *   package directories
 * @example
 * ```ts
 * const model = loadMetadataModel(process.cwd());
 * const status = model.objects.get('Order')?.fields.get('ERP_Status__c');
 * console.log(status?.picklistValues.map((v) => v.fullName));
 * ```
 */
export function loadMetadataModel(projectRoot: string): MetadataModel {
  const root = path.resolve(projectRoot);
  const packageDirectories = readPackageDirectories(root);
  const objects = new Map<string, MutableObject>();
  const records: CustomMetadataRecord[] = [];
  const recordFiles = new Map<string, string>();

  for (const packageDirectory of packageDirectories) {
    const absolute = path.resolve(root, packageDirectory);
    if (!isDirectory(absolute)) {
      throw new MetadataLoadError(
        'sfdx-project.json',
        `package directory "${packageDirectory}" does not exist`
      );
    }
    for (const file of walk(absolute)) {
      const relative = toProjectPath(root, file);
      if (file.endsWith(FIELD_SUFFIX) && path.basename(path.dirname(file)) === 'fields') {
        addField(objects, root, file, relative);
      } else if (file.endsWith(OBJECT_SUFFIX)) {
        addObjectFile(objects, file, relative);
      } else if (file.endsWith(CUSTOM_METADATA_SUFFIX)) {
        const record = readCustomMetadataRecord(file, relative);
        const key = `${record.type}.${record.developerName}`.toLowerCase();
        const earlier = recordFiles.get(key);
        if (earlier !== undefined) {
          throw new MetadataLoadError(relative, `duplicates custom metadata record ${earlier}`);
        }
        recordFiles.set(key, relative);
        records.push(record);
      }
    }
  }

  records.sort(
    (a, b) => compareText(a.type, b.type) || compareText(a.developerName, b.developerName)
  );
  return {
    projectRoot: root,
    packageDirectories,
    objects: new Map(
      [...objects.keys()].sort(compareText).map((name) => [name, freezeObject(objects.get(name)!)])
    ),
    customMetadataRecords: records
  };
}

/**
 * Finds an object by API name, ignoring case as Salesforce does.
 *
 * @param model - a loaded model
 * @param objectApiName - e.g. `account` or `Account`
 * @returns the object, or `undefined`
 */
export function findObject(
  model: MetadataModel,
  objectApiName: string
): ObjectMetadata | undefined {
  return (
    model.objects.get(objectApiName) ??
    [...model.objects.values()].find((o) => equalsIgnoreCase(o.apiName, objectApiName))
  );
}

/**
 * Finds a field by object and field API name, ignoring case as Salesforce does.
 *
 * @param model - a loaded model
 * @param objectApiName - e.g. `Order`
 * @param fieldApiName - e.g. `ERP_Status__c`
 * @returns the field, or `undefined` (also for standard fields the project does not extend)
 */
export function findField(
  model: MetadataModel,
  objectApiName: string,
  fieldApiName: string
): FieldMetadata | undefined {
  const object = findObject(model, objectApiName);
  if (object === undefined) {
    return undefined;
  }
  return (
    object.fields.get(fieldApiName) ??
    [...object.fields.values()].find((f) => equalsIgnoreCase(f.apiName, fieldApiName))
  );
}

/**
 * Returns the records of one custom metadata type, sorted by developer name.
 *
 * @param model - a loaded model
 * @param typeApiName - e.g. `Field_Ownership__mdt` (case-insensitive)
 * @returns the records (empty when there are none)
 */
export function customMetadataRecordsOf(
  model: MetadataModel,
  typeApiName: string
): CustomMetadataRecord[] {
  return model.customMetadataRecords.filter((r) => equalsIgnoreCase(r.type, typeApiName));
}

/**
 * Derives the kind of an object from its API name.
 *
 * @param objectApiName - e.g. `Account`, `Integration_Message__c`, `ERP_Order_Status__e`
 * @returns `platformEvent` for `__e`, `customMetadata` for `__mdt`, `custom` for any other `__`
 *   suffix (`__c`, `__b`, `__x`…), `standard` otherwise
 */
export function objectKindOf(objectApiName: string): ObjectKind {
  const lower = objectApiName.toLowerCase();
  if (lower.endsWith('__e')) {
    return 'platformEvent';
  }
  if (lower.endsWith('__mdt')) {
    return 'customMetadata';
  }
  return /__[a-z]+$/.test(lower) ? 'custom' : 'standard';
}

/**
 * Compares two strings by UTF-16 code units after lower-casing, then exactly: a locale-independent
 * order, so output sorted with it is the same on every machine.
 *
 * @param a - first string
 * @param b - second string
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) {
    return la < lb ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses a metadata XML file and returns its root element's content, checking the root name.
 *
 * @param absolutePath - file to read
 * @param displayPath - name used in errors (project-relative)
 * @param rootElement - expected root element, e.g. `CustomField`
 * @returns the root element's children as parsed by fast-xml-parser (all values strings)
 * @throws MetadataLoadError when the file is unreadable, malformed, or has another root
 */
export function readMetadataXml(
  absolutePath: string,
  displayPath: string,
  rootElement: string
): XmlElement {
  let xml: string;
  try {
    xml = fs.readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new MetadataLoadError(displayPath, `cannot be read (${(error as Error).message})`);
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const where = validation.err.line === undefined ? '' : ` at line ${validation.err.line}`;
    throw new MetadataLoadError(displayPath, `malformed XML${where}: ${validation.err.msg}`);
  }
  const document = parser.parse(xml) as XmlElement;
  const roots = Object.keys(document);
  const content = document[rootElement];
  if (roots.length !== 1 || content === undefined || Array.isArray(content)) {
    throw new MetadataLoadError(
      displayPath,
      `expected a single <${rootElement}> root element, found ${roots.map((r) => `<${r}>`).join(', ') || 'none'}`
    );
  }
  return typeof content === 'string' ? {} : content;
}

/** One metadata file of a given type, parsed. */
export interface MetadataFile {
  /** Project-relative path with forward slashes. */
  readonly filePath: string;
  /** Component name: the file name without the type's suffix. */
  readonly name: string;
  /** The root element's children, as `readMetadataXml` returns them. */
  readonly xml: XmlElement;
}

/**
 * Reads every file of one metadata type in the project's package directories, in path order.
 *
 * @param model - the loaded project
 * @param suffix - the type's file suffix, e.g. `.platformEventChannelMember-meta.xml`
 * @param rootElement - the type's root element, e.g. `PlatformEventChannelMember`
 * @returns the parsed files
 * @throws MetadataLoadError for a file that cannot be read or has another root
 */
export function readMetadataFiles(
  model: MetadataModel,
  suffix: string,
  rootElement: string
): MetadataFile[] {
  const files: MetadataFile[] = [];
  for (const packageDirectory of model.packageDirectories) {
    const directory = path.join(model.projectRoot, packageDirectory);
    if (!isDirectory(directory)) continue;
    for (const file of walk(directory)) {
      if (!file.endsWith(suffix)) continue;
      const filePath = toProjectPath(model.projectRoot, file);
      files.push({
        filePath,
        name: path.basename(file, suffix),
        xml: readMetadataXml(file, filePath, rootElement)
      });
    }
  }
  return files;
}

interface MutableObject {
  apiName: string;
  label?: string;
  pluralLabel?: string;
  description?: string;
  sharingModel?: string;
  publishBehavior?: string;
  eventType?: string;
  filePath?: string;
  directory: string;
  fields: Map<string, FieldMetadata>;
}

function readPackageDirectories(root: string): string[] {
  const projectFile = path.join(root, 'sfdx-project.json');
  let project: unknown;
  try {
    project = JSON.parse(fs.readFileSync(projectFile, 'utf8'));
  } catch (error) {
    throw new MetadataLoadError(
      'sfdx-project.json',
      `cannot be read as JSON in ${root} (${(error as Error).message})`
    );
  }
  const entries = (project as { packageDirectories?: unknown }).packageDirectories;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new MetadataLoadError('sfdx-project.json', 'has no packageDirectories');
  }
  return entries.map((entry, index) => {
    const dir = (entry as { path?: unknown } | null)?.path;
    if (typeof dir !== 'string' || dir.trim() === '') {
      throw new MetadataLoadError(
        'sfdx-project.json',
        `packageDirectories[${index}] has no "path"`
      );
    }
    return dir.replace(/\\/g, '/').replace(/\/+$/, '');
  });
}

function* walk(directory: string): Generator<string> {
  const entries = fs.readdirSync(directory, { withFileTypes: true });
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') {
      continue;
    }
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      yield* walk(full);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // Links are yielded as files; a broken or directory link fails to read with its name.
      yield full;
    }
  }
}

function objectFor(
  objects: Map<string, MutableObject>,
  apiName: string,
  directory: string
): MutableObject {
  let object = objects.get(apiName);
  if (object === undefined) {
    object = { apiName, directory, fields: new Map() };
    objects.set(apiName, object);
  }
  return object;
}

function addObjectFile(objects: Map<string, MutableObject>, file: string, relative: string): void {
  const apiName = path.basename(file, OBJECT_SUFFIX);
  const folder = path.dirname(file);
  if (path.basename(folder) !== apiName || path.basename(path.dirname(folder)) !== 'objects') {
    throw new MetadataLoadError(relative, `expected to be in objects/${apiName}/`);
  }
  const xml = readMetadataXml(file, relative, 'CustomObject');
  const object = objectFor(objects, apiName, path.posix.dirname(relative));
  if (object.filePath !== undefined) {
    throw new MetadataLoadError(relative, `duplicates object file ${object.filePath}`);
  }
  object.filePath = relative;
  object.label = text(xml, 'label');
  object.pluralLabel = text(xml, 'pluralLabel');
  object.description = text(xml, 'description');
  object.sharingModel = text(xml, 'sharingModel');
  object.publishBehavior = text(xml, 'publishBehavior');
  object.eventType = text(xml, 'eventType');
}

function addField(
  objects: Map<string, MutableObject>,
  root: string,
  file: string,
  relative: string
): void {
  const objectFolder = path.dirname(path.dirname(file));
  if (path.basename(path.dirname(objectFolder)) !== 'objects') {
    throw new MetadataLoadError(relative, 'expected to be in objects/<Object>/fields/');
  }
  const objectApiName = path.basename(objectFolder);
  const object = objectFor(objects, objectApiName, toProjectPath(root, objectFolder));
  const field = readField(file, relative, objectApiName);
  const earlier = object.fields.get(field.apiName);
  if (earlier !== undefined) {
    throw new MetadataLoadError(relative, `duplicates field file ${earlier.filePath}`);
  }
  object.fields.set(field.apiName, field);
}

function readField(file: string, relative: string, objectApiName: string): FieldMetadata {
  const apiName = path.basename(file, FIELD_SUFFIX);
  const xml = readMetadataXml(file, relative, 'CustomField');
  const declared = text(xml, 'fullName');
  if (
    declared !== undefined &&
    declared !== apiName &&
    declared !== `${objectApiName}.${apiName}`
  ) {
    throw new MetadataLoadError(
      relative,
      `<fullName>${declared}</fullName> does not match the file name`
    );
  }
  const valueSet = element(xml, 'valueSet', relative);
  const definition =
    valueSet === undefined ? undefined : element(valueSet, 'valueSetDefinition', relative);
  const picklistValues =
    definition === undefined
      ? []
      : children(definition, 'value').map((value, index) => {
          const item = asElement(value, `valueSetDefinition/value[${index}]`, relative);
          const fullName = text(item, 'fullName');
          if (fullName === undefined || fullName === '') {
            throw new MetadataLoadError(relative, `picklist value ${index + 1} has no <fullName>`);
          }
          return {
            fullName,
            label: text(item, 'label') ?? fullName,
            isDefault: flag(item, 'default', relative),
            isActive: text(item, 'isActive') !== 'false'
          };
        });
  return {
    apiName,
    objectApiName,
    isCustom: apiName.toLowerCase().endsWith('__c'),
    label: text(xml, 'label'),
    type: text(xml, 'type'),
    description: text(xml, 'description'),
    length: integer(xml, 'length', relative),
    precision: integer(xml, 'precision', relative),
    scale: integer(xml, 'scale', relative),
    externalId: flag(xml, 'externalId', relative),
    unique: flag(xml, 'unique', relative),
    caseSensitive: flag(xml, 'caseSensitive', relative),
    required: flag(xml, 'required', relative),
    referenceTo: text(xml, 'referenceTo'),
    relationshipName: text(xml, 'relationshipName'),
    formula: text(xml, 'formula'),
    valueSetName: valueSet === undefined ? undefined : text(valueSet, 'valueSetName'),
    restrictedPicklist: valueSet === undefined ? false : flag(valueSet, 'restricted', relative),
    picklistValues,
    filePath: relative
  };
}

function readCustomMetadataRecord(file: string, relative: string): CustomMetadataRecord {
  const name = path.basename(file, CUSTOM_METADATA_SUFFIX);
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    throw new MetadataLoadError(relative, 'file name is not <Type>.<DeveloperName>.md-meta.xml');
  }
  const type = `${name.slice(0, dot)}__mdt`;
  const developerName = name.slice(dot + 1);
  const xml = readMetadataXml(file, relative, 'CustomMetadata');
  const values = new Map<string, CustomMetadataValue>();
  for (const [index, entry] of children(xml, 'values').entries()) {
    const item = asElement(entry, `values[${index}]`, relative);
    const field = text(item, 'field');
    if (field === undefined || field === '') {
      throw new MetadataLoadError(relative, `<values> entry ${index + 1} has no <field>`);
    }
    if (values.has(field)) {
      throw new MetadataLoadError(relative, `field ${field} has more than one <values> entry`);
    }
    values.set(field, customMetadataValue(item.value, field, relative));
  }
  return {
    type,
    developerName,
    label: text(xml, 'label') ?? developerName,
    isProtected: flag(xml, 'protected', relative),
    values: new Map([...values.entries()].sort(([a], [b]) => compareText(a, b))),
    filePath: relative
  };
}

function customMetadataValue(
  node: XmlNode | XmlNode[] | undefined,
  field: string,
  relative: string
): CustomMetadataValue {
  if (node === undefined) {
    return null;
  }
  if (Array.isArray(node)) {
    throw new MetadataLoadError(relative, `field ${field} has more than one <value>`);
  }
  if (typeof node === 'string') {
    return node;
  }
  if (node['@_xsi:nil'] === 'true') {
    return null;
  }
  const raw = typeof node['#text'] === 'string' ? node['#text'] : '';
  const xsiType = node['@_xsi:type'];
  if (xsiType === 'xsd:boolean') {
    if (raw !== 'true' && raw !== 'false') {
      throw new MetadataLoadError(relative, `field ${field}: "${raw}" is not an xsd:boolean`);
    }
    return raw === 'true';
  }
  if (typeof xsiType === 'string' && NUMERIC_XSD_TYPES.has(xsiType)) {
    if (raw === '') {
      return null;
    }
    const number = Number(raw);
    if (!Number.isFinite(number)) {
      throw new MetadataLoadError(
        relative,
        `field ${field}: "${raw}" is not a number (${xsiType})`
      );
    }
    return number;
  }
  return raw;
}

function freezeObject(object: MutableObject): ObjectMetadata {
  const kind = objectKindOf(object.apiName);
  return {
    apiName: object.apiName,
    isCustom: kind !== 'standard',
    kind,
    label: object.label,
    pluralLabel: object.pluralLabel,
    description: object.description,
    sharingModel: object.sharingModel,
    publishBehavior: object.publishBehavior,
    eventType: object.eventType,
    fields: new Map(
      [...object.fields.keys()].sort(compareText).map((name) => [name, object.fields.get(name)!])
    ),
    filePath: object.filePath,
    directory: object.directory
  };
}

function children(parent: XmlElement, name: string): XmlNode[] {
  const value = parent[name];
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function asElement(node: XmlNode, where: string, relative: string): XmlElement {
  if (typeof node === 'string') {
    if (node === '') {
      return {};
    }
    throw new MetadataLoadError(relative, `<${where}> should contain elements, found text`);
  }
  return node;
}

function element(parent: XmlElement, name: string, relative: string): XmlElement | undefined {
  const nodes = children(parent, name);
  if (nodes.length === 0) {
    return undefined;
  }
  if (nodes.length > 1) {
    throw new MetadataLoadError(relative, `<${name}> appears more than once`);
  }
  return asElement(nodes[0], name, relative);
}

function text(parent: XmlElement, name: string): string | undefined {
  const value = parent[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) {
    return undefined;
  }
  if (typeof first === 'string') {
    return first;
  }
  const inner = first['#text'];
  return typeof inner === 'string' ? inner : '';
}

function flag(parent: XmlElement, name: string, relative: string): boolean {
  const value = text(parent, name);
  if (value === undefined || value === '' || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  throw new MetadataLoadError(relative, `<${name}> must be true or false, found "${value}"`);
}

function integer(parent: XmlElement, name: string, relative: string): number | undefined {
  const value = text(parent, name);
  if (value === undefined || value === '') {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw new MetadataLoadError(relative, `<${name}> must be a whole number, found "${value}"`);
  }
  return Number(value);
}

function isDirectory(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

function toProjectPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function equalsIgnoreCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
