/**
 * Command line for the offline gates: `tsx scripts/verify/cli.ts <gate> [--root <dir>]`.
 * Prints every issue as `file:line:column: [rule] message` and exits 1 when there is any.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, sortIssues, type Issue } from '../lib/issues.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Gate = (root: string) => Promise<{ issues: Issue[]; summary?: string }>;

const GATES: Record<string, { title: string; run: Gate }> = {
  format: {
    title: 'Formatting (prettier)',
    run: async (root) => ({ issues: await (await import('./format.js')).checkFormatting(root) })
  },
  apex: {
    title: 'Apex semantic check (apex-ls)',
    run: async (root) => ({ issues: (await import('./apex-ls.js')).checkApexSemantics(root) })
  },
  pmd: {
    title: 'PMD static rules (config/pmd-ruleset.xml)',
    run: async (root) => ({
      issues: (await import('./pmd.js')).scanApex(
        root,
        path.join(PROJECT_ROOT, 'config', 'pmd-ruleset.xml')
      )
    })
  },
  refs: {
    title: 'Metadata reference check',
    run: async (root) => ({ issues: (await import('./references.js')).checkReferences(root) })
  },
  metadata: {
    title: 'Metadata well-formedness',
    run: async (root) => ({ issues: (await import('./metadata.js')).checkMetadata(root) })
  },
  convert: {
    title: 'Source-to-metadata conversion (dry run of a deploy)',
    run: async (root) => {
      const { convertSource } = await import('./convert.js');
      const report = await convertSource(root, path.join(root, '.build', 'mdapi'));
      const counts = Object.entries(report.componentsByType)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => `  ${type}: ${count}`)
        .join('\n');
      return {
        issues: report.issues,
        summary: `manifest: ${path.relative(root, report.manifest)}\n${counts}`
      };
    }
  }
};

/**
 * Runs one gate and prints its result.
 *
 * @param argv - command-line arguments after the script name
 * @returns the process exit code
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const gate = GATES[name ?? ''];
  if (!gate) {
    console.error(`usage: verify <${Object.keys(GATES).join('|')}> [--root <dir>]`);
    return 2;
  }
  const rootIndex = rest.indexOf('--root');
  const root = path.resolve(rootIndex >= 0 ? rest[rootIndex + 1] : PROJECT_ROOT);
  const { issues, summary } = await gate.run(root);
  if (summary) console.log(summary);
  for (const issue of sortIssues(issues)) console.log(formatIssue(root, issue));
  console.log(
    issues.length === 0
      ? `${gate.title}: no issues`
      : `${gate.title}: ${issues.length} issue${issues.length === 1 ? '' : 's'}`
  );
  return issues.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
);
