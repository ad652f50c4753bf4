import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Issue } from '../lib/issues.js';
import { runJava } from '../lib/java.js';
import { listProjectFiles, readSfdxProject } from '../lib/project.js';

const PMD_WRAPPER = 'com.salesforce.sfca.pmdwrapper.PmdWrapper';

interface PmdWrapperResult {
  violations: Array<{
    rule: string;
    message: string;
    codeLocation: { file: string; startLine: number; startCol: number };
  }>;
  processingErrors: Array<{ file: string; message: string }>;
}

/**
 * Runs PMD 7's Apex rules from a ruleset file over every Apex class and trigger of a project,
 * through the Code Analyzer PMD wrapper shipped in `@salesforce/code-analyzer-pmd-engine`.
 * Parse errors count as issues, and so does a PMD suppression without a reason (see
 * {@link findUnexplainedSuppressions}).
 *
 * @param root - folder holding sfdx-project.json
 * @param ruleset - path of the PMD ruleset XML
 */
export function scanApex(root: string, ruleset: string): Issue[] {
  const project = readSfdxProject(root);
  const files = listProjectFiles(project, '.cls', '.trigger');
  if (files.length === 0) return [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bridge-pmd-'));
  try {
    const input = path.join(work, 'input.json');
    const output = path.join(work, 'output.json');
    fs.writeFileSync(
      input,
      JSON.stringify({
        ruleSetInputFile: path.resolve(ruleset),
        runDataPerLanguage: { apex: { filesToScan: files } }
      })
    );
    const run = runJava(PMD_WRAPPER, ['run', input, output]);
    if (run.status !== 0 || !fs.existsSync(output)) {
      throw new Error(`PMD failed (exit ${run.status}): ${run.stderr || run.stdout}`);
    }
    const result = JSON.parse(fs.readFileSync(output, 'utf8')) as PmdWrapperResult;
    return [
      ...toIssues(result),
      ...files.flatMap((file) => findUnexplainedSuppressions(file, fs.readFileSync(file, 'utf8')))
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Converts the PMD wrapper's result file into issues.
 *
 * @param result - parsed output of `PmdWrapper run`
 */
export function toIssues(result: PmdWrapperResult): Issue[] {
  const violations = result.violations.map((v) => ({
    file: v.codeLocation.file,
    line: v.codeLocation.startLine,
    column: v.codeLocation.startCol,
    rule: `pmd/${v.rule}`,
    message: v.message
  }));
  const parseErrors = result.processingErrors.map((e) => {
    const position = /Syntax error at (\d+):(\d+): ([^\n]*)/.exec(e.message);
    const detail = position ? position[3] : e.message.split('\n')[0];
    return {
      file: e.file,
      line: position ? Number(position[1]) : 1,
      column: position ? Number(position[2]) + 1 : undefined,
      rule: 'pmd/ParseError',
      message: `Apex does not parse: ${detail.length > 160 ? `${detail.slice(0, 160)}…` : detail}`
    };
  });
  return [...violations, ...parseErrors];
}

/**
 * Finds PMD suppressions that do not say why. A `@SuppressWarnings('PMD…')` annotation needs a
 * `//` comment on the line above it; a `// NOPMD` marker needs words after it.
 *
 * @param file - path reported in the issues
 * @param text - the Apex source
 */
export function findUnexplainedSuppressions(file: string, text: string): Issue[] {
  const lines = text.split(/\r?\n/);
  const issues: Issue[] = [];
  lines.forEach((line, index) => {
    if (/@SuppressWarnings\s*\(\s*'PMD/i.test(line)) {
      const previous = (lines[index - 1] ?? '').trim();
      if (!/^(\/\/|\*|\/\*)\s*\S/.test(previous)) {
        issues.push({
          file,
          line: index + 1,
          rule: 'pmd/UnexplainedSuppression',
          message: 'a PMD suppression needs a comment on the line above saying why'
        });
      }
    }
    const nopmd = /\/\/\s*NOPMD(.*)$/i.exec(line);
    if (nopmd && nopmd[1].replace(/[-:\s]/g, '') === '') {
      issues.push({
        file,
        line: index + 1,
        rule: 'pmd/UnexplainedSuppression',
        message: 'a NOPMD marker needs a reason after it'
      });
    }
  });
  return issues;
}
