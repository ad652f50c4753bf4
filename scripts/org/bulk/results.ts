/**
 * Streaming handling of Bulk API 2.0 result CSVs.
 *
 * - Failed results (`sf__Id`, `sf__Error`, then the original columns) are split row by row:
 *   rows whose error is retryable (`UNABLE_TO_LOCK_ROW`) go to a retry file, the others to a
 *   re-feedable failed file with exactly the input's header (the `sf__` columns removed) and to a
 *   companion file keeping the errors.
 * - Unprocessed records (the original columns) are appended to a re-feedable file.
 * - Successful results are piped to disk as they arrive — never split into rows — with the
 *   header of every download after the first skipped.
 *
 * Nothing holds more than one row (plus one network chunk) in memory.
 *
 * @module
 */
import fs from 'node:fs';
import { once } from 'node:events';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** A CSV output file created on its first row, starting with a fixed header line. */
export class CsvOut {
  private stream?: fs.WriteStream;
  /** Rows written (the header not counted). */
  rows = 0;

  /**
   * @param path - file to create (overwritten)
   * @param header - header line, terminator included
   */
  constructor(
    readonly path: string,
    private header: Buffer
  ) {}

  /** `true` once something was written. */
  get created(): boolean {
    return this.stream !== undefined;
  }

  /** Replaces the header (only before the first write). */
  setHeader(header: Buffer): void {
    if (!this.created) {
      this.header = header;
    }
  }

  /**
   * Writes bytes as they are (the header first when the file is new).
   *
   * @param bytes - bytes to append
   */
  async write(bytes: Buffer): Promise<void> {
    if (this.stream === undefined) {
      this.stream = fs.createWriteStream(this.path);
      this.stream.write(this.header);
    }
    if (!this.stream.write(bytes)) {
      await once(this.stream, 'drain');
    }
  }

  /**
   * Writes one row and a line ending.
   *
   * @param row - the row without terminator
   * @param eol - line ending
   */
  async writeRow(row: Buffer, eol: Buffer): Promise<void> {
    await this.write(row.length > 0 ? Buffer.concat([row, eol]) : eol);
    this.rows++;
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.stream !== undefined) {
      const stream = this.stream;
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.end(resolve);
      });
    }
  }
}

/**
 * Splits a byte stream into CSV rows (quoted line breaks stay inside their row); a trailing CR
 * of a CRLF terminator is removed.
 *
 * @param stream - CSV bytes
 * @yields each row without its terminator
 */
export async function* csvRows(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  let quoted = false;
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    let i = carry === undefined ? 0 : carry.length;
    let rowStart = 0;
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (c === QUOTE) {
        quoted = !quoted;
      } else if (c === LF && !quoted) {
        yield buf.subarray(rowStart, i > rowStart && buf[i - 1] === CR ? i - 1 : i);
        rowStart = i + 1;
      }
    }
    carry = rowStart < buf.length ? Buffer.from(buf.subarray(rowStart)) : undefined;
  }
  if (carry !== undefined && carry.length > 0) {
    yield carry.length > 0 && carry[carry.length - 1] === CR ? carry.subarray(0, -1) : carry;
  }
}

/**
 * Byte ranges of the fields of one row.
 *
 * @param row - the row without terminator
 * @param delimiter - delimiter byte
 * @returns `[start, end)` of each field, quotes included
 */
export function fieldRanges(row: Buffer, delimiter: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === QUOTE) {
      quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      ranges.push([start, i]);
      start = i + 1;
    }
  }
  ranges.push([start, row.length]);
  return ranges;
}

/**
 * The value of a field: outer quotes removed, doubled quotes undone.
 *
 * @param row - the row
 * @param range - the field's byte range
 * @returns the value
 */
export function fieldValue(row: Buffer, [start, end]: [number, number]): string {
  const raw = row.toString('utf8', start, end);
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')
    ? raw.slice(1, -1).replace(/""/g, '"')
    : raw;
}

/** Where the rows of a failed-results download go. */
export interface FailedSinks {
  /** Re-feedable failed rows (input header). */
  readonly failed: CsvOut;
  /** Failed rows with `sf__Id` and `sf__Error` kept (header from the download). */
  readonly errors: CsvOut;
  /** Rows to retry, or `undefined` when no more retries are allowed. */
  readonly retry?: CsvOut;
  /** Line ending of the input, used for every row written. */
  readonly eol: Buffer;
  /** Delimiter byte of the job. */
  readonly delimiter: number;
  /** Whether an error is worth retrying (default: starts with `UNABLE_TO_LOCK_ROW`). */
  readonly retryable?: (error: string) => boolean;
}

/** Counts of one failed-results download. */
export interface FailedCounts {
  failed: number;
  retried: number;
  /** First few distinct error codes with their counts. */
  errors: Map<string, number>;
}

/**
 * Splits a failed-results CSV into failed, errors and retry files.
 *
 * @param stream - the download
 * @param sinks - the outputs
 * @returns counts
 * @throws Error when the download has no `sf__Error` column
 */
export async function routeFailedResults(
  stream: AsyncIterable<Buffer | string>,
  sinks: FailedSinks
): Promise<FailedCounts> {
  const counts: FailedCounts = { failed: 0, retried: 0, errors: new Map() };
  const retryable = sinks.retryable ?? ((e: string) => e.startsWith('UNABLE_TO_LOCK_ROW'));
  let errorIndex = -1;
  let keep: number[] = [];
  let prefix = -1;
  let header = true;
  for await (const row of csvRows(stream)) {
    if (header) {
      header = false;
      const names = fieldRanges(row, sinks.delimiter).map((r) => fieldValue(row, r));
      errorIndex = names.indexOf('sf__Error');
      if (errorIndex === -1) {
        throw new Error(`failed results without an sf__Error column: ${names.join(',')}`);
      }
      keep = names.map((n, i) => (n.startsWith('sf__') ? -1 : i)).filter((i) => i >= 0);
      // The usual layout: all sf__ columns first, so a kept row is one slice.
      prefix =
        keep.every((k, i) => k === keep[0] + i) && keep[keep.length - 1] === names.length - 1
          ? keep[0]
          : -1;
      sinks.errors.setHeader(Buffer.concat([row, sinks.eol]));
      continue;
    }
    if (row.length === 0) {
      continue;
    }
    const ranges = fieldRanges(row, sinks.delimiter);
    const error = fieldValue(row, ranges[errorIndex] ?? [0, 0]);
    const stripped =
      prefix >= 0 && ranges.length > prefix
        ? row.subarray(ranges[prefix][0])
        : joinFields(row, ranges, keep, sinks.delimiter);
    if (sinks.retry !== undefined && retryable(error)) {
      await sinks.retry.writeRow(stripped, sinks.eol);
      counts.retried++;
    } else {
      await sinks.failed.writeRow(stripped, sinks.eol);
      await sinks.errors.writeRow(row, sinks.eol);
      counts.failed++;
      const code = error.split(':')[0] || 'UNKNOWN';
      counts.errors.set(code, (counts.errors.get(code) ?? 0) + 1);
    }
  }
  return counts;
}

function joinFields(
  row: Buffer,
  ranges: [number, number][],
  keep: number[],
  delimiter: number
): Buffer {
  const parts: Buffer[] = [];
  keep.forEach((k, i) => {
    if (i > 0) {
      parts.push(Buffer.of(delimiter));
    }
    const range = ranges[k];
    if (range !== undefined) {
      parts.push(row.subarray(range[0], range[1]));
    }
  });
  return Buffer.concat(parts);
}

/**
 * Appends the rows of a download (its header skipped) to a file, row by row.
 *
 * @param stream - the download
 * @param out - the file (its header is the input's)
 * @param eol - line ending for each row
 * @returns rows written
 */
export async function appendRows(
  stream: AsyncIterable<Buffer | string>,
  out: CsvOut,
  eol: Buffer
): Promise<number> {
  let count = 0;
  let header = true;
  for await (const row of csvRows(stream)) {
    if (header) {
      header = false;
      continue;
    }
    if (row.length > 0) {
      await out.writeRow(row, eol);
      count++;
    }
  }
  return count;
}

/**
 * Pipes a download to a file without splitting it into rows; the download's header is written
 * only when the file is new.
 *
 * @param stream - the download
 * @param out - the file
 * @returns bytes written (the skipped header not counted)
 */
export async function pipeSkippingHeader(
  stream: AsyncIterable<Buffer | string>,
  out: CsvOut
): Promise<number> {
  let total = 0;
  let inHeader = true;
  let quoted = false;
  let headerParts: Buffer[] = [];
  for await (const piece of stream) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (inHeader) {
      let end = -1;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === QUOTE) {
          quoted = !quoted;
        } else if (chunk[i] === LF && !quoted) {
          end = i;
          break;
        }
      }
      if (end === -1) {
        headerParts.push(chunk);
        continue;
      }
      headerParts.push(chunk.subarray(0, end + 1));
      out.setHeader(Buffer.concat(headerParts));
      headerParts = [];
      inHeader = false;
      chunk = chunk.subarray(end + 1);
    }
    if (chunk.length > 0) {
      await out.write(chunk);
      total += chunk.length;
    }
  }
  return total;
}

/**
 * Copies bytes `[start, end)` of a file to an output (rows of a chunk that never reached the
 * org), ending with a line ending.
 *
 * @param file - the input file
 * @param range - byte range
 * @param out - the output
 * @param eol - line ending to add when the range does not end with one
 */
export async function copyRange(
  file: string,
  range: { start: number; end: number; rows: number },
  out: CsvOut,
  eol: Buffer
): Promise<void> {
  if (range.end <= range.start) {
    return;
  }
  let last = -1;
  for await (const chunk of fs.createReadStream(file, {
    start: range.start,
    end: range.end - 1,
    highWaterMark: 1 << 20
  })) {
    const buf = chunk as Buffer;
    await out.write(buf);
    last = buf[buf.length - 1];
  }
  if (last !== LF) {
    await out.write(eol);
  }
  out.rows += range.rows;
}
