import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The folder of jars shipped by `@salesforce/code-analyzer-pmd-engine`: PMD 7 with its Apex rules,
 * the Code Analyzer PMD wrapper and the ApexDevTools apex-ls semantic checker.
 */
export function analyzerJarDir(): string {
  const pkg = require.resolve('@salesforce/code-analyzer-pmd-engine/package.json');
  return path.join(path.dirname(pkg), 'dist', 'java-lib');
}

/** Output of a finished Java process. */
export interface JavaResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Java main class with the analyzer jars on the class path and waits for it.
 *
 * @param mainClass - fully qualified main class
 * @param args - program arguments
 * @param env - extra environment variables
 * @throws Error when Java cannot be started (not installed or not on PATH)
 */
export function runJava(
  mainClass: string,
  args: string[],
  env: Record<string, string> = {}
): JavaResult {
  const result = spawnSync(
    'java',
    ['-Xss4m', '-cp', path.join(analyzerJarDir(), '*'), mainClass, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...env }
    }
  );
  if (result.error) {
    throw new Error(`cannot start java (Java 17 is required): ${result.error.message}`);
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
