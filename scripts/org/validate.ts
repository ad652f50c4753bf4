/**
 * `org:validate` — proves a release in a fresh scratch org: create it from
 * `config/project-scratch-def.json`, build the LWCs, deploy `force-app`, create an integration
 * user, assign the permission sets, seed the price books, run every local Apex test with coverage
 * (failing under the thresholds), write JUnit and coverage reports, run the live smoke test, and
 * delete the org in a `finally` (unless `--keep`). Run `tsx scripts/org/validate.ts --help`.
 *
 * Every `sf` call goes through an injected {@link CommandRunner} (`--json` parsed), so tests run
 * the whole orchestration with a fake.
 *
 * Exit codes: 0 every step passed; 1 a step failed (named in the log and the last line), or the
 * org could not be deleted; 2 usage error or the Salesforce CLI is missing (nothing created).
 *
 * @module
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sfCliConnectionResolver, type OrgConnection } from './connection.js';
import { restClient } from './rest.js';
import { main as seedMain } from './seed-pricebooks.js';
import { pubSubEventSource, runSmoke, type SmokeReport } from './smoke.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The outcome of one command. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs external commands; rejects with `code: 'ENOENT'` when the command does not exist. */
export interface CommandRunner {
  /**
   * @param command - executable, e.g. `sf` or `npm`
   * @param args - arguments
   * @param options - working directory
   */
  run(command: string, args: readonly string[], options?: { cwd?: string }): Promise<CommandResult>;
}

/** A {@link CommandRunner} over `child_process.spawn`. */
export const processRunner: CommandRunner = {
  run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SF_NO_UPDATE_NOTIFIER: 'true', FORCE_COLOR: '0' }
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }
};

/** A step failed; the message says why. */
export class StepError extends Error {}

/** The Salesforce CLI is not installed. */
export class MissingCliError extends Error {}

/** `sf … --json` output. */
interface SfJson<T> {
  status?: number;
  result?: T;
  name?: string;
  message?: string;
}

/**
 * Runs `sf <args> --json` and returns `result`.
 *
 * @param runner - command runner
 * @param args - arguments without `--json`
 * @param options - `allowStatus`: non-zero statuses that still carry a result (e.g. 100 for
 *   failing Apex tests)
 * @returns the parsed result
 */
export async function sfJson<T>(
  runner: CommandRunner,
  args: readonly string[],
  options: { allowStatus?: number[]; cwd?: string } = {}
): Promise<T> {
  let result: CommandResult;
  try {
    result = await runner.run('sf', [...args, '--json'], { cwd: options.cwd });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new MissingCliError(
        'the Salesforce CLI (sf) is not installed or not on PATH; install it with ' +
          '`npm install --global @salesforce/cli` and log in to a Dev Hub ' +
          '(`sf org login web --set-default-dev-hub`)'
      );
    }
    throw error;
  }
  let parsed: SfJson<T>;
  try {
    parsed = JSON.parse(result.stdout) as SfJson<T>;
  } catch {
    throw new StepError(
      `\`sf ${args.join(' ')}\` did not print JSON (exit ${result.code}): ${(result.stderr || result.stdout).trim().slice(0, 500)}`
    );
  }
  const ok =
    (result.code === 0 && (parsed.status ?? 0) === 0) ||
    (options.allowStatus?.includes(parsed.status ?? result.code) === true &&
      parsed.result !== undefined);
  if (!ok || parsed.result === undefined) {
    throw new StepError(
      `\`sf ${args.slice(0, 3).join(' ')}\` failed: ${parsed.name ?? 'Error'}: ${parsed.message ?? `exit ${result.code}`}`
    );
  }
  return parsed.result;
}

/** One Apex test of `sf apex run test --json`. */
export interface ApexTestResult {
  readonly Outcome: string;
  readonly MethodName: string;
  readonly FullName?: string;
  readonly ApexClass?: { readonly Name: string };
  readonly Message?: string | null;
  readonly StackTrace?: string | null;
  readonly RunTime?: number;
}

/** One class's coverage of `sf apex run test --code-coverage --json`. */
export interface ApexClassCoverage {
  readonly name: string;
  readonly totalLines: number;
  readonly totalCovered: number;
  readonly coveredPercent?: number;
}

/** The parts of `sf apex run test --json`'s result that are read. */
export interface ApexRunResult {
  readonly summary: {
    readonly outcome: string;
    readonly testsRan: number;
    readonly passing: number;
    readonly failing: number;
    readonly skipped?: number;
    readonly orgWideCoverage?: string;
    readonly testRunCoverage?: string;
    readonly testRunId?: string;
  };
  readonly tests: readonly ApexTestResult[];
  readonly coverage?: { readonly coverage?: readonly ApexClassCoverage[] };
}

/** Coverage compared with the thresholds. */
export interface CoverageReport {
  readonly orgWide: number;
  readonly minCoverage: number;
  readonly minClassCoverage: number;
  readonly classes: readonly { name: string; lines: number; covered: number; percent: number }[];
  readonly below: readonly string[];
  readonly ok: boolean;
}

/**
 * Compares coverage with the thresholds. Org-wide coverage is `summary.orgWideCoverage` when
 * present, else covered lines over all lines.
 *
 * @param run - the test run
 * @param minCoverage - org-wide minimum, percent
 * @param minClassCoverage - per-class minimum, percent
 * @returns the report
 */
export function evaluateCoverage(
  run: ApexRunResult,
  minCoverage: number,
  minClassCoverage: number
): CoverageReport {
  const classes = (run.coverage?.coverage ?? [])
    .filter((c) => c.totalLines > 0)
    .map((c) => ({
      name: c.name,
      lines: c.totalLines,
      covered: c.totalCovered,
      percent: Math.round((c.totalCovered / c.totalLines) * 1000) / 10
    }))
    .sort((a, b) => a.percent - b.percent || a.name.localeCompare(b.name));
  const lines = classes.reduce((n, c) => n + c.lines, 0);
  const covered = classes.reduce((n, c) => n + c.covered, 0);
  const reported = Number.parseFloat(run.summary.orgWideCoverage ?? '');
  const orgWide = Number.isFinite(reported)
    ? reported
    : lines === 0
      ? 0
      : Math.round((covered / lines) * 1000) / 10;
  const below = classes.filter((c) => c.percent < minClassCoverage).map((c) => c.name);
  return {
    orgWide,
    minCoverage,
    minClassCoverage,
    classes,
    below,
    ok: orgWide >= minCoverage && below.length === 0
  };
}

const xml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * Renders a test run as JUnit XML (one `testsuite` per Apex class).
 *
 * @param run - the test run
 * @returns the XML document
 */
export function toJUnit(run: ApexRunResult): string {
  const byClass = new Map<string, ApexTestResult[]>();
  for (const test of run.tests) {
    const name = test.ApexClass?.Name ?? test.FullName?.split('.')[0] ?? 'Apex';
    byClass.set(name, [...(byClass.get(name) ?? []), test]);
  }
  const failed = (t: ApexTestResult): boolean =>
    t.Outcome === 'Fail' || t.Outcome === 'CompileFail';
  const suites = [...byClass].map(([name, tests]) => {
    const time = tests.reduce((n, t) => n + (t.RunTime ?? 0), 0) / 1000;
    const cases = tests.map((t) => {
      const open = `    <testcase name="${xml(t.MethodName)}" classname="${xml(name)}" time="${((t.RunTime ?? 0) / 1000).toFixed(3)}"`;
      if (failed(t)) {
        return `${open}>\n      <failure message="${xml(t.Message ?? '')}">${xml(t.StackTrace ?? '')}</failure>\n    </testcase>`;
      }
      if (t.Outcome === 'Skip') {
        return `${open}>\n      <skipped/>\n    </testcase>`;
      }
      return `${open}/>`;
    });
    return (
      `  <testsuite name="${xml(name)}" tests="${tests.length}" failures="${tests.filter(failed).length}" ` +
      `skipped="${tests.filter((t) => t.Outcome === 'Skip').length}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="Apex" tests="${run.tests.length}" ` +
    `failures="${run.tests.filter(failed).length}">\n${suites.join('\n')}\n</testsuites>\n`
  );
}

/**
 * Renders the coverage report as a short Markdown summary.
 *
 * @param run - the test run
 * @param coverage - from {@link evaluateCoverage}
 * @returns Markdown
 */
export function coverageMarkdown(run: ApexRunResult, coverage: CoverageReport): string {
  const lines = [
    '# Apex tests and coverage',
    '',
    `- Tests: ${run.summary.testsRan} ran, ${run.summary.passing} passed, ${run.summary.failing} failed (${run.summary.outcome})`,
    `- Org-wide coverage: **${coverage.orgWide}%** (minimum ${coverage.minCoverage}%) — ${coverage.orgWide >= coverage.minCoverage ? 'ok' : 'below'}`,
    `- Classes below ${coverage.minClassCoverage}%: ${coverage.below.length === 0 ? 'none' : coverage.below.join(', ')}`,
    '',
    '| Class | Covered | Lines | % |',
    '| ----- | ------: | ----: | -: |',
    ...coverage.classes.map((c) => `| ${c.name} | ${c.covered} | ${c.lines} | ${c.percent} |`)
  ];
  const failures = run.tests.filter((t) => t.Outcome === 'Fail' || t.Outcome === 'CompileFail');
  if (failures.length > 0) {
    lines.push('', '## Failing tests', '');
    for (const t of failures) {
      lines.push(`- \`${t.ApexClass?.Name ?? ''}.${t.MethodName}\`: ${t.Message ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Options of {@link validate}. */
export interface ValidateOptions {
  readonly alias: string;
  readonly durationDays: number;
  readonly definitionFile: string;
  readonly devHub?: string;
  readonly outputDir: string;
  readonly minCoverage: number;
  readonly minClassCoverage: number;
  /** `create` (default) or the username of an existing user. */
  readonly integrationUser: string;
  readonly keep: boolean;
  readonly skipSmoke: boolean;
  readonly testWaitMinutes: number;
}

/** What {@link validate} needs from outside. */
export interface ValidateDeps {
  readonly runner: CommandRunner;
  readonly log: (line: string) => void;
  /** Seeds the price books in the org (default: `seed:pricebooks --target-org <alias>`). */
  readonly seed?: (alias: string) => Promise<void>;
  /** Runs the smoke test (default: {@link runSmoke} over the Pub/Sub API). */
  readonly smoke?: (connection: OrgConnection) => Promise<SmokeReport>;
  /** Resolves the scratch org's connection (default: `sf org display`). */
  readonly connect?: (alias: string) => Promise<OrgConnection>;
  /** Project root (default: this repository). */
  readonly projectRoot?: string;
}

/** One step's outcome. */
export interface StepOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: string;
}

/** What {@link validate} did. */
export interface ValidateResult {
  readonly ok: boolean;
  readonly failedStep?: string;
  readonly steps: readonly StepOutcome[];
  readonly deleted: boolean;
  readonly files: readonly string[];
}

/** Names of the steps, in order. */
export const STEPS = [
  'check sf CLI',
  'create scratch org',
  'build LWC',
  'deploy force-app',
  'create integration user',
  'assign permission sets',
  'seed price books',
  'run Apex tests',
  'smoke test'
] as const;

async function defaultSeed(alias: string): Promise<void> {
  const lines: string[] = [];
  const result = await seedMain(['--target-org', alias], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l)
  });
  if (result.code !== 0) {
    throw new StepError(`seed:pricebooks exited ${result.code}:\n${lines.join('\n')}`);
  }
}

async function defaultSmoke(connection: OrgConnection, log: (line: string) => void) {
  return runSmoke({ rest: restClient(connection), events: pubSubEventSource(connection), log });
}

/**
 * Runs the validation. The org is deleted in a `finally` once it was created, unless
 * `options.keep`.
 *
 * @param options - what to create and the thresholds
 * @param deps - runner, log and replaceable steps
 * @returns the steps' outcomes
 */
export async function validate(
  options: ValidateOptions,
  deps: ValidateDeps
): Promise<ValidateResult> {
  const { runner, log } = deps;
  const root = deps.projectRoot ?? ROOT;
  const steps: StepOutcome[] = [];
  const files: string[] = [];
  let created = false;
  let deleted = false;
  let failedStep: string | undefined;
  const total = STEPS.length;

  const step = async (name: (typeof STEPS)[number], body: () => Promise<string | void>) => {
    const index = STEPS.indexOf(name) + 1;
    log(`[${index}/${total}] ${name} …`);
    const started = Date.now();
    try {
      const detail = (await body()) ?? undefined;
      const ms = Date.now() - started;
      steps.push({ name, ok: true, ms, detail });
      log(
        `[${index}/${total}] ${name}: ok (${(ms / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ''}`
      );
    } catch (error) {
      const ms = Date.now() - started;
      steps.push({ name, ok: false, ms, detail: (error as Error).message });
      log(
        `[${index}/${total}] ${name}: FAILED (${(ms / 1000).toFixed(1)} s) — ${(error as Error).message}`
      );
      failedStep = name;
      throw error;
    }
  };

  const alias = options.alias;
  const target = ['--target-org', alias];
  try {
    await step('check sf CLI', async () => {
      const version = await runner
        .run('sf', ['--version'])
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') {
            throw new MissingCliError(
              'the Salesforce CLI (sf) is not installed or not on PATH; install it with ' +
                '`npm install --global @salesforce/cli` and log in to a Dev Hub ' +
                '(`sf org login web --set-default-dev-hub --alias devhub`)'
            );
          }
          throw error;
        });
      return version.stdout.trim().split('\n')[0];
    });
    await step('create scratch org', async () => {
      const result = await sfJson<{ username?: string; orgId?: string }>(runner, [
        'org',
        'create',
        'scratch',
        '--definition-file',
        options.definitionFile,
        '--alias',
        alias,
        '--duration-days',
        String(options.durationDays),
        '--wait',
        '30',
        ...(options.devHub ? ['--target-dev-hub', options.devHub] : [])
      ]);
      created = true;
      return `${alias} = ${result.username ?? '?'} (${result.orgId ?? '?'})`;
    });
    await step('build LWC', async () => {
      const result = await runner.run('npm', ['run', 'build:lwc'], { cwd: root });
      if (result.code !== 0) {
        throw new StepError(
          `npm run build:lwc exited ${result.code}: ${(result.stderr || result.stdout).trim().slice(-1000)}`
        );
      }
    });
    await step('deploy force-app', async () => {
      const result = await sfJson<{ numberComponentsDeployed?: number; status?: string }>(
        runner,
        ['project', 'deploy', 'start', '--source-dir', 'force-app', '--wait', '60', ...target],
        { cwd: root }
      );
      return `${result.numberComponentsDeployed ?? '?'} components, ${result.status ?? ''}`.trim();
    });
    let integrationUsername = options.integrationUser;
    await step('create integration user', async () => {
      if (options.integrationUser !== 'create') {
        return `using ${options.integrationUser}`;
      }
      const result = await sfJson<{ fields?: { username?: string }; username?: string }>(runner, [
        'org',
        'create',
        'user',
        ...target,
        'profileName=Standard User',
        `username=erp-bridge-integration-${Date.now()}@example.com`,
        'lastName=Integration',
        'firstName=ERP Bridge'
      ]);
      integrationUsername = result.fields?.username ?? result.username ?? '';
      if (integrationUsername === '') {
        throw new StepError('sf org create user returned no username');
      }
      return integrationUsername;
    });
    await step('assign permission sets', async () => {
      await sfJson(runner, [
        'org',
        'assign',
        'permset',
        '--name',
        'ERP_Bridge_Sales_User',
        '--name',
        'ERP_Bridge_Integration_Support',
        ...target
      ]);
      await sfJson(runner, [
        'org',
        'assign',
        'permset',
        '--name',
        'ERP_Bridge_Integration',
        '--on-behalf-of',
        integrationUsername,
        ...target
      ]);
      return `admin: ERP_Bridge_Sales_User, ERP_Bridge_Integration_Support; ${integrationUsername}: ERP_Bridge_Integration`;
    });
    await step('seed price books', async () => {
      await (deps.seed ?? defaultSeed)(alias);
    });
    await step('run Apex tests', async () => {
      fs.mkdirSync(options.outputDir, { recursive: true });
      const apexDir = path.join(options.outputDir, 'apex');
      const run = await sfJson<ApexRunResult>(
        runner,
        [
          'apex',
          'run',
          'test',
          '--test-level',
          'RunLocalTests',
          '--code-coverage',
          '--result-format',
          'json',
          '--output-dir',
          apexDir,
          '--wait',
          String(options.testWaitMinutes),
          ...target
        ],
        { allowStatus: [100] }
      );
      const coverage = evaluateCoverage(run, options.minCoverage, options.minClassCoverage);
      const write = (name: string, content: string): void => {
        const file = path.join(options.outputDir, name);
        fs.writeFileSync(file, content);
        files.push(file);
      };
      write('junit.xml', toJUnit(run));
      write('coverage.json', `${JSON.stringify(coverage, null, 2)}\n`);
      write('coverage.md', coverageMarkdown(run, coverage));
      const problems: string[] = [];
      if (run.summary.failing > 0) {
        const failing = run.tests
          .filter((t) => t.Outcome === 'Fail' || t.Outcome === 'CompileFail')
          .map((t) => `${t.ApexClass?.Name ?? ''}.${t.MethodName}`);
        problems.push(`${run.summary.failing} test(s) failed: ${failing.join(', ')}`);
      }
      if (coverage.orgWide < options.minCoverage) {
        problems.push(`org-wide coverage ${coverage.orgWide}% is below ${options.minCoverage}%`);
      }
      if (coverage.below.length > 0) {
        problems.push(
          `${coverage.below.length} class(es) below ${options.minClassCoverage}%: ` +
            coverage.classes
              .filter((c) => coverage.below.includes(c.name))
              .map((c) => `${c.name} ${c.percent}%`)
              .join(', ')
        );
      }
      if (problems.length > 0) {
        throw new StepError(problems.join('; '));
      }
      return `${run.summary.passing}/${run.summary.testsRan} passed, coverage ${coverage.orgWide}% (reports in ${options.outputDir})`;
    });
    await step('smoke test', async () => {
      if (options.skipSmoke) {
        return 'skipped (--skip-smoke)';
      }
      const connection = await (deps.connect ?? ((a) => sfCliConnectionResolver(a)()))(alias);
      const report = await (deps.smoke ?? ((c) => defaultSmoke(c, log)))(connection);
      const file = path.join(options.outputDir, 'smoke.json');
      fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      files.push(file);
      if (!report.ok) {
        throw new StepError(
          report.checks
            .filter((c) => !c.ok)
            .map((c) => `${c.name}: ${c.detail}`)
            .join('; ')
        );
      }
      return report.checks.map((c) => `${c.name} ok`).join(', ');
    });
  } catch (error) {
    if (!(error instanceof StepError) && !(error instanceof MissingCliError)) {
      // An unexpected error is still a failed step: keep it, and still delete the org.
      failedStep ??= 'unknown';
    }
  } finally {
    if (created && !options.keep) {
      log(`deleting scratch org ${alias} …`);
      try {
        await sfJson(runner, ['org', 'delete', 'scratch', '--no-prompt', ...target]);
        deleted = true;
        log(`deleted scratch org ${alias}`);
      } catch (error) {
        log(
          `could not delete scratch org ${alias}: ${(error as Error).message}; delete it with ` +
            `\`sf org delete scratch --target-org ${alias} --no-prompt\``
        );
      }
    } else if (created) {
      log(
        `kept scratch org ${alias} (--keep); open it with \`sf org open --target-org ${alias}\`, ` +
          `delete it with \`sf org delete scratch --target-org ${alias} --no-prompt\``
      );
    }
  }
  return {
    ok: failedStep === undefined && (deleted || !created || options.keep),
    failedStep,
    steps,
    deleted,
    files
  };
}

/** Usage text printed by `--help`. */
export const USAGE = `Usage: npm run org:validate -- [options]
       tsx scripts/org/validate.ts [options]

Proves the project in a fresh scratch org, then deletes it (even when a step fails):
  1 check sf CLI  2 create scratch org  3 build LWC  4 deploy force-app
  5 create integration user  6 assign permission sets  7 seed price books
  8 run Apex tests (RunLocalTests, coverage, JUnit)  9 smoke test (Pub/Sub events)

Options:
  --alias <alias>              scratch org alias (default erp-bridge-validate)
  --duration-days <n>          scratch org lifetime, 1-30 (default 1)
  --definition-file <file>     default config/project-scratch-def.json
  --target-dev-hub <org>       Dev Hub (default: the CLI's default Dev Hub)
  --output-dir <dir>           reports: junit.xml, coverage.json, coverage.md, smoke.json,
                               apex/ (default validation-results)
  --min-coverage <pct>         org-wide Apex coverage minimum (default 85)
  --min-class-coverage <pct>   per-class minimum (default 75)
  --integration-user <user>    username that gets ERP_Bridge_Integration (default: create one)
  --test-wait <minutes>        longest wait for the Apex tests (default 60)
  --skip-smoke                 skip the smoke test
  --keep                       keep the org (prints how to delete it)
  --help                       this text

Exit: 0 every step passed; 1 a step failed (named) or the org could not be deleted;
2 usage error or the Salesforce CLI is missing (nothing created).`;

/** What the CLI needs from outside. */
export interface ValidateMainDeps extends Partial<ValidateDeps> {
  readonly out?: (line: string) => void;
}

/**
 * Runs the command.
 *
 * @param argv - arguments after the script name
 * @param deps - replaceable dependencies
 * @returns exit code and result
 */
export async function main(
  argv: string[],
  deps: ValidateMainDeps = {}
): Promise<{ code: 0 | 1 | 2; result?: ValidateResult }> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let options: ValidateOptions;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        alias: { type: 'string', short: 'a' },
        'duration-days': { type: 'string' },
        'definition-file': { type: 'string' },
        'target-dev-hub': { type: 'string' },
        'output-dir': { type: 'string' },
        'min-coverage': { type: 'string' },
        'min-class-coverage': { type: 'string' },
        'integration-user': { type: 'string' },
        'test-wait': { type: 'string' },
        'skip-smoke': { type: 'boolean' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    });
    if (values.help === true) {
      out(USAGE);
      return { code: 0 };
    }
    const number = (value: string | undefined, name: string, fallback: number, max: number) => {
      if (value === undefined) {
        return fallback;
      }
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0 || n > max) {
        throw new StepError(`${name} must be a number from 0 to ${max}, got "${value}"`);
      }
      return n;
    };
    const root = deps.projectRoot ?? ROOT;
    const definitionFile = path.resolve(
      values['definition-file'] ?? path.join(root, 'config', 'project-scratch-def.json')
    );
    if (!fs.existsSync(definitionFile)) {
      throw new StepError(`${definitionFile}: no such file (--definition-file)`);
    }
    options = {
      alias: values.alias ?? 'erp-bridge-validate',
      durationDays: Math.max(
        1,
        Math.round(number(values['duration-days'], '--duration-days', 1, 30))
      ),
      definitionFile,
      devHub: values['target-dev-hub'],
      outputDir: path.resolve(values['output-dir'] ?? 'validation-results'),
      minCoverage: number(values['min-coverage'], '--min-coverage', 85, 100),
      minClassCoverage: number(values['min-class-coverage'], '--min-class-coverage', 75, 100),
      integrationUser: values['integration-user'] ?? 'create',
      keep: values.keep === true,
      skipSmoke: values['skip-smoke'] === true,
      testWaitMinutes: number(values['test-wait'], '--test-wait', 60, 600)
    };
  } catch (error) {
    log(`org:validate: ${(error as Error).message}`);
    return { code: 2 };
  }
  const started = Date.now();
  const result = await validate(options, { ...deps, runner: deps.runner ?? processRunner, log });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    out(`org:validate: passed in ${seconds} s (${result.steps.length} steps)`);
    return { code: 0, result };
  }
  const missingCli = result.failedStep === 'check sf CLI';
  out(
    result.failedStep !== undefined
      ? `org:validate: FAILED at step "${result.failedStep}" after ${seconds} s`
      : `org:validate: steps passed but the scratch org ${options.alias} could not be deleted`
  );
  return { code: missingCli ? 2 : 1, result };
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
      process.stderr.write(`org:validate: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  );
}
