/**
 * `npm test`: runs every offline gate in order, keeps going after a failure so one run shows
 * every problem, prints a summary, and exits 1 when any gate failed. The closing line reads
 * `gates: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One gate: a name and the npm script that runs it. */
export interface Step {
  name: string;
  script: string;
}

/** The gates, in the order they run. The LWC build comes before the conversion that needs its output. */
export const STEPS: Step[] = [
  { name: 'Formatting (prettier)', script: 'check:format' },
  { name: 'Lint (eslint)', script: 'lint' },
  { name: 'TypeScript types (tsc --noEmit)', script: 'check:types' },
  { name: 'LWC build (tsc → deployable .js)', script: 'build:lwc' },
  { name: 'Apex semantic check (apex-ls)', script: 'check:apex' },
  { name: 'PMD static rules', script: 'scan:apex' },
  { name: 'Metadata reference check', script: 'check:refs' },
  { name: 'Metadata well-formedness', script: 'check:metadata' },
  { name: 'Source-to-metadata conversion', script: 'check:convert' },
  { name: 'Generated docs up to date', script: 'docs:check' },
  { name: 'LWC jest tests with coverage', script: 'test:lwc' },
  { name: 'Preview in headless Chromium', script: 'test:browser' },
  { name: 'Script tests with coverage', script: 'test:scripts' }
];

function run(step: Step): { ok: boolean; seconds: number } {
  const started = Date.now();
  console.log(`\n=== ${step.name} (npm run ${step.script})`);
  const result = spawnSync('npm', ['run', '--silent', step.script], {
    cwd: ROOT,
    stdio: 'inherit'
  });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

const only = process.argv.slice(2);
const steps = only.length > 0 ? STEPS.filter((s) => only.includes(s.script)) : STEPS;
const results = steps.map((step) => ({ step, ...run(step) }));

console.log('\n=== Summary');
for (const { step, ok, seconds } of results) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${step.name.padEnd(40)} ${seconds.toFixed(1)}s`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`gates: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
