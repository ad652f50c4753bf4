/**
 * The load benchmark's machinery on a small file (the timed 1M-row run is `npm run bench:load`,
 * not a test): generator, loopback server in a child process, the CLI path, the figures.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { benchRow, generateCsv } from '../bench/generate-csv.js';
import { runBench } from '../bench/load-bench.js';
import { scanCsvFile } from '../org/bulk/csv-scan.js';
import { makeTempDir } from './support/temp-project.js';

describe('load benchmark', () => {
  it('generates quoted commas, quoted line breaks and multibyte text that pre-flight accepts', async () => {
    const dir = makeTempDir('load-bench-gen');
    assert.match(
      benchRow(2),
      /^A000000002,"Account 2, Holdings ""東京"" AG","Customer since 2002\nServed/
    );
    const file = path.join(dir, 'g.csv');
    const bytes = generateCsv(file, 500, { crlf: true, bom: true });
    assert.equal(fs.statSync(file).size, bytes);
    const scan = await scanCsvFile(file, { externalIdField: 'ERP_Account_ID__c' });
    assert.equal(scan.issueCount, 0, JSON.stringify(scan.issues));
    assert.equal(scan.rows, 500);
    assert.equal(scan.lineEnding, 'CRLF');
    assert.equal(scan.bomLength, 3);
  });

  it('loads a generated file into the loopback server in a child process', async () => {
    const lines: string[] = [];
    const result = await runBench(
      { rows: 3000, parallel: 2, successfulResults: true, dir: makeTempDir('load-bench') },
      (line) => lines.push(line)
    );
    assert.equal(result.code, 0, lines.join('\n'));
    assert.equal(result.rows, 3000);
    assert.equal(result.jobs, 1);
    assert.ok(result.peakRssMb > 0 && result.rowsPerSecond > 0);
    assert.match(lines.join('\n'), /3,000 of 3,000 rows loaded/);
    assert.match(lines.join('\n'), /loopback: peak RSS \d+ MB/);
  });
});
