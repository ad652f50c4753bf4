/**
 * The live smoke test `org:validate` runs in a scratch org (and that can run alone against any
 * org with the project deployed): it subscribes to `/event/ERP_Record_Changed__e` and
 * `/event/ERP_Order_Submitted__e` through the Pub/Sub API and proves three behaviours end to end:
 *
 * - **user change** — a user's change of a Salesforce-owned field (Account `Phone`) yields exactly
 *   one `ERP_Record_Changed__e` for the record, with `phone` in `Changed_Fields__c`;
 * - **inbound quiet** — an ERP upsert through `POST /services/apexrest/erp-bridge/v1/records/account`
 *   yields none;
 * - **order round trip** — a Draft order submitted through `OrderSubmissionService` (anonymous
 *   Apex) yields `ERP_Order_Submitted__e`; its acknowledgement through `POST
 *   /services/apexrest/erp-bridge/v1/orders/acknowledgements` activates the order.
 *
 * The event source and the REST client are injected, so the logic is tested with fakes (event
 * streams as async iterables). Records it creates carry `SMOKE-` keys and are left in the org.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { defaultConnectionResolver, OrgAuthError, type OrgConnection } from './connection.js';
import { restClient, type RestClient } from './rest.js';

/** One event received from a topic. */
export interface ReceivedEvent {
  readonly topic: string;
  readonly replayId?: number | bigint | string;
  /** Decoded fields, e.g. `Record_ID__c`. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Where events come from (the Pub/Sub API in an org, a fake in tests). */
export interface EventSource {
  /**
   * Subscribes to a topic from now on; resolves once the subscription is requested.
   *
   * @param topic - e.g. `/event/ERP_Record_Changed__e`
   * @returns the events as they arrive
   */
  subscribe(topic: string): Promise<AsyncIterable<ReceivedEvent>>;
  /** Ends every subscription. */
  close(): void;
}

/** The REST calls the smoke test makes. */
export type SmokeRest = Pick<RestClient, 'request' | 'dataPath'>;

/** Timing of the smoke test. */
export interface SmokeTiming {
  /** Longest wait for an expected event or state (default 60 s). */
  readonly timeoutMs?: number;
  /** How long to watch for duplicates or unwanted events (default 15 s). */
  readonly quietMs?: number;
  /** Wait after subscribing before acting (default 3 s). */
  readonly settleMs?: number;
  /** Order status poll interval (default 2 s). */
  readonly pollMs?: number;
}

/** One check's outcome. */
export interface SmokeCheck {
  readonly name: 'user change' | 'inbound quiet' | 'order round trip';
  readonly ok: boolean;
  readonly detail: string;
  readonly ms: number;
}

/** The smoke test's outcome. */
export interface SmokeReport {
  readonly ok: boolean;
  readonly checks: readonly SmokeCheck[];
}

/** Topics the smoke test subscribes to. */
export const RECORD_CHANGED_TOPIC = '/event/ERP_Record_Changed__e';
/** Topic of order submissions. */
export const ORDER_SUBMITTED_TOPIC = '/event/ERP_Order_Submitted__e';

const APEXREST = '/services/apexrest/erp-bridge/v1';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Buffers the events of several streams and answers "did a matching event arrive?".
 */
export class EventCollector {
  private readonly events: ReceivedEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private failure: Error | undefined;

  /**
   * Starts consuming the streams in the background.
   *
   * @param streams - the subscriptions
   */
  constructor(streams: readonly AsyncIterable<ReceivedEvent>[]) {
    for (const stream of streams) {
      void this.consume(stream);
    }
  }

  private async consume(stream: AsyncIterable<ReceivedEvent>): Promise<void> {
    try {
      for await (const event of stream) {
        this.events.push(event);
        this.wake();
      }
    } catch (error) {
      this.failure = error as Error;
      this.wake();
    }
  }

  private wake(): void {
    for (const waiter of this.waiters) {
      waiter();
    }
  }

  /**
   * Events received so far that match.
   *
   * @param match - predicate
   * @returns the matches, in arrival order
   */
  matching(match: (event: ReceivedEvent) => boolean): ReceivedEvent[] {
    return this.events.filter(match);
  }

  /**
   * Waits until at least `count` matching events arrived, or the timeout.
   *
   * @param match - predicate
   * @param timeoutMs - longest wait
   * @param count - how many (default 1)
   * @returns the matches (fewer than `count` after a timeout)
   */
  async waitFor(
    match: (event: ReceivedEvent) => boolean,
    timeoutMs: number,
    count = 1
  ): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure !== undefined) {
        throw new Error(`event stream failed: ${this.failure.message}`);
      }
      const found = this.matching(match);
      const left = deadline - Date.now();
      if (found.length >= count || left <= 0) {
        return found;
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }
}

function changedFields(event: ReceivedEvent): Record<string, unknown> {
  try {
    return JSON.parse(String(event.payload.Changed_Fields__c ?? '{}')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function timed(name: SmokeCheck['name'], body: () => Promise<string>): Promise<SmokeCheck> {
  const started = Date.now();
  try {
    const detail = await body();
    return { name, ok: true, detail, ms: Date.now() - started };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message, ms: Date.now() - started };
  }
}

async function createRecord(
  rest: SmokeRest,
  object: string,
  fields: Record<string, unknown>
): Promise<string> {
  const response = await rest.request<{ id: string }>(
    'POST',
    `${rest.dataPath}/sobjects/${object}`,
    fields
  );
  return response.body.id;
}

interface UpsertResponse {
  results: { id: string | null; outcome: string; errors: { code: string; message: string }[] }[];
}

async function apexRest(
  rest: SmokeRest,
  resource: string,
  body: unknown
): Promise<UpsertResponse['results'][number]> {
  const response = await rest.request<UpsertResponse>('POST', `${APEXREST}/${resource}`, body, {
    'Idempotency-Key': `smoke-${randomUUID()}`,
    'X-Correlation-Id': `smoke-${randomUUID()}`
  });
  const result = response.body.results[0];
  if (result.outcome === 'rejected') {
    throw new Error(
      `${resource} rejected the record: ${result.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`
    );
  }
  return result;
}

/**
 * Runs anonymous Apex through the Tooling API (`executeAnonymous`).
 *
 * @param rest - REST client
 * @param apex - the code
 */
export async function executeAnonymous(rest: SmokeRest, apex: string): Promise<void> {
  const response = await rest.request<{
    compiled: boolean;
    success: boolean;
    compileProblem?: string | null;
    exceptionMessage?: string | null;
  }>('GET', `${rest.dataPath}/tooling/executeAnonymous?anonymousBody=${encodeURIComponent(apex)}`);
  if (!response.body.compiled) {
    throw new Error(`anonymous Apex did not compile: ${response.body.compileProblem ?? ''}`);
  }
  if (!response.body.success) {
    throw new Error(`anonymous Apex failed: ${response.body.exceptionMessage ?? ''}`);
  }
}

/** What {@link runSmoke} needs. */
export interface SmokeDeps {
  readonly rest: SmokeRest;
  readonly events: EventSource;
  readonly log?: (line: string) => void;
  readonly timing?: SmokeTiming;
  /** Suffix of the `SMOKE-` keys (default: a timestamp). */
  readonly runId?: string;
}

/**
 * Runs the three checks. Never throws for a failing check: each is reported.
 *
 * @param deps - REST client, event source, log, timing
 * @returns the report
 */
export async function runSmoke(deps: SmokeDeps): Promise<SmokeReport> {
  const { rest, events } = deps;
  const log = deps.log ?? (() => undefined);
  const timeoutMs = deps.timing?.timeoutMs ?? 60_000;
  const quietMs = deps.timing?.quietMs ?? 15_000;
  const settleMs = deps.timing?.settleMs ?? 3_000;
  const pollMs = deps.timing?.pollMs ?? 2_000;
  const runId = deps.runId ?? new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const checks: SmokeCheck[] = [];
  try {
    log(`smoke: subscribing to ${RECORD_CHANGED_TOPIC} and ${ORDER_SUBMITTED_TOPIC}`);
    const collector = new EventCollector([
      await events.subscribe(RECORD_CHANGED_TOPIC),
      await events.subscribe(ORDER_SUBMITTED_TOPIC)
    ]);
    await sleep(settleMs);
    const accountKey = `SMOKE-A-${runId}`;

    checks.push(
      await timed('user change', async () => {
        const accountId = await createRecord(rest, 'Account', {
          Name: `Smoke ${runId}`,
          ERP_Account_ID__c: accountKey
        });
        // The create publishes a CREATE event; only the UPDATE of the phone counts here.
        const phone = `+1 555 ${runId.slice(-7)}`;
        await rest.request('PATCH', `${rest.dataPath}/sobjects/Account/${accountId}`, {
          Phone: phone
        });
        const isUpdate = (e: ReceivedEvent): boolean =>
          e.topic === RECORD_CHANGED_TOPIC &&
          e.payload.Record_ID__c === accountId &&
          e.payload.Change_Type__c === 'UPDATE';
        const first = await collector.waitFor(isUpdate, timeoutMs);
        if (first.length === 0) {
          throw new Error(
            `no ERP_Record_Changed__e UPDATE for Account ${accountId} within ${timeoutMs} ms`
          );
        }
        const all = await collector.waitFor(isUpdate, quietMs, 2);
        if (all.length > 1) {
          throw new Error(
            `${all.length} ERP_Record_Changed__e UPDATE events for Account ${accountId}; expected exactly one`
          );
        }
        const fields = changedFields(all[0]);
        if (fields.phone !== phone) {
          throw new Error(
            `Changed_Fields__c ${String(all[0].payload.Changed_Fields__c)} lacks "phone": "${phone}"`
          );
        }
        return `one event for Account ${accountId}, Changed_Fields__c ${String(all[0].payload.Changed_Fields__c)}`;
      })
    );

    checks.push(
      await timed('inbound quiet', async () => {
        const externalId = `SMOKE-IN-${runId}`;
        const created = await apexRest(rest, 'records/account', {
          records: [
            {
              externalId,
              modifiedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
              fields: { name: `Smoke inbound ${runId}`, phone: '+1 555 0100' }
            }
          ]
        });
        const anyFor = (e: ReceivedEvent): boolean =>
          e.topic === RECORD_CHANGED_TOPIC &&
          (e.payload.Record_ID__c === created.id || e.payload.External_ID__c === externalId);
        const seen = await collector.waitFor(anyFor, quietMs);
        if (seen.length > 0) {
          throw new Error(
            `the inbound upsert of ${externalId} (${created.outcome}) published ${seen.length} ERP_Record_Changed__e; expected none`
          );
        }
        return `upsert ${created.outcome} ${externalId} (${created.id}); no event in ${quietMs} ms`;
      })
    );

    checks.push(
      await timed('order round trip', async () => {
        const accountId = (
          await rest.request<{ records: { Id: string }[] }>(
            'GET',
            `${rest.dataPath}/query?q=${encodeURIComponent(
              `SELECT Id FROM Account WHERE ERP_Account_ID__c = '${accountKey}'`
            )}`
          )
        ).body.records[0]?.Id;
        if (accountId === undefined) {
          throw new Error(`the smoke account ${accountKey} does not exist`);
        }
        const standard = await rest.request<{ records: { Id: string }[] }>(
          'GET',
          `${rest.dataPath}/query?q=${encodeURIComponent('SELECT Id FROM Pricebook2 WHERE IsStandard = true')}`
        );
        const productId = await createRecord(rest, 'Product2', {
          Name: `Smoke product ${runId}`,
          ProductCode: `SMOKE-SKU-${runId}`,
          ERP_Product_ID__c: `SMOKE-P-${runId}`,
          IsActive: true
        });
        await createRecord(rest, 'PricebookEntry', {
          Pricebook2Id: standard.body.records[0].Id,
          Product2Id: productId,
          UnitPrice: 10,
          IsActive: true
        });
        const pricebookId = await createRecord(rest, 'Pricebook2', {
          Name: `Smoke ${runId}`,
          ERP_Price_List_ID__c: `SMOKE-PL-${runId}`,
          IsActive: true
        });
        const entryId = await createRecord(rest, 'PricebookEntry', {
          Pricebook2Id: pricebookId,
          Product2Id: productId,
          UnitPrice: 10,
          IsActive: true
        });
        const orderId = await createRecord(rest, 'Order', {
          AccountId: accountId,
          Pricebook2Id: pricebookId,
          EffectiveDate: new Date().toISOString().slice(0, 10),
          Status: 'Draft'
        });
        await createRecord(rest, 'OrderItem', {
          OrderId: orderId,
          PricebookEntryId: entryId,
          Quantity: 2,
          UnitPrice: 10
        });
        await executeAnonymous(
          rest,
          `List<OrderSubmissionResult> results = OrderSubmissionService.submit(new Set<Id>{ '${orderId}' });\n` +
            'Assert.isTrue(results[0].success, JSON.serialize(results[0].errors));'
        );
        const submitted = await collector.waitFor(
          (e) => e.topic === ORDER_SUBMITTED_TOPIC && e.payload.Order_ID__c === orderId,
          timeoutMs
        );
        if (submitted.length === 0) {
          throw new Error(`no ERP_Order_Submitted__e for Order ${orderId} within ${timeoutMs} ms`);
        }
        const integrationKey = String(submitted[0].payload.Idempotency_Key__c);
        await apexRest(rest, 'orders/acknowledgements', {
          records: [
            {
              integrationKey,
              decision: 'accepted',
              erpOrderId: `SMOKE-SO-${runId}`,
              occurredAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z')
            }
          ]
        });
        const deadline = Date.now() + timeoutMs;
        let status = '';
        for (;;) {
          const order = await rest.request<{ Status: string; ERP_Status__c?: string }>(
            'GET',
            `${rest.dataPath}/sobjects/Order/${orderId}?fields=Status,ERP_Status__c`
          );
          status = `${order.body.Status} (ERP status ${order.body.ERP_Status__c ?? 'none'})`;
          if (order.body.Status === 'Activated') {
            break;
          }
          if (Date.now() >= deadline) {
            throw new Error(
              `Order ${orderId} is ${status} ${timeoutMs} ms after the acknowledgement; expected Activated`
            );
          }
          await sleep(pollMs);
        }
        return `Order ${orderId} submitted as ${integrationKey}, acknowledged, ${status}`;
      })
    );
  } catch (error) {
    checks.push({
      name: checks.length === 0 ? 'user change' : 'order round trip',
      ok: false,
      detail: `smoke test could not run: ${(error as Error).message}`,
      ms: 0
    });
  } finally {
    events.close();
  }
  for (const check of checks) {
    log(`smoke: ${check.ok ? 'ok  ' : 'FAIL'} ${check.name} (${check.ms} ms): ${check.detail}`);
  }
  return { ok: checks.length === 3 && checks.every((c) => c.ok), checks };
}

/** The part of `salesforce-pubsub-api-client`'s client the event source uses. */
export interface PubSubClientLike {
  connect(): Promise<void>;
  subscribe(
    topic: string,
    callback: (subscription: unknown, callbackType: string, data?: unknown) => void,
    numRequested?: number | null
  ): void;
  close(): void;
}

/**
 * An {@link EventSource} over the Pub/Sub API (`salesforce-pubsub-api-client`, user-supplied
 * auth from the connection).
 *
 * @param connection - the org connection
 * @param createClient - builds the client (tests pass a fake)
 * @returns the event source
 */
export function pubSubEventSource(
  connection: OrgConnection,
  createClient?: (config: Record<string, unknown>) => Promise<PubSubClientLike>
): EventSource {
  const make =
    createClient ??
    (async (config: Record<string, unknown>): Promise<PubSubClientLike> => {
      const { default: PubSubApiClient } = await import('salesforce-pubsub-api-client');
      const quiet = {
        debug: () => undefined,
        info: () => undefined,
        warn: console.warn,
        error: console.error
      };
      return new PubSubApiClient(
        config as unknown as ConstructorParameters<typeof PubSubApiClient>[0],
        quiet
      ) as unknown as PubSubClientLike;
    });
  let client: Promise<PubSubClientLike> | undefined;
  const ends: (() => void)[] = [];
  return {
    async subscribe(topic) {
      client ??= make({
        authType: 'user-supplied',
        accessToken: connection.accessToken,
        instanceUrl: connection.instanceUrl
      }).then(async (c) => {
        await c.connect();
        return c;
      });
      const c = await client;
      const queue: ReceivedEvent[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      let failure: Error | undefined;
      const end = (): void => {
        ended = true;
        wake?.();
      };
      ends.push(end);
      c.subscribe(
        topic,
        (_subscription, callbackType, data) => {
          if (callbackType === 'event') {
            const event = data as { replayId?: number; payload?: Record<string, unknown> };
            queue.push({ topic, replayId: event.replayId, payload: event.payload ?? {} });
          } else if (callbackType === 'error') {
            failure = new Error(`${topic}: ${String((data as Error)?.message ?? data)}`);
          } else if (callbackType === 'end') {
            ended = true;
          } else {
            return;
          }
          wake?.();
        },
        null
      );
      return {
        async *[Symbol.asyncIterator]() {
          for (;;) {
            while (queue.length > 0) {
              yield queue.shift() as ReceivedEvent;
            }
            if (failure !== undefined) {
              throw failure;
            }
            if (ended) {
              return;
            }
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
        }
      };
    },
    close() {
      for (const end of ends) {
        end();
      }
      void client?.then((c) => c.close());
    }
  };
}

/** Usage text printed by `--help`. */
export const USAGE = `Usage: tsx scripts/org/smoke.ts [options]

Live smoke test against an org with the project deployed (org:validate runs it in its scratch
org): a user's Phone change publishes exactly one ERP_Record_Changed__e; an ERP upsert through
the records API publishes none; a submitted order is acknowledged and becomes Activated.
Creates records keyed SMOKE-…; it does not delete them.

Options:
  --target-org <org>     alias or username known to the sf CLI (default: SF_INSTANCE_URL and
                         SF_ACCESS_TOKEN when set, else the CLI's default org)
  --timeout <seconds>    longest wait for an event or the activation (default 60)
  --quiet <seconds>      how long to watch for duplicate or unwanted events (default 15)
  --help                 this text

Exit: 0 every check passed; 1 a check failed; 2 usage error or no auth.`;

/** What the smoke CLI needs from outside. */
export interface SmokeMainDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
  /** Builds the event source (default: the Pub/Sub API). */
  readonly events?: (connection: OrgConnection) => EventSource;
  readonly timing?: SmokeTiming;
}

/**
 * Runs the smoke CLI.
 *
 * @param argv - arguments after the script name
 * @param deps - replaceable dependencies
 * @returns exit code and report
 */
export async function main(
  argv: string[],
  deps: SmokeMainDeps = {}
): Promise<{ code: 0 | 1 | 2; report?: SmokeReport }> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = deps.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'target-org': { type: 'string', short: 'o' },
        timeout: { type: 'string' },
        quiet: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
    if (values.help === true) {
      out(USAGE);
      return { code: 0 };
    }
    const seconds = (value: string | undefined, name: string): number | undefined => {
      if (value === undefined) {
        return undefined;
      }
      const n = Number(value);
      if (!(n > 0)) {
        throw new OrgAuthError(`${name} must be a positive number of seconds, got "${value}"`);
      }
      return n * 1000;
    };
    const timing: SmokeTiming = {
      timeoutMs: seconds(values.timeout, '--timeout'),
      quietMs: seconds(values.quiet, '--quiet'),
      ...deps.timing
    };
    const connection = await defaultConnectionResolver(deps.env ?? process.env)(
      values['target-org'],
      undefined
    )();
    const report = await runSmoke({
      rest: restClient(connection),
      events: (deps.events ?? pubSubEventSource)(connection),
      log: err,
      timing
    });
    out(report.ok ? 'smoke: all 3 checks passed' : 'smoke: FAILED');
    return { code: report.ok ? 0 : 1, report };
  } catch (error) {
    err(`smoke: ${(error as Error).message}`);
    return { code: 2 };
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main(process.argv.slice(2)).then(
    (result) => {
      process.exitCode = result.code;
    },
    (error: unknown) => {
      process.stderr.write(`smoke: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  );
}
