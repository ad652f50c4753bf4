/**
 * A small REST client over an {@link OrgConnection}: JSON requests with `Authorization: Bearer`,
 * SOQL queries that follow `nextRecordsUrl`, sObject Collections writes (≤ 200 records a
 * request, per-record results, `allOrNone: false`), and Apex REST calls. Built on the global
 * `fetch` (Node 20+). Errors come back as `[{"errorCode", "message"}]` from the REST API and as
 * `{"errorCode", "message"}` from the project's Apex REST resources; both are read.
 *
 * @module
 */
import { OrgAuthError, type OrgConnection } from './connection.js';

/** An error answer from the org (not 401, which is an {@link OrgAuthError}). */
export class RestApiError extends Error {
  /**
   * @param status - HTTP status
   * @param errorCode - Salesforce error code, e.g. `INVALID_FIELD`
   * @param detail - Salesforce message
   * @param request - `METHOD path` of the failed call
   */
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly request: string
  ) {
    super(`${errorCode}: ${detail} (HTTP ${status}, ${request})`);
    this.name = 'RestApiError';
  }
}

/** One error of a record in an sObject Collections result. */
export interface RecordSaveError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

/** One record's result of an sObject Collections call (`SaveResult` / `UpsertResult`). */
export interface SaveResult {
  readonly id?: string | null;
  readonly success: boolean;
  readonly errors: readonly RecordSaveError[];
  /** Upsert only: true when the record was inserted. */
  readonly created?: boolean;
}

/** A record to write: field values plus the sObject type. */
export interface SObjectRecord {
  readonly type: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** An HTTP answer. */
export interface RestResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** The most records one sObject Collections request may carry. */
export const COLLECTION_LIMIT = 200;

/** What org scripts call. */
export interface RestClient {
  /** The connection the client talks to. */
  readonly connection: OrgConnection;
  /**
   * Sends a JSON request; rejects with {@link RestApiError} on a 4xx/5xx answer.
   *
   * @param method - HTTP method
   * @param path - absolute path, e.g. `/services/apexrest/erp-bridge/v1/records/account`
   * @param body - JSON body (omitted when undefined)
   * @param headers - extra headers
   */
  request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<RestResponse<T>>;
  /**
   * Runs a SOQL query and returns every record (following `nextRecordsUrl`).
   *
   * @param soql - the query
   * @param options - `tooling`: query the Tooling API
   */
  query<T>(soql: string, options?: { tooling?: boolean }): Promise<T[]>;
  /**
   * Upserts records of one object by an external ID, in requests of at most 200.
   *
   * @param object - sObject API name
   * @param externalIdField - the key field (present in every record)
   * @param records - field values
   * @returns one result per record, in order
   */
  upsert(
    object: string,
    externalIdField: string,
    records: readonly Record<string, unknown>[]
  ): Promise<SaveResult[]>;
  /**
   * Inserts records, in requests of at most 200.
   *
   * @param records - records with their types
   * @returns one result per record, in order
   */
  create(records: readonly SObjectRecord[]): Promise<SaveResult[]>;
  /**
   * Updates records by `Id`, in requests of at most 200.
   *
   * @param records - records with their types; `fields.Id` required
   * @returns one result per record, in order
   */
  update(records: readonly SObjectRecord[]): Promise<SaveResult[]>;
  /** `/services/data/vXX.X` of the connection. */
  readonly dataPath: string;
}

/** Options of {@link restClient}. */
export interface RestClientOptions {
  /** `fetch` to use (tests). */
  readonly fetch?: typeof fetch;
  /** Per-request timeout (default 120 s). */
  readonly timeoutMs?: number;
}

function parseError(text: string, status: number): { errorCode: string; message: string } {
  try {
    const parsed = JSON.parse(text) as unknown;
    const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
    if (first !== null && typeof first === 'object') {
      const record = first as Record<string, unknown>;
      const errorCode = record.errorCode ?? record.error;
      const message = record.message ?? record.error_description;
      if (typeof errorCode === 'string') {
        return { errorCode, message: typeof message === 'string' ? message : '' };
      }
    }
  } catch {
    // not JSON: keep the text
  }
  return { errorCode: `HTTP_${status}`, message: text.slice(0, 500) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Creates a REST client bound to a connection.
 *
 * @param connection - instance URL, token, API version
 * @param options - fetch and timeout
 * @returns the client
 */
export function restClient(connection: OrgConnection, options: RestClientOptions = {}): RestClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dataPath = `/services/data/v${connection.apiVersion}`;
  const who = connection.label ?? connection.instanceUrl;

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ): Promise<RestResponse<T>> {
    const url = new URL(path, connection.instanceUrl);
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${connection.accessToken}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (error) {
      const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
      const code = cause?.code ?? (error as Error).name;
      throw new OrgAuthError(
        `cannot reach ${connection.instanceUrl} (${code}); check the org's instance URL`
      );
    }
    const text = await response.text();
    if (response.status === 401) {
      const { errorCode, message } = parseError(text, 401);
      throw new OrgAuthError(
        `${who} rejected the session (${errorCode}: ${message}); ` +
          'log in again (`sf org login web`) or refresh SF_ACCESS_TOKEN'
      );
    }
    if (response.status >= 400) {
      const { errorCode, message } = parseError(text, response.status);
      throw new RestApiError(response.status, errorCode, message, `${method} ${url.pathname}`);
    }
    const parsed = text === '' ? (undefined as T) : (JSON.parse(text) as T);
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async function query<T>(soql: string, queryOptions: { tooling?: boolean } = {}): Promise<T[]> {
    const records: T[] = [];
    let next: string | undefined =
      `${dataPath}${queryOptions.tooling === true ? '/tooling' : ''}/query?q=${encodeURIComponent(soql)}`;
    while (next !== undefined) {
      const page: RestResponse<{ records: T[]; done: boolean; nextRecordsUrl?: string }> =
        await request('GET', next);
      records.push(...page.body.records);
      next = page.body.done ? undefined : page.body.nextRecordsUrl;
    }
    return records;
  }

  async function collection(
    method: 'POST' | 'PATCH',
    path: string,
    records: readonly SObjectRecord[]
  ): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (const batch of chunks(records, COLLECTION_LIMIT)) {
      const body = {
        allOrNone: false,
        records: batch.map((r) => ({ attributes: { type: r.type }, ...r.fields }))
      };
      const response = await request<SaveResult[]>(method, path, body);
      if (!Array.isArray(response.body) || response.body.length !== batch.length) {
        throw new RestApiError(
          response.status,
          'UNEXPECTED_RESPONSE',
          `expected ${batch.length} results`,
          `${method} ${path}`
        );
      }
      results.push(...response.body);
    }
    return results;
  }

  return {
    connection,
    dataPath,
    request,
    query,
    upsert: (object, externalIdField, records) =>
      collection(
        'PATCH',
        `${dataPath}/composite/sobjects/${object}/${externalIdField}`,
        records.map((fields) => ({ type: object, fields }))
      ),
    create: (records) => collection('POST', `${dataPath}/composite/sobjects`, records),
    update: (records) => collection('PATCH', `${dataPath}/composite/sobjects`, records)
  };
}

/**
 * Quotes a value for a SOQL string literal.
 *
 * @param value - the value
 * @returns `'value'` with `\` and `'` escaped
 */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
