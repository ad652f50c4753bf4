/**
 * The Bulk API 2.0 upsert loader: pre-flight a CSV file (see {@link scanCsvFile}), then load its
 * planned chunks as jobs with bounded parallelism, download failed and unprocessed rows always
 * (successful results on request), and retry row-lock failures.
 *
 * Retries: rows failing with `UNABLE_TO_LOCK_ROW` are collected in a retry file and loaded again
 * in new jobs after the others finish. The first retry uses the normal parallelism; when lock
 * errors repeat, later retries run serially — one job at a time and at most 10,000 rows a job,
 * Salesforce's internal batch size, so no two batches of the retry run concurrently. After
 * `maxRetries` rounds the rows still locked are written to the failed file with their error.
 *
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OrgAuthError } from '../connection.js';
import { BulkApi2, type JobInfo, type PollOptions } from './bulk-api.js';
import {
  COLUMN_DELIMITERS,
  scanCsvFile,
  type ChunkPlan,
  type ColumnDelimiter,
  type ScanResult
} from './csv-scan.js';
import type { LoadTarget } from './plan.js';
import {
  appendRows,
  copyRange,
  CsvOut,
  pipeSkippingHeader,
  routeFailedResults
} from './results.js';

/** Rows a serial retry job holds at most (Salesforce's internal batch size). */
export const SERIAL_RETRY_ROWS = 10_000;

/** Options of a load. */
export interface LoadOptions {
  /** Jobs running at once (default 4). */
  readonly parallel?: number;
  /** Folder for result files (created). */
  readonly resultsDir: string;
  /** Download successful results too (default `false`). */
  readonly successfulResults?: boolean;
  /** Column delimiter (default COMMA). */
  readonly columnDelimiter?: ColumnDelimiter;
  /** Upload size limit (default 100,000,000 bytes). */
  readonly maxUploadBytes?: number;
  /** Retry rounds for row-lock failures (default 3). */
  readonly maxRetries?: number;
  /** Pause before each retry round (default 2 s). */
  readonly retryDelayMs?: number;
  /** Polling schedule. */
  readonly poll?: PollOptions;
  /** Progress and summary lines (default: stderr). */
  readonly log?: (line: string) => void;
}

/** Outcome of one job. */
export interface JobSummary {
  readonly id?: string;
  readonly state: string;
  readonly rows: number;
  readonly processed: number;
  readonly failed: number;
  readonly error?: string;
}

/** Outcome of loading one file. */
export interface LoadSummary {
  readonly object: string;
  readonly file: string;
  readonly rows: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly unprocessed: number;
  /** Rows sent again because of row locks (over all rounds). */
  readonly retried: number;
  readonly jobs: JobSummary[];
  /** Result files written. */
  readonly files: { failed?: string; errors?: string; unprocessed?: string; successful?: string };
  /** Error codes of failed rows with counts. */
  readonly errorCodes: Record<string, number>;
  /** `true` when every row succeeded. */
  readonly ok: boolean;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

/**
 * Pre-flights a target's file.
 *
 * @param target - object, file, key
 * @param options - delimiter and upload limit
 * @param log - progress lines
 * @returns the scan
 */
export function preflight(
  target: LoadTarget,
  options: Pick<LoadOptions, 'columnDelimiter' | 'maxUploadBytes'>,
  log?: (line: string) => void
): Promise<ScanResult> {
  let last = Date.now();
  return scanCsvFile(target.file, {
    externalIdField: target.externalIdField,
    caseSensitive: target.caseSensitive,
    columnDelimiter: options.columnDelimiter,
    maxUploadBytes: options.maxUploadBytes,
    onProgress: (bytes, rows) => {
      if (log !== undefined && Date.now() - last >= 1000) {
        last = Date.now();
        log(`${target.object}: pre-flight ${rows.toLocaleString('en')} rows, ${mb(bytes)} MB`);
      }
    }
  });
}

/**
 * Loads a pre-flighted file: jobs, results, retries.
 *
 * @param api - the Bulk API client
 * @param target - object, file, key
 * @param scan - its pre-flight scan (must have no issues)
 * @param options - parallelism, results folder, limits
 * @returns the summary
 * @throws OrgAuthError when the org rejects the session (stops all jobs)
 */
export async function loadScanned(
  api: BulkApi2,
  target: LoadTarget,
  scan: ScanResult,
  options: LoadOptions
): Promise<LoadSummary> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const delimiterName = options.columnDelimiter ?? 'COMMA';
  const delimiter = COLUMN_DELIMITERS[delimiterName];
  const eol = Buffer.from(scan.lineEnding === 'CRLF' ? '\r\n' : '\n');
  const header = Buffer.concat([scan.header, eol]);
  fs.mkdirSync(options.resultsDir, { recursive: true });
  const base = path.join(options.resultsDir, path.basename(target.file).replace(/\.csv$/i, ''));
  const failed = new CsvOut(`${base}.failed.csv`, header);
  const errors = new CsvOut(`${base}.failed-errors.csv`, header);
  const unprocessed = new CsvOut(`${base}.unprocessed.csv`, header);
  const successful = new CsvOut(`${base}.successful.csv`, header);
  const maxRetries = options.maxRetries ?? 3;
  const jobs: JobSummary[] = [];
  const errorCodes: Record<string, number> = {};
  let succeeded = 0;
  let retried = 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-bulk-retry-'));

  try {
    let round = 0;
    let file = target.file;
    let chunks: readonly ChunkPlan[] = scan.chunks;
    let parallel = Math.max(1, options.parallel ?? 4);
    for (;;) {
      const retry =
        round < maxRetries
          ? new CsvOut(path.join(tempDir, `retry-${round + 1}.csv`), header)
          : undefined;
      const totalBytes = chunks.reduce((sum, c) => sum + (c.end - c.start), 0);
      const totalRows = chunks.reduce((sum, c) => sum + c.rows, 0);
      let sentBytes = 0;
      let lastLog = 0;
      let done = 0;
      let running = 0;
      const progress = (force = false): void => {
        if (force || Date.now() - lastLog >= 1000) {
          lastLog = Date.now();
          log(
            `${target.object}${round > 0 ? ` retry ${round}` : ''}: uploaded ${mb(sentBytes)}/${mb(totalBytes)} MB of ` +
              `${totalRows.toLocaleString('en')} rows; jobs ${done} done, ${running} running, ` +
              `${chunks.length - done - running} queued`
          );
        }
      };
      const runOne = async (chunk: ChunkPlan): Promise<void> => {
        running++;
        let job: JobInfo | undefined;
        try {
          job = await api.createUpsertJob({
            object: target.object,
            externalIdFieldName: target.externalIdField,
            lineEnding: scan.lineEnding,
            columnDelimiter: delimiterName
          });
          await api.upload(job, { header, file, start: chunk.start, end: chunk.end }, (n) => {
            sentBytes += n;
            progress();
          });
          await api.closeJob(job.id);
          const info = await api.waitForJob(job.id, options.poll);
          const failedCounts = await routeFailedResults(
            await api.results(job.id, 'failedResults'),
            {
              failed,
              errors,
              retry,
              eol,
              delimiter
            }
          );
          for (const [code, count] of failedCounts.errors) {
            errorCodes[code] = (errorCodes[code] ?? 0) + count;
          }
          await appendRows(await api.results(job.id, 'unprocessedrecords'), unprocessed, eol);
          if (options.successfulResults === true) {
            await pipeSkippingHeader(await api.results(job.id, 'successfulResults'), successful);
          }
          const processed = info.numberRecordsProcessed ?? 0;
          const failedRows = info.numberRecordsFailed ?? 0;
          succeeded += processed - failedRows;
          retried += failedCounts.retried;
          jobs.push({
            id: job.id,
            state: info.state,
            rows: chunk.rows,
            processed,
            failed: failedRows,
            error: info.errorMessage
          });
          log(
            `${target.object}: job ${job.id} ${info.state}: ${processed.toLocaleString('en')} processed, ` +
              `${failedRows.toLocaleString('en')} failed${failedCounts.retried > 0 ? ` (${failedCounts.retried} row locks to retry)` : ''}` +
              `${info.errorMessage ? ` — ${info.errorMessage}` : ''}`
          );
        } catch (error) {
          if (error instanceof OrgAuthError) {
            throw error;
          }
          // The chunk never (completely) reached the org: abort the job and keep its rows.
          if (job !== undefined) {
            await api.abortJob(job.id).catch(() => undefined);
          }
          await copyRange(file, chunk, unprocessed, eol);
          const message = (error as Error).message;
          jobs.push({
            id: job?.id,
            state: 'NotLoaded',
            rows: chunk.rows,
            processed: 0,
            failed: 0,
            error: message
          });
          log(
            `${target.object}: ${chunk.rows} rows not loaded (rows ${chunk.firstRow}…): ${message}`
          );
        } finally {
          running--;
          done++;
        }
      };
      await runPool(chunks, parallel, runOne);
      progress(true);
      await retry?.close();
      if (retry === undefined || retry.rows === 0) {
        break;
      }
      round++;
      log(
        `${target.object}: retrying ${retry.rows} rows that failed on row locks (round ${round})`
      );
      if ((options.retryDelayMs ?? 2000) > 0) {
        await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 2000) * round));
      }
      const serial = round > 1;
      const retryScan = await scanCsvFile(retry.path, {
        externalIdField: target.externalIdField,
        caseSensitive: target.caseSensitive,
        columnDelimiter: delimiterName,
        maxUploadBytes: options.maxUploadBytes,
        maxRowsPerChunk: serial ? SERIAL_RETRY_ROWS : undefined
      });
      file = retry.path;
      chunks = retryScan.chunks;
      parallel = serial ? 1 : parallel;
    }
  } finally {
    await Promise.all([failed.close(), errors.close(), unprocessed.close(), successful.close()]);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  const summary: LoadSummary = {
    object: target.object,
    file: target.file,
    rows: scan.rows,
    succeeded,
    failed: failed.rows,
    unprocessed: unprocessed.rows,
    retried,
    jobs,
    files: {
      failed: failed.created ? failed.path : undefined,
      errors: errors.created ? errors.path : undefined,
      unprocessed: unprocessed.created ? unprocessed.path : undefined,
      successful: successful.created ? successful.path : undefined
    },
    errorCodes,
    ok: failed.rows === 0 && unprocessed.rows === 0
  };
  return summary;
}

/**
 * Runs `work` on each item with at most `limit` running at once; the first rejection stops
 * new work and is rethrown once running work has settled.
 *
 * @param items - work items
 * @param limit - concurrency
 * @param work - the work
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) {
    throw failure;
  }
}

/**
 * Creates the Bulk API client for a connection with sockets for `parallel` jobs.
 *
 * @param connection - the org connection
 * @param parallel - jobs at once
 * @returns the client
 */
export function bulkClient(
  connection: ConstructorParameters<typeof BulkApi2>[0],
  parallel: number
): BulkApi2 {
  return new BulkApi2(connection, Math.max(2, parallel * 2));
}
