/**
 * `load:bulk` — CSV → Bulk API 2.0 upsert by external ID for any registered object, or a plan of
 * several objects in dependency order. Run `tsx scripts/org/load-bulk.ts --help`.
 *
 * Exit codes: 0 every row loaded (or a clean dry run); 1 some rows failed or were not processed
 * (their files are in the results folder); 2 nothing was loaded: usage error, pre-flight
 * problems, missing file, no auth.
 *
 * @module
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { defaultConnectionResolver, OrgAuthError, type ConnectionResolver } from './connection.js';
import {
  COLUMN_DELIMITERS,
  CsvFileError,
  MAX_UPLOAD_BYTES,
  type ColumnDelimiter,
  type ScanResult
} from './bulk/csv-scan.js';
import { bulkClient, loadScanned, preflight, type LoadSummary } from './bulk/loader.js';
import { loadRegistry, readPlan, resolveTarget, UsageError, type LoadTarget } from './bulk/plan.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Usage text printed by `--help`. */
export const USAGE = `Usage: npm run load:bulk -- [options]
       tsx scripts/org/load-bulk.ts [options]

Upserts CSV rows into an org through Bulk API 2.0, keyed by external ID.

One object:
  --object <Name>          registered object (Integration_Object__mdt), e.g. Account
  --file <csv>             UTF-8 CSV with a header row (BOM allowed; LF or CRLF)
  --external-id <Field>    key column (default: the object's External_ID_Field__c)

Several objects:
  --plan <plan.json>       {"steps": [{"object": "Product2", "file": "products.csv"}, …]};
                           loaded in dependency order: Product2 → Pricebook2 → standard
                           PricebookEntry → custom PricebookEntry → Account → Contact → … → Order
                           (Sort_Order__c); PricebookEntry steps need "pricebook" and "externalId"

Options:
  --target-org <org>       alias or username known to the sf CLI (default: SF_INSTANCE_URL and
                           SF_ACCESS_TOKEN when set, else the CLI's default org)
  --parallel <n>           jobs at once (default 4)
  --results <dir>          where failed/unprocessed rows go (default bulk-results/<timestamp>)
  --successful-results     also download successful results (streamed to disk)
  --dry-run                pre-flight only: check the files and print the jobs; sends nothing
  --column-delimiter <d>   COMMA (default), TAB, PIPE, SEMICOLON, CARET, BACKQUOTE
  --max-upload-bytes <n>   bytes per job upload (default ${MAX_UPLOAD_BYTES})
  --max-retries <n>        rounds of retries for UNABLE_TO_LOCK_ROW rows (default 3)
  --api-version <v>        e.g. 65.0 (default: the org's)
  --help                   this text

Result files (same header as the input, so they can be loaded again):
  <name>.failed.csv        rows the org rejected; <name>.failed-errors.csv keeps sf__Error
  <name>.unprocessed.csv   rows never processed (failed or aborted job, upload error)
  <name>.successful.csv    with --successful-results: sf__Id, sf__Created and the row

Exit: 0 all loaded; 1 some rows failed or unprocessed; 2 nothing loaded (usage, pre-flight,
missing file, no auth).`;

/** What {@link main} needs from outside; tests replace parts. */
export interface MainDeps {
  /** Project root with the metadata (default: this repository). */
  readonly projectRoot?: string;
  /** Environment (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Builds the connection resolver (default: sf CLI for --target-org, else env, else sf CLI). */
  readonly resolver?: (
    targetOrg: string | undefined,
    apiVersion: string | undefined
  ) => ConnectionResolver;
  /** Standard output (summary). */
  readonly out?: (line: string) => void;
  /** Standard error (progress, errors). */
  readonly err?: (line: string) => void;
  /** Polling and retry timing (tests make it fast). */
  readonly timing?: { pollInitialMs?: number; retryDelayMs?: number };
}

/** What {@link main} did. */
export interface MainResult {
  readonly code: 0 | 1 | 2;
  readonly summaries: LoadSummary[];
  readonly scans: ScanResult[];
}

function defaultResolver(env: NodeJS.ProcessEnv) {
  return defaultConnectionResolver(env);
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || (n === 0 && name !== '--max-retries')) {
    throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
  }
  return n;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Runs the command.
 *
 * @param argv - arguments after the script name
 * @param deps - replaceable dependencies
 * @returns exit code and summaries
 */
export async function main(argv: string[], deps: MainDeps = {}): Promise<MainResult> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = deps.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = deps.env ?? process.env;
  const scans: ScanResult[] = [];
  const summaries: LoadSummary[] = [];
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        object: { type: 'string' },
        file: { type: 'string' },
        'external-id': { type: 'string' },
        plan: { type: 'string' },
        'target-org': { type: 'string', short: 'o' },
        parallel: { type: 'string' },
        results: { type: 'string' },
        'successful-results': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'column-delimiter': { type: 'string' },
        'max-upload-bytes': { type: 'string' },
        'max-retries': { type: 'string' },
        'api-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
    if (values.help === true) {
      out(USAGE);
      return { code: 0, summaries, scans };
    }
    const delimiter = (values['column-delimiter'] ?? 'COMMA').toUpperCase();
    if (!(delimiter in COLUMN_DELIMITERS)) {
      throw new UsageError(
        `--column-delimiter must be one of ${Object.keys(COLUMN_DELIMITERS).join(', ')}`
      );
    }
    const columnDelimiter = delimiter as ColumnDelimiter;
    const parallel = positiveInt(values.parallel, '--parallel', 4);
    const maxUploadBytes = positiveInt(
      values['max-upload-bytes'],
      '--max-upload-bytes',
      MAX_UPLOAD_BYTES
    );
    const maxRetries = positiveInt(values['max-retries'], '--max-retries', 3);

    const context = loadRegistry(deps.projectRoot ?? ROOT);
    let targets: LoadTarget[];
    if (values.plan !== undefined) {
      if (values.object !== undefined || values.file !== undefined) {
        throw new UsageError('use either --plan or --object/--file, not both');
      }
      targets = readPlan(path.resolve(values.plan), context);
    } else {
      if (values.object === undefined || values.file === undefined) {
        throw new UsageError('--object and --file are required (or --plan); see --help');
      }
      targets = [
        resolveTarget(context, {
          object: values.object,
          file: path.resolve(values.file),
          externalId: values['external-id']
        })
      ];
    }

    // Pre-flight every file before anything is sent.
    let problems = 0;
    for (const target of targets) {
      const scan = await preflight(target, { columnDelimiter, maxUploadBytes }, err);
      scans.push(scan);
      if (scan.issueCount > 0) {
        problems += scan.issueCount;
        err(
          `${target.file}: ${scan.issueCount} problem(s) for ${target.object} (key ${target.externalIdField}):`
        );
        for (const issue of scan.issues) {
          err(`  ${issue.message}`);
        }
        if (scan.issueCount > scan.issues.length) {
          err(`  … and ${scan.issueCount - scan.issues.length} more`);
        }
      }
    }
    out('Plan:');
    targets.forEach((target, i) => {
      const scan = scans[i];
      out(
        `  ${i + 1}. ${target.object}${target.pricebook ? ` (${target.pricebook} entries)` : ''} by ${target.externalIdField}: ` +
          `${scan.rows.toLocaleString('en')} rows, ${(scan.size / 1e6).toFixed(1)} MB, ${scan.chunks.length} job(s) — ${path.relative(process.cwd(), target.file) || target.file}`
      );
    });
    if (problems > 0) {
      err(`pre-flight failed: ${problems} problem(s); nothing was sent`);
      return { code: 2, summaries, scans };
    }
    if (values['dry-run'] === true) {
      out('Dry run: pre-flight passed; nothing was sent.');
      return { code: 0, summaries, scans };
    }

    const connection = await (deps.resolver ?? defaultResolver(env))(
      values['target-org'],
      values['api-version']
    )();
    const resultsDir = path.resolve(values.results ?? path.join('bulk-results', timestamp()));
    const api = bulkClient(connection, parallel);
    try {
      for (const [i, target] of targets.entries()) {
        const summary = await loadScanned(api, target, scans[i], {
          parallel,
          resultsDir,
          successfulResults: values['successful-results'] === true,
          columnDelimiter,
          maxUploadBytes,
          maxRetries,
          retryDelayMs: deps.timing?.retryDelayMs,
          poll: { initialMs: deps.timing?.pollInitialMs },
          log: err
        });
        summaries.push(summary);
        out(describe(summary));
        if (!summary.ok && i < targets.length - 1) {
          err(
            `stopping: ${summary.object} has failed or unprocessed rows, and the later objects may ` +
              `depend on them (${targets
                .slice(i + 1)
                .map((t) => t.object)
                .join(', ')} not loaded)`
          );
          break;
        }
      }
    } finally {
      api.close();
    }
    const ok = summaries.length === targets.length && summaries.every((s) => s.ok);
    return { code: ok ? 0 : 1, summaries, scans };
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof CsvFileError ||
      error instanceof OrgAuthError ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
    ) {
      err(`load:bulk: ${(error as Error).message}`);
      return { code: summaries.length > 0 ? 1 : 2, summaries, scans };
    }
    throw error;
  }
}

function describe(summary: LoadSummary): string {
  const lines = [
    `${summary.object}: ${summary.succeeded.toLocaleString('en')} of ${summary.rows.toLocaleString('en')} rows loaded, ` +
      `${summary.failed.toLocaleString('en')} failed, ${summary.unprocessed.toLocaleString('en')} unprocessed` +
      (summary.retried > 0 ? `, ${summary.retried} row-lock retries` : '') +
      ` (${summary.jobs.length} job(s))`
  ];
  for (const [code, count] of Object.entries(summary.errorCodes)) {
    lines.push(`  ${code}: ${count}`);
  }
  for (const [kind, file] of Object.entries(summary.files)) {
    if (file !== undefined) {
      lines.push(`  ${kind}: ${file}`);
    }
  }
  return lines.join('\n');
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main(process.argv.slice(2)).then(
    (result) => {
      process.exitCode = result.code;
    },
    (error: unknown) => {
      process.stderr.write(`load:bulk: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  );
}
