/**
 * Runtime of `@salesforce/apex/<Class>.<method>` in the local preview (bundled into the page; also
 * runs in Node for tests). Each imported method is a function that POSTs its parameters as JSON to
 * `/api/apex/<Class>/<method>` on the preview server and is also a wire adapter (`@wire`), like
 * the platform's. Errors reject with the platform's shape: `{ status, statusText, body: { message } }`.
 * `refreshApex(value)` re-runs the wire that provisioned `value`.
 *
 * @module
 */

/** What a failed Apex call rejects with, as on the platform. */
export interface ApexCallError {
  status: number;
  statusText: string;
  body: { message: string; exceptionType?: string };
}

/** What the wire provisions. */
export interface WiredValue {
  data?: unknown;
  error?: ApexCallError;
}

let baseUrl = '';

/**
 * Sets the server the calls go to (default: the page's own origin). Tests in Node set it.
 *
 * @param url - e.g. `http://127.0.0.1:4300`
 */
export function setApexBaseUrl(url: string): void {
  baseUrl = url.replace(/\/$/, '');
}

/**
 * Calls one Apex method on the preview server.
 *
 * @param className - e.g. `ErpCreditController`
 * @param methodName - e.g. `getCreditSummary`
 * @param params - the parameters object
 * @returns the method's answer
 */
export async function callApex(
  className: string,
  methodName: string,
  params: Record<string, unknown> = {}
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/apex/${className}/${methodName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params ?? {})
    });
  } catch (cause) {
    const error: ApexCallError = {
      status: 0,
      statusText: 'Network error',
      body: { message: `The preview server did not answer: ${(cause as Error).message}` }
    };
    throw error;
  }
  const text = await response.text();
  let value: unknown = null;
  try {
    value = text === '' ? null : JSON.parse(text);
  } catch {
    value = { message: text };
  }
  if (!response.ok) {
    const { message, exceptionType } = (value ?? {}) as {
      message?: string;
      exceptionType?: string;
    };
    const error: ApexCallError = {
      status: response.status,
      statusText: response.statusText,
      body: { message: message ?? `HTTP ${response.status}`, exceptionType }
    };
    throw error;
  }
  return value;
}

/** Re-runs the wire that provisioned a value, by value. */
const refreshers = new WeakMap<object, () => Promise<void>>();

/** An imported Apex method: callable, and usable with `@wire`. */
export type ApexMethod = ((params?: Record<string, unknown>) => Promise<unknown>) & {
  adapter: new (dataCallback: (value: WiredValue) => void) => {
    connect(): void;
    disconnect(): void;
    update(config: Record<string, unknown>): void;
  };
};

/**
 * Creates the module value of `@salesforce/apex/<Class>.<method>`.
 *
 * @param className - the Apex class
 * @param methodName - the method
 * @returns the method
 */
export function createApexMethod(className: string, methodName: string): ApexMethod {
  const method = (params?: Record<string, unknown>): Promise<unknown> =>
    callApex(className, methodName, params);

  class ApexWireAdapter {
    private config?: Record<string, unknown>;
    private connected = false;
    private generation = 0;

    constructor(private readonly dataCallback: (value: WiredValue) => void) {}

    connect(): void {
      this.connected = true;
    }

    disconnect(): void {
      this.connected = false;
    }

    update(config: Record<string, unknown>): void {
      this.config = config;
      // Like the platform: no call while a reactive parameter is still undefined.
      if (Object.values(config ?? {}).some((v) => v === undefined)) return;
      void this.fetch();
    }

    private async fetch(): Promise<void> {
      const generation = ++this.generation;
      let value: WiredValue;
      try {
        value = { data: await method(this.config), error: undefined };
      } catch (error) {
        value = { data: undefined, error: error as ApexCallError };
      }
      // A newer config's call supersedes this one.
      if (generation !== this.generation || !this.connected) return;
      refreshers.set(value, () => this.fetch());
      this.dataCallback(value);
    }
  }

  return Object.assign(method, { adapter: ApexWireAdapter });
}

/**
 * `refreshApex` of `@salesforce/apex`: re-runs the wire that provisioned the value.
 *
 * @param value - a value a wired Apex method provisioned
 * @returns a promise settled when the new value was provisioned
 */
export function refreshApex(value: unknown): Promise<void> {
  const refresh = typeof value === 'object' && value !== null ? refreshers.get(value) : undefined;
  return refresh === undefined ? Promise.resolve() : refresh();
}
