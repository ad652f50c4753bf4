/**
 * Rules for `CustomMetadata` records (`customMetadata/<Type>.<Record>.md-meta.xml`).
 *
 * Source: Metadata API Developer Guide, "CustomMetadata" (`label`, `protected`, `values`; every
 * `CustomMetadataValue` needs `field`), and the developer-name rules for record names (letters,
 * digits and underscores, starting with a letter, no double or trailing underscore, at most 40
 * characters).
 *
 * @module
 */
import {
  Rule,
  booleanChild,
  developerNameProblem,
  report,
  requireChild,
  type RuleContext
} from './context.js';
import { childrenNamed } from './xml.js';

/** Longest developer name a custom metadata record may have. */
export const CUSTOM_METADATA_RECORD_NAME_MAX = 40;

/**
 * Checks one custom metadata record: the record name in the file name, `<label>`, `<protected>`
 * and a `<field>` in every `<values>`.
 */
export function checkCustomMetadataRecord(context: RuleContext): void {
  const root = context.root;
  const dot = context.componentName.indexOf('.');
  const recordName = dot > 0 ? context.componentName.slice(dot + 1) : '';
  if (dot <= 0 || recordName.includes('.')) {
    report(
      context,
      root,
      Rule.InvalidName,
      `file name must be <Type>.<RecordName>.md-meta.xml, got ${context.componentName}.md-meta.xml`
    );
  } else {
    const problem = developerNameProblem(recordName, CUSTOM_METADATA_RECORD_NAME_MAX);
    if (problem) report(context, root, Rule.InvalidName, `record name ${recordName} ${problem}`);
  }
  requireChild(context, root, 'label');
  if (requireChild(context, root, 'protected')) booleanChild(context, root, 'protected');
  childrenNamed(root, 'values').forEach((values, index) =>
    requireChild(context, values, 'field', `<values> #${index + 1}`)
  );
}
