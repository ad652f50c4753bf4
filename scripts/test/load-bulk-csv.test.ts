/**
 * load:bulk CSV handling without a server: chunk planning (splits only between rows, whatever
 * the quoting, line endings, BOM or multibyte text), pre-flight problems with row numbers, the
 * bounded-memory duplicate check, and the streaming result-file helpers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { DuplicateDetector, HashSet64, IN_MEMORY_ROW_LIMIT } from '../org/bulk/dedupe.js';
import { parseCsvLine, scanCsvFile, type ScanResult } from '../org/bulk/csv-scan.js';
import {
  appendRows,
  csvRows,
  CsvOut,
  fieldRanges,
  fieldValue,
  pipeSkippingHeader,
  routeFailedResults
} from '../org/bulk/results.js';
import { makeTempDir } from './support/temp-project.js';

const dir = makeTempDir('load-bulk-csv');
let counter = 0;
function write(content: string | Buffer): string {
  const file = path.join(dir, `f${++counter}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

/** The upload bodies the plan describes: header + rows of each chunk. */
function bodies(file: string, scan: ScanResult): string[] {
  const bytes = fs.readFileSync(file);
  const eol = scan.lineEnding === 'CRLF' ? '\r\n' : '\n';
  return scan.chunks.map(
    (c) => scan.header.toString('utf8') + eol + bytes.subarray(c.start, c.end).toString('utf8')
  );
}

const TRICKY =
  'Key,Name,Note\n' +
  'k1,"Acme, Inc.","two\nlines"\n' +
  'k2,"She said ""hi""",plain\n' +
  'k3,Zürich 東京 🚚,"comma, quote "" and\r\nCRLF inside"\n' +
  'k4,,""\n' +
  'k5,last,row';

describe('load:bulk chunk planning', () => {
  it('never splits inside a row, whatever the buffer and upload sizes', async () => {
    const file = write(TRICKY);
    const header = 'Key,Name,Note\n';
    for (const bufferBytes of [1, 3, 7, 64, 1 << 20]) {
      for (const maxUploadBytes of [80, 100, 200, 10_000]) {
        const scan = await scanCsvFile(file, {
          externalIdField: 'Key',
          bufferBytes,
          maxUploadBytes
        });
        assert.equal(scan.issueCount, 0, JSON.stringify(scan.issues));
        assert.equal(scan.rows, 5);
        const uploads = bodies(file, scan);
        for (const body of uploads) {
          assert.ok(body.startsWith(header));
          assert.ok(
            Buffer.byteLength(body) <= maxUploadBytes,
            `${Buffer.byteLength(body)} > ${maxUploadBytes}`
          );
        }
        assert.equal(
          uploads.map((b) => b.slice(header.length)).join(''),
          TRICKY.slice(header.length),
          `buffer ${bufferBytes}, upload ${maxUploadBytes}`
        );
        assert.equal(
          scan.chunks.reduce((n, c) => n + c.rows, 0),
          5
        );
      }
    }
  });

  it('strips the BOM, keeps CRLF and never cuts multibyte characters', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `é${i},"ü ${'東'.repeat(i % 5)}\r\nx",🚚`);
    const text = `\uFEFFKey,A,B\r\n${rows.join('\r\n')}\r\n`;
    const file = write(text);
    const scan = await scanCsvFile(file, {
      externalIdField: 'key',
      bufferBytes: 5,
      maxUploadBytes: 97
    });
    assert.equal(scan.bomLength, 3);
    assert.equal(scan.lineEnding, 'CRLF');
    assert.deepEqual(scan.columns, ['Key', 'A', 'B']);
    assert.equal(scan.issueCount, 0, JSON.stringify(scan.issues));
    assert.ok(scan.chunks.length > 5);
    const uploads = bodies(file, scan);
    for (const body of uploads) {
      assert.ok(!body.includes('\uFFFD'), 'a multibyte character was cut');
      assert.ok(body.startsWith('Key,A,B\r\n'));
    }
    assert.equal(
      uploads.map((b) => b.slice('Key,A,B\r\n'.length)).join(''),
      text.slice(1 + 'Key,A,B\r\n'.length)
    );
  });

  it('caps rows per chunk and reports the first row of each chunk', async () => {
    const file = write(`Key\n${Array.from({ length: 25 }, (_, i) => `k${i}`).join('\n')}\n`);
    const scan = await scanCsvFile(file, { externalIdField: 'Key', maxRowsPerChunk: 10 });
    assert.deepEqual(
      scan.chunks.map((c) => [c.rows, c.firstRow]),
      [
        [10, 2],
        [10, 12],
        [5, 22]
      ]
    );
  });

  it('accepts other delimiters and a header-only file', async () => {
    const scan = await scanCsvFile(write('Name|Key\n"a|b"|k1\nc|k2\n'), {
      externalIdField: 'Key',
      columnDelimiter: 'PIPE'
    });
    assert.equal(scan.issueCount, 0);
    assert.equal(scan.rows, 2);
    const empty = await scanCsvFile(write('Key,Name'), { externalIdField: 'Key' });
    assert.equal(empty.rows, 0);
    assert.deepEqual(empty.chunks, []);
  });

  it('parses header lines with quotes', () => {
    assert.deepEqual(parseCsvLine('a,"b,c","d""e",'), ['a', 'b,c', 'd"e', '']);
  });
});

describe('load:bulk pre-flight', () => {
  it('rejects a missing key column, naming the columns', async () => {
    const scan = await scanCsvFile(write('Name,Other\nx,y\n'), {
      externalIdField: 'ERP_Account_ID__c'
    });
    assert.equal(scan.issueCount, 1);
    assert.match(
      scan.issues[0].message,
      /row 1: the header has no ERP_Account_ID__c column \(columns: Name, Other\)/
    );
  });

  it('reports blank keys and duplicates with both row numbers', async () => {
    const file = write('Name,Key\na,K1\nb,\nc,"  "\nd,k1\ne,"two\nlines"\nf,K2\ng,K2\n');
    const scan = await scanCsvFile(file, { externalIdField: 'Key' });
    assert.deepEqual(
      scan.issues.map((i) => i.message),
      [
        'row 3: blank Key (a blank key would insert a new record on every load)',
        'row 4: blank Key (a blank key would insert a new record on every load)',
        'row 5: duplicate Key "k1" (also in row 2)',
        'row 8: duplicate Key "k2" (also in row 7)'
      ]
    );
    assert.equal(scan.issues[2].firstRow, 2);
  });

  it('treats keys differing in case as different when the field is case-sensitive', async () => {
    const scan = await scanCsvFile(write('Key\nA1\na1\n"A1"\n'), {
      externalIdField: 'Key',
      caseSensitive: true
    });
    assert.deepEqual(
      scan.issues.map((i) => i.message),
      ['row 4: duplicate Key "A1" (also in row 2)']
    );
  });

  it('reports bad rows: value count, stray quotes, open quote, mixed line endings, huge rows', async () => {
    const scan = await scanCsvFile(
      write(`Key,Name\nk1,a,extra\nk2,a"b\nk3,"a"b\r\nk4,${'x'.repeat(100)}\nk5,"never closed\n`),
      { externalIdField: 'Key', maxUploadBytes: 60 }
    );
    const messages = scan.issues.map((i) => i.message).join('\n');
    assert.match(messages, /row 2: 3 values, the header has 2/);
    assert.match(messages, /row 3: a quote inside an unquoted value \(column 2 Name\)/);
    assert.match(messages, /row 4: text after a closing quote/);
    assert.match(messages, /row 4: ends with CRLF but the header ends with LF/);
    assert.match(messages, /row 5: 104 bytes, more than one upload can hold/);
    assert.match(messages, /row 6: a quoted value is never closed/);
  });

  it('lists at most maxIssues problems but counts all', async () => {
    const scan = await scanCsvFile(write(`Key\n${'\n'.repeat(30)}`), {
      externalIdField: 'Key',
      maxIssues: 3
    });
    assert.equal(scan.issues.length, 3);
    assert.equal(scan.issueCount, 30);
  });

  it('names missing, empty and blank-header files', async () => {
    await assert.rejects(
      scanCsvFile(path.join(dir, 'nope.csv'), { externalIdField: 'K' }),
      /nope\.csv: no such file/
    );
    await assert.rejects(scanCsvFile(write(''), { externalIdField: 'K' }), /the file is empty/);
    await assert.rejects(
      scanCsvFile(write(' \nk\n'), { externalIdField: 'K' }),
      /header line is blank/
    );
    await assert.rejects(scanCsvFile(dir, { externalIdField: 'K' }), /not a file/);
  });
});

describe('load:bulk duplicate check memory', () => {
  it('keeps 64-bit hashes in a growing typed-array table', () => {
    const set = new HashSet64(10);
    for (let i = 1; i <= 5000; i++) {
      assert.equal(set.add(i * 7919, i), false);
    }
    assert.equal(set.add(0, 0), false);
    assert.equal(set.add(0, 0), true);
    assert.equal(set.add(7919, 1), true);
    assert.equal(set.size, 5001);
    assert.equal(set.add(5000 * 7919, 5000), true);
    assert.ok(set.bytes <= 8 * 8192 * 2);
  });

  it('spills to partition files above the in-memory limit and still finds duplicates', () => {
    const detector = new DuplicateDetector(IN_MEMORY_ROW_LIMIT * 4, dir);
    assert.ok(detector.spilled);
    for (let i = 0; i < 20_000; i++) {
      detector.add(Math.imul(i, 2654435761), i);
    }
    detector.add(Math.imul(77, 2654435761), 77);
    const candidates = detector.finish();
    assert.deepEqual([...candidates], [`${Math.imul(77, 2654435761) >>> 0}:77`]);
    assert.ok(detector.peakBytes < 1 << 20);
    assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('load-bulk-dedupe-')).length, 0);
    const other = new DuplicateDetector(IN_MEMORY_ROW_LIMIT + 1, dir);
    other.dispose();
    assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('load-bulk-dedupe-')).length, 0);
  });

  it('a 1M-row check holds 16 MiB of hashes', async () => {
    const detector = new DuplicateDetector(1_000_000);
    assert.equal(detector.spilled, false);
    assert.equal(detector.peakBytes, 16 * 2 ** 20);
  });
});

describe('load:bulk result files', () => {
  const chunks = (text: string, size: number): Readable =>
    Readable.from(
      Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        Buffer.from(text.slice(i * size, (i + 1) * size))
      )
    );

  it('splits rows across network chunks, keeping quoted line breaks', async () => {
    const rows: string[] = [];
    for await (const row of csvRows(chunks('a,"b\nc"\r\nd,e\nlast', 3))) {
      rows.push(row.toString());
    }
    assert.deepEqual(rows, ['a,"b\nc"', 'd,e', 'last']);
    const row = Buffer.from('x,"y,""z""",');
    assert.deepEqual(
      fieldRanges(row, 0x2c).map((r) => fieldValue(row, r)),
      ['x', 'y,"z"', '']
    );
  });

  it('routes failed rows to re-feedable, errors and retry files (sf__ columns anywhere)', async () => {
    const eol = Buffer.from('\n');
    const failed = new CsvOut(path.join(dir, 'r.failed.csv'), Buffer.from('Key,Name\n'));
    const errors = new CsvOut(path.join(dir, 'r.errors.csv'), Buffer.from('Key,Name\n'));
    const retry = new CsvOut(path.join(dir, 'r.retry.csv'), Buffer.from('Key,Name\n'));
    const download =
      'Key,"sf__Error",Name,sf__Id\nk1,"UNABLE_TO_LOCK_ROW:locked:--","a, b",\nk2,"X:bad ""y"":--",c,001\n';
    const counts = await routeFailedResults(chunks(download, 5), {
      failed,
      errors,
      retry,
      eol,
      delimiter: 0x2c
    });
    await Promise.all([failed.close(), errors.close(), retry.close()]);
    assert.equal(counts.failed, 1);
    assert.equal(counts.retried, 1);
    assert.deepEqual([...counts.errors], [['X', 1]]);
    assert.equal(fs.readFileSync(failed.path, 'utf8'), 'Key,Name\nk2,c\n');
    assert.equal(fs.readFileSync(retry.path, 'utf8'), 'Key,Name\nk1,"a, b"\n');
    assert.equal(
      fs.readFileSync(errors.path, 'utf8'),
      'Key,"sf__Error",Name,sf__Id\nk2,"X:bad ""y"":--",c,001\n'
    );
    await assert.rejects(
      routeFailedResults(chunks('Key\nk\n', 4), { failed, errors, eol, delimiter: 0x2c }),
      /without an sf__Error column/
    );
  });

  it('appends unprocessed rows and pipes successful results with one header', async () => {
    const unprocessed = new CsvOut(path.join(dir, 'u.csv'), Buffer.from('Key\r\n'));
    assert.equal(await appendRows(chunks('Key\nk1\n\nk2', 2), unprocessed, Buffer.from('\r\n')), 2);
    await unprocessed.close();
    assert.equal(fs.readFileSync(unprocessed.path, 'utf8'), 'Key\r\nk1\r\nk2\r\n');
    const success = new CsvOut(path.join(dir, 's.csv'), Buffer.from('unused\n'));
    await pipeSkippingHeader(chunks('"sf__Id","sf__Created",Key\n001,true,k1\n', 4), success);
    await pipeSkippingHeader(chunks('"sf__Id","sf__Created",Key\n002,false,k2\n', 50), success);
    await success.close();
    assert.equal(
      fs.readFileSync(success.path, 'utf8'),
      '"sf__Id","sf__Created",Key\n001,true,k1\n002,false,k2\n'
    );
  });
});
