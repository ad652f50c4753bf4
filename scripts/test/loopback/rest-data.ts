/**
 * REST data endpoints for the loopback server: an in-memory store per sObject, SOQL queries
 * (`SELECT fields FROM Object [WHERE a = v AND b IN (…)]`, nothing more), and sObject
 * Collections create (`POST /composite/sobjects`), update (`PATCH /composite/sobjects`) and upsert
 * by external ID (`PATCH /composite/sobjects/{Object}/{Field}`) with per-record results and
 * `allOrNone: false`, plus `PATCH /sobjects/{Object}/{Id}` and `GET /sobjects/{Object}/{Id}`.
 * Price book rules are enforced as the org does: an entry needs the product and the price book,
 * a custom entry needs the product's standard entry in the same currency, one entry per price
 * book, product and currency.
 *
 * @example
 * ```ts
 * const server = await startLoopback();
 * const data = installRestData(server, { failRecords: [{ object: 'Product2', match: (r) => r.Name === 'Bad', statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' }] });
 * ```
 *
 * @module
 */
import type { LoopbackServer, RouteContext } from './server.js';

/** A stored record. */
export type StoredRecord = Record<string, unknown> & { Id: string };

/** A record-level failure to inject. */
export interface FailRecord {
  readonly object: string;
  readonly match: (record: Readonly<Record<string, unknown>>) => boolean;
  readonly statusCode: string;
  readonly message: string;
  readonly fields?: string[];
}

/** Options of {@link installRestData}. */
export interface RestDataOptions {
  /** Writes that fail per record. */
  readonly failRecords?: readonly FailRecord[];
  /** The org has `CurrencyIsoCode` (multi-currency). */
  readonly multiCurrency?: boolean;
  /** The project's custom fields are missing (force-app not deployed). */
  readonly undeployed?: boolean;
}

/** The store, for assertions. */
export interface RestDataState {
  /** object → Id → record. */
  readonly records: Map<string, Map<string, StoredRecord>>;
  /** SOQL queries received, in order. */
  readonly queries: string[];
  /** Record writes attempted (create, update, upsert), per object. */
  readonly writes: Map<string, number>;
  /** The standard price book's ID. */
  readonly standardPricebookId: string;
  /** Adds a record directly (test setup). */
  insert(object: string, fields: Record<string, unknown>): StoredRecord;
  /** Records of an object. */
  all(object: string): StoredRecord[];
}

const PREFIX: Record<string, string> = {
  Product2: '01t',
  Pricebook2: '01s',
  PricebookEntry: '01u',
  Account: '001',
  Order: '801',
  OrderItem: '802',
  User: '005'
};

const CUSTOM_FIELDS = new Set([
  'ERP_Product_ID__c',
  'ERP_Price_List_ID__c',
  'ERP_Account_ID__c',
  'ERP_Order_ID__c',
  'ERP_Status__c',
  'Integration_Key__c'
]);

const EXTERNAL_IDS: Record<string, string[]> = {
  Product2: ['ERP_Product_ID__c'],
  Pricebook2: ['ERP_Price_List_ID__c'],
  Account: ['ERP_Account_ID__c'],
  Order: ['ERP_Order_ID__c', 'Integration_Key__c']
};

interface SaveResultBody {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

interface Condition {
  field: string;
  values: unknown[];
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^'.*'$/s.test(t)) {
    return t.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  if (/^(true|false)$/i.test(t)) {
    return t.toLowerCase() === 'true';
  }
  if (/^null$/i.test(t)) {
    return null;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    return Number(t);
  }
  throw new Error(`unsupported literal ${t}`);
}

function splitList(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quoted) {
      current += ch + text[++i];
      continue;
    }
    if (ch === "'") {
      quoted = !quoted;
    }
    if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') {
    out.push(current);
  }
  return out;
}

function splitAnd(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (quoted && text[i] === '\\') {
      i++;
    } else if (text[i] === "'") {
      quoted = !quoted;
    } else if (!quoted && /^\sAND\s/i.test(text.slice(i, i + 5))) {
      parts.push(text.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A parsed query. */
interface Query {
  fields: string[];
  object: string;
  conditions: Condition[];
}

/**
 * Parses the SOQL subset the org scripts use.
 *
 * @param soql - the query
 * @returns fields, object and AND-ed conditions
 */
export function parseSoql(soql: string): Query {
  const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s*$/is.exec(soql);
  if (m === null) {
    throw new Error(`unsupported query: ${soql}`);
  }
  const conditions: Condition[] = [];
  if (m[3] !== undefined) {
    for (const part of splitAnd(m[3])) {
      const inMatch = /^\s*(\w+)\s+IN\s*\((.*)\)\s*$/is.exec(part);
      const eqMatch = /^\s*(\w+)\s*=\s*(.+?)\s*$/s.exec(part);
      if (inMatch !== null) {
        conditions.push({ field: inMatch[1], values: splitList(inMatch[2]).map(parseLiteral) });
      } else if (eqMatch !== null) {
        conditions.push({ field: eqMatch[1], values: [parseLiteral(eqMatch[2])] });
      } else {
        throw new Error(`unsupported condition: ${part}`);
      }
    }
  }
  return {
    fields: m[1].split(',').map((f) => f.trim()),
    object: m[2],
    conditions
  };
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.toLowerCase() === b.toLowerCase();
  }
  return (a ?? null) === (b ?? null);
}

/**
 * Installs the REST data endpoints.
 *
 * @param server - the loopback server
 * @param options - failures, multi-currency, undeployed
 * @returns the store
 */
export function installRestData(
  server: LoopbackServer,
  options: RestDataOptions = {}
): RestDataState {
  const records = new Map<string, Map<string, StoredRecord>>();
  const queries: string[] = [];
  const writes = new Map<string, number>();
  let counter = 0;
  const table = (object: string): Map<string, StoredRecord> => {
    let t = records.get(object);
    if (t === undefined) {
      t = new Map();
      records.set(object, t);
    }
    return t;
  };
  const newId = (object: string): string =>
    `${PREFIX[object] ?? 'a00'}${String(++counter).padStart(12, '0')}AAA`;
  const insert = (object: string, fields: Record<string, unknown>): StoredRecord => {
    const record: StoredRecord = { ...fields, Id: newId(object) };
    table(object).set(record.Id, record);
    return record;
  };
  const all = (object: string): StoredRecord[] => [...table(object).values()];
  const standard = insert('Pricebook2', {
    Name: 'Standard Price Book',
    IsStandard: true,
    IsActive: true
  });

  const fieldExists = (field: string): boolean =>
    !(options.undeployed === true && CUSTOM_FIELDS.has(field)) &&
    !(options.multiCurrency !== true && field === 'CurrencyIsoCode');

  const fail = (
    statusCode: string,
    message: string,
    fields: string[] = [],
    id: string | null = null
  ): SaveResultBody => ({ id, success: false, errors: [{ statusCode, message, fields }] });

  const validate = (
    object: string,
    merged: Record<string, unknown>,
    existingId?: string
  ): SaveResultBody | undefined => {
    for (const field of Object.keys(merged)) {
      if (!fieldExists(field)) {
        return fail('INVALID_FIELD', `No such column '${field}' on sobject of type ${object}`, [
          field
        ]);
      }
    }
    const injected = options.failRecords?.find((f) => f.object === object && f.match(merged));
    if (injected !== undefined) {
      return fail(injected.statusCode, injected.message, injected.fields ?? [], existingId ?? null);
    }
    if (object === 'PricebookEntry') {
      const pricebook = table('Pricebook2').get(String(merged.Pricebook2Id));
      const product = table('Product2').get(String(merged.Product2Id));
      if (pricebook === undefined || product === undefined) {
        return fail('FIELD_INTEGRITY_EXCEPTION', 'Pricebook2Id or Product2Id is not valid', [
          'Pricebook2Id',
          'Product2Id'
        ]);
      }
      const sameSlot = (e: StoredRecord, pricebookId: string): boolean =>
        e.Id !== existingId &&
        e.Pricebook2Id === pricebookId &&
        e.Product2Id === merged.Product2Id &&
        (e.CurrencyIsoCode ?? null) === (merged.CurrencyIsoCode ?? null);
      if (all('PricebookEntry').some((e) => sameSlot(e, String(merged.Pricebook2Id)))) {
        return fail('DUPLICATE_VALUE', 'This price definition already exists in this price book');
      }
      if (
        pricebook.IsStandard !== true &&
        !all('PricebookEntry').some((e) => sameSlot(e, standard.Id) && e.IsActive === true)
      ) {
        return fail(
          'STANDARD_PRICE_NOT_DEFINED',
          'Before creating a custom price, create a standard price.'
        );
      }
    }
    return undefined;
  };

  const countWrite = (object: string): void => {
    writes.set(object, (writes.get(object) ?? 0) + 1);
  };

  const readRecords = async (
    ctx: RouteContext
  ): Promise<{ allOrNone?: boolean; records: Record<string, unknown>[] } | undefined> => {
    const body = await ctx.readJson<{ allOrNone?: boolean; records?: unknown }>();
    if (body === null || !Array.isArray(body.records)) {
      ctx.error(400, 'JSON_PARSER_ERROR', 'records is required');
      return undefined;
    }
    if (body.records.length > 200) {
      ctx.error(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call'
      );
      return undefined;
    }
    return body as { allOrNone?: boolean; records: Record<string, unknown>[] };
  };

  const strip = (record: Record<string, unknown>): Record<string, unknown> => {
    const copy = { ...record };
    delete copy.attributes;
    return copy;
  };

  server.route('GET', '/services/data/:version/query', (ctx) => {
    const soql = ctx.url.searchParams.get('q') ?? '';
    queries.push(soql);
    let query: Query;
    try {
      query = parseSoql(soql);
    } catch (error) {
      ctx.error(400, 'MALFORMED_QUERY', (error as Error).message);
      return;
    }
    const missing = [...query.fields, ...query.conditions.map((c) => c.field)].find(
      (f) => !fieldExists(f)
    );
    if (missing !== undefined) {
      ctx.error(
        400,
        'INVALID_FIELD',
        `No such column '${missing}' on entity '${query.object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`
      );
      return;
    }
    const matches = all(query.object).filter((r) =>
      query.conditions.every((c) => c.values.some((v) => equal(r[c.field], v)))
    );
    ctx.json(200, {
      totalSize: matches.length,
      done: true,
      records: matches.map((r) => ({
        attributes: {
          type: query.object,
          url: `/services/data/v65.0/sobjects/${query.object}/${r.Id}`
        },
        ...Object.fromEntries(query.fields.map((f) => [f, r[f] ?? null]))
      }))
    });
  });

  server.route('POST', '/services/data/:version/composite/sobjects', async (ctx) => {
    const body = await readRecords(ctx);
    if (body === undefined) {
      return;
    }
    ctx.json(
      200,
      body.records.map((raw): SaveResultBody => {
        const object = String((raw.attributes as { type?: string } | undefined)?.type);
        countWrite(object);
        const fields = strip(raw);
        const problem = validate(object, fields);
        if (problem !== undefined) {
          return problem;
        }
        return { id: insert(object, fields).Id, success: true, errors: [] };
      })
    );
  });

  server.route('PATCH', '/services/data/:version/composite/sobjects', async (ctx) => {
    const body = await readRecords(ctx);
    if (body === undefined) {
      return;
    }
    ctx.json(
      200,
      body.records.map((raw): SaveResultBody => {
        const object = String((raw.attributes as { type?: string } | undefined)?.type);
        countWrite(object);
        const fields = strip(raw);
        const existing = table(object).get(String(fields.Id));
        if (existing === undefined) {
          return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [], null);
        }
        const problem = validate(object, { ...existing, ...fields }, existing.Id);
        if (problem !== undefined) {
          return problem;
        }
        Object.assign(existing, fields);
        return { id: existing.Id, success: true, errors: [] };
      })
    );
  });

  server.route(
    'PATCH',
    '/services/data/:version/composite/sobjects/:object/:field',
    async (ctx) => {
      const { object, field } = ctx.params;
      if (!(EXTERNAL_IDS[object] ?? []).includes(field) || !fieldExists(field)) {
        ctx.error(400, 'INVALID_FIELD', `Field ${field} is not an external ID field of ${object}`);
        return;
      }
      const body = await readRecords(ctx);
      if (body === undefined) {
        return;
      }
      ctx.json(
        200,
        body.records.map((raw): SaveResultBody => {
          countWrite(object);
          const fields = strip(raw);
          const key = fields[field];
          if (typeof key !== 'string' || key === '') {
            return fail('MISSING_ARGUMENT', `${field} not specified`, [field]);
          }
          const existing = all(object).find((r) => equal(r[field], key));
          const problem = validate(object, { ...existing, ...fields }, existing?.Id);
          if (problem !== undefined) {
            return problem;
          }
          if (existing !== undefined) {
            Object.assign(existing, fields);
            return { id: existing.Id, success: true, errors: [], created: false };
          }
          return { id: insert(object, fields).Id, success: true, errors: [], created: true };
        })
      );
    }
  );

  server.route('GET', '/services/data/:version/sobjects/:object/:id', (ctx) => {
    const record = table(ctx.params.object).get(ctx.params.id);
    if (record === undefined) {
      ctx.error(404, 'NOT_FOUND', 'The requested resource does not exist');
      return;
    }
    ctx.json(200, { attributes: { type: ctx.params.object }, ...record });
  });

  server.route('PATCH', '/services/data/:version/sobjects/:object/:id', async (ctx) => {
    const record = table(ctx.params.object).get(ctx.params.id);
    const fields = (await ctx.readJson<Record<string, unknown>>()) ?? {};
    if (record === undefined) {
      ctx.error(404, 'NOT_FOUND', 'The requested resource does not exist');
      return;
    }
    countWrite(ctx.params.object);
    Object.assign(record, fields);
    ctx.res.writeHead(204);
    ctx.res.end();
  });

  server.route('POST', '/services/data/:version/sobjects/:object', async (ctx) => {
    const fields = (await ctx.readJson<Record<string, unknown>>()) ?? {};
    countWrite(ctx.params.object);
    const problem = validate(ctx.params.object, fields);
    if (problem !== undefined) {
      ctx.json(
        400,
        problem.errors.map((e) => ({ errorCode: e.statusCode, message: e.message }))
      );
      return;
    }
    ctx.json(201, { id: insert(ctx.params.object, fields).Id, success: true, errors: [] });
  });

  return {
    records,
    queries,
    writes,
    standardPricebookId: standard.Id,
    insert,
    all
  };
}
