import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../lib/issues.js';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Finds the files prettier would change (respecting .prettierignore and the project's config)
 * and reports each with the first line that differs, so the message names file, line and problem.
 *
 * @param root - the folder prettier runs in
 * @param targets - files or folders to check, relative to root
 * @param ignorePath - the ignore file to use (defaults to the root's .prettierignore)
 */
export async function checkFormatting(
  root: string,
  targets: string[] = ['.'],
  ignorePath = '.prettierignore'
): Promise<Issue[]> {
  const bin = path.join(REPOSITORY_ROOT, 'node_modules', '.bin', 'prettier');
  const listed = spawnSync(bin, ['--list-different', '--ignore-path', ignorePath, ...targets], {
    cwd: root,
    encoding: 'utf8'
  });
  if (listed.status !== 0 && listed.status !== 1) {
    throw new Error(`prettier failed (exit ${listed.status}): ${listed.stderr}`);
  }
  const files = listed.stdout.split('\n').filter((line) => line.trim() !== '');
  const issues: Issue[] = [];
  for (const relative of files) {
    const file = path.resolve(root, relative);
    const source = fs.readFileSync(file, 'utf8');
    const options = (await prettier.resolveConfig(file)) ?? {};
    const formatted = await prettier.format(source, { ...options, filepath: file });
    issues.push({
      file,
      line: firstDifferentLine(source, formatted),
      rule: 'format/Prettier',
      message: 'not formatted as prettier would: run `npm run format`'
    });
  }
  return issues;
}

/**
 * Returns the 1-based number of the first line where two texts differ.
 *
 * @param a - original text
 * @param b - formatted text
 */
export function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return i + 1;
  }
  return 1;
}
