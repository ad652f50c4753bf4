/**
 * The smoke test's logic with fake clients: a fake org (REST) that publishes events into fake
 * Pub/Sub streams (async iterables) the way the project's triggers would — and variants that
 * publish nothing, publish duplicates, publish for inbound writes, or never activate the order.
 * Also the Pub/Sub adapter over a fake `salesforce-pubsub-api-client`, and the smoke CLI.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RestResponse } from '../org/rest.js';
import {
  EventCollector,
  main,
  ORDER_SUBMITTED_TOPIC,
  pubSubEventSource,
  RECORD_CHANGED_TOPIC,
  runSmoke,
  type EventSource,
  type PubSubClientLike,
  type ReceivedEvent,
  type SmokeRest
} from '../org/smoke.js';
import { installRestData } from './loopback/rest-data.js';
import { startLoopback } from './loopback/server.js';

const TIMING = { timeoutMs: 150, quietMs: 40, settleMs: 0, pollMs: 5 };

/** A push-based async iterable. */
class Stream implements AsyncIterable<ReceivedEvent> {
  private readonly queue: ReceivedEvent[] = [];
  private wake?: () => void;
  private ended = false;
  push(event: ReceivedEvent): void {
    this.queue.push(event);
    this.wake?.();
  }
  end(): void {
    this.ended = true;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<ReceivedEvent> {
    for (;;) {
      while (this.queue.length > 0) {
        yield this.queue.shift() as ReceivedEvent;
      }
      if (this.ended) {
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

interface FakeOrgOptions {
  /** Events per user update (default 1). */
  userEvents?: number;
  /** Publish for inbound upserts (a bug the smoke test must catch). */
  inboundPublishes?: boolean;
  /** Never publish the order event. */
  noOrderEvent?: boolean;
  /** The order never activates. */
  neverActivates?: boolean;
  /** Apex fails. */
  apexFails?: boolean;
  /** Phone missing from Changed_Fields__c. */
  wrongFields?: boolean;
}

function fakeOrg(options: FakeOrgOptions = {}) {
  const streams = new Map<string, Stream>();
  const calls: string[] = [];
  let closed = false;
  let ids = 0;
  const records = new Map<string, Record<string, unknown>>();
  const publish = (topic: string, payload: Record<string, unknown>): void => {
    setTimeout(() => streams.get(topic)?.push({ topic, payload }), 2);
  };
  const events: EventSource = {
    async subscribe(topic) {
      const stream = new Stream();
      streams.set(topic, stream);
      return stream;
    },
    close() {
      closed = true;
      for (const s of streams.values()) {
        s.end();
      }
    }
  };
  const rest: SmokeRest = {
    dataPath: '/services/data/v65.0',
    async request<T>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
      calls.push(`${method} ${path.split('?')[0]}`);
      const reply = (value: unknown): RestResponse<T> => ({
        status: 200,
        body: value as T,
        headers: new Headers()
      });
      const fields = (body ?? {}) as Record<string, unknown>;
      let m: RegExpExecArray | null;
      if (method === 'POST' && (m = /\/sobjects\/(\w+)$/.exec(path)) !== null) {
        const id = `${m[1].slice(0, 3)}${String(++ids).padStart(15, '0')}`;
        records.set(id, { ...fields, Status: fields.Status });
        if (m[1] === 'Account') {
          publish(RECORD_CHANGED_TOPIC, {
            Record_ID__c: id,
            Change_Type__c: 'CREATE',
            Changed_Fields__c: '{}'
          });
        }
        return reply({ id });
      }
      if (method === 'PATCH' && (m = /\/sobjects\/Account\/(\w+)$/.exec(path)) !== null) {
        for (let i = 0; i < (options.userEvents ?? 1); i++) {
          publish(RECORD_CHANGED_TOPIC, {
            Record_ID__c: m[1],
            Change_Type__c: 'UPDATE',
            Changed_Fields__c: JSON.stringify(
              options.wrongFields ? { name: 'x' } : { phone: fields.Phone }
            )
          });
        }
        return reply(undefined);
      }
      if (method === 'GET' && path.includes('/query')) {
        const q = decodeURIComponent(path.split('q=')[1]);
        if (q.includes('IsStandard')) {
          return reply({ records: [{ Id: '01s000000000000001' }] });
        }
        const account = [...records].find(([, r]) => q.includes(String(r.ERP_Account_ID__c)));
        return reply({ records: account ? [{ Id: account[0] }] : [] });
      }
      if (path.includes('/tooling/executeAnonymous')) {
        const apex = decodeURIComponent(path.split('anonymousBody=')[1]);
        const orderId = /'(\w+)'/.exec(apex)?.[1] ?? '';
        if (options.apexFails) {
          return reply({ compiled: true, success: false, exceptionMessage: 'NO_LINES' });
        }
        if (!options.noOrderEvent) {
          publish(ORDER_SUBMITTED_TOPIC, {
            Order_ID__c: orderId,
            Idempotency_Key__c: `SF-${orderId}-v1`
          });
        }
        records.set('submitted', { orderId });
        return reply({ compiled: true, success: true });
      }
      if (path.endsWith('/records/account')) {
        const record = (fields.records as { externalId: string }[])[0];
        if (options.inboundPublishes) {
          publish(RECORD_CHANGED_TOPIC, {
            Record_ID__c: '001IN',
            External_ID__c: record.externalId,
            Change_Type__c: 'CREATE'
          });
        }
        return reply({ results: [{ id: '001IN', outcome: 'created', errors: [] }] });
      }
      if (path.endsWith('/orders/acknowledgements')) {
        const key = (fields.records as { integrationKey: string }[])[0].integrationKey;
        const orderId = key.slice(3, -3);
        if (!options.neverActivates) {
          const order = records.get(orderId);
          if (order) {
            order.Status = 'Activated';
            order.ERP_Status__c = 'Acknowledged';
          }
        }
        return reply({ results: [{ id: orderId, outcome: 'updated', errors: [] }] });
      }
      if (method === 'GET' && (m = /\/sobjects\/Order\/(\w+)$/.exec(path.split('?')[0])) !== null) {
        return reply(records.get(m[1]));
      }
      throw new Error(`unexpected ${method} ${path}`);
    }
  };
  return { rest, events, calls, isClosed: () => closed };
}

describe('smoke test logic', () => {
  it('passes all three checks against a well-behaved org and closes the subscriptions', async () => {
    const org = fakeOrg();
    const log: string[] = [];
    const report = await runSmoke({
      ...org,
      timing: TIMING,
      log: (l) => log.push(l),
      runId: '20260101120000'
    });
    assert.equal(report.ok, true, JSON.stringify(report.checks, null, 2));
    assert.deepEqual(
      report.checks.map((c) => c.name),
      ['user change', 'inbound quiet', 'order round trip']
    );
    assert.match(report.checks[0].detail, /one event for Account .*"phone":"\+1 555 1120000"/);
    assert.match(
      report.checks[1].detail,
      /upsert created SMOKE-IN-20260101120000 .*no event in 40 ms/
    );
    assert.match(
      report.checks[2].detail,
      /submitted as SF-.*-v1, acknowledged, Activated \(ERP status Acknowledged\)/
    );
    assert.ok(org.isClosed());
    assert.ok(org.calls.includes('POST /services/apexrest/erp-bridge/v1/orders/acknowledgements'));
    assert.match(log.join('\n'), /smoke: ok {3}user change/);
  });

  it('fails "user change" on no event (timeout), duplicate events, and missing phone', async () => {
    for (const [options, pattern] of [
      [{ userEvents: 0 }, /no ERP_Record_Changed__e UPDATE for Account \w+ within 150 ms/],
      [
        { userEvents: 2 },
        /2 ERP_Record_Changed__e UPDATE events for Account \w+; expected exactly one/
      ],
      [{ wrongFields: true }, /Changed_Fields__c \{"name":"x"\} lacks "phone"/]
    ] as const) {
      const report = await runSmoke({ ...fakeOrg(options), timing: TIMING });
      assert.equal(report.ok, false);
      assert.equal(report.checks[0].ok, false);
      assert.match(report.checks[0].detail, pattern);
    }
  });

  it('fails "inbound quiet" when an inbound upsert publishes', async () => {
    const report = await runSmoke({ ...fakeOrg({ inboundPublishes: true }), timing: TIMING });
    assert.equal(report.checks[1].ok, false);
    assert.match(report.checks[1].detail, /published 1 ERP_Record_Changed__e; expected none/);
    assert.equal(report.checks[2].ok, true);
  });

  it('fails "order round trip" without the event, without activation, or when Apex fails', async () => {
    const noEvent = await runSmoke({ ...fakeOrg({ noOrderEvent: true }), timing: TIMING });
    assert.match(noEvent.checks[2].detail, /no ERP_Order_Submitted__e for Order \w+ within 150 ms/);
    const stuck = await runSmoke({ ...fakeOrg({ neverActivates: true }), timing: TIMING });
    assert.match(
      stuck.checks[2].detail,
      /is Draft \(ERP status none\) 150 ms after the acknowledgement; expected Activated/
    );
    const apex = await runSmoke({ ...fakeOrg({ apexFails: true }), timing: TIMING });
    assert.match(apex.checks[2].detail, /anonymous Apex failed: NO_LINES/);
  });

  it('reports a subscription that cannot be made, and a stream that fails', async () => {
    const broken = await runSmoke({
      rest: fakeOrg().rest,
      events: {
        subscribe: () => Promise.reject(new Error('UNAUTHENTICATED')),
        close: () => undefined
      },
      timing: TIMING
    });
    assert.equal(broken.ok, false);
    assert.match(broken.checks[0].detail, /smoke test could not run: UNAUTHENTICATED/);
    const failing = new EventCollector([
      {
        // eslint-disable-next-line require-yield
        async *[Symbol.asyncIterator]() {
          throw new Error('stream reset');
        }
      }
    ]);
    await assert.rejects(
      failing.waitFor(() => true, 50),
      /event stream failed: stream reset/
    );
  });
});

describe('Pub/Sub event source adapter', () => {
  it('turns client callbacks into async iterables, connecting once', async () => {
    const callbacks = new Map<string, (s: unknown, type: string, data?: unknown) => void>();
    let connects = 0;
    let closed = false;
    const configs: Record<string, unknown>[] = [];
    const client: PubSubClientLike = {
      connect: async () => {
        connects++;
      },
      subscribe: (topic, callback, numRequested) => {
        assert.equal(numRequested, null);
        callbacks.set(topic, callback);
      },
      close: () => {
        closed = true;
      }
    };
    const source = pubSubEventSource(
      {
        instanceUrl: 'https://x.my.salesforce.com',
        accessToken: '00D000000000001!tok',
        apiVersion: '65.0'
      },
      async (config) => {
        configs.push(config);
        return client;
      }
    );
    const changed = await source.subscribe(RECORD_CHANGED_TOPIC);
    const orders = await source.subscribe(ORDER_SUBMITTED_TOPIC);
    assert.equal(connects, 1);
    assert.deepEqual(configs, [
      {
        authType: 'user-supplied',
        accessToken: '00D000000000001!tok',
        instanceUrl: 'https://x.my.salesforce.com'
      }
    ]);
    const collector = new EventCollector([changed, orders]);
    const fire = callbacks.get(RECORD_CHANGED_TOPIC);
    fire?.({}, 'grpcKeepAlive');
    fire?.({}, 'event', { replayId: 7, payload: { Record_ID__c: '001A' } });
    fire?.({}, 'event', { replayId: 8 });
    const got = await collector.waitFor((e) => e.topic === RECORD_CHANGED_TOPIC, 100, 2);
    assert.deepEqual(got, [
      { topic: RECORD_CHANGED_TOPIC, replayId: 7, payload: { Record_ID__c: '001A' } },
      { topic: RECORD_CHANGED_TOPIC, replayId: 8, payload: {} }
    ]);
    callbacks.get(ORDER_SUBMITTED_TOPIC)?.({}, 'error', new Error('PERMISSION_DENIED'));
    await assert.rejects(
      collector.waitFor(() => false, 100),
      /event stream failed: \/event\/ERP_Order_Submitted__e: PERMISSION_DENIED/
    );
    fire?.({}, 'end');
    source.close();
    await new Promise((r) => setTimeout(r, 5));
    assert.ok(closed);
  });
});

describe('smoke CLI', () => {
  it('--help, bad options, no auth, and a run against a loopback org', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const deps = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    assert.equal((await main(['--help'], deps)).code, 0);
    assert.match(out.join('\n'), /Usage: tsx scripts\/org\/smoke\.ts/);
    assert.equal((await main(['--timeout', '0'], deps)).code, 2);
    assert.match(err.join('\n'), /--timeout must be a positive number of seconds/);
    const server = await startLoopback();
    installRestData(server);
    try {
      const r = await main(['--quiet', '0.01', '--timeout', '0.05'], {
        ...deps,
        env: { SF_INSTANCE_URL: server.url, SF_ACCESS_TOKEN: server.accessToken },
        events: () => fakeOrg().events,
        timing: { settleMs: 0, pollMs: 5 }
      });
      // The loopback org has no triggers: the user change yields no event, so the check fails.
      assert.equal(r.code, 1);
      assert.equal(r.report?.checks[0].ok, false);
      assert.match(out.join('\n'), /smoke: FAILED/);
    } finally {
      await server.stop();
    }
  });
});
