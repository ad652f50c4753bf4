/**
 * The preview build: compiles the ERP panels (TypeScript LWCs) with the LWC compiler, the
 * lightning-base-components they use and `@lwc/synthetic-shadow` into one script
 * (`.build/preview/app.js`), next to the page (`index.html`, `preview.js`, `preview.css` from
 * `scripts/preview/page/`). The page mounts the panels on mock Account and Order record layouts.
 *
 * Steps: stage each component's bundle under `modules/c/<name>/` (its `.ts`, `.html`, `.css`;
 * never the tsc-emitted `.js`, which may be stale) → rollup with the platform-module shims
 * ({@link platformModules}), the TypeScript transpile step ({@link typescriptTranspile}), the LWC
 * compiler (`@lwc/rollup-plugin`) and `@rollup/plugin-replace` (`process.env.NODE_ENV`,
 * `import.meta.env.SSR`) → an iife bundle, minified with terser in production mode → gzip and
 * brotli copies of the scripts and styles (`app.js.gz`, `app.js.br`, …) for the server to send to
 * browsers that accept them → `index.html` referring to each of its files with a content hash
 * (`/app.js?v=<hash>`), so the server can let browsers cache them for good.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import lwcImport from '@lwc/rollup-plugin';
import replaceImport from '@rollup/plugin-replace';
import terserImport from '@rollup/plugin-terser';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import ts from 'typescript';
import { EMULATED_APEX_METHODS } from './emulator.js';
import { readLabels } from './labels.js';
import {
  listBaseComponents,
  platformModules,
  RUNTIME_DIR,
  spriteIcons,
  typescriptTranspile
} from './shims.js';

/**
 * CommonJS interop: under NodeNext the two plugins' types describe the module object, while at
 * run time the default import is already the plugin function.
 */
function interop<T>(imported: T | { default: T }): T {
  return typeof imported === 'function' ? (imported as T) : (imported as { default: T }).default;
}
const lwc = interop<typeof lwcImport.default>(lwcImport);
const replace = interop<typeof replaceImport.default>(replaceImport);
const terser = interop<typeof terserImport.default>(terserImport);

/** Project-relative folder of the components. */
export const COMPONENTS_DIR = 'force-app/main/default/lwc';
/** Project-relative folder of the build output. */
export const DEFAULT_OUT_DIR = '.build/preview';
/** Folder of the page's static files. */
export const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

/** Where a component goes on the mock record layouts. */
export interface PanelPlacement {
  /** Component folder name, e.g. `erpCreditPanel`. */
  name: string;
  /** The record page it is placed on. */
  object: 'Account' | 'Order';
  /** The column: `main` (wide) or `side`. */
  region: 'main' | 'side';
}

/** The components the page shows, in order. */
export const PANELS: readonly PanelPlacement[] = [
  { name: 'erpInvoiceList', object: 'Account', region: 'main' },
  { name: 'erpCreditPanel', object: 'Account', region: 'side' },
  { name: 'syncStatusBadge', object: 'Account', region: 'side' },
  { name: 'erpOrderTimeline', object: 'Order', region: 'main' }
];

/** Options of {@link buildPreview}. */
export interface BuildOptions {
  /** The project root. */
  root: string;
  /** Output folder (default `.build/preview` under the root). */
  outDir?: string;
  /** The components to build (default {@link PANELS}); each must exist. */
  panels?: readonly PanelPlacement[];
  /**
   * `production` (default: the LWC engine without its dev-mode checks, minified) or `development`
   * (LWC warnings in the console, readable code).
   */
  mode?: 'production' | 'development';
}

/** Extensions of the output files that get gzip and brotli copies. */
export const PRECOMPRESSED_EXTENSIONS: readonly string[] = ['.js', '.css'];

/** What {@link buildPreview} produced. */
export interface BuildResult {
  outDir: string;
  /** The components built, with their custom element tag. */
  panels: Array<PanelPlacement & { tag: string }>;
  /** Size of `app.js`. */
  bundleBytes: number;
  /** Size of `app.js.gz` (what a browser accepting gzip downloads). */
  gzipBytes: number;
  /** Size of `app.js.br`. */
  brotliBytes: number;
  durationMs: number;
  /** Build warnings worth reading (known harmless ones left out). */
  warnings: string[];
}

/**
 * The custom element tag of a `c` component: `erpCreditPanel` → `c-erp-credit-panel`.
 *
 * @param name - the component folder name
 * @returns the tag
 */
export function tagOf(name: string): string {
  return `c-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The components' compiler options, from `force-app/main/default/lwc/tsconfig.build.json` (what
 * `npm run build:lwc` uses).
 *
 * @param root - the project root
 * @returns the options
 */
export function componentCompilerOptions(root: string): ts.CompilerOptions {
  const file = path.join(root, COMPONENTS_DIR, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
  );
  return { ...parsed!.options, noEmit: false };
}

/**
 * Copies one component bundle to the staging folder: `.ts`, `.html`, `.css`, `.svg` and `.js`
 * files that have no `.ts` sibling; not tests, metadata or tsc output.
 */
function stage(source: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__') stage(from, path.join(target, entry.name));
      continue;
    }
    const ext = path.extname(entry.name);
    const compiled = ext === '.js' && fs.existsSync(from.replace(/\.js$/, '.ts'));
    if (
      ['.ts', '.js', '.html', '.css', '.svg'].includes(ext) &&
      !compiled &&
      !entry.name.endsWith('.d.ts')
    ) {
      fs.copyFileSync(from, path.join(target, entry.name));
    }
  }
}

/**
 * Warnings left out: template warnings inside lightning-base-components (a duplicate slot in
 * `card.html`, keys and attributes in the datatable: theirs, not ours) and rollup's notes on
 * circular imports and top-level `this` in dependencies.
 */
function isHarmless(log: RollupLog): boolean {
  return (
    /[\\/]node_modules[\\/]/.test(log.loc?.file ?? log.id ?? '') ||
    log.code === 'CIRCULAR_DEPENDENCY' ||
    log.code === 'THIS_IS_UNDEFINED'
  );
}

/**
 * Builds the preview page.
 *
 * @param options - see {@link BuildOptions}
 * @returns what was built
 * @throws Error when a component is missing, an import cannot be resolved, a label is missing
 *   or a platform module is not provided
 */
export async function buildPreview(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? DEFAULT_OUT_DIR);
  const panels = options.panels ?? PANELS;
  const mode = options.mode ?? 'production';
  const modulesDir = path.join(outDir, 'modules');
  fs.rmSync(outDir, { recursive: true, force: true });
  const missing = panels.filter((p) => !fs.existsSync(path.join(root, COMPONENTS_DIR, p.name)));
  if (missing.length > 0) {
    throw new Error(
      `The preview shows ${missing.map((p) => p.name).join(', ')}, but ${COMPONENTS_DIR} has no such component`
    );
  }
  // Every bundle is staged, so `c/<module>` imports between them resolve (for example the panels'
  // shared `c/erpPanelSupport`); rollup bundles only what the panels import.
  for (const entry of fs.readdirSync(path.join(root, COMPONENTS_DIR), { withFileTypes: true })) {
    if (entry.isDirectory()) {
      stage(path.join(root, COMPONENTS_DIR, entry.name), path.join(modulesDir, 'c', entry.name));
    }
  }
  const built = panels.map((p) => ({ ...p, tag: tagOf(p.name) }));
  const entry: Plugin = {
    name: 'erp-preview-entry',
    resolveId: (id) => (id === '\0preview-entry' ? id : null),
    load: (id) =>
      id !== '\0preview-entry'
        ? null
        : [
            `import '@lwc/synthetic-shadow';`,
            `import { createElement } from 'lwc';`,
            ...built.map((p, i) => `import C${i} from 'c/${p.name}';`),
            `const COMPONENTS = { ${built.map((p, i) => `${JSON.stringify(p.tag)}: C${i}`).join(', ')} };`,
            `window.ErpPreview = {`,
            `  panels: ${JSON.stringify(built)},`,
            `  mount(target, tag, props) {`,
            `    const element = createElement(tag, { is: COMPONENTS[tag] });`,
            `    Object.assign(element, props);`,
            `    target.appendChild(element);`,
            `    return element;`,
            `  }`,
            `};`
          ].join('\n')
  };
  const warnings: string[] = [];
  const fatal: string[] = [];
  const bundle = await rollup({
    input: '\0preview-entry',
    plugins: [
      entry,
      platformModules({
        labels: readLabels(root),
        apexMethods: EMULATED_APEX_METHODS,
        componentsDir: modulesDir,
        baseComponents: listBaseComponents(root)
      }),
      spriteIcons(),
      typescriptTranspile(componentCompilerOptions(root)),
      lwc({
        rootDir: modulesDir,
        enableDynamicComponents: true,
        // lightning-combobox calls attachInternals(), which synthetic shadow supports only when enabled.
        enableSyntheticElementInternals: true,
        modules: [{ npm: 'lightning-base-components' }],
        exclude: [path.join(RUNTIME_DIR, '**')]
      }),
      replace({
        preventAssignment: true,
        values: {
          'process.env.NODE_ENV': JSON.stringify(mode),
          'import.meta.env.SSR': 'false'
        }
      }),
      // Minifies the output chunk (renderChunk), after the replacements let it drop dev-only code.
      ...(mode === 'production'
        ? [terser({ ecma: 2020, compress: { passes: 1 }, format: { comments: false } })]
        : [])
    ],
    onLog(level, log) {
      if (log.code === 'UNRESOLVED_IMPORT') {
        fatal.push(log.message);
      } else if (level === 'warn' && !isHarmless(log)) {
        warnings.push(log.message);
      }
    }
  });
  if (fatal.length > 0) {
    await bundle.close();
    throw new Error(`The preview build cannot resolve: ${fatal.join('; ')}`);
  }
  const file = path.join(outDir, 'app.js');
  await bundle.write({ file, format: 'iife', inlineDynamicImports: true });
  await bundle.close();
  for (const name of fs.readdirSync(PAGE_DIR)) {
    if (name !== 'index.html') fs.copyFileSync(path.join(PAGE_DIR, name), path.join(outDir, name));
  }
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    versionReferences(fs.readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8'), outDir)
  );
  for (const name of fs.readdirSync(outDir)) {
    if (PRECOMPRESSED_EXTENSIONS.includes(path.extname(name))) precompress(path.join(outDir, name));
  }
  return {
    outDir,
    panels: built,
    bundleBytes: fs.statSync(file).size,
    gzipBytes: fs.statSync(`${file}.gz`).size,
    brotliBytes: fs.statSync(`${file}.br`).size,
    durationMs: Date.now() - started,
    warnings
  };
}

/**
 * A short hash of a file's content, for cache-busting URLs.
 *
 * @param file - the file
 * @returns 12 hex digits of its SHA-256
 */
export function contentHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
}

/**
 * Appends `?v=<content hash>` to the page's references to its own files (`src="/app.js"`,
 * `href="/preview.css"`), so a new build changes the URL and the old one can be cached for good.
 *
 * @param html - the page
 * @param outDir - the folder holding the files referred to
 * @returns the page with versioned references
 * @throws Error when the page refers to a file of its own that was not built
 */
export function versionReferences(html: string, outDir: string): string {
  return html.replace(
    /\b(src|href)="\/([\w.-]+\.(?:js|css))"/g,
    (_match, attribute: string, name: string) => {
      const file = path.join(outDir, name);
      if (!fs.existsSync(file))
        throw new Error(`index.html refers to /${name}, which was not built`);
      return `${attribute}="/${name}?v=${contentHash(file)}"`;
    }
  );
}

/**
 * Writes the gzip (`.gz`, level 9) and brotli (`.br`, quality 11) copies of a file next to it.
 *
 * @param file - the file
 */
function precompress(file: string): void {
  const content = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
  fs.writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length
      }
    })
  );
}
