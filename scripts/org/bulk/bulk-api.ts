/**
 * A small Bulk API 2.0 ingest client over `node:http(s)`: create an upsert job, upload one CSV
 * body streamed from a file range, close or abort the job, poll it, and stream its result CSVs.
 *
 * Endpoints (all under `/services/data/vXX.X/jobs/ingest`, `Authorization: Bearer`):
 * `POST /` (create), `PUT /{id}/batches` (`text/csv` upload, 201), `PATCH /{id}`
 * (`{"state":"UploadComplete"}` or `"Aborted"`), `GET /{id}` (job info), `GET
 * /{id}/successfulResults/`, `/failedResults/`, `/unprocessedrecords/` (CSV). Errors come back as
 * `[{"errorCode": …, "message": …}]`.
 *
 * @module
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { OrgConnection } from '../connection.js';
import { OrgAuthError } from '../connection.js';
import type { ColumnDelimiter } from './csv-scan.js';

/** An error answer from the API. */
export class BulkApiError extends Error {
  /**
   * @param status - HTTP status
   * @param errorCode - Salesforce error code, e.g. `INVALIDJOB`
   * @param message - Salesforce message
   */
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string
  ) {
    super(`${errorCode}: ${message} (HTTP ${status})`);
    this.name = 'BulkApiError';
  }
}

/** Bulk API 2.0 ingest job states. */
export type JobState =
  'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** The job info fields the loader reads. */
export interface JobInfo {
  readonly id: string;
  readonly state: JobState;
  readonly object: string;
  readonly operation: string;
  readonly externalIdFieldName?: string;
  readonly contentUrl?: string;
  readonly numberRecordsProcessed?: number;
  readonly numberRecordsFailed?: number;
  readonly errorMessage?: string;
}

/** The result CSVs of a job. */
export type ResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

/** Polling schedule of {@link BulkApi2.waitForJob}. */
export interface PollOptions {
  /** First wait after the immediate first poll (default 250 ms). */
  readonly initialMs?: number;
  /** Longest wait between polls (default 10 s). */
  readonly maxMs?: number;
  /** Give up after this long (default 30 min). */
  readonly timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Bulk API 2.0 ingest client bound to one connection. */
export class BulkApi2 {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  /**
   * @param connection - instance URL, token and API version
   * @param maxSockets - concurrent connections kept open (default 8)
   */
  constructor(
    private readonly connection: OrgConnection,
    maxSockets = 8
  ) {
    this.base = new URL(connection.instanceUrl);
    const secure = this.base.protocol === 'https:';
    this.transport = secure ? https : http;
    this.agent = secure
      ? new https.Agent({ keepAlive: true, maxSockets })
      : new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Path of the ingest resource. */
  get ingestPath(): string {
    return `/services/data/v${this.connection.apiVersion}/jobs/ingest`;
  }

  /** Closes kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * Creates an upsert job.
   *
   * @param spec - object, external-ID field, line ending, delimiter
   * @returns the new job (state `Open`)
   */
  async createUpsertJob(spec: {
    object: string;
    externalIdFieldName: string;
    lineEnding: 'LF' | 'CRLF';
    columnDelimiter: ColumnDelimiter;
  }): Promise<JobInfo> {
    return this.json<JobInfo>('POST', this.ingestPath, {
      object: spec.object,
      operation: 'upsert',
      externalIdFieldName: spec.externalIdFieldName,
      contentType: 'CSV',
      lineEnding: spec.lineEnding,
      columnDelimiter: spec.columnDelimiter
    });
  }

  /**
   * Uploads one CSV body: the header line, then bytes `[start, end)` of a file, streamed.
   *
   * @param job - an open job
   * @param body - header line (with its terminator) and the file range
   * @param onBytes - called with each number of file bytes sent
   */
  async upload(
    job: JobInfo,
    body: { header: Buffer; file: string; start: number; end: number },
    onBytes?: (bytes: number) => void
  ): Promise<void> {
    const path = job.contentUrl
      ? `/${job.contentUrl.replace(/^\//, '')}`
      : `${this.ingestPath}/${job.id}/batches`;
    const length = body.header.length + (body.end - body.start);
    const response = await this.send('PUT', path, {
      headers: { 'Content-Type': 'text/csv', 'Content-Length': String(length) },
      write: (request) =>
        new Promise<void>((resolve, reject) => {
          request.write(body.header);
          if (body.end <= body.start) {
            request.end();
            resolve();
            return;
          }
          const stream = fs.createReadStream(body.file, {
            start: body.start,
            end: body.end - 1,
            highWaterMark: 1 << 20
          });
          stream.on('data', (chunk) => onBytes?.(chunk.length));
          stream.on('error', reject);
          request.on('error', (error) => {
            stream.destroy();
            reject(error);
          });
          stream.on('end', resolve);
          stream.pipe(request);
        })
    });
    await drain(response);
  }

  /**
   * Marks the upload complete so the job is queued.
   *
   * @param jobId - the job
   * @returns the job info
   */
  closeJob(jobId: string): Promise<JobInfo> {
    return this.json<JobInfo>('PATCH', `${this.ingestPath}/${jobId}`, { state: 'UploadComplete' });
  }

  /**
   * Aborts a job.
   *
   * @param jobId - the job
   * @returns the job info
   */
  abortJob(jobId: string): Promise<JobInfo> {
    return this.json<JobInfo>('PATCH', `${this.ingestPath}/${jobId}`, { state: 'Aborted' });
  }

  /**
   * Reads a job's info.
   *
   * @param jobId - the job
   * @returns the job info
   */
  getJob(jobId: string): Promise<JobInfo> {
    return this.json<JobInfo>('GET', `${this.ingestPath}/${jobId}`);
  }

  /**
   * Polls a job until it is `JobComplete`, `Failed` or `Aborted`: once at once, then after
   * waits growing by half from `initialMs` up to `maxMs`.
   *
   * @param jobId - the job
   * @param options - schedule
   * @param onPoll - called with each job info
   * @returns the final job info
   * @throws Error when the job is still running after `timeoutMs`
   */
  async waitForJob(
    jobId: string,
    options: PollOptions = {},
    onPoll?: (info: JobInfo) => void
  ): Promise<JobInfo> {
    const started = Date.now();
    let wait = options.initialMs ?? 250;
    for (;;) {
      const info = await this.getJob(jobId);
      onPoll?.(info);
      if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') {
        return info;
      }
      if (Date.now() - started > (options.timeoutMs ?? 30 * 60_000)) {
        throw new Error(
          `job ${jobId} is still ${info.state} after the wait limit; check it in Setup → Bulk Data Load Jobs`
        );
      }
      await sleep(wait);
      wait = Math.min(Math.ceil(wait * 1.5), options.maxMs ?? 10_000);
    }
  }

  /**
   * Streams one result CSV of a job.
   *
   * @param jobId - the job
   * @param kind - which results
   * @returns the response stream (CSV bytes)
   */
  results(jobId: string, kind: ResultKind): Promise<http.IncomingMessage> {
    return this.send('GET', `${this.ingestPath}/${jobId}/${kind}/`, {
      headers: { Accept: 'text/csv' },
      retries: 2
    });
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const response = await this.send(method, path, {
      headers: {
        Accept: 'application/json',
        ...(payload
          ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) }
          : {})
      },
      write: payload
        ? (request) => {
            request.end(payload);
            return Promise.resolve();
          }
        : undefined,
      retries: method === 'GET' ? 2 : 0
    });
    const text = await readText(response, 1 << 22);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new BulkApiError(
        response.statusCode ?? 0,
        'INVALID_RESPONSE',
        `not JSON: ${text.slice(0, 200)}`
      );
    }
  }

  private async send(
    method: string,
    path: string,
    options: {
      headers: Record<string, string>;
      write?: (request: http.ClientRequest) => Promise<void>;
      retries?: number;
    }
  ): Promise<http.IncomingMessage> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.once(method, path, options);
        const status = response.statusCode ?? 0;
        if (status >= 500 && attempt < (options.retries ?? 0)) {
          await drain(response);
          await sleep(500 * (attempt + 1));
          continue;
        }
        if (status >= 400) {
          throw await toError(response, this.connection);
        }
        return response;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const transient = code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT';
        if (transient && attempt < (options.retries ?? 0)) {
          await sleep(500 * (attempt + 1));
          continue;
        }
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
          throw new OrgAuthError(
            `cannot reach ${this.connection.instanceUrl} (${code}); check the org's instance URL`
          );
        }
        throw error;
      }
    }
  }

  private once(
    method: string,
    path: string,
    options: {
      headers: Record<string, string>;
      write?: (request: http.ClientRequest) => Promise<void>;
    }
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const request = this.transport.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.connection.accessToken}`,
            'User-Agent': 'erp-bridge-load-bulk',
            ...options.headers
          }
        },
        resolve
      );
      request.on('error', reject);
      if (options.write) {
        options.write(request).catch((error: unknown) => {
          request.destroy(error as Error);
          reject(error as Error);
        });
      } else {
        request.end();
      }
    });
  }
}

async function readText(response: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response) {
    const buf = chunk as Buffer;
    if (total < limit) {
      chunks.push(buf);
    }
    total += buf.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function drain(response: http.IncomingMessage): Promise<void> {
  for await (const chunk of response) {
    void chunk;
  }
}

async function toError(response: http.IncomingMessage, connection: OrgConnection): Promise<Error> {
  const status = response.statusCode ?? 0;
  const text = await readText(response, 1 << 16);
  let errorCode = `HTTP_${status}`;
  let message = text.slice(0, 500) || (response.statusMessage ?? '');
  try {
    const parsed = JSON.parse(text) as unknown;
    const first = (Array.isArray(parsed) ? parsed[0] : parsed) as
      { errorCode?: string; message?: string } | undefined;
    if (first?.errorCode) {
      errorCode = first.errorCode;
      message = first.message ?? message;
    }
  } catch {
    // not JSON: keep the text
  }
  if (status === 401) {
    return new OrgAuthError(
      `${connection.label ?? connection.instanceUrl} rejected the session (${errorCode}: ${message}); ` +
        'log in again (`sf org login web`) or refresh SF_ACCESS_TOKEN'
    );
  }
  return new BulkApiError(status, errorCode, message);
}
