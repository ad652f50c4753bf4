/**
 * Rules for Lightning web components: the `<name>.js-meta.xml` configuration file and the bundle
 * folder itself.
 *
 * Source: Lightning Web Components Developer Guide, "XML Configuration File Elements" and the
 * per-target pages (every component folder holds `<name>.js-meta.xml` and a JavaScript module;
 * since Spring '25 every component specifies `apiVersion`; a `targetConfig`'s `targets` must be
 * listed under `<targets>`). In this project the module is written as `<name>.ts` and compiled to
 * `<name>.js` before deploy, so either counts.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Issue } from '../../lib/issues.js';
import { Rule, booleanChild, report, requireChild, type RuleContext } from './context.js';
import { child, childrenNamed } from './xml.js';

/** Targets a component may declare under `<targets>`. */
export const LWC_TARGETS: readonly string[] = [
  'analytics__Dashboard',
  'lightning__AppPage',
  'lightning__Dashboard',
  'lightning__FlowScreen',
  'lightning__GlobalAction',
  'lightning__HomePage',
  'lightning__Inbox',
  'lightning__RecordAction',
  'lightning__RecordPage',
  'lightning__Tab',
  'lightning__UrlAddressable',
  'lightning__UtilityBar',
  'lightning__VoiceExtension',
  'lightningCommunity__Default',
  'lightningCommunity__Page',
  'lightningCommunity__Page_Layout',
  'lightningCommunity__Theme_Layout',
  'lightningSnapin__ChatHeader',
  'lightningSnapin__ChatMessage',
  'lightningSnapin__Minimized',
  'lightningSnapin__PreChat',
  'lightningStatic__Email'
];

/**
 * Checks a `LightningComponentBundle` configuration: `<apiVersion>` and `<isExposed>` present,
 * every `<target>` known, and every `targetConfig` naming only declared targets.
 */
export function checkLwcMeta(context: RuleContext): void {
  const root = context.root;
  requireChild(context, root, 'apiVersion');
  if (requireChild(context, root, 'isExposed')) booleanChild(context, root, 'isExposed');
  const targetsElement = child(root, 'targets');
  const targets = targetsElement ? childrenNamed(targetsElement, 'target') : [];
  for (const target of targets) {
    if (!LWC_TARGETS.includes(target.text)) {
      report(
        context,
        target,
        Rule.InvalidValue,
        `<target> "${target.text}" is not a known LWC target`
      );
    }
  }
  const declared = new Set(targets.map((target) => target.text));
  const configs = child(root, 'targetConfigs');
  for (const config of configs ? childrenNamed(configs, 'targetConfig') : []) {
    const named = (config.attributes.targets ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (named.length === 0) {
      report(context, config, Rule.MissingElement, '<targetConfig> needs a targets attribute');
    }
    for (const name of named.filter((candidate) => !declared.has(candidate))) {
      report(
        context,
        config,
        Rule.InvalidValue,
        `<targetConfig targets="${config.attributes.targets}"> names ${name}, which is not listed under <targets>`
      );
    }
  }
}

/**
 * Lists the bundle folders (direct subfolders of any folder named `lwc`) under a package
 * directory, skipping hidden folders, `node_modules` and jest folders such as `__tests__`.
 */
export function findLwcBundles(packageDir: string): string[] {
  const bundles: string[] = [];
  const skip = (name: string): boolean =>
    name.startsWith('.') || name.startsWith('__') || name === 'node_modules';
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || skip(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (path.basename(dir) === 'lwc') bundles.push(full);
      else visit(full);
    }
  };
  visit(packageDir);
  return bundles.sort();
}

/**
 * Reports a bundle folder that lacks `<name>.js-meta.xml` or a JavaScript module (`<name>.js`,
 * or `<name>.ts` that the build compiles to it).
 *
 * @param bundleDir - absolute path of the bundle folder
 * @param relative - turns an absolute path into the project-relative path issues carry
 */
export function checkLwcBundle(bundleDir: string, relative: (file: string) => string): Issue[] {
  const name = path.basename(bundleDir);
  const has = (fileName: string): boolean => fs.existsSync(path.join(bundleDir, fileName));
  const missing: string[] = [];
  if (!has(`${name}.js-meta.xml`)) missing.push(`${name}.js-meta.xml`);
  if (!has(`${name}.js`) && !has(`${name}.ts`)) missing.push(`${name}.ts (or ${name}.js)`);
  if (missing.length === 0) return [];
  const metaFile = path.join(bundleDir, `${name}.js-meta.xml`);
  return [
    {
      file: relative(has(`${name}.js-meta.xml`) ? metaFile : bundleDir),
      line: 1,
      rule: Rule.IncompleteBundle,
      message: `LWC bundle ${name}: missing ${missing.join(' and ')}; a component folder needs its configuration file and JavaScript module`
    }
  ];
}
