/**
 * Bulk API 2.0 ingest endpoints for the loopback server, as documented: create job, upload
 * (`PUT …/batches`, `text/csv`, 201), close/abort (`PATCH` state), job info, and the result CSVs
 * (`successfulResults`: `sf__Id`, `sf__Created` + original columns; `failedResults`: `sf__Id`,
 * `sf__Error` + original columns; `unprocessedrecords`: original columns).
 *
 * Uploads are streamed to spool files (constant memory: it takes the 1M-row benchmark) and rows
 * are counted on the fly; rows are only split and judged one by one when a test injects failures
 * or asks for record tracking. Limits enforced: 100,000,000 bytes per upload (the loader's
 * limit; configurable) and 150 MB of base64 per job. Job states: Open → UploadComplete →
 * InProgress (for `inProgressPolls` polls) → JobComplete, or Failed (injected job failure, no
 * data) or Aborted.
 *
 * Error answers chosen here where the docs give none: unknown object on create → 400 INVALIDJOB,
 * unknown job → 404 NOT_FOUND, upload over a limit → 413 EXCEEDED_MAX_SIZE_REQUEST, upload to a
 * closed job → 409 INVALIDJOBSTATE.
 *
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoopbackServer, RouteContext } from './server.js';

/** An injected row failure. */
export interface RowFailureRule {
  /** Applies to rows whose external ID matches. */
  readonly match: RegExp;
  /** `sf__Error` text, e.g. `UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--`. */
  readonly error: string;
  /** Fail only the first `times` attempts for each key (default: always). */
  readonly times?: number;
}

/** Options of {@link installBulkIngest}. */
export interface BulkIngestOptions {
  /** Known objects; the value lists accepted external-ID fields (empty: any). Default: common objects. */
  readonly objects?: Record<string, readonly string[]>;
  /** Row failures. */
  readonly failRows?: readonly RowFailureRule[];
  /** Job failure: rows from `afterRows` on stay unprocessed and the job ends `Failed`. */
  readonly failJob?: (job: {
    object: string;
    index: number;
  }) => { afterRows: number; message: string } | undefined;
  /** Polls answering `InProgress` before `JobComplete` (default 1). */
  readonly inProgressPolls?: number;
  /** Bytes per upload (default 100,000,000). */
  readonly maxUploadBytes?: number;
  /** Base64 bytes per job (default 150 MiB). */
  readonly maxJobBase64Bytes?: number;
  /** Judge rows one by one and remember keys (created vs updated) even without failures. */
  readonly trackRecords?: boolean;
  /** Where spool files go (default: a new temp dir, removed by {@link BulkIngestState.dispose}). */
  readonly spoolDir?: string;
}

const OUTCOME_CREATED = 0;
const OUTCOME_UPDATED = 1;
const OUTCOME_UNPROCESSED = 255;
/** Outcome codes 2.. are failures with rule index `code - 2`. */
const OUTCOME_FAILED = 2;

/** A job as the server keeps it. */
export interface LoopbackJob {
  readonly id: string;
  readonly index: number;
  readonly object: string;
  readonly externalIdFieldName: string;
  readonly lineEnding: string;
  readonly columnDelimiter: string;
  state: string;
  uploads: string[];
  uploadBytes: number;
  rows: number;
  polls: number;
  processed: number;
  failed: number;
  errorMessage?: string;
  outcomes?: Uint8Array;
  header?: string;
}

/** Server-side state, for assertions. */
export interface BulkIngestState {
  readonly jobs: Map<string, LoopbackJob>;
  /** Records upserted per object: key → id (with `trackRecords` or failure rules). */
  readonly records: Map<string, Map<string, string>>;
  /** Attempts per key for `times` rules. */
  readonly attempts: Map<string, number>;
  /** Removes the spool files. */
  dispose(): void;
}

const DEFAULT_OBJECTS: Record<string, readonly string[]> = {
  Account: [],
  Contact: [],
  Lead: [],
  Campaign: [],
  CampaignMember: [],
  Opportunity: [],
  Product2: [],
  Pricebook2: [],
  PricebookEntry: [],
  Order: [],
  OrderItem: []
};

const PREFIX: Record<string, string> = {
  Account: '001',
  Contact: '003',
  Lead: '00Q',
  Campaign: '701',
  Opportunity: '006',
  Product2: '01t',
  Pricebook2: '01s',
  PricebookEntry: '01u',
  Order: '801',
  OrderItem: '802'
};

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`'
};

/**
 * Installs the Bulk API 2.0 ingest routes on a loopback server.
 *
 * @param server - the server
 * @param options - objects, injected failures, limits
 * @returns the state, for assertions
 */
export function installBulkIngest(
  server: LoopbackServer,
  options: BulkIngestOptions = {}
): BulkIngestState {
  const objects = options.objects ?? DEFAULT_OBJECTS;
  const spoolDir = options.spoolDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loopback-bulk-'));
  const maxUpload = options.maxUploadBytes ?? 100_000_000;
  const maxJobBase64 = options.maxJobBase64Bytes ?? 150 * 1024 * 1024;
  const rules = options.failRows ?? [];
  const rowLevel =
    rules.length > 0 || options.failJob !== undefined || options.trackRecords === true;
  const state: BulkIngestState = {
    jobs: new Map(),
    records: new Map(),
    attempts: new Map(),
    dispose: () => fs.rmSync(spoolDir, { recursive: true, force: true })
  };
  let counter = 0;
  let recordCounter = 0;
  const base = '/services/data/:version/jobs/ingest';

  const jobOr404 = (ctx: RouteContext): LoopbackJob | undefined => {
    const job = state.jobs.get(ctx.params.jobId);
    if (job === undefined) {
      ctx.req.resume();
      ctx.error(404, 'NOT_FOUND', `Job ${ctx.params.jobId} does not exist`);
    }
    return job;
  };

  const info = (job: LoopbackJob, version: string): Record<string, unknown> => ({
    id: job.id,
    operation: 'upsert',
    object: job.object,
    createdById: '005000000000001AAA',
    createdDate: new Date().toISOString(),
    systemModstamp: new Date().toISOString(),
    state: job.state,
    externalIdFieldName: job.externalIdFieldName,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(version.slice(1)),
    jobType: 'V2Ingest',
    contentUrl: `services/data/${version}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.processed,
    numberRecordsFailed: job.failed,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {})
  });

  server.route('POST', base, async (ctx) => {
    const body = await ctx.readJson<Record<string, string>>();
    const object = Object.keys(objects).find(
      (o) => o.toLowerCase() === String(body?.object).toLowerCase()
    );
    if (
      body?.operation !== 'upsert' &&
      body?.operation !== 'insert' &&
      body?.operation !== 'update'
    ) {
      ctx.error(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${body?.operation}`);
      return;
    }
    if (object === undefined) {
      ctx.error(400, 'INVALIDJOB', `InvalidJob : Unable to find object: ${body.object}`);
      return;
    }
    const fields = objects[object];
    if (
      body.operation === 'upsert' &&
      (!body.externalIdFieldName ||
        (fields.length > 0 && !fields.includes(body.externalIdFieldName)))
    ) {
      ctx.error(
        400,
        'INVALIDJOB',
        `InvalidJob : Field name provided, ${body.externalIdFieldName} is not an External ID or indexed field for ${object}`
      );
      return;
    }
    counter++;
    const job: LoopbackJob = {
      id: `7508c00000${String(counter).padStart(5, '0')}AAA`,
      index: counter,
      object,
      externalIdFieldName: body.externalIdFieldName,
      lineEnding: body.lineEnding ?? 'LF',
      columnDelimiter: body.columnDelimiter ?? 'COMMA',
      state: 'Open',
      uploads: [],
      uploadBytes: 0,
      rows: 0,
      polls: 0,
      processed: 0,
      failed: 0
    };
    state.jobs.set(job.id, job);
    ctx.json(200, info(job, ctx.params.version));
  });

  server.route('PUT', `${base}/:jobId/batches`, async (ctx) => {
    const job = jobOr404(ctx);
    if (job === undefined) {
      return;
    }
    if (job.state !== 'Open') {
      ctx.req.resume();
      ctx.error(409, 'INVALIDJOBSTATE', `Job ${job.id} is ${job.state}; uploads need an Open job`);
      return;
    }
    if (!String(ctx.req.headers['content-type']).startsWith('text/csv')) {
      ctx.req.resume();
      ctx.error(400, 'INVALIDBATCH', 'Content-Type must be text/csv');
      return;
    }
    const spool = path.join(spoolDir, `${job.id}-${job.uploads.length}.csv`);
    const out = fs.createWriteStream(spool);
    let bytes = 0;
    let rows = 0;
    let quoted = false;
    let tooLarge = '';
    for await (const piece of ctx.req) {
      const chunk = piece as Buffer;
      bytes += chunk.length;
      ctx.countIn(chunk.length);
      const base64 = Math.ceil((job.uploadBytes + bytes) / 3) * 4;
      if (bytes > maxUpload || base64 > maxJobBase64) {
        tooLarge =
          bytes > maxUpload
            ? `upload exceeds ${maxUpload} bytes`
            : `job data exceeds ${maxJobBase64} bytes in base64`;
        break;
      }
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 0x22) {
          quoted = !quoted;
        } else if (c === 0x0a && !quoted) {
          rows++;
        }
      }
      if (!out.write(chunk)) {
        await new Promise<void>((r) => out.once('drain', () => r()));
      }
    }
    await new Promise<void>((resolve) => out.end(resolve));
    if (tooLarge !== '') {
      fs.rmSync(spool, { force: true });
      ctx.res.setHeader('Connection', 'close');
      ctx.error(413, 'EXCEEDED_MAX_SIZE_REQUEST', tooLarge);
      ctx.req.destroy();
      return;
    }
    const size = fs.statSync(spool).size;
    if (size > 0 && !endsWithNewline(spool, size)) {
      rows++;
    }
    job.uploads.push(spool);
    job.uploadBytes += bytes;
    job.rows += Math.max(0, rows - 1);
    ctx.res.writeHead(201);
    ctx.res.end();
  });

  server.route('PATCH', `${base}/:jobId`, async (ctx) => {
    const job = jobOr404(ctx);
    if (job === undefined) {
      return;
    }
    const body = await ctx.readJson<{ state?: string }>();
    if (body?.state === 'Aborted') {
      job.state = 'Aborted';
    } else if (body?.state === 'UploadComplete' && job.state === 'Open') {
      if (job.uploads.length === 0) {
        job.state = 'Failed';
        job.errorMessage = 'InvalidBatch : No data uploaded';
      } else {
        job.state = 'UploadComplete';
        await process(job);
      }
    } else {
      ctx.error(400, 'INVALIDJOBSTATE', `Cannot change ${job.state} to ${body?.state}`);
      return;
    }
    ctx.json(200, info(job, ctx.params.version));
  });

  server.route('GET', `${base}/:jobId`, (ctx) => {
    const job = jobOr404(ctx);
    if (job === undefined) {
      return;
    }
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      job.polls++;
      job.state = job.polls > (options.inProgressPolls ?? 1) ? finalState(job) : 'InProgress';
    }
    ctx.json(200, info(job, ctx.params.version));
  });

  const results =
    (kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords') =>
    async (ctx: RouteContext): Promise<void> => {
      const job = jobOr404(ctx);
      if (job === undefined) {
        return;
      }
      if (!['JobComplete', 'Failed', 'Aborted'].includes(job.state)) {
        ctx.error(
          400,
          'INVALIDJOBSTATE',
          `Job ${job.id} is ${job.state}: results are not available`
        );
        return;
      }
      ctx.res.writeHead(200, { 'Content-Type': 'text/csv' });
      const delimiter = DELIMITERS[job.columnDelimiter] ?? ',';
      const wanted = (outcome: number): boolean =>
        kind === 'successfulResults'
          ? outcome === OUTCOME_CREATED || outcome === OUTCOME_UPDATED
          : kind === 'failedResults'
            ? outcome >= OUTCOME_FAILED && outcome !== OUTCOME_UNPROCESSED
            : outcome === OUTCOME_UNPROCESSED;
      const count =
        kind === 'successfulResults'
          ? job.processed - job.failed
          : kind === 'failedResults'
            ? job.failed
            : job.rows - job.processed;
      const prefix =
        kind === 'successfulResults'
          ? `"sf__Id"${delimiter}"sf__Created"${delimiter}`
          : kind === 'failedResults'
            ? `"sf__Id"${delimiter}"sf__Error"${delimiter}`
            : '';
      let headerWritten = false;
      let index = 0;
      let pending = '';
      for (const spool of job.uploads) {
        let first = true;
        for await (const row of rows(spool)) {
          if (first) {
            first = false;
            if (!headerWritten) {
              headerWritten = true;
              pending += `${prefix}${row}\n`;
            }
            if (count === 0) {
              break;
            }
            continue;
          }
          const outcome =
            job.outcomes?.[index] ??
            (index < job.processed ? OUTCOME_CREATED : OUTCOME_UNPROCESSED);
          index++;
          if (count === 0 || !wanted(outcome)) {
            continue;
          }
          if (kind === 'successfulResults') {
            pending += `"${recordId(job.object, index)}"${delimiter}"${outcome === OUTCOME_CREATED}"${delimiter}${row}\n`;
          } else if (kind === 'failedResults') {
            pending += `""${delimiter}"${rules[outcome - OUTCOME_FAILED].error.replace(/"/g, '""')}"${delimiter}${row}\n`;
          } else {
            pending += `${row}\n`;
          }
          if (pending.length > 1 << 16) {
            if (!ctx.res.write(pending)) {
              await new Promise<void>((r) => ctx.res.once('drain', () => r()));
            }
            pending = '';
          }
        }
        if (count === 0 && headerWritten) {
          break;
        }
      }
      ctx.res.end(pending);
    };
  server.route('GET', `${base}/:jobId/successfulResults`, results('successfulResults'));
  server.route('GET', `${base}/:jobId/failedResults`, results('failedResults'));
  server.route('GET', `${base}/:jobId/unprocessedrecords`, results('unprocessedrecords'));

  function recordId(object: string, n: number): string {
    return `${PREFIX[object] ?? 'a00'}${String(n).padStart(12, '0')}AAA`;
  }

  function finalState(job: LoopbackJob): string {
    return job.errorMessage !== undefined ? 'Failed' : 'JobComplete';
  }

  /** Judges the rows of a closed job. */
  async function process(job: LoopbackJob): Promise<void> {
    const failure = options.failJob?.({ object: job.object, index: job.index });
    const limit = failure?.afterRows ?? Number.POSITIVE_INFINITY;
    if (failure !== undefined) {
      job.errorMessage = failure.message;
    }
    if (!rowLevel) {
      job.processed = job.rows;
      return;
    }
    const outcomes = new Uint8Array(job.rows);
    const known = state.records.get(job.object) ?? new Map<string, string>();
    state.records.set(job.object, known);
    const delimiter = DELIMITERS[job.columnDelimiter] ?? ',';
    let index = 0;
    for (const spool of job.uploads) {
      let keyColumn = -1;
      for await (const row of rows(spool)) {
        if (keyColumn === -1) {
          keyColumn = splitRow(row, delimiter).findIndex((c) => c === job.externalIdFieldName);
          job.header = row;
          continue;
        }
        if (index >= limit) {
          outcomes[index++] = OUTCOME_UNPROCESSED;
          continue;
        }
        const key = splitRow(row, delimiter)[keyColumn] ?? '';
        const ruleIndex = rules.findIndex((rule) => {
          if (!rule.match.test(key)) {
            return false;
          }
          if (rule.times === undefined) {
            return true;
          }
          const attempts = (state.attempts.get(key) ?? 0) + 1;
          state.attempts.set(key, attempts);
          return attempts <= rule.times;
        });
        if (ruleIndex >= 0) {
          outcomes[index++] = OUTCOME_FAILED + ruleIndex;
          job.failed++;
        } else {
          const folded = key.toLowerCase();
          outcomes[index++] = known.has(folded) ? OUTCOME_UPDATED : OUTCOME_CREATED;
          if (!known.has(folded)) {
            known.set(
              folded,
              `${PREFIX[job.object] ?? 'a00'}${String(++recordCounter).padStart(12, '0')}AAA`
            );
          }
        }
        job.processed++;
      }
    }
    job.outcomes = outcomes;
  }

  return state;
}

function endsWithNewline(file: string, size: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

/** Rows of a spooled CSV (terminators removed; quoted line breaks kept). */
async function* rows(file: string): AsyncGenerator<string> {
  let carry = '';
  let quoted = false;
  for await (const piece of fs.createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: 1 << 20
  })) {
    const text = carry + (piece as string);
    let start = 0;
    for (let i = carry.length; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        quoted = !quoted;
      } else if (c === 0x0a && !quoted) {
        yield text.slice(start, i > start && text.charCodeAt(i - 1) === 0x0d ? i - 1 : i);
        start = i + 1;
      }
    }
    carry = text.slice(start);
  }
  if (carry !== '') {
    yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
  }
}

/** Unquoted values of one row. */
function splitRow(row: string, delimiter: string): string[] {
  const values: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        value += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === delimiter) {
      values.push(value);
      value = '';
    } else {
      value += c;
    }
  }
  values.push(value);
  return values;
}
