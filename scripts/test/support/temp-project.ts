import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';

/** The repository root. */
export const MAIN_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const tempRoots: string[] = [];
after(() => {
  for (const root of tempRoots) {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** Makes a temp dir that is removed when the test file ends. */
export function makeTempDir(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  tempRoots.push(root);
  return root;
}

/**
 * Copies the repository's metadata — custom metadata, objects and the contract fixtures, not its
 * Apex or docs — to a temp dir a test may change. The dir is removed when the test file ends.
 */
export function copyMetadataProject(prefix: string): string {
  const root = makeTempDir(prefix);
  fs.copyFileSync(path.join(MAIN_ROOT, 'sfdx-project.json'), path.join(root, 'sfdx-project.json'));
  for (const folder of ['customMetadata', 'objects', 'staticresources']) {
    fs.cpSync(
      path.join(MAIN_ROOT, 'force-app/main/default', folder),
      path.join(root, 'force-app/main/default', folder),
      { recursive: true }
    );
  }
  // Every package directory sfdx-project.json names must exist, even when its metadata is not copied.
  const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: { path: string }[];
  };
  for (const directory of project.packageDirectories) {
    fs.mkdirSync(path.join(root, directory.path), { recursive: true });
  }
  return root;
}
