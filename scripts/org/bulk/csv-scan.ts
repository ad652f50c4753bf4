/**
 * Pre-flight and upload planning for a Bulk API 2.0 CSV file, in one streaming pass over its
 * bytes.
 *
 * The scanner reads the file through one reusable buffer and walks the bytes with a four-state
 * machine (field start, unquoted, quoted, quote inside quoted) — no row is ever turned into a
 * string. Per row it hashes the bytes of the external-ID field (ASCII case folded unless the
 * field is case-sensitive) into {@link DuplicateDetector}, checks the field count, the quoting and
 * the line ending, and decides where upload chunks end: only ever at a row boundary, so a quoted
 * line break, a quoted delimiter or a multibyte UTF-8 character is never cut, and a chunk is
 * `header + whole rows` of at most `maxUploadBytes` bytes. The upload then streams byte ranges of
 * the file without parsing it again.
 *
 * Row numbers are spreadsheet row numbers: the header is row 1, the first record row 2, and a
 * record holding quoted line breaks still counts as one row.
 *
 * @module
 */
import fs from 'node:fs/promises';
import { DuplicateDetector } from './dedupe.js';

/** Bulk API 2.0 `columnDelimiter` values and their bytes. */
export const COLUMN_DELIMITERS = {
  COMMA: 0x2c,
  TAB: 0x09,
  PIPE: 0x7c,
  SEMICOLON: 0x3b,
  CARET: 0x5e,
  BACKQUOTE: 0x60
} as const;

/** A Bulk API 2.0 `columnDelimiter` name. */
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

/**
 * Upload limit per request: the documented limit is 150 MB after base64 encoding, and the docs
 * advise keeping the raw CSV at most 100 MB; 100,000,000 bytes is below both readings of "MB".
 */
export const MAX_UPLOAD_BYTES = 100_000_000;

/** Kinds of pre-flight problems. */
export type IssueKind =
  | 'header'
  | 'blank-key'
  | 'duplicate-key'
  | 'field-count'
  | 'quote'
  | 'line-ending'
  | 'row-too-large';

/** One pre-flight problem, with the spreadsheet row number it concerns. */
export interface PreflightIssue {
  readonly kind: IssueKind;
  /** Spreadsheet row number (header = 1). */
  readonly row: number;
  /** For duplicates: the row that first held the key. */
  readonly firstRow?: number;
  /** The problem in words, starting with `row N:`. */
  readonly message: string;
}

/** One planned upload: a byte range of the file holding whole rows. */
export interface ChunkPlan {
  /** First byte (inclusive) of the chunk's rows in the file. */
  readonly start: number;
  /** Last byte (exclusive). */
  readonly end: number;
  /** Number of rows in the chunk. */
  readonly rows: number;
  /** Spreadsheet row number of the chunk's first row. */
  readonly firstRow: number;
}

/** What {@link scanCsvFile} found. */
export interface ScanResult {
  readonly file: string;
  /** File size in bytes. */
  readonly size: number;
  /** 3 when the file starts with a UTF-8 byte order mark (which is not uploaded), else 0. */
  readonly bomLength: number;
  /** The header line without its terminator. */
  readonly header: Buffer;
  /** Column names, unquoted. */
  readonly columns: readonly string[];
  /** Index of the external-ID column, -1 when it is missing. */
  readonly keyColumn: number;
  /** Line ending of the header, used for the job's `lineEnding`. */
  readonly lineEnding: 'LF' | 'CRLF';
  /** Number of record rows (the header not counted). */
  readonly rows: number;
  /** Upload chunks, in file order. */
  readonly chunks: readonly ChunkPlan[];
  /** Problems found, at most `maxIssues` of them. */
  readonly issues: readonly PreflightIssue[];
  /** Number of problems found, including the ones not listed. */
  readonly issueCount: number;
  /** `true` when duplicate hashes were spilled to disk (very large files). */
  readonly dedupeSpilled: boolean;
  /** Bytes the duplicate check's tables held at their peak. */
  readonly dedupeBytes: number;
}

/** Options of {@link scanCsvFile}. */
export interface ScanOptions {
  /** The external-ID column (matched case-insensitively against the header). */
  readonly externalIdField: string;
  /** Column delimiter (default COMMA). */
  readonly columnDelimiter?: ColumnDelimiter;
  /** Whether external IDs differing only in ASCII case are different (default `false`). */
  readonly caseSensitive?: boolean;
  /** Largest upload body: header line plus rows (default {@link MAX_UPLOAD_BYTES}). */
  readonly maxUploadBytes?: number;
  /** Largest number of rows in one chunk (default unlimited). */
  readonly maxRowsPerChunk?: number;
  /** How many problems to list (default 20); all are counted. */
  readonly maxIssues?: number;
  /** Read buffer size (default 1 MiB). */
  readonly bufferBytes?: number;
  /** Folder for the duplicate check's spill files (default: the OS temp dir). */
  readonly tempDir?: string;
  /** Called after every buffer with the bytes and rows scanned so far. */
  readonly onProgress?: (bytes: number, rows: number) => void;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** Largest header line accepted. */
const MAX_HEADER_BYTES = 1 << 20;

/** Error for a file that cannot be scanned at all (missing, unreadable, no header). */
export class CsvFileError extends Error {
  /**
   * @param file - the file
   * @param problem - what is wrong
   */
  constructor(
    readonly file: string,
    problem: string
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CsvFileError';
  }
}

/**
 * Parses one CSV line (the header) into unquoted values.
 *
 * @param line - the line without its terminator
 * @param delimiter - the delimiter character
 * @returns the values
 */
export function parseCsvLine(line: string, delimiter = ','): string[] {
  const values: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
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

/** The 64-bit key hash as two words, finalised (murmur3 fmix32 on each). */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Called by the scanning machine at each row end. */
interface RowSink {
  row(end: number, crlf: boolean, terminated: boolean): void;
}

/**
 * The byte-level CSV state machine shared by the planning pass and the duplicate verification
 * pass. It keeps its state across buffers, so rows may span reads.
 */
class CsvMachine {
  state = FIELD_START;
  column = 0;
  keyColumn = -1;
  h1 = 0x811c9dc5;
  h2 = 0x9747b28c;
  keyBytes = 0;
  keyNonBlank = false;
  prevCR = false;
  /** Quote problems of the current row: 1 = quote in unquoted field, 2 = text after a quote. */
  quoteProblem = 0;
  quoteColumn = 0;
  /** Collected key bytes (verification pass only). */
  collect: number[] | undefined;

  constructor(
    private readonly delimiter: number,
    private readonly fold: boolean,
    private readonly sink: RowSink
  ) {}

  resetRow(): void {
    this.state = FIELD_START;
    this.column = 0;
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
    this.keyBytes = 0;
    this.keyNonBlank = false;
    this.quoteProblem = 0;
    if (this.collect !== undefined) {
      this.collect.length = 0;
    }
  }

  private hashRange(buf: Buffer, from: number, to: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
    let nonBlank = this.keyNonBlank;
    const fold = this.fold;
    for (let i = from; i < to; i++) {
      let c = buf[i];
      if (fold && c >= 0x41 && c <= 0x5a) {
        c |= 0x20;
      }
      if (c !== SPACE && c !== TAB) {
        nonBlank = true;
      }
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
      this.collect?.push(c);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.keyNonBlank = nonBlank;
    this.keyBytes += to - from;
  }

  /** Final hash words of the current row's key. */
  hash(): [number, number] {
    return [fmix(this.h1 ^ this.keyBytes), fmix(this.h2 + this.keyBytes)];
  }

  /**
   * Feeds one buffer.
   *
   * @param buf - the bytes
   * @param n - how many bytes of `buf` are valid
   * @param base - file offset of `buf[0]`
   */
  feed(buf: Buffer, n: number, base: number): void {
    const delimiter = this.delimiter;
    const keyColumn = this.keyColumn;
    let state = this.state;
    let column = this.column;
    let prevCR = this.prevCR;
    let i = 0;
    while (i < n) {
      if (state === QUOTED) {
        let q = buf.indexOf(QUOTE, i);
        if (q === -1 || q > n) {
          q = n;
        }
        if (column === keyColumn) {
          this.hashRange(buf, i, q);
        }
        if (q === n) {
          break;
        }
        state = QUOTE_IN_QUOTED;
        prevCR = false;
        i = q + 1;
        continue;
      }
      if (state !== QUOTE_IN_QUOTED) {
        // Ordinary bytes of an unquoted value: skip (or hash) them in one tight loop.
        let j = i;
        while (j < n) {
          const c = buf[j];
          if (c === delimiter || (c <= QUOTE && (c === LF || c === QUOTE || c === CR))) {
            break;
          }
          j++;
        }
        if (j > i) {
          if (column === keyColumn) {
            this.hashRange(buf, i, j);
          }
          state = UNQUOTED;
          prevCR = false;
          i = j;
          if (i === n) {
            break;
          }
        }
      }
      const c = buf[i];
      if (c === delimiter) {
        column++;
        state = FIELD_START;
      } else if (c === LF) {
        this.column = column;
        this.state = state;
        this.sink.row(base + i + 1, prevCR, true);
        this.resetRow();
        state = FIELD_START;
        column = 0;
      } else if (c === QUOTE) {
        if (state === FIELD_START) {
          state = QUOTED;
        } else if (state === QUOTE_IN_QUOTED) {
          state = QUOTED;
          if (column === keyColumn) {
            this.hashRange(buf, i, i + 1);
          }
        } else if (this.quoteProblem === 0) {
          this.quoteProblem = 1;
          this.quoteColumn = column;
        }
      } else if (c !== CR) {
        // Only reached after a closing quote: anything but a delimiter or line end is wrong.
        if (this.quoteProblem === 0) {
          this.quoteProblem = 2;
          this.quoteColumn = column;
        }
        state = UNQUOTED;
        if (column === keyColumn) {
          this.hashRange(buf, i, i + 1);
        }
      }
      prevCR = c === CR;
      i++;
    }
    this.state = state;
    this.column = column;
    this.prevCR = prevCR;
  }

  /** Ends the input: the last row may lack a terminator; an open quote is reported by state. */
  end(size: number, rowStart: number): void {
    if (rowStart < size) {
      this.sink.row(size, false, false);
      this.resetRow();
    }
  }
}

/**
 * Scans a CSV file: pre-flight checks and upload chunk planning, before anything is sent.
 *
 * @param file - path of the CSV file (UTF-8, optional BOM)
 * @param options - external-ID column, delimiter, limits
 * @returns the header, row count, chunks and problems found
 * @throws CsvFileError when the file is missing, unreadable, empty or its header is unreadable
 * @example
 * ```ts
 * const scan = await scanCsvFile('accounts.csv', { externalIdField: 'ERP_Account_ID__c' });
 * if (scan.issueCount > 0) console.error(scan.issues.map((i) => i.message).join('\n'));
 * ```
 */
export async function scanCsvFile(file: string, options: ScanOptions): Promise<ScanResult> {
  const delimiter = COLUMN_DELIMITERS[options.columnDelimiter ?? 'COMMA'];
  const maxUpload = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const maxRows = options.maxRowsPerChunk ?? Number.POSITIVE_INFINITY;
  const maxIssues = options.maxIssues ?? 20;
  const handle = await openCsv(file);
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.allocUnsafe(Math.min(size, MAX_HEADER_BYTES));
    const first = await handle.read(head, 0, head.length, 0);
    if (first.bytesRead === 0) {
      throw new CsvFileError(file, 'the file is empty: expected a header line');
    }
    const bomLength =
      first.bytesRead >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const headerInfo = readHeader(file, head.subarray(0, first.bytesRead), bomLength, delimiter);
    const wanted = options.externalIdField.toLowerCase();
    const keyColumn = headerInfo.columns.findIndex((c) => c.trim().toLowerCase() === wanted);

    const issues: PreflightIssue[] = [];
    let issueCount = 0;
    const report = (issue: PreflightIssue): void => {
      issueCount++;
      if (issues.length < maxIssues) {
        issues.push(issue);
      }
    };
    if (keyColumn === -1) {
      report({
        kind: 'header',
        row: 1,
        message: `row 1: the header has no ${options.externalIdField} column (columns: ${headerInfo.columns.join(', ')})`
      });
      return {
        file,
        size,
        bomLength,
        header: headerInfo.header,
        columns: headerInfo.columns,
        keyColumn,
        lineEnding: headerInfo.lineEnding,
        rows: 0,
        chunks: [],
        issues,
        issueCount,
        dedupeSpilled: false,
        dedupeBytes: 0
      };
    }

    // Estimate the row count from the first buffer to size the duplicate check.
    const sampleRows = Math.max(1, countRows(head, first.bytesRead) - 1);
    const sampleBytes = Math.max(1, first.bytesRead - headerInfo.dataStart);
    const estimatedRows = Math.ceil(((size - headerInfo.dataStart) / sampleBytes) * sampleRows);
    const detector = new DuplicateDetector(estimatedRows, options.tempDir);

    const headerBytes = headerInfo.dataStart - bomLength;
    const budget = maxUpload - headerBytes;
    const chunks: ChunkPlan[] = [];
    const crlfHeader = headerInfo.lineEnding === 'CRLF';
    const columnCount = headerInfo.columns.length;
    let rowNumber = 1;
    let rowStart = headerInfo.dataStart;
    let chunkStart = rowStart;
    let chunkRows = 0;
    let chunkFirstRow = 2;

    const machine: CsvMachine = new CsvMachine(delimiter, options.caseSensitive !== true, {
      row(end, crlf, terminated) {
        rowNumber++;
        const m = machine;
        if (m.quoteProblem !== 0) {
          report({
            kind: 'quote',
            row: rowNumber,
            message:
              m.quoteProblem === 1
                ? `row ${rowNumber}: a quote inside an unquoted value (column ${m.quoteColumn + 1} ${headerInfo.columns[m.quoteColumn] ?? ''}); quote the whole value and double the quote`
                : `row ${rowNumber}: text after a closing quote (column ${m.quoteColumn + 1} ${headerInfo.columns[m.quoteColumn] ?? ''})`
          });
        }
        if (m.column + 1 !== columnCount) {
          report({
            kind: 'field-count',
            row: rowNumber,
            message: `row ${rowNumber}: ${m.column + 1} values, the header has ${columnCount}`
          });
        } else if (!m.keyNonBlank) {
          report({
            kind: 'blank-key',
            row: rowNumber,
            message: `row ${rowNumber}: blank ${options.externalIdField} (a blank key would insert a new record on every load)`
          });
        } else {
          const [hi, lo] = m.hash();
          detector.add(hi, lo);
        }
        if (terminated && crlf !== crlfHeader) {
          report({
            kind: 'line-ending',
            row: rowNumber,
            message: `row ${rowNumber}: ends with ${crlf ? 'CRLF' : 'LF'} but the header ends with ${headerInfo.lineEnding}`
          });
        }
        const rowBytes = end - rowStart;
        if (rowBytes > budget) {
          report({
            kind: 'row-too-large',
            row: rowNumber,
            message: `row ${rowNumber}: ${rowBytes} bytes, more than one upload can hold (${budget})`
          });
        } else if (chunkRows >= maxRows || end - chunkStart > budget) {
          chunks.push({
            start: chunkStart,
            end: rowStart,
            rows: chunkRows,
            firstRow: chunkFirstRow
          });
          chunkStart = rowStart;
          chunkRows = 0;
          chunkFirstRow = rowNumber;
        }
        chunkRows++;
        rowStart = end;
      }
    });
    machine.keyColumn = keyColumn;

    const buf = Buffer.allocUnsafe(options.bufferBytes ?? 1 << 20);
    let position = headerInfo.dataStart;
    try {
      while (position < size) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, position);
        if (bytesRead === 0) {
          break;
        }
        machine.feed(buf, bytesRead, position);
        position += bytesRead;
        options.onProgress?.(position, rowNumber - 1);
      }
      if (machine.state === QUOTED) {
        report({
          kind: 'quote',
          row: rowNumber + 1,
          message: `row ${rowNumber + 1}: a quoted value is never closed (the file ends inside it)`
        });
      }
      machine.end(position, rowStart);
    } catch (error) {
      detector.dispose();
      throw error;
    }
    if (chunkRows > 0) {
      chunks.push({ start: chunkStart, end: rowStart, rows: chunkRows, firstRow: chunkFirstRow });
    }
    const candidates = detector.finish();
    if (candidates.size > 0) {
      for (const issue of await findDuplicates(file, {
        delimiter,
        fold: options.caseSensitive !== true,
        keyColumn,
        dataStart: headerInfo.dataStart,
        candidates,
        field: options.externalIdField
      })) {
        report(issue);
      }
    }
    return {
      file,
      size,
      bomLength,
      header: headerInfo.header,
      columns: headerInfo.columns,
      keyColumn,
      lineEnding: headerInfo.lineEnding,
      rows: rowNumber - 1,
      chunks,
      issues,
      issueCount,
      dedupeSpilled: detector.spilled,
      dedupeBytes: detector.peakBytes
    };
  } finally {
    await handle.close();
  }
}

async function openCsv(file: string): Promise<fs.FileHandle> {
  try {
    const handle = await fs.open(file, 'r');
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new CsvFileError(file, 'not a file');
    }
    return handle;
  } catch (error) {
    if (error instanceof CsvFileError) {
      throw error;
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvFileError(
      file,
      code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`
    );
  }
}

function readHeader(
  file: string,
  buf: Buffer,
  bomLength: number,
  delimiter: number
): { header: Buffer; columns: string[]; lineEnding: 'LF' | 'CRLF'; dataStart: number } {
  let quoted = false;
  let end = -1;
  for (let i = bomLength; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      quoted = !quoted;
    } else if (c === LF && !quoted) {
      end = i;
      break;
    }
  }
  if (end === -1) {
    if (buf.length >= MAX_HEADER_BYTES) {
      throw new CsvFileError(file, 'no header line ends within the first MiB');
    }
    end = buf.length;
  }
  const crlf = end > bomLength && buf[end - 1] === CR;
  const header = Buffer.from(buf.subarray(bomLength, crlf ? end - 1 : end));
  const columns = parseCsvLine(header.toString('utf8'), String.fromCharCode(delimiter));
  if (columns.every((c) => c.trim() === '')) {
    throw new CsvFileError(file, 'the header line is blank');
  }
  return {
    header,
    columns,
    lineEnding: crlf ? 'CRLF' : 'LF',
    dataStart: Math.min(end + 1, buf.length)
  };
}

/** Counts line ends outside quotes (a quick estimate: doubled quotes toggle twice). */
function countRows(buf: Buffer, n: number): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < n; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      quoted = !quoted;
    } else if (c === LF && !quoted) {
      count++;
    }
  }
  return count;
}

/**
 * The verification pass: re-reads the file and, for rows whose key hash is a candidate, compares
 * the real keys, reporting each duplicate with both row numbers.
 */
async function findDuplicates(
  file: string,
  context: {
    delimiter: number;
    fold: boolean;
    keyColumn: number;
    dataStart: number;
    candidates: Set<string>;
    field: string;
  }
): Promise<PreflightIssue[]> {
  const found: PreflightIssue[] = [];
  const firstRows = new Map<string, number>();
  let rowNumber = 1;
  let rowStart = context.dataStart;
  const machine: CsvMachine = new CsvMachine(context.delimiter, context.fold, {
    row(end) {
      rowNumber++;
      rowStart = end;
      const m = machine;
      if (m.collect === undefined || m.collect.length === 0) {
        return;
      }
      const [hi, lo] = m.hash();
      if (!context.candidates.has(`${hi}:${lo}`)) {
        return;
      }
      const key = Buffer.from(m.collect).toString('utf8');
      const first = firstRows.get(key);
      if (first === undefined) {
        firstRows.set(key, rowNumber);
      } else {
        found.push({
          kind: 'duplicate-key',
          row: rowNumber,
          firstRow: first,
          message: `row ${rowNumber}: duplicate ${context.field} "${key}" (also in row ${first})`
        });
      }
    }
  });
  machine.keyColumn = context.keyColumn;
  machine.collect = [];
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let position = context.dataStart;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) {
        break;
      }
      machine.feed(buf, bytesRead, position);
      position += bytesRead;
    }
    machine.end(position, rowStart);
  } finally {
    await handle.close();
  }
  return found;
}
