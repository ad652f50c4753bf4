/**
 * The preview server (node:http): serves the built page (`.build/preview`), the SLDS assets
 * (`/assets/...` from @salesforce-ux/design-system), the controller emulator
 * (`POST /api/apex/<Class>/<method>`, `GET /api/_status`, `POST /api/_control`) and the embedded
 * ERP sandbox (`/erp/...`), all in one process. The emulator reaches the sandbox over HTTP on the
 * same server, so timeouts and outages behave as they would over the network.
 *
 * @module
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  ApexError,
  ControllerEmulator,
  httpTransport,
  readSettings,
  readStaleReasons,
  type EmulatorSettings
} from './emulator.js';
import { ERP_PREFIX, ErpSandbox, sendJson } from './sandbox.js';
import { buildErpData, buildMockOrg, readInquiryFixtures, type MockOrg } from './seed.js';

/** Options of {@link startPreviewServer}. */
export interface ServerOptions {
  /** The project root. */
  root: string;
  /** Folder of the built page (default `.build/preview`). */
  siteDir?: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Overrides of the settings read from `Integration_Setting.Default`. */
  settings?: Partial<EmulatorSettings>;
}

/** A running preview server. */
export interface PreviewServer {
  /** e.g. `http://127.0.0.1:4300/` */
  url: string;
  port: number;
  sandbox: ErpSandbox;
  emulator: ControllerEmulator;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff'
};

const MAX_BODY_BYTES = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Content types worth compressing (the fonts and PNGs are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg']);
/** Files smaller than this are sent as they are. */
const MIN_COMPRESS_BYTES = 1024;
/** A year: how long browsers keep a file whose URL carries its content hash. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The encodings a request accepts (with a q-value above 0), from `accept-encoding`. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name !== '' && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * gzip copies of files with no precompressed copy (the SLDS assets), by file: made once, in the
 * background (zlib's thread pool), so no request waits for the compression; until a copy is
 * ready the file goes out as it is.
 */
const gzipCache = new Map<string, { mtimeMs: number; body?: Buffer }>();

/**
 * Starts making the gzip copy of a compressible file unless it is made or being made.
 *
 * @param file - the file
 * @param stat - its stat
 */
function gzipInBackground(file: string, stat: fs.Stats): void {
  if (gzipCache.get(file)?.mtimeMs === stat.mtimeMs) return;
  const entry: { mtimeMs: number; body?: Buffer } = { mtimeMs: stat.mtimeMs };
  gzipCache.set(file, entry);
  fs.readFile(file, (readError, content) => {
    if (readError) return void gzipCache.delete(file);
    zlib.gzip(content, (error, body) => {
      if (error) gzipCache.delete(file);
      else entry.body = body;
    });
  });
}

/**
 * The body to send for a file: its brotli or gzip copy written by the build (`<file>.br`,
 * `<file>.gz`) when the browser accepts it, else the gzip copy made in the background of a
 * compressible file ({@link gzipInBackground}) once ready, else the file itself.
 */
function encodedBody(
  file: string,
  stat: fs.Stats,
  accepted: Set<string>
): { body: Buffer | string; encoding?: 'br' | 'gzip' } {
  for (const [encoding, ext] of [
    ['br', '.br'],
    ['gzip', '.gz']
  ] as const) {
    if (accepted.has(encoding) && fs.existsSync(file + ext)) {
      return { body: fs.readFileSync(file + ext), encoding };
    }
  }
  if (COMPRESSIBLE.has(path.extname(file)) && stat.size >= MIN_COMPRESS_BYTES) {
    gzipInBackground(file, stat);
    const cached = gzipCache.get(file);
    if (accepted.has('gzip') && cached?.body !== undefined) {
      return { body: cached.body, encoding: 'gzip' };
    }
  }
  return { body: file };
}

/**
 * Serves a file from a folder, refusing paths that leave it: compressed when the browser accepts
 * it ({@link encodedBody}), with an ETag (a matching `if-none-match` gets 304) and the given
 * `cache-control`.
 *
 * @returns false when there is no such file
 */
function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  dir: string,
  relativePath: string,
  cacheControl: string
): boolean {
  const file = path.resolve(
    dir,
    '.' + path.posix.normalize('/' + decodeURIComponent(relativePath))
  );
  if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file)) return false;
  const stat = fs.statSync(file);
  if (!stat.isFile()) return false;
  const { body, encoding } = encodedBody(
    file,
    stat,
    acceptedEncodings(req.headers['accept-encoding'])
  );
  const etag = `W/"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}${encoding === undefined ? '' : `-${encoding}`}"`;
  const headers: Record<string, string | number> = {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    etag,
    ...(COMPRESSIBLE.has(path.extname(file)) && { vary: 'accept-encoding' })
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  if (typeof body === 'string') {
    res.writeHead(200, { ...headers, 'content-length': stat.size });
    fs.createReadStream(body).pipe(res);
    return true;
  }
  res.writeHead(200, { ...headers, 'content-encoding': encoding!, 'content-length': body.length });
  res.end(body);
  return true;
}

/** The SLDS icon sprites: `/assets/icons/<kind>-sprite/svg/symbols[-rtl].svg`. */
const SPRITE_ROUTE = /^\/assets\/icons\/[a-z]+-sprite\/svg\/symbols(-rtl)?\.svg$/;

/** Symbols cut out of the sprites, by sprite file and icon name. */
const symbolCache = new Map<string, string>();

/**
 * One symbol of an SLDS sprite as an SVG document of its own (`lightning-icon` asks for
 * `symbols.svg?icon=<name>#<name>`, see `spriteIcons` in shims.ts): a few hundred bytes for the
 * browser to parse instead of the whole sprite.
 *
 * @param sprite - the sprite file
 * @param name - the symbol's id
 * @returns the document, or undefined when the sprite has no such symbol
 */
export function spriteSymbol(sprite: string, name: string): string | undefined {
  const key = `${sprite}#${name}`;
  const cached = symbolCache.get(key);
  if (cached !== undefined || !/^[\w-]+$/.test(name) || !fs.existsSync(sprite)) return cached;
  const symbol = new RegExp(`<symbol\\b[^>]*\\sid="${name}"[^>]*>[\\s\\S]*?</symbol>`).exec(
    fs.readFileSync(sprite, 'utf8')
  )?.[0];
  if (symbol === undefined) return undefined;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">${symbol}</svg>`;
  symbolCache.set(key, svg);
  return svg;
}

/** The records the page offers, by object. */
export function pageRecords(
  org: MockOrg
): Record<'Account' | 'Order', Array<{ id: string; name: string; detail: string }>> {
  return {
    Account: [...org.accounts.values()].map((a) => ({
      id: a.Id,
      name: a.Name,
      detail: a.ERP_Account_ID__c ?? 'not linked to the ERP'
    })),
    Order: [...org.orders.values()].map((o) => ({
      id: o.Id,
      name: `Order ${o.OrderNumber}`,
      detail:
        o.ERP_Order_ID__c === null
          ? 'draft, not submitted'
          : `${o.ERP_Order_ID__c}, ${o.ERP_Status__c}`
    }))
  };
}

/**
 * Starts the preview server.
 *
 * @param options - see {@link ServerOptions}
 * @returns the running server
 */
export async function startPreviewServer(options: ServerOptions): Promise<PreviewServer> {
  const root = path.resolve(options.root);
  const siteDir = path.resolve(root, options.siteDir ?? '.build/preview');
  const assetsDir = path.join(root, 'node_modules/@salesforce-ux/design-system/assets');
  const host = options.host ?? '127.0.0.1';
  const org = buildMockOrg();
  const sandbox = new ErpSandbox(buildErpData(readInquiryFixtures(root)));
  const settings = { ...readSettings(root), ...options.settings };
  let erpBase = '';
  const emulator = new ControllerEmulator({
    org,
    settings,
    // The panels' stale reasons: the texts of the Apex layer's custom labels, read at start.
    staleReasons: readStaleReasons(root),
    transport: (pathAndQuery, timeoutMs) => httpTransport(erpBase)(pathAndQuery, timeoutMs)
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    const route = url.pathname;
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : '';
    if (route === ERP_PREFIX || route.startsWith(`${ERP_PREFIX}/`)) {
      await sandbox.handle(req, res, body);
      return;
    }
    const apex = /^\/api\/apex\/(\w+)\/(\w+)$/.exec(route);
    if (apex !== null) {
      if (method !== 'POST') {
        sendJson(res, 405, { message: 'Apex methods are called with POST' });
        return;
      }
      try {
        const params = JSON.parse(body || '{}') as Record<string, unknown>;
        sendJson(res, 200, (await emulator.invoke(apex[1], apex[2], params)) ?? null);
      } catch (error) {
        const apexError =
          error instanceof ApexError
            ? error
            : new ApexError((error as Error).message, 'System.JSONException');
        sendJson(res, 500, { message: apexError.message, exceptionType: apexError.exceptionType });
      }
      return;
    }
    if (route === '/api/_status') {
      sendJson(res, 200, { ...emulator.status(), erp: { ...sandbox.state }, settings });
      return;
    }
    if (route === '/api/_control' && method === 'POST') {
      const control = JSON.parse(body || '{}') as { clearCache?: boolean; resetBreaker?: boolean };
      if (control.clearCache === true) emulator.clearCache();
      if (control.resetBreaker === true) emulator.breaker.reset();
      sendJson(res, 200, emulator.status());
      return;
    }
    if (route === '/' || route === '/index.html') {
      const index = path.join(siteDir, 'index.html');
      if (!fs.existsSync(index)) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The preview is not built: run `npm start` (or `npm start -- --build-only`).');
        return;
      }
      const records = JSON.stringify(pageRecords(org)).replace(/</g, '\\u003c');
      const html = fs.readFileSync(index, 'utf8').replace('__PREVIEW_RECORDS__', records);
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-cache' });
      res.end(html);
      return;
    }
    if (route === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const icon = url.searchParams.get('icon');
    if (icon !== null && SPRITE_ROUTE.test(route)) {
      const svg = spriteSymbol(path.join(assetsDir, route.slice('/assets/'.length)), icon);
      if (svg !== undefined) {
        res.writeHead(200, {
          'content-type': CONTENT_TYPES['.svg'],
          'cache-control': 'public, max-age=3600'
        });
        res.end(svg);
        return;
      }
    }
    if (
      route.startsWith('/assets/') &&
      serveFile(req, res, assetsDir, route.slice('/assets/'.length), 'public, max-age=3600')
    )
      return;
    // The page refers to its files with their content hash (`/app.js?v=<hash>`, see the build):
    // such a URL always means the same bytes. Without it, the browser asks again (ETag, 304).
    const siteCache = url.searchParams.has('v') ? IMMUTABLE : 'no-cache';
    if (
      !route.startsWith('/modules/') &&
      !/\.(br|gz)$/.test(route) &&
      serveFile(req, res, siteDir, route.slice(1), siteCache)
    )
      return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Not found: ${route}`);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) sendJson(res, 400, { message: error.message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  erpBase = `http://${host}:${port}${ERP_PREFIX}`;
  // The page's stylesheet: compressed before the first visit asks for it.
  const stylesheet = path.join(assetsDir, 'styles/salesforce-lightning-design-system.min.css');
  if (fs.existsSync(stylesheet)) gzipInBackground(stylesheet, fs.statSync(stylesheet));
  // Node loads its fetch client on first use (~0.1 s): do it now, not in the first panel's inquiry.
  await fetch(`${erpBase}/_control`)
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
    port,
    sandbox,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })
  };
}
