/**
 * A loopback "Salesforce" for tests of org scripts: a `node:http` server on 127.0.0.1 (random
 * port) with a small router, a bearer-token check and a request log. Each test starts its own
 * server, so state never leaks between tests. Endpoint families install themselves on it:
 * {@link installBulkIngest} (Bulk API 2.0 ingest) today; REST, composite or tooling handlers can
 * be added the same way with {@link LoopbackServer.route}.
 *
 * @example
 * ```ts
 * const server = await startLoopback();
 * const bulk = installBulkIngest(server, { failRows: [{ match: /^BAD/, error: 'X:bad' }] });
 * // … run the script with SF_INSTANCE_URL=server.url, SF_ACCESS_TOKEN=server.accessToken
 * await server.stop();
 * ```
 *
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server answered. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Request body bytes read by the handler (uploads). */
  readonly bytesIn: number;
  readonly contentType?: string;
}

/** What a route handler gets. */
export interface RouteContext {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly url: URL;
  /** Values of `:name` segments of the route pattern. */
  readonly params: Readonly<Record<string, string>>;
  /** Sends JSON with a status. */
  json(status: number, body: unknown): void;
  /** Sends a Salesforce error body `[{"errorCode", "message"}]`. */
  error(status: number, errorCode: string, message: string): void;
  /** Reads a JSON request body (up to 1 MiB). */
  readJson<T>(): Promise<T>;
  /** Counts request body bytes for the log (streaming handlers). */
  countIn(bytes: number): void;
}

/** A route handler. */
export type RouteHandler = (context: RouteContext) => Promise<void> | void;

interface Route {
  readonly method: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly handler: RouteHandler;
}

/** Options of {@link startLoopback}. */
export interface LoopbackOptions {
  /** Token expected in `Authorization: Bearer` (default `loopback-token`). */
  readonly accessToken?: string;
}

/** The loopback server. */
export class LoopbackServer {
  /** Requests answered, in order. */
  readonly log: LoggedRequest[] = [];
  /** Token the server accepts. */
  readonly accessToken: string;
  private readonly routes: Route[] = [];
  private readonly server: http.Server;
  private baseUrl = '';

  /** @param options - token */
  constructor(options: LoopbackOptions = {}) {
    this.accessToken = options.accessToken ?? 'loopback-token';
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    return this.baseUrl;
  }

  /**
   * Adds a route. Patterns are paths with `:name` segments; `:version` matches `vNN.N`.
   *
   * @param method - HTTP method
   * @param pattern - e.g. `/services/data/:version/jobs/ingest/:jobId`
   * @param handler - the handler
   */
  route(method: string, pattern: string, handler: RouteHandler): void {
    const names: string[] = [];
    const source = pattern
      .replace(/\/$/, '')
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) {
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
        names.push(part.slice(1));
        return part === ':version' ? '(v\\d+\\.\\d)' : '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, regex: new RegExp(`^${source}/?$`), names, handler });
  }

  /** Starts listening on 127.0.0.1 at a random port. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  /** Stops the server and closes idle connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let bytesIn = 0;
    const context: RouteContext = {
      req,
      res,
      url,
      params: {},
      json(status, body) {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(text);
      },
      error(status, errorCode, message) {
        context.json(status, [{ errorCode, message }]);
      },
      async readJson<T>() {
        const chunks: Buffer[] = [];
        for await (const chunk of req) {
          chunks.push(chunk as Buffer);
          bytesIn += (chunk as Buffer).length;
          if (bytesIn > 1 << 20) {
            throw new Error('JSON body too large');
          }
        }
        return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as T;
      },
      countIn(bytes) {
        bytesIn += bytes;
      }
    };
    res.on('finish', () =>
      this.log.push({
        method: req.method ?? '',
        path: url.pathname,
        status: res.statusCode,
        bytesIn,
        contentType: req.headers['content-type']
      })
    );
    try {
      if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
        req.resume();
        context.error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        return;
      }
      for (const route of this.routes) {
        const match = route.method === req.method ? route.regex.exec(url.pathname) : null;
        if (match !== null) {
          const params: Record<string, string> = {};
          route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
          await route.handler({ ...context, params });
          return;
        }
      }
      req.resume();
      context.error(
        404,
        'NOT_FOUND',
        `The requested resource does not exist: ${req.method} ${url.pathname}`
      );
    } catch (error) {
      if (!res.headersSent) {
        context.error(500, 'UNKNOWN_EXCEPTION', (error as Error).message);
      } else {
        res.destroy(error as Error);
      }
    }
  }
}

/**
 * Creates and starts a loopback server.
 *
 * @param options - token
 * @returns the started server
 */
export async function startLoopback(options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const server = new LoopbackServer(options);
  await server.start();
  return server;
}
