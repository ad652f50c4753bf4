import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadMetadataModel, type MetadataModel } from '../../lib/metadata-model.js';
import { listFiles, readSfdxProject } from '../../lib/project.js';

/** A field the reference check knows, standard or custom. */
export interface KnownField {
  name: string;
  /** Metadata type (`Text`, `Lookup`, …); `Standard` for standard fields. */
  type: string;
  /** Target object of a lookup or master-detail. */
  referenceTo?: string;
  /** Relationship name, without the `__r` suffix for custom relationships. */
  relationshipName?: string;
  required: boolean;
  externalId: boolean;
}

/** An object the reference check knows, with its fields and child relationships. */
export interface KnownObject {
  name: string;
  custom: boolean;
  fields: Map<string, KnownField>;
  /** Child relationship name (lower case) → child object name. */
  children: Map<string, string>;
}

/** Everything a reference may resolve to: the project's metadata plus the declared standard schema. */
export interface SchemaIndex {
  root: string;
  objects: Map<string, KnownObject>;
  labels: Set<string>;
  customPermissions: Set<string>;
  staticResources: Set<string>;
  namedCredentials: Set<string>;
  /** External credential name (lower case) → principal names (lower case). */
  externalCredentials: Map<string, Set<string>>;
  channels: Set<string>;
  tabs: Set<string>;
  /** Lightning pages (FlexiPage names, lower case). */
  flexiPages: Set<string>;
  /** Lightning web component bundle name (lower case) → the targets its `.js-meta.xml` exposes it to (empty when not exposed). */
  components: Map<string, Set<string>>;
  /** Apex class name (lower case) → source text. */
  classes: Map<string, { name: string; text: string }>;
  /** Custom metadata type (lower case, with __mdt) → record developer names (lower case). */
  customMetadataRecords: Map<string, Set<string>>;
}

interface StandardSchema {
  systemFields: string[];
  systemLookups: Record<string, string>;
  objects: Record<
    string,
    { fields: string[]; lookups?: Record<string, string>; children?: Record<string, string> }
  >;
  changeEvents: string[];
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** Parses a metadata XML file into a plain object; returns undefined when it does not parse. */
export function readXml(file: string): Record<string, unknown> | undefined {
  try {
    return parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Returns the values of a possibly repeated XML element as an array. */
export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function names(dir: string, suffix: string): string[] {
  return listFiles(dir, (name) => name.endsWith(suffix)).map((file) =>
    path.basename(file).slice(0, -suffix.length)
  );
}

function addSystemFields(object: KnownObject, schema: StandardSchema): void {
  for (const field of schema.systemFields) {
    object.fields.set(field.toLowerCase(), {
      name: field,
      type: 'Standard',
      required: false,
      externalId: false
    });
  }
  for (const [field, target] of Object.entries(schema.systemLookups)) {
    object.fields.set(field.toLowerCase(), {
      name: field,
      type: 'Lookup',
      referenceTo: target,
      relationshipName: field.slice(0, -2),
      required: false,
      externalId: false
    });
  }
}

function ensureObject(index: SchemaIndex, name: string, schema: StandardSchema): KnownObject {
  const key = name.toLowerCase();
  let object = index.objects.get(key);
  if (!object) {
    object = { name, custom: /__(c|e|mdt)$/i.test(name), fields: new Map(), children: new Map() };
    addSystemFields(object, schema);
    index.objects.set(key, object);
  }
  return object;
}

function loadStandardSchema(index: SchemaIndex, schema: StandardSchema): void {
  for (const [name, definition] of Object.entries(schema.objects)) {
    const object = ensureObject(index, name, schema);
    for (const field of definition.fields) {
      object.fields.set(field.toLowerCase(), {
        name: field,
        type: 'Standard',
        required: false,
        externalId: false
      });
    }
    for (const [field, target] of Object.entries(definition.lookups ?? {})) {
      object.fields.set(field.toLowerCase(), {
        name: field,
        type: 'Lookup',
        referenceTo: target,
        relationshipName: field.replace(/Id$/, ''),
        required: false,
        externalId: false
      });
    }
    for (const [relationship, child] of Object.entries(definition.children ?? {})) {
      object.children.set(relationship.toLowerCase(), child);
    }
  }
}

const SYSTEM_FIELDS_BY_KIND: Record<string, string[]> = {
  platformEvent: ['ReplayId', 'EventUuid'],
  customMetadata: [
    'DeveloperName',
    'MasterLabel',
    'Label',
    'QualifiedApiName',
    'NamespacePrefix',
    'Language'
  ]
};

function addStandardField(object: KnownObject, name: string): void {
  object.fields.set(name.toLowerCase(), {
    name,
    type: 'Standard',
    required: false,
    externalId: false
  });
}

/** Adds the project's objects and fields, read through the shared metadata model. */
function loadObjects(index: SchemaIndex, model: MetadataModel, schema: StandardSchema): void {
  for (const source of model.objects.values()) {
    const object = ensureObject(index, source.apiName, schema);
    if (source.kind === 'custom' && /__c$/i.test(source.apiName)) {
      addStandardField(object, 'Name');
      // Detail objects of a master-detail have no owner.
      if (source.sharingModel !== 'ControlledByParent') {
        object.fields.set('ownerid', {
          name: 'OwnerId',
          type: 'Lookup',
          referenceTo: 'User',
          relationshipName: 'Owner',
          required: false,
          externalId: false
        });
      }
    }
    for (const name of SYSTEM_FIELDS_BY_KIND[source.kind] ?? []) addStandardField(object, name);
    for (const field of source.fields.values()) {
      object.fields.set(field.apiName.toLowerCase(), {
        name: field.apiName,
        type: field.type ?? '',
        referenceTo: field.referenceTo,
        relationshipName: field.relationshipName,
        required: field.required || field.type === 'MasterDetail',
        externalId: field.externalId
      });
    }
  }
}

function linkChildRelationships(index: SchemaIndex): void {
  for (const object of index.objects.values()) {
    for (const field of object.fields.values()) {
      if (!field.referenceTo || !field.relationshipName || !field.name.endsWith('__c')) continue;
      const parent = index.objects.get(field.referenceTo.toLowerCase());
      parent?.children.set(`${field.relationshipName}__r`.toLowerCase(), object.name);
    }
  }
}

function loadChangeEvents(index: SchemaIndex, schema: StandardSchema): void {
  const bases = [
    ...schema.changeEvents,
    ...[...index.objects.values()].filter((o) => /__c$/i.test(o.name)).map((o) => o.name)
  ];
  for (const base of bases) {
    const object = index.objects.get(base.toLowerCase());
    if (!object) continue;
    const eventName = base.endsWith('__c')
      ? `${base.slice(0, -3)}__ChangeEvent`
      : `${base}ChangeEvent`;
    const event = ensureObject(index, eventName, schema);
    for (const [key, field] of object.fields) event.fields.set(key, field);
    event.fields.set('changeeventheader', {
      name: 'ChangeEventHeader',
      type: 'Standard',
      required: false,
      externalId: false
    });
    event.fields.set('replayid', {
      name: 'ReplayId',
      type: 'Standard',
      required: false,
      externalId: false
    });
  }
}

/**
 * Builds the index of everything a reference may resolve to: custom objects and fields, platform
 * events, custom metadata types and records, labels, custom permissions, static resources,
 * credentials, channels, tabs and Apex classes of the project, plus the standard schema declared
 * in `config/standard-schema.json` of the project (or of this repository when the project has none).
 *
 * @param root - folder holding sfdx-project.json
 * @param standardSchemaFile - the standard schema declaration to use
 */
export function buildSchemaIndex(root: string, standardSchemaFile: string): SchemaIndex {
  const project = readSfdxProject(root);
  const schema = JSON.parse(fs.readFileSync(standardSchemaFile, 'utf8')) as StandardSchema;
  const index: SchemaIndex = {
    root: project.root,
    objects: new Map(),
    labels: new Set(),
    customPermissions: new Set(),
    staticResources: new Set(),
    namedCredentials: new Set(),
    externalCredentials: new Map(),
    channels: new Set(),
    tabs: new Set(),
    flexiPages: new Set(),
    components: new Map(),
    classes: new Map(),
    customMetadataRecords: new Map()
  };
  loadStandardSchema(index, schema);
  for (const pkg of project.packageDirs) {
    for (const file of listFiles(pkg, (n) => n.endsWith('.labels-meta.xml'))) {
      const labels = (readXml(file)?.CustomLabels ?? {}) as Record<string, unknown>;
      for (const label of asArray(labels.labels as Record<string, unknown>[])) {
        index.labels.add(String(label.fullName).toLowerCase());
      }
    }
    names(pkg, '.customPermission-meta.xml').forEach((n) =>
      index.customPermissions.add(n.toLowerCase())
    );
    names(pkg, '.resource-meta.xml').forEach((n) => index.staticResources.add(n.toLowerCase()));
    names(pkg, '.namedCredential-meta.xml').forEach((n) =>
      index.namedCredentials.add(n.toLowerCase())
    );
    names(pkg, '.platformEventChannel-meta.xml').forEach((n) =>
      index.channels.add(n.toLowerCase())
    );
    names(pkg, '.tab-meta.xml').forEach((n) => index.tabs.add(n.toLowerCase()));
    names(pkg, '.flexipage-meta.xml').forEach((n) => index.flexiPages.add(n.toLowerCase()));
    for (const file of listFiles(pkg, (n) => n.endsWith('.js-meta.xml'))) {
      const bundle = (readXml(file)?.LightningComponentBundle ?? {}) as Record<string, unknown>;
      const targets = (bundle.targets ?? {}) as Record<string, unknown>;
      const exposed = String(bundle.isExposed) === 'true';
      index.components.set(
        path.basename(file, '.js-meta.xml').toLowerCase(),
        new Set(exposed ? asArray(targets.target as string[]).map(String) : [])
      );
    }
    for (const file of listFiles(pkg, (n) => n.endsWith('.externalCredential-meta.xml'))) {
      const credential = (readXml(file)?.ExternalCredential ?? {}) as Record<string, unknown>;
      const principals = new Set(
        asArray(credential.externalCredentialParameters as Record<string, unknown>[])
          .filter(
            (p) => p.parameterType === 'NamedPrincipal' || p.parameterType === 'PerUserPrincipal'
          )
          .map((p) => String(p.parameterName).toLowerCase())
      );
      index.externalCredentials.set(
        path.basename(file, '.externalCredential-meta.xml').toLowerCase(),
        principals
      );
    }
    for (const file of listFiles(pkg, (n) => n.endsWith('.cls'))) {
      const name = path.basename(file, '.cls');
      index.classes.set(name.toLowerCase(), { name, text: fs.readFileSync(file, 'utf8') });
    }
  }
  const model = loadMetadataModel(root);
  loadObjects(index, model, schema);
  for (const record of model.customMetadataRecords) {
    const key = record.type.toLowerCase();
    if (!index.customMetadataRecords.has(key)) index.customMetadataRecords.set(key, new Set());
    index.customMetadataRecords.get(key)?.add(record.developerName.toLowerCase());
  }
  linkChildRelationships(index);
  loadChangeEvents(index, schema);
  return index;
}

/** Finds a field on an object, case-insensitively. */
export function findField(
  index: SchemaIndex,
  objectName: string,
  fieldName: string
): KnownField | undefined {
  return index.objects.get(objectName.toLowerCase())?.fields.get(fieldName.toLowerCase());
}

/** True when any object in the index has a field of that name. */
export function anyObjectHasField(index: SchemaIndex, fieldName: string): boolean {
  const key = fieldName.toLowerCase();
  for (const object of index.objects.values()) if (object.fields.has(key)) return true;
  return false;
}
