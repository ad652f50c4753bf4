/**
 * What may be loaded, with which key, and in which order.
 *
 * Objects come from the registry — `Integration_Object__mdt` records in the project's metadata
 * (`Object_API_Name__c`, `External_ID_Field__c`, `Sort_Order__c`) — so the loader accepts exactly
 * the objects the integration syncs. `PricebookEntry` is the one unregistered object accepted: it
 * has no ERP key of its own but sits between products and price books and everything else, so a
 * plan names its key (`externalId`) and whether its file holds standard or custom entries.
 *
 * Order: registered objects by `Sort_Order__c` (Product2 10, Pricebook2 20, Account 30, Contact 40
 * … Order 80, OrderItem 90), standard price book entries right after both Product2 and Pricebook2,
 * custom entries right after the standard ones (a custom entry needs an active standard entry for
 * its product). Steps of the same rank keep their plan order.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  customMetadataRecordsOf,
  findField,
  loadMetadataModel,
  type MetadataModel
} from '../../lib/metadata-model.js';

/** A usage problem: unknown object, wrong field, bad plan file. Exit code 2. */
export class UsageError extends Error {
  /** @param message - what is wrong */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An object registered in `Integration_Object__mdt`. */
export interface RegisteredObject {
  readonly object: string;
  /** `External_ID_Field__c`; undefined when the record has none (e.g. Opportunity). */
  readonly externalIdField?: string;
  readonly sortOrder: number;
}

/** One load: which object, which file, which key, in which position. */
export interface LoadTarget {
  readonly object: string;
  readonly file: string;
  readonly externalIdField: string;
  /** From the field's metadata; `false` (Salesforce's default) when unknown. */
  readonly caseSensitive: boolean;
  /** Position in dependency order (lower first). */
  readonly rank: number;
  /** `standard` / `custom` for PricebookEntry. */
  readonly pricebook?: 'standard' | 'custom';
}

/** Objects accepted without a registry record, with their position relative to registered ones. */
const PRICEBOOK_ENTRY = 'PricebookEntry';

/**
 * Reads the registry from a project.
 *
 * @param projectRoot - folder with `sfdx-project.json`
 * @returns the model and the registered objects by lower-case name
 */
export function loadRegistry(projectRoot: string): {
  model: MetadataModel;
  registry: Map<string, RegisteredObject>;
} {
  const model = loadMetadataModel(projectRoot);
  const registry = new Map<string, RegisteredObject>();
  for (const record of customMetadataRecordsOf(model, 'Integration_Object__mdt')) {
    const object = record.values.get('Object_API_Name__c');
    if (typeof object !== 'string' || object === '') {
      continue;
    }
    const key = record.values.get('External_ID_Field__c');
    const sort = record.values.get('Sort_Order__c');
    registry.set(object.toLowerCase(), {
      object,
      externalIdField: typeof key === 'string' && key !== '' ? key : undefined,
      sortOrder: typeof sort === 'number' ? sort : Number.MAX_SAFE_INTEGER
    });
  }
  return { model, registry };
}

function registeredNames(registry: Map<string, RegisteredObject>): string {
  return [...registry.values()]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((r) => r.object)
    .join(', ');
}

/**
 * Checks one requested load against the registry and the metadata.
 *
 * @param context - model and registry from {@link loadRegistry}
 * @param request - object, file, optional key and price book kind
 * @returns the load target
 * @throws UsageError for an unregistered object, a missing or non-external-ID key field
 */
export function resolveTarget(
  context: { model: MetadataModel; registry: Map<string, RegisteredObject> },
  request: { object: string; file: string; externalId?: string; pricebook?: string }
): LoadTarget {
  const { model, registry } = context;
  const registered = registry.get(request.object.toLowerCase());
  let object: string;
  let rank: number;
  let pricebook: 'standard' | 'custom' | undefined;
  if (registered !== undefined) {
    object = registered.object;
    rank = registered.sortOrder;
  } else if (request.object.toLowerCase() === PRICEBOOK_ENTRY.toLowerCase()) {
    object = PRICEBOOK_ENTRY;
    if (request.pricebook !== 'standard' && request.pricebook !== 'custom') {
      throw new UsageError(
        'PricebookEntry needs "pricebook": "standard" or "custom" (standard entries load first)'
      );
    }
    pricebook = request.pricebook;
    const parents = ['product2', 'pricebook2'].map((o) => registry.get(o)?.sortOrder ?? 0);
    rank = Math.max(...parents) + (pricebook === 'standard' ? 0.1 : 0.2);
  } else {
    throw new UsageError(
      `${request.object} is not a registered integration object (Integration_Object__mdt); ` +
        `registered: ${registeredNames(registry)}; also PricebookEntry with an explicit key`
    );
  }
  const externalIdField = request.externalId ?? registered?.externalIdField;
  if (externalIdField === undefined) {
    throw new UsageError(
      `${object} has no External_ID_Field__c in its Integration_Object__mdt record: pass --external-id <Field>`
    );
  }
  const field = findField(model, object, externalIdField);
  if (field !== undefined && !field.externalId) {
    throw new UsageError(`${object}.${field.apiName} is not an External ID field`);
  }
  if (field === undefined && externalIdField.endsWith('__c') && model.objects.has(object)) {
    throw new UsageError(`${object} has no field ${externalIdField} in the project metadata`);
  }
  return {
    object,
    file: request.file,
    externalIdField: field?.apiName ?? externalIdField,
    caseSensitive: field?.caseSensitive ?? false,
    rank,
    pricebook
  };
}

/** A step as written in a plan file. */
interface PlanStep {
  object?: unknown;
  file?: unknown;
  externalId?: unknown;
  pricebook?: unknown;
}

/**
 * Reads a plan file and orders its steps by dependency.
 *
 * The file is JSON: `{ "steps": [ { "object": "Account", "file": "accounts.csv" }, … ] }`
 * (or just the array); `externalId` is optional for registered objects, `pricebook`
 * (`standard`/`custom`) and `externalId` are required for PricebookEntry; files are relative to
 * the plan.
 *
 * @param planFile - path of the plan
 * @param context - model and registry from {@link loadRegistry}
 * @returns the targets in load order
 * @throws UsageError for an unreadable plan or a bad step (naming the step)
 */
export function readPlan(
  planFile: string,
  context: { model: MetadataModel; registry: Map<string, RegisteredObject> }
): LoadTarget[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${planFile}: ${code === 'ENOENT' ? 'no such file' : `not a JSON plan (${(error as Error).message})`}`
    );
  }
  const steps = Array.isArray(parsed) ? parsed : (parsed as { steps?: unknown })?.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new UsageError(`${planFile}: expected {"steps": [{"object": …, "file": …}, …]}`);
  }
  const base = path.dirname(planFile);
  const targets = steps.map((raw: PlanStep, index) => {
    const where = `${planFile}: step ${index + 1}`;
    if (typeof raw?.object !== 'string' || typeof raw.file !== 'string') {
      throw new UsageError(`${where}: "object" and "file" are required strings`);
    }
    if (raw.externalId !== undefined && typeof raw.externalId !== 'string') {
      throw new UsageError(`${where}: "externalId" must be a string`);
    }
    try {
      return resolveTarget(context, {
        object: raw.object,
        file: path.resolve(base, raw.file),
        externalId: raw.externalId as string | undefined,
        pricebook: typeof raw.pricebook === 'string' ? raw.pricebook : undefined
      });
    } catch (error) {
      throw new UsageError(`${where}: ${(error as Error).message}`);
    }
  });
  return orderTargets(targets);
}

/**
 * Sorts targets into dependency order, keeping the given order among equal ranks.
 *
 * @param targets - targets in any order
 * @returns a new array in load order
 */
export function orderTargets(targets: readonly LoadTarget[]): LoadTarget[] {
  return targets
    .map((target, index) => ({ target, index }))
    .sort((a, b) => a.target.rank - b.target.rank || a.index - b.index)
    .map((e) => e.target);
}
