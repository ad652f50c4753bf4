/**
 * Tests of the connection resolvers org scripts share: `@salesforce/core` (through an injected
 * org factory, and the real one against an alias no machine has), the environment, and which one
 * the scripts use by default.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defaultConnectionResolver,
  OrgAuthError,
  salesforceCoreOrgFactory,
  sfCoreConnectionResolver,
  type CoreOrgFactory
} from '../org/connection.js';

function factory(
  answer: Awaited<ReturnType<CoreOrgFactory['connect']>> | Error,
  seen: Array<string | undefined> = []
): CoreOrgFactory {
  return {
    connect: async (aliasOrUsername) => {
      seen.push(aliasOrUsername);
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    }
  };
}

const AUTHORISED = {
  instanceUrl: 'https://acme.my.salesforce.com/',
  accessToken: '00D!token',
  apiVersion: '64.0',
  username: 'admin@acme.example'
};

describe('the @salesforce/core resolver', () => {
  it('returns the org stored auth, normalised, for the named org', async () => {
    const seen: Array<string | undefined> = [];
    const connection = await sfCoreConnectionResolver('acme', {
      factory: factory(AUTHORISED, seen)
    })();
    assert.deepEqual(seen, ['acme']);
    assert.deepEqual(connection, {
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: '00D!token',
      apiVersion: '64.0',
      label: 'acme'
    });
  });

  it('uses the default target org and names it by username; --api-version wins', async () => {
    const seen: Array<string | undefined> = [];
    const connection = await sfCoreConnectionResolver(undefined, {
      apiVersion: 'v65.0',
      factory: factory(AUTHORISED, seen)
    })();
    assert.deepEqual(seen, [undefined]);
    assert.equal(connection.apiVersion, '65.0');
    assert.equal(connection.label, 'admin@acme.example');
  });

  it('turns a library error into an OrgAuthError that says what to do', async () => {
    await assert.rejects(
      sfCoreConnectionResolver('gone', {
        factory: factory(new Error('No authorization information found for gone.'))
      })(),
      (error: unknown) =>
        error instanceof OrgAuthError &&
        /cannot use gone: No authorization information found for gone\. — check `sf org list`/.test(
          error.message
        )
    );
  });

  it('passes an OrgAuthError through unchanged', async () => {
    const original = new OrgAuthError('no default target org: pass --target-org');
    await assert.rejects(
      sfCoreConnectionResolver(undefined, { factory: factory(original) })(),
      (error: unknown) => error === original
    );
  });

  it('refuses an org without an access token or with a bad instance URL', async () => {
    await assert.rejects(
      sfCoreConnectionResolver('acme', {
        factory: factory({ ...AUTHORISED, accessToken: undefined })
      })(),
      /acme has no access token; log in again/
    );
    await assert.rejects(
      sfCoreConnectionResolver('acme', {
        factory: factory({ ...AUTHORISED, instanceUrl: 'ftp://acme' })
      })(),
      /instanceUrl "ftp:\/\/acme" is not an http\(s\) URL/
    );
  });

  it('reports an alias this machine does not know through the real library', async () => {
    await assert.rejects(
      sfCoreConnectionResolver('erp-bridge-no-such-alias-7f3b', {
        factory: salesforceCoreOrgFactory
      })(),
      (error: unknown) =>
        error instanceof OrgAuthError &&
        /^cannot use erp-bridge-no-such-alias-7f3b: /.test(error.message)
    );
  });
});

describe('the default resolver', () => {
  it('takes SF_INSTANCE_URL and SF_ACCESS_TOKEN when no org is named', async () => {
    const seen: Array<string | undefined> = [];
    const connection = await defaultConnectionResolver(
      { SF_INSTANCE_URL: 'http://127.0.0.1:4711', SF_ACCESS_TOKEN: 'token' },
      factory(AUTHORISED, seen)
    )(undefined, undefined)();
    assert.equal(connection.instanceUrl, 'http://127.0.0.1:4711');
    assert.deepEqual(seen, [], 'the library is not asked');
  });

  it('asks @salesforce/core for a named org even when the variables are set', async () => {
    const seen: Array<string | undefined> = [];
    const connection = await defaultConnectionResolver(
      { SF_INSTANCE_URL: 'http://127.0.0.1:4711', SF_ACCESS_TOKEN: 'token' },
      factory(AUTHORISED, seen)
    )('acme', '63.0')();
    assert.deepEqual(seen, ['acme']);
    assert.equal(connection.apiVersion, '63.0');
  });
});
