/**
 * Seed data for `seed:pricebooks`: reads every `*.json` and `*.csv` file of a folder (default
 * `data/pricebooks/`), validates it completely and returns products and price lists, or throws a
 * {@link SeedDataError} listing every problem with its file, row or JSON path, field and reason.
 *
 * JSON files: `{"products": [...], "priceLists": [...]}` (either may be absent). CSV files are
 * recognised by their header: a products file has `ERP_Product_ID__c`, `Name`, `ProductCode`,
 * `StandardPrice`; a price-list entries file has `ERP_Price_List_ID__c`, `PriceListName`,
 * `ERP_Product_ID__c`, `UnitPrice`. See `docs/tooling/org-tooling.md`.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** One price of a product or entry. */
export interface Price {
  readonly unitPrice: number;
  /** ISO currency code; only in multi-currency data. */
  readonly currency?: string;
}

/** A product to seed, with its standard prices. */
export interface ProductSpec {
  readonly erpProductId: string;
  readonly name: string;
  readonly sku: string;
  readonly active: boolean;
  /** `undefined`: not managed; `null`: cleared. */
  readonly description?: string | null;
  readonly standardPrices: readonly Price[];
  /** Where it was read, for messages. */
  readonly source: string;
}

/** One entry of a price list. */
export interface EntrySpec extends Price {
  readonly erpProductId: string;
  readonly active: boolean;
  /** File it was read from. */
  readonly source: string;
  /** Row or JSON path in that file. */
  readonly where: string;
}

/** A custom price list (a `Pricebook2`) with its entries. */
export interface PriceListSpec {
  readonly erpPriceListId: string;
  readonly name: string;
  readonly active: boolean;
  readonly description?: string | null;
  readonly entries: readonly EntrySpec[];
  readonly source: string;
}

/** Everything read from the folder. */
export interface SeedData {
  readonly products: readonly ProductSpec[];
  readonly priceLists: readonly PriceListSpec[];
  /** True when prices carry currencies (the org must be multi-currency). */
  readonly multiCurrency: boolean;
  /** Files read, relative to the folder. */
  readonly files: readonly string[];
}

/** One problem in the data. */
export interface SeedDataIssue {
  readonly file: string;
  /** `row 4` (CSV, header = row 1) or a JSON path like `products[2]`. */
  readonly where: string;
  readonly field?: string;
  readonly message: string;
}

/** The data cannot be seeded; {@link SeedDataError.issues} says why. */
export class SeedDataError extends Error {
  /** @param issues - every problem found */
  constructor(readonly issues: readonly SeedDataIssue[]) {
    super(
      `${issues.length} problem(s) in the seed data:\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')
    );
    this.name = 'SeedDataError';
  }
}

/**
 * Formats an issue as `file: where, field: message`.
 *
 * @param issue - the issue
 * @returns one line
 */
export function formatIssue(issue: SeedDataIssue): string {
  const place = [issue.where, issue.field].filter((part) => part !== undefined && part !== '');
  return `${issue.file}: ${place.join(', ')}${place.length > 0 ? ': ' : ''}${issue.message}`;
}

const PRODUCT_KEYS = new Set([
  'erpProductId',
  'name',
  'sku',
  'active',
  'description',
  'standardPrice',
  'standardPrices',
  'currency'
]);
const PRICE_LIST_KEYS = new Set(['erpPriceListId', 'name', 'active', 'description', 'entries']);
const ENTRY_KEYS = new Set(['erpProductId', 'unitPrice', 'currency', 'active']);
const PRICE_KEYS = new Set(['unitPrice', 'currency']);

const PRODUCT_COLUMNS = ['ERP_Product_ID__c', 'Name', 'ProductCode', 'StandardPrice'];
const PRODUCT_OPTIONAL = ['IsActive', 'CurrencyIsoCode', 'Description'];
const ENTRY_COLUMNS = ['ERP_Price_List_ID__c', 'PriceListName', 'ERP_Product_ID__c', 'UnitPrice'];
const ENTRY_OPTIONAL = ['IsActive', 'CurrencyIsoCode'];

/** Longest text the Name / external-ID fields hold. */
const MAX_TEXT = 255;

interface Collector {
  readonly issues: SeedDataIssue[];
  readonly products: Map<string, { spec: ProductSpec; where: string }>;
  readonly priceLists: Map<string, { spec: PriceListSpec; where: string }>;
}

type Issue = (where: string, field: string | undefined, message: string) => void;

function text(
  value: unknown,
  field: string,
  where: string,
  issue: Issue,
  required: boolean
): string | null | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) {
      issue(where, field, 'is required and must not be blank');
    }
    return value === undefined ? undefined : null;
  }
  if (typeof value !== 'string') {
    issue(where, field, `must be a string, got ${JSON.stringify(value)}`);
    return undefined;
  }
  if (value.trim() === '') {
    if (required) {
      issue(where, field, 'is required and must not be blank');
    }
    return null;
  }
  if (value.length > MAX_TEXT && field !== 'description' && field !== 'Description') {
    issue(where, field, `is ${value.length} characters; at most ${MAX_TEXT}`);
  }
  return value.trim();
}

function price(value: unknown, field: string, where: string, issue: Issue): number | undefined {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    n = Number(value);
  } else {
    issue(
      where,
      field,
      value === undefined || value === '' || value === null
        ? 'is required'
        : `${JSON.stringify(value)} is not a number`
    );
    return undefined;
  }
  if (!Number.isFinite(n) || n < 0) {
    issue(where, field, `${n} is not a price (a number ≥ 0)`);
    return undefined;
  }
  return n;
}

function currency(value: unknown, field: string, where: string, issue: Issue): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    issue(where, field, `${JSON.stringify(value)} is not an ISO currency code like EUR`);
    return undefined;
  }
  return value;
}

function flag(value: unknown, field: string, where: string, issue: Issue): boolean {
  if (value === undefined || value === null || value === '') {
    return true;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === 'true';
  }
  issue(where, field, `${JSON.stringify(value)} is not true or false`);
  return true;
}

function unknownKeys(
  record: Record<string, unknown>,
  allowed: Set<string>,
  where: string,
  issue: Issue
): void {
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) {
      issue(where, key, `unknown field; expected one of ${[...allowed].join(', ')}`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function addProduct(c: Collector, spec: ProductSpec, where: string, issue: Issue): void {
  const key = spec.erpProductId.toLowerCase();
  const seen = c.products.get(key);
  if (seen === undefined) {
    c.products.set(key, { spec, where });
    return;
  }
  // A products CSV may list a product once per currency: same product fields, another price.
  const same =
    seen.spec.source === spec.source &&
    seen.spec.name === spec.name &&
    seen.spec.sku === spec.sku &&
    seen.spec.active === spec.active &&
    seen.spec.description === spec.description;
  if (same && spec.standardPrices.every((p) => p.currency !== undefined)) {
    c.products.set(key, {
      spec: { ...seen.spec, standardPrices: [...seen.spec.standardPrices, ...spec.standardPrices] },
      where: seen.where
    });
    return;
  }
  issue(
    where,
    'erpProductId',
    `duplicate product "${spec.erpProductId}" (also in ${seen.spec.source}, ${seen.where})`
  );
}

function readProductJson(
  c: Collector,
  value: unknown,
  where: string,
  source: string,
  issue: Issue
): void {
  if (!isObject(value)) {
    issue(where, undefined, 'must be an object');
    return;
  }
  unknownKeys(value, PRODUCT_KEYS, where, issue);
  const erpProductId = text(value.erpProductId, 'erpProductId', where, issue, true);
  const name = text(value.name, 'name', where, issue, true);
  const sku = text(value.sku, 'sku', where, issue, true);
  const description = text(value.description, 'description', where, issue, false);
  const active = flag(value.active, 'active', where, issue);
  const prices: Price[] = [];
  if (value.standardPrice !== undefined && value.standardPrices !== undefined) {
    issue(where, 'standardPrices', 'give either standardPrice or standardPrices, not both');
  } else if (value.standardPrices !== undefined) {
    if (!Array.isArray(value.standardPrices) || value.standardPrices.length === 0) {
      issue(where, 'standardPrices', 'must be a non-empty array of {"unitPrice", "currency"}');
    } else {
      value.standardPrices.forEach((p: unknown, i: number) => {
        const at = `${where}.standardPrices[${i}]`;
        if (!isObject(p)) {
          issue(at, undefined, 'must be an object {"unitPrice", "currency"}');
          return;
        }
        unknownKeys(p, PRICE_KEYS, at, issue);
        const unitPrice = price(p.unitPrice, 'unitPrice', at, issue);
        const code = currency(p.currency, 'currency', at, issue);
        if (code === undefined && p.currency === undefined) {
          issue(at, 'currency', 'is required in standardPrices (one price per currency)');
        }
        if (unitPrice !== undefined) {
          prices.push({ unitPrice, currency: code });
        }
      });
    }
  } else {
    const unitPrice = price(value.standardPrice, 'standardPrice', where, issue);
    const code = currency(value.currency, 'currency', where, issue);
    if (unitPrice !== undefined) {
      prices.push(code === undefined ? { unitPrice } : { unitPrice, currency: code });
    }
  }
  if (typeof erpProductId === 'string' && typeof name === 'string' && typeof sku === 'string') {
    addProduct(
      c,
      { erpProductId, name, sku, active, description, standardPrices: prices, source },
      where,
      issue
    );
  }
}

function addPriceList(c: Collector, spec: PriceListSpec, where: string, issue: Issue): void {
  const key = spec.erpPriceListId.toLowerCase();
  const seen = c.priceLists.get(key);
  if (seen === undefined) {
    c.priceLists.set(key, { spec, where });
    return;
  }
  if (seen.spec.source === spec.source && spec.source.endsWith('.csv')) {
    if (seen.spec.name !== spec.name) {
      issue(
        where,
        'PriceListName',
        `"${spec.name}" differs from "${seen.spec.name}" given for ${spec.erpPriceListId} in ${seen.where}`
      );
      return;
    }
    c.priceLists.set(key, {
      spec: { ...seen.spec, entries: [...seen.spec.entries, ...spec.entries] },
      where: seen.where
    });
    return;
  }
  issue(
    where,
    'erpPriceListId',
    `duplicate price list "${spec.erpPriceListId}" (also in ${seen.spec.source}, ${seen.where})`
  );
}

function readPriceListJson(
  c: Collector,
  value: unknown,
  where: string,
  source: string,
  issue: Issue
): void {
  if (!isObject(value)) {
    issue(where, undefined, 'must be an object');
    return;
  }
  unknownKeys(value, PRICE_LIST_KEYS, where, issue);
  const erpPriceListId = text(value.erpPriceListId, 'erpPriceListId', where, issue, true);
  const name = text(value.name, 'name', where, issue, true);
  const description = text(value.description, 'description', where, issue, false);
  const active = flag(value.active, 'active', where, issue);
  const entries: EntrySpec[] = [];
  if (!Array.isArray(value.entries)) {
    issue(where, 'entries', 'must be an array of {"erpProductId", "unitPrice"}');
  } else {
    value.entries.forEach((e: unknown, i: number) => {
      const at = `${where}.entries[${i}]`;
      if (!isObject(e)) {
        issue(at, undefined, 'must be an object {"erpProductId", "unitPrice"}');
        return;
      }
      unknownKeys(e, ENTRY_KEYS, at, issue);
      const erpProductId = text(e.erpProductId, 'erpProductId', at, issue, true);
      const unitPrice = price(e.unitPrice, 'unitPrice', at, issue);
      const code = currency(e.currency, 'currency', at, issue);
      const entryActive = flag(e.active, 'active', at, issue);
      if (typeof erpProductId === 'string' && unitPrice !== undefined) {
        entries.push({
          erpProductId,
          unitPrice,
          ...(code === undefined ? {} : { currency: code }),
          active: entryActive,
          source,
          where: at
        });
      }
    });
  }
  if (typeof erpPriceListId === 'string' && typeof name === 'string') {
    addPriceList(c, { erpPriceListId, name, active, description, entries, source }, where, issue);
  }
}

function readJson(c: Collector, file: string, source: string): void {
  const issue: Issue = (where, field, message) =>
    c.issues.push({ file: source, where, field, message });
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    issue('', undefined, `not valid JSON (${(error as Error).message})`);
    return;
  }
  if (!isObject(doc)) {
    issue('', undefined, 'expected an object {"products": [...], "priceLists": [...]}');
    return;
  }
  unknownKeys(doc, new Set(['products', 'priceLists', '$schema', 'description']), '', issue);
  for (const [key, read] of [
    ['products', readProductJson],
    ['priceLists', readPriceListJson]
  ] as const) {
    const list = doc[key];
    if (list === undefined) {
      continue;
    }
    if (!Array.isArray(list)) {
      issue(key, undefined, 'must be an array');
      continue;
    }
    list.forEach((item: unknown, i: number) => read(c, item, `${key}[${i}]`, source, issue));
  }
}

function readCsv(c: Collector, file: string, source: string): void {
  const issue: Issue = (where, field, message) =>
    c.issues.push({ file: source, where, field, message });
  let rows: string[][];
  try {
    rows = parse(fs.readFileSync(file), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true
    }) as string[][];
  } catch (error) {
    issue('', undefined, `not valid CSV (${(error as Error).message})`);
    return;
  }
  if (rows.length === 0) {
    issue('row 1', undefined, 'no header row');
    return;
  }
  const header = rows[0].map((h) => h.trim());
  const isEntries = header.includes('ERP_Price_List_ID__c');
  const required = isEntries ? ENTRY_COLUMNS : PRODUCT_COLUMNS;
  const allowed = new Set([...required, ...(isEntries ? ENTRY_OPTIONAL : PRODUCT_OPTIONAL)]);
  const missing = required.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !allowed.has(column));
  if (missing.length > 0 || unknown.length > 0) {
    issue(
      'row 1',
      undefined,
      [
        missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '',
        unknown.length > 0 ? `unknown column(s) ${unknown.join(', ')}` : '',
        `a ${isEntries ? 'price-list entries' : 'products'} file has ${required.join(', ')} and optionally ${[...allowed].filter((a) => !required.includes(a)).join(', ')}`
      ]
        .filter(Boolean)
        .join('; ')
    );
    return;
  }
  rows.slice(1).forEach((values, i) => {
    const where = `row ${i + 2}`;
    if (values.length !== header.length) {
      issue(where, undefined, `has ${values.length} values; the header has ${header.length}`);
      return;
    }
    const row = Object.fromEntries(header.map((h, j) => [h, values[j]]));
    if (isEntries) {
      const erpPriceListId = text(
        row.ERP_Price_List_ID__c,
        'ERP_Price_List_ID__c',
        where,
        issue,
        true
      );
      const name = text(row.PriceListName, 'PriceListName', where, issue, true);
      const erpProductId = text(row.ERP_Product_ID__c, 'ERP_Product_ID__c', where, issue, true);
      const unitPrice = price(row.UnitPrice, 'UnitPrice', where, issue);
      const code = currency(row.CurrencyIsoCode, 'CurrencyIsoCode', where, issue);
      const active = flag(row.IsActive, 'IsActive', where, issue);
      if (
        typeof erpPriceListId === 'string' &&
        typeof name === 'string' &&
        typeof erpProductId === 'string' &&
        unitPrice !== undefined
      ) {
        const entry: EntrySpec = {
          erpProductId,
          unitPrice,
          ...(code === undefined ? {} : { currency: code }),
          active,
          source,
          where
        };
        addPriceList(
          c,
          { erpPriceListId, name, active: true, entries: [entry], source },
          where,
          issue
        );
      }
    } else {
      const erpProductId = text(row.ERP_Product_ID__c, 'ERP_Product_ID__c', where, issue, true);
      const name = text(row.Name, 'Name', where, issue, true);
      const sku = text(row.ProductCode, 'ProductCode', where, issue, true);
      const description =
        'Description' in row
          ? text(row.Description, 'Description', where, issue, false)
          : undefined;
      const unitPrice = price(row.StandardPrice, 'StandardPrice', where, issue);
      const code = currency(row.CurrencyIsoCode, 'CurrencyIsoCode', where, issue);
      const active = flag(row.IsActive, 'IsActive', where, issue);
      if (
        typeof erpProductId === 'string' &&
        typeof name === 'string' &&
        typeof sku === 'string' &&
        unitPrice !== undefined
      ) {
        addProduct(
          c,
          {
            erpProductId,
            name,
            sku,
            active,
            description,
            standardPrices: [code === undefined ? { unitPrice } : { unitPrice, currency: code }],
            source
          },
          where,
          issue
        );
      }
    }
  });
}

function crossCheck(c: Collector): boolean {
  const all: { currency?: string; file: string; where: string }[] = [];
  for (const { spec, where } of c.products.values()) {
    const seen = new Set<string>();
    for (const p of spec.standardPrices) {
      all.push({ currency: p.currency, file: spec.source, where });
      const key = p.currency ?? '';
      if (seen.has(key)) {
        c.issues.push({
          file: spec.source,
          where,
          field: 'standardPrices',
          message: `two standard prices in ${p.currency ?? 'the same currency'}`
        });
      }
      seen.add(key);
    }
  }
  for (const { spec } of c.priceLists.values()) {
    const seen = new Map<string, string>();
    for (const entry of spec.entries) {
      const file = entry.source;
      const at = entry.where;
      all.push({ currency: entry.currency, file, where: at });
      const product = c.products.get(entry.erpProductId.toLowerCase());
      if (product === undefined) {
        c.issues.push({
          file,
          where: at,
          field: 'erpProductId',
          message: `unknown product "${entry.erpProductId}": not in any products file`
        });
        continue;
      }
      if (!product.spec.standardPrices.some((p) => p.currency === entry.currency)) {
        c.issues.push({
          file,
          where: at,
          field: 'currency',
          message:
            `product "${entry.erpProductId}" has no standard price${entry.currency ? ` in ${entry.currency}` : ''}; ` +
            'a price-list entry needs a standard entry in the same currency'
        });
      }
      const key = `${entry.erpProductId.toLowerCase()}|${entry.currency ?? ''}`;
      const previous = seen.get(key);
      if (previous !== undefined) {
        c.issues.push({
          file,
          where: at,
          field: 'erpProductId',
          message: `"${entry.erpProductId}" is already priced in ${spec.erpPriceListId}${entry.currency ? ` in ${entry.currency}` : ''} (${previous})`
        });
      }
      seen.set(key, at);
    }
  }
  const withCurrency = all.filter((p) => p.currency !== undefined);
  if (withCurrency.length > 0 && withCurrency.length < all.length) {
    const first = all.find((p) => p.currency === undefined);
    c.issues.push({
      file: first?.file ?? '',
      where: first?.where ?? '',
      field: 'currency',
      message: `has no currency, but other prices do (${withCurrency[0].file}, ${withCurrency[0].where}); give every price a currency or none`
    });
  }
  return withCurrency.length > 0;
}

/**
 * Reads and validates a seed-data folder (or one file).
 *
 * @param dir - folder with `*.json` / `*.csv` files, or one such file
 * @returns the data
 * @throws SeedDataError when the folder is missing, empty or any record is invalid
 */
export function readSeedData(dir: string): SeedData {
  const base = path.resolve(dir);
  let files: string[];
  let root: string;
  try {
    if (fs.statSync(base).isDirectory()) {
      root = base;
      files = fs
        .readdirSync(base)
        .filter((f) => /\.(json|csv)$/i.test(f))
        .sort();
    } else {
      root = path.dirname(base);
      files = [path.basename(base)];
    }
  } catch {
    throw new SeedDataError([
      { file: dir, where: '', message: 'no such file or folder (pass --data <folder|file>)' }
    ]);
  }
  if (files.length === 0) {
    throw new SeedDataError([
      { file: dir, where: '', message: 'no .json or .csv files in this folder' }
    ]);
  }
  const c: Collector = { issues: [], products: new Map(), priceLists: new Map() };
  for (const file of files) {
    const full = path.join(root, file);
    const source = path.relative(process.cwd(), full) || full;
    if (/\.json$/i.test(file)) {
      readJson(c, full, source);
    } else if (/\.csv$/i.test(file)) {
      readCsv(c, full, source);
    } else {
      c.issues.push({ file: source, where: '', message: 'not a .json or .csv file' });
    }
  }
  const multiCurrency = crossCheck(c);
  if (c.issues.length > 0) {
    throw new SeedDataError(c.issues);
  }
  const products = [...c.products.values()].map((p) => p.spec);
  if (products.length === 0) {
    throw new SeedDataError([{ file: dir, where: '', message: 'no products to seed' }]);
  }
  return {
    products,
    priceLists: [...c.priceLists.values()].map((p) => p.spec),
    multiCurrency,
    files
  };
}
