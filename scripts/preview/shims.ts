/**
 * Rollup plugins of the preview build:
 *
 * - {@link platformModules} resolves the Salesforce platform modules the components import, at
 *   build time: `@salesforce/apex/<Class>.<method>` → a function that POSTs to the preview
 *   server (`runtime/apex.ts`), `@salesforce/apex` → `refreshApex`, `@salesforce/label/c.<Name>`
 *   → the label's text (the build fails naming every missing label),
 *   `lightning/platformShowToastEvent` → a toast renderer (`runtime/toast.js`),
 *   `@salesforce/user/Id` → a fixed user ID. Any other platform module a component imports fails
 *   the build with a clear message; `lightning/<name>` base components come from
 *   lightning-base-components.
 * - {@link typescriptTranspile} strips types from `.ts` modules (the tsc transpile step; standard
 *   decorators stay as written for the LWC compiler, ADR 2).
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'rollup';
import ts from 'typescript';
import { labelNameOf } from './labels.js';

/** Folder of the browser runtime modules. */
export const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));

/** The user ID `@salesforce/user/Id` resolves to in the preview. */
export const PREVIEW_USER_ID = '005000000000001AAA';

const APEX_PREFIX = '@salesforce/apex/';
const VIRTUAL = '\0preview:';

/** Options of {@link platformModules}. */
export interface PlatformModulesOptions {
  /** Custom labels by name ({@link readLabels}). */
  labels: ReadonlyMap<string, string>;
  /** Apex methods the preview server answers, as `Class.method`. */
  apexMethods: readonly string[];
  /** Folder holding the components being built (imports from there are checked). */
  componentsDir: string;
  /** Names of the base components lightning-base-components ships (`lightning/<name>`). */
  baseComponents: ReadonlySet<string>;
}

/**
 * The names of the base components in lightning-base-components.
 *
 * @param root - the project root (holding node_modules)
 * @returns e.g. `card`, `datatable`, `formattedNumber`
 */
export function listBaseComponents(root: string): Set<string> {
  const dir = path.join(root, 'node_modules/lightning-base-components/src/lightning');
  return new Set(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  );
}

const relative = (file: string): string =>
  path.relative(process.cwd(), file.split('?')[0]).split(path.sep).join('/');

/**
 * Resolves platform modules at build time (see the module description).
 *
 * @param options - labels, emulated Apex methods, the components folder, the base components
 * @returns the plugin
 */
export function platformModules(options: PlatformModulesOptions): Plugin {
  const apexMethods = new Set(options.apexMethods);
  const missingLabels = new Map<string, Set<string>>();
  const componentsDir = path.resolve(options.componentsDir) + path.sep;
  const apexRuntime = JSON.stringify(path.join(RUNTIME_DIR, 'apex.ts'));
  return {
    name: 'erp-preview-platform-modules',
    buildStart() {
      missingLabels.clear();
    },
    resolveId(source, importer) {
      const label = labelNameOf(source);
      if (label !== undefined) {
        if (!options.labels.has(label)) {
          const importers = missingLabels.get(label) ?? new Set<string>();
          importers.add(importer === undefined ? '?' : relative(importer));
          missingLabels.set(label, importers);
        }
        return `${VIRTUAL}label:${label}`;
      }
      if (source === '@salesforce/apex') return `${VIRTUAL}apex`;
      if (source.startsWith(APEX_PREFIX)) {
        const method = source.slice(APEX_PREFIX.length);
        if (!/^[A-Za-z]\w*\.[A-Za-z]\w*$/.test(method)) {
          this.error(`${source}: an Apex import must name Class.method`);
        }
        if (!apexMethods.has(method)) {
          this.error(
            `${source} (imported by ${importer === undefined ? '?' : relative(importer)}): the preview server emulates no ${method}; it answers ${[...apexMethods].join(', ')} (scripts/preview/emulator.ts)`
          );
        }
        return `${VIRTUAL}apex:${method}`;
      }
      if (source === 'lightning/platformShowToastEvent') return path.join(RUNTIME_DIR, 'toast.js');
      if (source === '@salesforce/user/Id') return `${VIRTUAL}userId`;
      const fromComponent =
        importer !== undefined && path.resolve(importer.split('?')[0]).startsWith(componentsDir);
      if (fromComponent && (source.startsWith('@salesforce/') || source.startsWith('lightning/'))) {
        const base = /^lightning\/(\w+)$/.exec(source)?.[1];
        if (base === undefined || !options.baseComponents.has(base)) {
          this.error(
            `${source} (imported by ${relative(importer)}) is a Salesforce platform module the local preview does not provide. It provides @salesforce/apex/<Class>.<method>, @salesforce/apex (refreshApex), @salesforce/label/c.<Name>, @salesforce/user/Id, lightning/platformShowToastEvent and the lightning-base-components base components.`
          );
        }
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const what = id.slice(VIRTUAL.length);
      if (what === 'apex') return `export { refreshApex } from ${apexRuntime};`;
      if (what === 'userId') return `export default ${JSON.stringify(PREVIEW_USER_ID)};`;
      if (what.startsWith('apex:')) {
        const [className, methodName] = what.slice('apex:'.length).split('.');
        return `import { createApexMethod } from ${apexRuntime};\nexport default createApexMethod(${JSON.stringify(className)}, ${JSON.stringify(methodName)});`;
      }
      if (!what.startsWith('label:')) return null;
      const label = what.slice('label:'.length);
      return `export default ${JSON.stringify(options.labels.get(label) ?? '')};`;
    },
    buildEnd(error) {
      if (error !== undefined || missingLabels.size === 0) return;
      const list = [...missingLabels]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, importers]) => `c.${name} (imported by ${[...importers].sort().join(', ')})`);
      this.error(
        `Missing custom label${list.length === 1 ? '' : 's'} — not in force-app/main/default/labels/CustomLabels.labels-meta.xml: ${list.join('; ')}`
      );
    }
  };
}

const ICON_FETCH = `${VIRTUAL}icon-fetch`;
const PRIMITIVE_ICON =
  /[\\/]lightning-base-components[\\/]src[\\/]lightning[\\/]primitiveIcon[\\/]primitiveIcon\.js$/;

/** The two edits of `primitiveIcon.js` that make it draw from the sprites. */
const PRIMITIVE_ICON_EDITS: ReadonlyArray<readonly [string, string]> = [
  [
    "import { getName, isValidName } from 'lightning/iconUtils';",
    "import { getName, isValidName, getIconPath } from 'lightning/iconUtils';"
  ],
  [
    "return this.src ? sanitizeURL(this.src) : '';",
    "return this.src ? sanitizeURL(this.src) : getIconPath(this.iconName, dir).replace(/#(.+)$/, '?icon=$1#$1');"
  ]
];

/**
 * Makes `lightning-icon` draw icons from the SLDS sprites (`/assets/icons/<kind>-sprite/svg/
 * symbols.svg#<name>`, served by the preview server) instead of bundling lightning-base-components'
 * icon template libraries, which are megabytes each and tripled the build time (the platform
 * loads them lazily): the icon library fetch answers "none", and the primitive icon's `href`
 * falls back to the sprite path, with `?icon=<name>` added: the preview server then sends that one
 * symbol instead of the whole sprite (half a megabyte of SVG the browser would parse per
 * sprite). The build fails when the pinned package's source no longer reads as expected.
 *
 * @returns the plugin
 */
export function spriteIcons(): Plugin {
  return {
    name: 'erp-preview-sprite-icons',
    resolveId(source, importer) {
      const fromPrimitiveIcon =
        importer !== undefined && PRIMITIVE_ICON.test(importer.split('?')[0]);
      return source === './fetch' && fromPrimitiveIcon ? ICON_FETCH : null;
    },
    load(id) {
      return id === ICON_FETCH
        ? [
            'export function hasIconLibrary() { return false; }',
            'export function getIconLibrary() { return null; }',
            'export function fetchIconLibrary() { return Promise.resolve(null); }'
          ].join('\n')
        : null;
    },
    transform(code, id) {
      if (!PRIMITIVE_ICON.test(id.split('?')[0])) return null;
      let patched = code;
      for (const [from, to] of PRIMITIVE_ICON_EDITS) {
        if (!patched.includes(from)) {
          this.error(
            `lightning-base-components changed: primitiveIcon.js no longer has "${from}" (scripts/preview/shims.ts spriteIcons)`
          );
        }
        patched = patched.replace(from, to);
      }
      return { code: patched, map: null };
    }
  };
}

/**
 * Transpiles `.ts` modules to JavaScript with the TypeScript compiler (types stripped, standard
 * decorators kept as written).
 *
 * @param compilerOptions - the components' compiler options (target ESNext, module ESNext)
 * @returns the plugin
 */
export function typescriptTranspile(compilerOptions: ts.CompilerOptions): Plugin {
  return {
    name: 'erp-preview-typescript',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!file.endsWith('.ts') || id.startsWith('\0')) return null;
      const output = ts.transpileModule(code, {
        compilerOptions: {
          ...compilerOptions,
          sourceMap: false,
          inlineSourceMap: false,
          declaration: false
        },
        fileName: file,
        reportDiagnostics: true
      });
      const problem = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
      if (problem !== undefined) {
        this.error(
          `${relative(file)}: ${ts.flattenDiagnosticMessageText(problem.messageText, '\n')}`
        );
      }
      return { code: output.outputText, map: null };
    }
  };
}
