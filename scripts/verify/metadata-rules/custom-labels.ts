/**
 * Rules for `CustomLabels` (`labels/CustomLabels.labels-meta.xml`).
 *
 * Source: Metadata API Developer Guide, "CustomLabels" / "CustomLabel" (each label has
 * `fullName`, `value`, `language`, `protected` and `shortDescription`).
 *
 * @module
 */
import {
  Rule,
  booleanChild,
  developerNameProblem,
  report,
  requireChild,
  requireChildren,
  type RuleContext
} from './context.js';
import { childText, childrenNamed } from './xml.js';

const LABEL_ELEMENTS = ['value', 'language', 'shortDescription'];

/**
 * Checks every `<labels>` entry for its required elements and a valid, unique `fullName`.
 */
export function checkCustomLabels(context: RuleContext): void {
  const seen = new Map<string, number>();
  childrenNamed(context.root, 'labels').forEach((label, index) => {
    const fullName = childText(label, 'fullName');
    const where = fullName ? `label ${fullName}` : `<labels> #${index + 1}`;
    requireChildren(context, label, ['fullName', ...LABEL_ELEMENTS], where);
    if (requireChild(context, label, 'protected', where)) booleanChild(context, label, 'protected');
    if (!fullName) return;
    const problem = developerNameProblem(fullName, 80);
    if (problem) report(context, label, Rule.InvalidName, `label ${fullName}: name ${problem}`);
    const firstLine = seen.get(fullName);
    if (firstLine !== undefined) {
      report(
        context,
        label,
        Rule.DuplicateName,
        `label ${fullName} is defined twice (first on line ${firstLine})`
      );
    } else {
      seen.set(fullName, label.line);
    }
  });
}
