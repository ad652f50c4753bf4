import path from 'node:path';
import type { Issue } from '../lib/issues.js';
import { runJava } from '../lib/java.js';

const CHECK_FOR_ISSUES = 'io.github.apexdevtools.apexls.CheckForIssues';

interface ApexLsMessage {
  start: { line: number; offset: number };
  category: string;
  message: string;
}

interface ApexLsReport {
  files: Array<{ path: string; messages: ApexLsMessage[] }>;
}

/**
 * Runs the ApexDevTools semantic checker (apex-ls) over a project: unknown types, methods,
 * variables and fields, missing `-meta.xml` files and syntax errors that an org would reject.
 * Warnings count as issues too: the gate passes only on zero.
 *
 * @param root - folder holding sfdx-project.json
 * @returns the issues found, one per apex-ls message
 * @throws Error when apex-ls fails for a reason other than finding issues
 */
export function checkApexSemantics(root: string): Issue[] {
  const result = runJava(CHECK_FOR_ISSUES, [
    '-n',
    '-d',
    'warnings',
    '-f',
    'json',
    '-w',
    path.resolve(root)
  ]);
  // apex-ls exits 0 when clean and 4 when it found issues; anything else is a crash.
  if (result.status !== 0 && result.status !== 4) {
    throw new Error(`apex-ls failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return parseApexLsReport(result.stdout);
}

/**
 * Turns apex-ls JSON output into issues. Text before the JSON document (log lines) is ignored.
 *
 * @param output - stdout of `CheckForIssues -f json`
 */
export function parseApexLsReport(output: string): Issue[] {
  const start = output.indexOf('{');
  if (start < 0) return [];
  const report = JSON.parse(output.slice(start)) as ApexLsReport;
  return report.files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path,
      line: message.start.line,
      column: message.start.offset + 1,
      rule: `apex-ls/${message.category}`,
      message: message.message.replace(/ expecting \{[^}]*\}$/, ' (syntax error)')
    }))
  );
}
