/**
 * How org scripts reach an org: an {@link OrgConnection} (instance URL, access token, API
 * version) obtained by a resolver. Three resolvers ship: {@link sfCoreConnectionResolver} uses
 * `@salesforce/core` (the auth the Salesforce CLI stores: `--target-org` alias or username, or the
 * default target org; it refreshes the access token), {@link sfCliConnectionResolver} runs
 * `sf org display --json`, and {@link envConnectionResolver} reads `SF_INSTANCE_URL` /
 * `SF_ACCESS_TOKEN` (CI and tests). {@link defaultConnectionResolver} picks one.
 *
 * @module
 */
import { spawn } from 'node:child_process';

/** What an org script needs to call an org's REST and Bulk APIs. */
export interface OrgConnection {
  /** e.g. `https://acme.my.salesforce.com` (no trailing slash). */
  readonly instanceUrl: string;
  /** OAuth access token (session ID), sent as `Authorization: Bearer`. */
  readonly accessToken: string;
  /** API version without the `v`, e.g. `65.0`. */
  readonly apiVersion: string;
  /** Username or alias the connection belongs to, for messages. */
  readonly label?: string;
}

/** Obtains a connection; rejects with {@link OrgAuthError} when none can be had. */
export type ConnectionResolver = () => Promise<OrgConnection>;

/** No usable authentication: no org, unknown alias, expired session, `sf` missing. */
export class OrgAuthError extends Error {
  /** @param message - what is wrong and what to do */
  constructor(message: string) {
    super(message);
    this.name = 'OrgAuthError';
  }
}

/** Default API version when nothing says otherwise (the project's `sourceApiVersion`). */
export const DEFAULT_API_VERSION = '65.0';

function normaliseVersion(version: string | undefined): string {
  const v = (version ?? DEFAULT_API_VERSION).replace(/^v/i, '');
  if (!/^\d+\.\d$/.test(v)) {
    throw new OrgAuthError(`API version "${version}" is not like 65.0`);
  }
  return v;
}

function normaliseUrl(url: string, source: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error('not http(s)');
    }
    return parsed.origin;
  } catch {
    throw new OrgAuthError(`${source} "${url}" is not an http(s) URL`);
  }
}

/**
 * A resolver reading `SF_INSTANCE_URL`, `SF_ACCESS_TOKEN` and optionally `SF_API_VERSION`.
 *
 * @param env - the environment (default `process.env`)
 * @returns the resolver
 */
export function envConnectionResolver(env: NodeJS.ProcessEnv = process.env): ConnectionResolver {
  return async () => {
    const instanceUrl = env.SF_INSTANCE_URL;
    const accessToken = env.SF_ACCESS_TOKEN;
    if (!instanceUrl || !accessToken) {
      throw new OrgAuthError(
        'no org: pass --target-org <alias|username> (after `sf org login web --alias <alias>`) ' +
          'or set SF_INSTANCE_URL and SF_ACCESS_TOKEN'
      );
    }
    return {
      instanceUrl: normaliseUrl(instanceUrl, 'SF_INSTANCE_URL'),
      accessToken,
      apiVersion: normaliseVersion(env.SF_API_VERSION),
      label: 'SF_INSTANCE_URL'
    };
  };
}

/** Shape of `sf org display --json` output that matters here. */
interface SfOrgDisplay {
  status?: number;
  name?: string;
  message?: string;
  result?: {
    instanceUrl?: string;
    accessToken?: string;
    apiVersion?: string;
    username?: string;
    alias?: string;
    connectedStatus?: string;
  };
}

/**
 * A resolver running `sf org display --target-org <org> --json`.
 *
 * @param targetOrg - alias or username; `undefined` uses the CLI's default target org
 * @param options - `command`: the `sf` executable (default `sf`); `apiVersion`: overrides the
 *   org's
 * @returns the resolver
 */
export function sfCliConnectionResolver(
  targetOrg: string | undefined,
  options: { command?: string; apiVersion?: string } = {}
): ConnectionResolver {
  return async () => {
    const args = ['org', 'display', '--json'];
    if (targetOrg !== undefined) {
      args.push('--target-org', targetOrg);
    }
    const command = options.command ?? 'sf';
    const { code, stdout, spawnError } = await run(command, args);
    if (spawnError !== undefined) {
      throw new OrgAuthError(
        spawnError.code === 'ENOENT'
          ? `the Salesforce CLI (${command}) is not installed or not on PATH; install @salesforce/cli ` +
              'or set SF_INSTANCE_URL and SF_ACCESS_TOKEN'
          : `cannot run ${command}: ${spawnError.message}`
      );
    }
    let parsed: SfOrgDisplay;
    try {
      parsed = JSON.parse(stdout) as SfOrgDisplay;
    } catch {
      throw new OrgAuthError(`\`${command} ${args.join(' ')}\` did not print JSON (exit ${code})`);
    }
    const org = targetOrg ?? 'the default target org';
    if (code !== 0 || parsed.status !== 0 || parsed.result === undefined) {
      const reason = parsed.message ?? parsed.name ?? `exit ${code}`;
      const hint = /NoDefault|default/i.test(`${parsed.name} ${reason}`)
        ? ' — pass --target-org <alias|username>'
        : ` — check \`${command} org list\`, or log in with \`${command} org login web --alias <alias>\``;
      throw new OrgAuthError(`cannot use ${org}: ${reason}${hint}`);
    }
    const { instanceUrl, accessToken, apiVersion, username } = parsed.result;
    if (!instanceUrl || !accessToken) {
      throw new OrgAuthError(
        `${org} has no access token (status: ${parsed.result.connectedStatus ?? 'unknown'}); ` +
          `log in again with \`${command} org login web\``
      );
    }
    return {
      instanceUrl: normaliseUrl(instanceUrl, 'instanceUrl'),
      accessToken,
      apiVersion: normaliseVersion(options.apiVersion ?? apiVersion),
      label: parsed.result.alias ?? username ?? targetOrg
    };
  };
}

function run(
  command: string,
  args: string[]
): Promise<{ code: number; stdout: string; spawnError?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: -1, stdout, spawnError: error })
    );
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

/** What {@link sfCoreConnectionResolver} needs of `@salesforce/core`: an org by alias or username. */
export interface CoreOrgFactory {
  /**
   * @param aliasOrUsername - the org; `undefined` for the default target org
   * @returns the org's connection details after refreshing its access token
   */
  connect(aliasOrUsername: string | undefined): Promise<{
    instanceUrl: string | undefined;
    accessToken: string | undefined;
    apiVersion: string | undefined;
    username: string | undefined;
  }>;
}

/** The real factory: `Org.create` over the auth files the Salesforce CLI writes. */
export const salesforceCoreOrgFactory: CoreOrgFactory = {
  async connect(aliasOrUsername) {
    // Loaded on use: the library costs ~50 MB and half a second, which scripts given
    // SF_INSTANCE_URL/SF_ACCESS_TOKEN (CI, the benchmark) never need.
    const { ConfigAggregator, Org, OrgConfigProperties } = await import('@salesforce/core');
    let target = aliasOrUsername;
    if (target === undefined) {
      const config = await ConfigAggregator.create();
      target = config.getPropertyValue<string>(OrgConfigProperties.TARGET_ORG);
      if (target === undefined) {
        throw new OrgAuthError(
          'no default target org: pass --target-org <alias|username> or run `sf config set target-org <alias>`'
        );
      }
    }
    const org = await Org.create({ aliasOrUsername: target });
    await org.refreshAuth();
    const connection = org.getConnection();
    return {
      instanceUrl: connection.instanceUrl,
      accessToken: connection.accessToken ?? undefined,
      apiVersion: connection.getApiVersion(),
      username: org.getUsername()
    };
  }
};

/**
 * A resolver built on `@salesforce/core`: the org's stored auth (as `sf org login` left it), with
 * the access token refreshed. Needs no Salesforce CLI executable.
 *
 * @param targetOrg - alias or username; `undefined` uses the default target org
 * @param options - `apiVersion`: overrides the org's; `factory`: the org source (tests)
 * @returns the resolver
 */
export function sfCoreConnectionResolver(
  targetOrg: string | undefined,
  options: { apiVersion?: string; factory?: CoreOrgFactory } = {}
): ConnectionResolver {
  return async () => {
    const factory = options.factory ?? salesforceCoreOrgFactory;
    const org = targetOrg ?? 'the default target org';
    let details: Awaited<ReturnType<CoreOrgFactory['connect']>>;
    try {
      details = await factory.connect(targetOrg);
    } catch (error) {
      if (error instanceof OrgAuthError) {
        throw error;
      }
      const reason = (error as Error).message;
      throw new OrgAuthError(
        `cannot use ${org}: ${reason} — check \`sf org list\`, or log in with \`sf org login web --alias <alias>\``
      );
    }
    if (!details.instanceUrl || !details.accessToken) {
      throw new OrgAuthError(`${org} has no access token; log in again with \`sf org login web\``);
    }
    return {
      instanceUrl: normaliseUrl(details.instanceUrl, 'instanceUrl'),
      accessToken: details.accessToken,
      apiVersion: normaliseVersion(options.apiVersion ?? details.apiVersion),
      label: targetOrg ?? details.username
    };
  };
}

/**
 * The resolver org scripts use by default: `SF_INSTANCE_URL`/`SF_ACCESS_TOKEN` when both are set
 * and no `--target-org` is given, otherwise `@salesforce/core` for the named (or default) org.
 *
 * @param env - the environment
 * @param factory - the org source of the `@salesforce/core` resolver (tests)
 * @returns a factory taking `--target-org` and `--api-version`
 */
export function defaultConnectionResolver(
  env: NodeJS.ProcessEnv = process.env,
  factory: CoreOrgFactory = salesforceCoreOrgFactory
) {
  return (targetOrg: string | undefined, apiVersion: string | undefined): ConnectionResolver => {
    if (targetOrg === undefined && env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
      return envConnectionResolver(env);
    }
    return sfCoreConnectionResolver(targetOrg, { apiVersion, factory });
  };
}
