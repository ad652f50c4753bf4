/**
 * Which metadata type a `-meta.xml` file is, and therefore which root element it must have.
 *
 * The suffix table is source-deploy-retrieve's own metadata registry (the one `sf project deploy`
 * uses), so a suffix is "known" exactly when SDR knows it. Several types share a suffix (e.g.
 * `.settings`, `.site`, `.rule`); like SDR, the folder the file sits in decides between them.
 *
 * @module
 */
import path from 'node:path';
import registryJson from '@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json' with { type: 'json' };

/** The part of an SDR registry entry this module reads. */
interface RegistryType {
  readonly id: string;
  readonly name: string;
  readonly suffix?: string;
  readonly legacySuffix?: string;
  readonly directoryName?: string;
  readonly children?: { readonly types: Readonly<Record<string, RegistryType>> };
}

/** The part of SDR's registry this module reads. */
interface Registry {
  readonly types: Readonly<Record<string, RegistryType>>;
  readonly suffixes: Readonly<Record<string, string>>;
}

/** What a `-meta.xml` file is. */
export interface MetadataKind {
  /** File suffix between the component name and `-meta.xml`, e.g. `field`. */
  readonly suffix: string;
  /** Metadata API type, e.g. `CustomField`. */
  readonly typeName: string;
  /** Root element the file must have, e.g. `CustomField`, `AccountSettings`. */
  readonly rootElement: string;
  /** Component name from the file name, e.g. `ERP_Credit_Limit__c`. */
  readonly componentName: string;
}

const META_XML = '-meta.xml';
const registry = registryJson as unknown as Registry;

/** Bundle types whose `-meta.xml` suffix is the file type of the bundle's main file. */
const BUNDLE_SUFFIXES: ReadonlyArray<{ folder: string; suffixes: string[]; typeName: string }> = [
  { folder: 'lwc', suffixes: ['js'], typeName: 'LightningComponentBundle' },
  {
    folder: 'aura',
    suffixes: ['cmp', 'app', 'evt', 'intf', 'tokens'],
    typeName: 'AuraDefinitionBundle'
  }
];

function buildSuffixTable(): Map<string, RegistryType[]> {
  const table = new Map<string, RegistryType[]>();
  const add = (suffix: string | undefined, type: RegistryType): void => {
    if (!suffix) return;
    const list = table.get(suffix) ?? [];
    if (!list.includes(type)) list.push(type);
    table.set(suffix, list);
  };
  for (const type of Object.values(registry.types)) {
    add(type.suffix, type);
    add(type.legacySuffix, type);
    for (const childType of Object.values(type.children?.types ?? {})) {
      add(childType.suffix, childType);
      add(childType.legacySuffix, childType);
    }
  }
  return table;
}

const suffixTable = buildSuffixTable();

/**
 * Splits a `-meta.xml` file name into component name and suffix.
 *
 * @returns `undefined` when the name has no `.<suffix>-meta.xml` ending
 */
export function splitMetaFileName(
  fileName: string
): { componentName: string; suffix: string } | undefined {
  if (!fileName.endsWith(META_XML)) return undefined;
  const base = fileName.slice(0, -META_XML.length);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return { componentName: base.slice(0, dot), suffix: base.slice(dot + 1) };
}

function chooseType(candidates: RegistryType[], suffix: string, folders: string[]): RegistryType {
  for (const folder of [...folders].reverse()) {
    const match = candidates.find((type) => type.directoryName === folder);
    if (match) return match;
  }
  const preferred = candidates.find((type) => type.id === registry.suffixes[suffix]);
  return preferred ?? candidates[0];
}

/**
 * Resolves the metadata type of a `-meta.xml` file from its suffix and folders.
 *
 * @param filePath - path of the file (absolute or relative); its folders disambiguate suffixes
 * @returns `undefined` for a suffix that no metadata type uses
 */
export function resolveMetadataKind(filePath: string): MetadataKind | undefined {
  const parts = splitMetaFileName(path.basename(filePath));
  if (!parts) return undefined;
  const { componentName, suffix } = parts;
  const folders = path.dirname(filePath).split(/[\\/]/);
  for (const bundle of BUNDLE_SUFFIXES) {
    if (bundle.suffixes.includes(suffix) && folders.includes(bundle.folder)) {
      return { suffix, typeName: bundle.typeName, rootElement: bundle.typeName, componentName };
    }
  }
  const candidates = suffixTable.get(suffix);
  if (!candidates) return undefined;
  const type = chooseType(candidates, suffix, folders);
  const rootElement = type.name === 'Settings' ? `${componentName}Settings` : type.name;
  return { suffix, typeName: type.name, rootElement, componentName };
}
