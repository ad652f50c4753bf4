/**
 * Rules for Apex classes and triggers: the `-meta.xml` content and the pairing of every
 * `.cls`/`.trigger` with its `-meta.xml` (source-deploy-retrieve silently drops a class whose
 * `-meta.xml` is missing, so the deploy "succeeds" without it).
 *
 * Source: Metadata API Developer Guide, "ApexClass" and "ApexTrigger" (apiVersion and status are
 * required; status is Active, Inactive or Deleted).
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Issue } from '../../lib/issues.js';
import { Rule, enumChild, report, requireChild, type RuleContext } from './context.js';

const APEX_STATUSES = ['Active', 'Inactive', 'Deleted'];
const META_XML = '-meta.xml';

/**
 * Checks an `ApexClass` or `ApexTrigger` `-meta.xml`: `<apiVersion>` and `<status>` are present
 * and the `.cls`/`.trigger` it describes exists beside it.
 */
export function checkApexMeta(context: RuleContext): void {
  requireChild(context, context.root, 'apiVersion');
  enumChild(context, context.root, 'status', APEX_STATUSES, true);
  const source = context.absolutePath.slice(0, -META_XML.length);
  if (!fs.existsSync(source)) {
    report(
      context,
      context.root,
      Rule.MissingSourceFile,
      `${path.basename(source)} is missing beside ${path.basename(context.absolutePath)}`
    );
  }
}

/**
 * Reports every `.cls`/`.trigger` that has no `-meta.xml` beside it.
 *
 * @param sources - absolute paths of the `.cls` and `.trigger` files
 * @param relative - turns an absolute path into the project-relative path issues carry
 */
export function checkApexSourcesHaveMeta(
  sources: readonly string[],
  relative: (file: string) => string
): Issue[] {
  return sources
    .filter((source) => !fs.existsSync(source + META_XML))
    .map((source) => {
      const name = path.basename(source);
      const kind = name.endsWith('.trigger') ? 'trigger' : 'class';
      return {
        file: relative(source),
        line: 1,
        rule: Rule.MissingMetaFile,
        message: `${kind} ${name.replace(/\.(cls|trigger)$/, '')}: ${name}${META_XML} is missing; source-deploy-retrieve drops the ${kind} silently without it`
      };
    });
}
