import path from 'node:path';

/**
 * One problem found by an offline gate. Every gate reports problems in this shape so that each
 * message names the file, the line and the problem.
 */
export interface Issue {
  /** Absolute or project-relative path of the file the problem is in. */
  file: string;
  /** 1-based line number; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column, when the tool reports one. */
  column?: number;
  /** Short identifier of the rule or check that failed, e.g. `UnknownField` or `ApexCRUDViolation`. */
  rule: string;
  /** What is wrong, in words an admin understands. */
  message: string;
}

/**
 * Formats an issue as `path:line:column: [rule] message`, with the path relative to `root`, the
 * form editors and CI logs turn into links.
 *
 * @param root - project root the path is shown relative to
 * @param issue - the problem to format
 */
export function formatIssue(root: string, issue: Issue): string {
  const relative = path.isAbsolute(issue.file) ? path.relative(root, issue.file) : issue.file;
  const position = issue.column ? `${issue.line}:${issue.column}` : `${issue.line}`;
  return `${relative.split(path.sep).join('/')}:${position}: [${issue.rule}] ${issue.message}`;
}

/**
 * Sorts issues by file, then line, then column, so reports are stable between runs.
 *
 * @param issues - issues in any order
 * @returns a new, sorted array
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule)
  );
}

/**
 * Returns the 1-based line number of a character offset in a text.
 *
 * @param text - the whole file content
 * @param offset - 0-based character offset
 */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) line++;
  }
  return line;
}
