/**
 * Rules for `PermissionSet` (`permissionsets/<Name>.permissionset-meta.xml`).
 *
 * Source: Metadata API Developer Guide, "PermissionSet" (`label` is required; an object
 * permission that edits, creates or deletes needs read, and an editable field must be readable —
 * the deploy fails otherwise).
 *
 * @module
 */
import { Rule, booleanChild, report, requireChild, type RuleContext } from './context.js';
import { childrenNamed } from './xml.js';

const OBJECT_WRITE_PERMISSIONS = ['allowCreate', 'allowEdit', 'allowDelete'];

function checkObjectPermissions(context: RuleContext): void {
  childrenNamed(context.root, 'objectPermissions').forEach((block, index) => {
    const where = `<objectPermissions> #${index + 1}`;
    const object = requireChild(context, block, 'object', where)?.text ?? '?';
    const read = booleanChild(context, block, 'allowRead');
    const writes = OBJECT_WRITE_PERMISSIONS.filter((name) => booleanChild(context, block, name));
    if (writes.length > 0 && !read) {
      report(
        context,
        block,
        Rule.EditWithoutRead,
        `${where} (${object}): ${writes.join(', ')} granted without allowRead`
      );
    }
  });
}

function checkFieldPermissions(context: RuleContext): void {
  childrenNamed(context.root, 'fieldPermissions').forEach((block, index) => {
    const where = `<fieldPermissions> #${index + 1}`;
    const field = requireChild(context, block, 'field', where)?.text ?? '?';
    const editable = booleanChild(context, block, 'editable');
    const readable = booleanChild(context, block, 'readable');
    if (editable && !readable) {
      report(
        context,
        block,
        Rule.EditWithoutRead,
        `${where} (${field}): editable without readable`
      );
    }
  });
}

/**
 * Checks one permission set: `<label>`, and no edit/create/delete (object) or editable (field)
 * permission without the matching read.
 */
export function checkPermissionSet(context: RuleContext): void {
  requireChild(context, context.root, 'label');
  checkObjectPermissions(context);
  checkFieldPermissions(context);
}
