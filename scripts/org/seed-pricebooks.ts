/**
 * `seed:pricebooks` — seeds products, standard price book entries, custom price books and their
 * entries from `data/pricebooks/` (JSON and CSV), idempotently. Run
 * `tsx scripts/org/seed-pricebooks.ts --help`.
 *
 * Exit codes: 0 the org matches the data (written, nothing to do, or a clean dry run); 1 some
 * records failed or were skipped (each is listed); 2 nothing was written: usage error, bad or
 * missing data, no auth, an org that cannot take the data.
 *
 * @module
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { defaultConnectionResolver, OrgAuthError, type ConnectionResolver } from './connection.js';
import { formatIssue, readSeedData, SeedDataError } from './pricebooks/data.js';
import {
  applyPlan,
  describePlan,
  OrgStateError,
  planSeed,
  readOrgState,
  type ApplyResult,
  type SeedPlan
} from './pricebooks/plan.js';
import { RestApiError, restClient } from './rest.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Usage text printed by `--help`. */
export const USAGE = `Usage: npm run seed:pricebooks -- [options]
       tsx scripts/org/seed-pricebooks.ts [options]

Seeds the catalogue from JSON and CSV files: products (upsert by ERP_Product_ID__c), their
standard price book entries, custom price books (upsert by ERP_Price_List_ID__c), then their
entries. Reads the org first and writes only what differs: a second run changes nothing.

Options:
  --data <folder|file>   seed data (default data/pricebooks): *.json and *.csv files
  --target-org <org>     alias or username known to the sf CLI (default: SF_INSTANCE_URL and
                         SF_ACCESS_TOKEN when set, else the CLI's default org)
  --dry-run              read the org and print the plan; writes nothing
  --api-version <v>      e.g. 65.0 (default: the org's)
  --help                 this text

Exit: 0 the org matches the data (or a clean dry run); 1 some records failed or were skipped;
2 nothing written (usage, bad or missing data, no auth, an org without the project's fields).`;

/** What {@link main} needs from outside; tests replace parts. */
export interface SeedMainDeps {
  /** Environment (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Builds the connection resolver (default: sf CLI for --target-org, else env, else sf CLI). */
  readonly resolver?: (
    targetOrg: string | undefined,
    apiVersion: string | undefined
  ) => ConnectionResolver;
  /** Standard output (plan, summary). */
  readonly out?: (line: string) => void;
  /** Standard error (progress, errors). */
  readonly err?: (line: string) => void;
}

/** What {@link main} did. */
export interface SeedMainResult {
  readonly code: 0 | 1 | 2;
  readonly plan?: SeedPlan;
  readonly applied?: ApplyResult;
}

class UsageError extends Error {}

/**
 * Runs the command.
 *
 * @param argv - arguments after the script name
 * @param deps - replaceable dependencies
 * @returns exit code, plan and results
 */
export async function main(argv: string[], deps: SeedMainDeps = {}): Promise<SeedMainResult> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = deps.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = deps.env ?? process.env;
  let plan: SeedPlan | undefined;
  let writing = false;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        'target-org': { type: 'string', short: 'o' },
        'dry-run': { type: 'boolean' },
        'api-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
    if (values.help === true) {
      out(USAGE);
      return { code: 0 };
    }
    if (values.data === '') {
      throw new UsageError('--data needs a folder or file');
    }
    const dataPath = path.resolve(values.data ?? path.join(ROOT, 'data', 'pricebooks'));
    const data = readSeedData(dataPath);
    out(
      `Seed data: ${data.products.length} product(s), ${data.priceLists.length} price list(s), ` +
        `${data.priceLists.reduce((n, l) => n + l.entries.length, 0)} price-list entries` +
        `${data.multiCurrency ? ', multi-currency' : ''} (${data.files.join(', ')})`
    );

    const connection = await (deps.resolver ?? defaultConnectionResolver(env))(
      values['target-org'],
      values['api-version']
    )();
    const rest = restClient(connection);
    err(`Reading ${connection.label ?? connection.instanceUrl} …`);
    const state = await readOrgState(rest, data);
    plan = planSeed(data, state);
    out(`Plan for ${connection.label ?? connection.instanceUrl}:`);
    for (const line of describePlan(plan)) {
      out(line);
    }
    if (plan.creates + plan.updates === 0) {
      out('Nothing to do: 0 to create, 0 to update — the org already matches the data.');
      return { code: 0, plan };
    }
    if (values['dry-run'] === true) {
      out('Dry run: nothing was written.');
      return { code: 0, plan };
    }
    writing = true;
    const applied = await applyPlan(rest, plan, state, err);
    out(
      `Seeded: ${applied.created} created, ${applied.updated} updated, ${applied.failures.length} failed`
    );
    for (const failure of applied.failures) {
      out(`  ✗ ${failure.step} ${failure.key}: ${failure.errors.join(' | ')}`);
    }
    return { code: applied.failures.length > 0 ? 1 : 0, plan, applied };
  } catch (error) {
    if (error instanceof SeedDataError) {
      err(`seed:pricebooks: ${error.issues.length} problem(s) in the seed data; nothing was sent:`);
      for (const issue of error.issues) {
        err(`  ${formatIssue(issue)}`);
      }
      return { code: 2, plan };
    }
    if (
      error instanceof UsageError ||
      error instanceof OrgAuthError ||
      error instanceof OrgStateError ||
      error instanceof RestApiError ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
    ) {
      err(`seed:pricebooks: ${(error as Error).message}`);
      if (writing) {
        err(
          'seed:pricebooks: stopped while writing; run again to finish (it only writes what differs)'
        );
      }
      return { code: writing ? 1 : 2, plan };
    }
    throw error;
  }
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
      process.stderr.write(`seed:pricebooks: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  );
}
