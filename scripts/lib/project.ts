import fs from 'node:fs';
import path from 'node:path';

/** The parts of `sfdx-project.json` the tools read. */
export interface SfdxProject {
  /** Absolute path of the folder holding sfdx-project.json. */
  root: string;
  /** Absolute paths of the package directories. */
  packageDirs: string[];
  /** The pinned `sourceApiVersion`, e.g. `65.0`. */
  sourceApiVersion: string;
}

/**
 * Reads `sfdx-project.json` from a project root.
 *
 * @param root - folder holding sfdx-project.json
 * @throws Error naming the file when it is missing or not valid JSON
 */
export function readSfdxProject(root: string): SfdxProject {
  const file = path.join(root, 'sfdx-project.json');
  let parsed: { packageDirectories?: Array<{ path: string }>; sourceApiVersion?: string };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the project definition: ${(error as Error).message}`);
  }
  const dirs = parsed.packageDirectories ?? [];
  if (dirs.length === 0) throw new Error(`${file}: packageDirectories is empty`);
  return {
    root: path.resolve(root),
    packageDirs: dirs.map((d) => path.resolve(root, d.path)),
    sourceApiVersion: parsed.sourceApiVersion ?? ''
  };
}

/**
 * Lists the files under a folder (recursively, sorted) whose name passes `accept`. Skips
 * `node_modules`, `__tests__` and hidden folders, which never deploy.
 *
 * @param dir - folder to walk; a missing folder yields no files
 * @param accept - predicate on the file name
 */
export function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (
          entry.name === 'node_modules' ||
          entry.name === '__tests__' ||
          entry.name.startsWith('.')
        )
          continue;
        visit(full);
      } else if (accept(entry.name)) {
        found.push(full);
      }
    }
  };
  visit(dir);
  return found.sort();
}

/**
 * Lists files with a given suffix in every package directory of a project.
 *
 * @param project - the project
 * @param suffixes - file name endings, e.g. `.cls`
 */
export function listProjectFiles(project: SfdxProject, ...suffixes: string[]): string[] {
  return project.packageDirs.flatMap((dir) =>
    listFiles(dir, (name) => suffixes.some((suffix) => name.endsWith(suffix)))
  );
}
