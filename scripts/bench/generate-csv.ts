/**
 * Generates a realistic Account CSV for the load benchmark and tests: quoted commas, quoted line
 * breaks, doubled quotes and multibyte text (accents, CJK, emoji) — about 145 bytes a row, so
 * 1,000,000 rows make about 145 MB. Written through a 1 MiB buffer: memory stays small.
 *
 * @module
 */
import fs from 'node:fs';

/** Columns of the generated file; the first is the external ID. */
export const BENCH_COLUMNS = [
  'ERP_Account_ID__c',
  'Name',
  'Description',
  'BillingCity',
  'AnnualRevenue'
] as const;

const CITIES = ['Zürich', 'São Paulo', '東京', 'Kraków', 'Montréal', 'Reykjavík', 'Αθήνα', 'Köln'];

/**
 * One generated row (without line ending).
 *
 * @param i - row index from 0
 * @returns the CSV row
 */
export function benchRow(i: number): string {
  const id = `A${String(i).padStart(9, '0')}`;
  const city = CITIES[i % CITIES.length];
  return (
    `${id},"Account ${i}, Holdings ""${city}"" AG",` +
    `"Customer since ${2000 + (i % 25)}\nServed from ${city} — tier ${i % 7} 🚚 ` +
    `key account",${city},${(i % 100000) * 13.5}`
  );
}

/**
 * Writes a CSV of `rows` generated rows.
 *
 * @param file - target path
 * @param rows - number of record rows
 * @param options - `crlf` line endings, a UTF-8 `bom`
 * @returns the number of bytes written
 */
export function generateCsv(
  file: string,
  rows: number,
  options: { crlf?: boolean; bom?: boolean } = {}
): number {
  const eol = options.crlf === true ? '\r\n' : '\n';
  const fd = fs.openSync(file, 'w');
  let total = 0;
  try {
    let pending = (options.bom === true ? '\uFEFF' : '') + BENCH_COLUMNS.join(',') + eol;
    for (let i = 0; i < rows; i++) {
      pending += benchRow(i) + eol;
      if (pending.length > 1 << 19) {
        total += fs.writeSync(fd, pending);
        pending = '';
      }
    }
    total += fs.writeSync(fd, pending);
  } finally {
    fs.closeSync(fd);
  }
  return total;
}
