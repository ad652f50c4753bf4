/**
 * Rules for types whose checks are a few required elements: `CustomPermission`,
 * `PlatformEventChannel`, `PlatformEventChannelMember` and `StaticResource`.
 *
 * Sources: Metadata API Developer Guide, "CustomPermission" (`label`), "PlatformEventChannel"
 * (`channelType` data or event, `label`), "PlatformEventChannelMember" (`eventChannel`,
 * `selectedEntity`), "StaticResource" (`cacheControl` Private or Public, `contentType`; the
 * resource file sits beside its `-meta.xml`).
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Rule,
  enumChild,
  report,
  requireChild,
  requireChildren,
  type RuleContext
} from './context.js';

/** Checks a custom permission: `<label>`. */
export function checkCustomPermission(context: RuleContext): void {
  requireChild(context, context.root, 'label');
}

/** Checks a platform event channel: `<channelType>` (data or event) and `<label>`. */
export function checkPlatformEventChannel(context: RuleContext): void {
  enumChild(context, context.root, 'channelType', ['data', 'event'], true);
  requireChild(context, context.root, 'label');
}

/** Checks a platform event channel member: `<eventChannel>` and `<selectedEntity>`. */
export function checkPlatformEventChannelMember(context: RuleContext): void {
  requireChildren(context, context.root, ['eventChannel', 'selectedEntity']);
}

/**
 * Checks a static resource: `<cacheControl>`, `<contentType>`, and the resource itself
 * (`<name>.<ext>` or a `<name>/` folder) beside the `-meta.xml`.
 */
export function checkStaticResource(context: RuleContext): void {
  enumChild(context, context.root, 'cacheControl', ['Private', 'Public'], true);
  requireChild(context, context.root, 'contentType');
  const dir = path.dirname(context.absolutePath);
  const metaName = path.basename(context.absolutePath);
  const name = context.componentName;
  const resource = fs
    .readdirSync(dir)
    .find((entry) => entry !== metaName && (entry === name || entry.startsWith(`${name}.`)));
  if (!resource) {
    report(
      context,
      context.root,
      Rule.MissingSourceFile,
      `no resource file ${name}.<extension> or folder ${name}/ beside ${metaName}`
    );
  }
}
