/**
 * `npm start`: builds the preview and serves it (the URL is printed; Ctrl+C stops it).
 *
 * Options: `--port <n>` (default 4300; 0 = a free port), `--host <address>` (default 127.0.0.1),
 * `--build-only` (build and exit), `--dev` (LWC development mode: engine warnings in the console,
 * not minified; without it the build is production mode, minified and precompressed),
 * `--inquiry-timeout-ms <n>` and `--cache-ttl-seconds <n>` (override `Integration_Setting.Default`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPreview } from './build.js';
import { startPreviewServer } from './server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4300' },
    host: { type: 'string', default: '127.0.0.1' },
    'build-only': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    'inquiry-timeout-ms': { type: 'string' },
    'cache-ttl-seconds': { type: 'string' }
  }
});

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, not ${text}`);
    process.exit(2);
  }
  return value;
};

const port = number('port', values.port)!;
try {
  const result = await buildPreview({
    root: ROOT,
    mode: values.dev ? 'development' : 'production'
  });
  console.log(
    `Built ${result.panels.map((p) => p.name).join(', ')} into ${path.relative(ROOT, result.outDir)}/ ` +
      `(app.js ${(result.bundleBytes / 1024).toFixed(0)} KiB, ${(result.brotliBytes / 1024).toFixed(0)} KiB brotli, ` +
      `${values.dev ? 'development' : 'production'} mode, ${(result.durationMs / 1000).toFixed(1)} s)`
  );
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
} catch (error) {
  console.error(`Preview build failed: ${(error as Error).message}`);
  process.exit(1);
}
if (!values['build-only']) {
  const settings = {
    ...(values['inquiry-timeout-ms'] && {
      inquiryTimeoutMs: number('inquiry-timeout-ms', values['inquiry-timeout-ms'])
    }),
    ...(values['cache-ttl-seconds'] && {
      cacheTtlSeconds: number('cache-ttl-seconds', values['cache-ttl-seconds'])
    })
  };
  const server = await startPreviewServer({ root: ROOT, port, host: values.host, settings });
  console.log(
    `ERP Bridge preview: ${server.url}  (ERP sandbox at ${server.url}erp/, Ctrl+C to stop)`
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
