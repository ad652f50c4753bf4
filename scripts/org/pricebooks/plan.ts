/**
 * The pricebook seeding plan: read what the org holds (SOQL), compare it with the seed data, and
 * list what to create and update in four ordered steps — products (upsert by
 * `ERP_Product_ID__c`), their standard price book entries, custom price books (upsert by
 * `ERP_Price_List_ID__c`), their entries — then apply it through sObject Collections with
 * per-record results. Records the data does not mention are never touched.
 *
 * @module
 */
import { RestApiError, soqlString, type RestClient, type SaveResult } from '../rest.js';
import type { Price, SeedData } from './data.js';

/** The four steps, in the order they run. */
export type StepName = 'Product2' | 'standard PricebookEntry' | 'Pricebook2' | 'PricebookEntry';

/** One record to write. */
export interface Operation {
  readonly kind: 'create' | 'update';
  /** Human key, e.g. `ERP-P-100` or `PL-EU / ERP-P-100 EUR`. */
  readonly key: string;
  /** Field values to send (changed fields only for updates). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** `field: old → new` for updates. */
  readonly changes: readonly string[];
  /** Existing record ID (updates of entries). */
  readonly id?: string;
  /** Entries: the product's ERP ID and the price book (`standard` or an ERP price list ID). */
  readonly erpProductId?: string;
  readonly pricebook?: string;
}

/** One step of the plan. */
export interface PlanStep {
  readonly name: StepName;
  readonly operations: readonly Operation[];
  readonly unchanged: number;
}

/** The whole plan. */
export interface SeedPlan {
  readonly steps: readonly PlanStep[];
  readonly standardPricebookId: string;
  readonly creates: number;
  readonly updates: number;
}

/** What the org holds, keyed by lower-case external ID. */
interface OrgState {
  readonly standardPricebookId: string;
  readonly products: Map<string, Record<string, unknown>>;
  readonly pricebooks: Map<string, Record<string, unknown>>;
  /** `pricebookId|productId|currency` → entry. */
  readonly entries: Map<string, Record<string, unknown>>;
}

/** The org cannot take the data (not deployed, no standard price book, not multi-currency). */
export class OrgStateError extends Error {
  /** @param message - what is wrong and what to do */
  constructor(message: string) {
    super(message);
    this.name = 'OrgStateError';
  }
}

const IN_LIMIT = 200;

function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_LIMIT) {
    out.push(items.slice(i, i + IN_LIMIT));
  }
  return out;
}

async function queryIn(
  rest: RestClient,
  select: string,
  field: string,
  values: readonly string[]
): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for (const part of chunked(values)) {
    records.push(
      ...(await rest.query<Record<string, unknown>>(
        `${select} WHERE ${field} IN (${part.map(soqlString).join(', ')})`
      ))
    );
  }
  return records;
}

function explainQueryError(error: unknown, multiCurrency: boolean): never {
  if (error instanceof RestApiError && error.errorCode === 'INVALID_FIELD') {
    if (/CurrencyIsoCode/.test(error.detail) && multiCurrency) {
      throw new OrgStateError(
        'the data has currencies but the org is not multi-currency (no CurrencyIsoCode field); ' +
          'remove the currencies or enable multiple currencies'
      );
    }
    throw new OrgStateError(
      `the org lacks a field the seed needs (${error.detail}); deploy force-app first ` +
        '(`sf project deploy start --source-dir force-app`) or check --target-org'
    );
  }
  throw error;
}

const entryKey = (pricebookId: string, productId: string, currency?: string): string =>
  `${pricebookId}|${productId}|${currency ?? ''}`;

/**
 * Reads the org state the data concerns.
 *
 * @param rest - REST client
 * @param data - the seed data
 * @returns products, price books and entries found, and the standard price book's ID
 */
export async function readOrgState(rest: RestClient, data: SeedData): Promise<OrgState> {
  try {
    // CurrencyIsoCode in the first query: a single-currency org refuses it before any write.
    const currencyField = data.multiCurrency ? ', CurrencyIsoCode' : '';
    const standard = await rest.query<{ Id: string }>(
      `SELECT Id${currencyField} FROM Pricebook2 WHERE IsStandard = true`
    );
    if (standard.length === 0) {
      throw new OrgStateError('the org has no standard price book (Pricebook2 IsStandard = true)');
    }
    const products = await queryIn(
      rest,
      'SELECT Id, ERP_Product_ID__c, Name, ProductCode, IsActive, Description FROM Product2',
      'ERP_Product_ID__c',
      data.products.map((p) => p.erpProductId)
    );
    const pricebooks =
      data.priceLists.length === 0
        ? []
        : await queryIn(
            rest,
            'SELECT Id, ERP_Price_List_ID__c, Name, IsActive, Description FROM Pricebook2',
            'ERP_Price_List_ID__c',
            data.priceLists.map((p) => p.erpPriceListId)
          );
    const productIds = products.map((p) => String(p.Id));
    const entries =
      productIds.length === 0
        ? []
        : await queryIn(
            rest,
            `SELECT Id, Pricebook2Id, Product2Id, UnitPrice, IsActive${currencyField} FROM PricebookEntry`,
            'Product2Id',
            productIds
          );
    const byKey = (records: Record<string, unknown>[], field: string) =>
      new Map(records.map((r) => [String(r[field]).toLowerCase(), r]));
    return {
      standardPricebookId: standard[0].Id,
      products: byKey(products, 'ERP_Product_ID__c'),
      pricebooks: byKey(pricebooks, 'ERP_Price_List_ID__c'),
      entries: new Map(
        entries.map((e) => [
          entryKey(
            String(e.Pricebook2Id),
            String(e.Product2Id),
            typeof e.CurrencyIsoCode === 'string' ? e.CurrencyIsoCode : undefined
          ),
          e
        ])
      )
    };
  } catch (error) {
    return explainQueryError(error, data.multiCurrency);
  }
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (v === '' || v === undefined ? null : v);
  if (typeof a === 'number' || typeof b === 'number') {
    return Number(a) === Number(b);
  }
  return norm(a) === norm(b);
}

function diff(
  current: Record<string, unknown> | undefined,
  wanted: Record<string, unknown>
): { fields: Record<string, unknown>; changes: string[] } {
  const fields: Record<string, unknown> = {};
  const changes: string[] = [];
  for (const [field, value] of Object.entries(wanted)) {
    if (value === undefined) {
      continue;
    }
    if (current === undefined || !same(current[field], value)) {
      fields[field] = value;
      if (current !== undefined) {
        changes.push(
          `${field}: ${JSON.stringify(current[field] ?? null)} → ${JSON.stringify(value)}`
        );
      }
    }
  }
  return { fields, changes };
}

function entryOps(
  state: OrgState,
  pricebookId: string | undefined,
  pricebook: string,
  erpProductId: string,
  price: Price & { active: boolean },
  multiCurrency: boolean
): Operation | undefined {
  const product = state.products.get(erpProductId.toLowerCase());
  const existing =
    pricebookId !== undefined && product !== undefined
      ? state.entries.get(entryKey(pricebookId, String(product.Id), price.currency))
      : undefined;
  const key = `${pricebook} / ${erpProductId}${price.currency ? ` ${price.currency}` : ''}`;
  const wanted = { UnitPrice: price.unitPrice, IsActive: price.active };
  if (existing === undefined) {
    return {
      kind: 'create',
      key,
      erpProductId,
      pricebook,
      changes: [],
      fields: {
        ...wanted,
        UseStandardPrice: false,
        ...(multiCurrency ? { CurrencyIsoCode: price.currency } : {})
      }
    };
  }
  const { fields, changes } = diff(existing, wanted);
  return changes.length === 0
    ? undefined
    : { kind: 'update', key, erpProductId, pricebook, id: String(existing.Id), fields, changes };
}

function step(name: StepName, candidates: (Operation | undefined)[]): PlanStep {
  const operations = candidates.filter((op): op is Operation => op !== undefined);
  return { name, operations, unchanged: candidates.length - operations.length };
}

/**
 * Compares the data with the org state.
 *
 * @param data - the seed data
 * @param state - from {@link readOrgState}
 * @returns the plan (empty steps when the org already matches)
 */
export function planSeed(data: SeedData, state: OrgState): SeedPlan {
  const products = step(
    'Product2',
    data.products.map((p) => {
      const current = state.products.get(p.erpProductId.toLowerCase());
      const { fields, changes } = diff(current, {
        Name: p.name,
        ProductCode: p.sku,
        IsActive: p.active,
        Description: p.description
      });
      if (current !== undefined && changes.length === 0) {
        return undefined;
      }
      return {
        kind: current === undefined ? 'create' : 'update',
        key: p.erpProductId,
        fields: { ERP_Product_ID__c: p.erpProductId, ...fields },
        changes
      };
    })
  );
  const standard = step(
    'standard PricebookEntry',
    data.products.flatMap((p) =>
      p.standardPrices.map((price) =>
        entryOps(
          state,
          state.standardPricebookId,
          'standard',
          p.erpProductId,
          { ...price, active: true },
          data.multiCurrency
        )
      )
    )
  );
  const pricebooks = step(
    'Pricebook2',
    data.priceLists.map((l) => {
      const current = state.pricebooks.get(l.erpPriceListId.toLowerCase());
      const { fields, changes } = diff(current, {
        Name: l.name,
        IsActive: l.active,
        Description: l.description
      });
      if (current !== undefined && changes.length === 0) {
        return undefined;
      }
      return {
        kind: current === undefined ? 'create' : 'update',
        key: l.erpPriceListId,
        fields: { ERP_Price_List_ID__c: l.erpPriceListId, ...fields },
        changes
      };
    })
  );
  const custom = step(
    'PricebookEntry',
    data.priceLists.flatMap((l) => {
      const pricebook = state.pricebooks.get(l.erpPriceListId.toLowerCase());
      return l.entries.map((e) =>
        entryOps(
          state,
          pricebook === undefined ? undefined : String(pricebook.Id),
          l.erpPriceListId,
          e.erpProductId,
          e,
          data.multiCurrency
        )
      );
    })
  );
  const steps = [products, standard, pricebooks, custom];
  const count = (kind: Operation['kind']) =>
    steps.reduce((n, s) => n + s.operations.filter((op) => op.kind === kind).length, 0);
  return {
    steps,
    standardPricebookId: state.standardPricebookId,
    creates: count('create'),
    updates: count('update')
  };
}

/**
 * Describes a plan, one block per step.
 *
 * @param plan - the plan
 * @param detailLimit - most operations listed per step
 * @returns lines to print
 */
export function describePlan(plan: SeedPlan, detailLimit = 50): string[] {
  const lines: string[] = [];
  for (const s of plan.steps) {
    const creates = s.operations.filter((op) => op.kind === 'create').length;
    const updates = s.operations.length - creates;
    lines.push(
      `  ${s.name.padEnd(24)} ${creates} to create, ${updates} to update, ${s.unchanged} unchanged`
    );
    for (const op of s.operations.slice(0, detailLimit)) {
      lines.push(
        `    ${op.kind === 'create' ? '+' : '~'} ${op.key}${op.changes.length > 0 ? ` (${op.changes.join('; ')})` : ''}`
      );
    }
    if (s.operations.length > detailLimit) {
      lines.push(`    … and ${s.operations.length - detailLimit} more`);
    }
  }
  lines.push(`Total: ${plan.creates} to create, ${plan.updates} to update`);
  return lines;
}

/** One record the org refused, or skipped because a record it depends on failed. */
export interface SeedFailure {
  readonly step: StepName;
  readonly key: string;
  readonly errors: readonly string[];
}

/** What {@link applyPlan} did. */
export interface ApplyResult {
  readonly created: number;
  readonly updated: number;
  readonly failures: readonly SeedFailure[];
}

function errorsOf(result: SaveResult): string[] {
  return result.errors.map(
    (e) =>
      `${e.statusCode}: ${e.message}${e.fields && e.fields.length > 0 ? ` (fields: ${e.fields.join(', ')})` : ''}`
  );
}

/**
 * Applies a plan in order: products, standard entries, price books, custom entries. A custom
 * entry is skipped when its product, its price book or its product's standard entry failed.
 *
 * @param rest - REST client
 * @param plan - from {@link planSeed}
 * @param state - the state the plan was made from (IDs of existing records)
 * @param log - progress lines
 * @returns counts and failures
 */
export async function applyPlan(
  rest: RestClient,
  plan: SeedPlan,
  state: OrgState,
  log: (line: string) => void
): Promise<ApplyResult> {
  let created = 0;
  let updated = 0;
  const failures: SeedFailure[] = [];
  const productIds = new Map<string, string>();
  for (const [key, record] of state.products) {
    productIds.set(key, String(record.Id));
  }
  const pricebookIds = new Map<string, string>([['standard', plan.standardPricebookId]]);
  for (const [key, record] of state.pricebooks) {
    pricebookIds.set(key, String(record.Id));
  }
  const failedStandard = new Set<string>();

  const record = (
    s: PlanStep,
    ops: readonly Operation[],
    results: readonly SaveResult[],
    onSuccess?: (op: Operation, result: SaveResult) => void
  ): void => {
    ops.forEach((op, i) => {
      const result = results[i];
      if (result.success) {
        if (op.kind === 'create') {
          created++;
        } else {
          updated++;
        }
        onSuccess?.(op, result);
      } else {
        failures.push({ step: s.name, key: op.key, errors: errorsOf(result) });
        if (s.name === 'standard PricebookEntry' && op.erpProductId !== undefined) {
          failedStandard.add(op.erpProductId.toLowerCase());
        }
      }
    });
  };

  for (const s of plan.steps) {
    if (s.operations.length === 0) {
      continue;
    }
    const started = Date.now();
    if (s.name === 'Product2' || s.name === 'Pricebook2') {
      const field = s.name === 'Product2' ? 'ERP_Product_ID__c' : 'ERP_Price_List_ID__c';
      const ids = s.name === 'Product2' ? productIds : pricebookIds;
      const results = await rest.upsert(
        s.name,
        field,
        s.operations.map((op) => op.fields)
      );
      record(s, s.operations, results, (op, result) => {
        if (result.id) {
          ids.set(op.key.toLowerCase(), result.id);
        }
      });
    } else {
      const creates: Operation[] = [];
      const updates: Operation[] = [];
      for (const op of s.operations) {
        const productId = productIds.get(op.erpProductId?.toLowerCase() ?? '');
        const pricebookId = pricebookIds.get(
          op.pricebook === 'standard' ? 'standard' : (op.pricebook?.toLowerCase() ?? '')
        );
        const reasons = [
          productId === undefined ? `product ${op.erpProductId} was not saved` : '',
          pricebookId === undefined ? `price book ${op.pricebook} was not saved` : '',
          s.name === 'PricebookEntry' && failedStandard.has(op.erpProductId?.toLowerCase() ?? '')
            ? `the standard entry of ${op.erpProductId} was not saved`
            : ''
        ].filter(Boolean);
        if (reasons.length > 0) {
          failures.push({ step: s.name, key: op.key, errors: [`SKIPPED: ${reasons.join('; ')}`] });
        } else if (op.kind === 'create') {
          creates.push({
            ...op,
            fields: { Pricebook2Id: pricebookId, Product2Id: productId, ...op.fields }
          });
        } else {
          updates.push({ ...op, fields: { Id: op.id, ...op.fields } });
        }
      }
      if (creates.length > 0) {
        const results = await rest.create(
          creates.map((op) => ({ type: 'PricebookEntry', fields: op.fields }))
        );
        record(s, creates, results);
      }
      if (updates.length > 0) {
        const results = await rest.update(
          updates.map((op) => ({ type: 'PricebookEntry', fields: op.fields }))
        );
        record(s, updates, results);
      }
    }
    const failed = failures.filter((f) => f.step === s.name).length;
    log(
      `  ${s.name}: ${s.operations.length - failed} of ${s.operations.length} saved` +
        `${failed > 0 ? `, ${failed} failed` : ''} (${Date.now() - started} ms)`
    );
  }
  return { created, updated, failures };
}
