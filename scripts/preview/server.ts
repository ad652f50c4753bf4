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
import {
  ApexError,
  ControllerEmulator,
  httpTransport,
  readSettings,
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

/**
 * Serves a file from a folder, refusing paths that leave it.
 *
 * @returns false when there is no such file
 */
function serveFile(
  res: ServerResponse,
  dir: string,
  relativePath: string,
  cacheable: boolean
): boolean {
  const file = path.resolve(
    dir,
    '.' + path.posix.normalize('/' + decodeURIComponent(relativePath))
  );
  if (
    !file.startsWith(path.resolve(dir) + path.sep) ||
    !fs.existsSync(file) ||
    !fs.statSync(file).isFile()
  ) {
    return false;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheable ? 'public, max-age=3600' : 'no-cache'
  });
  fs.createReadStream(file).pipe(res);
  return true;
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
    if (
      route.startsWith('/assets/') &&
      serveFile(res, assetsDir, route.slice('/assets/'.length), true)
    )
      return;
    if (!route.startsWith('/modules/') && serveFile(res, siteDir, route.slice(1), false)) return;
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
