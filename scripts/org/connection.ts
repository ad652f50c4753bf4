/**
 * How org scripts reach an org: an {@link OrgConnection} (instance URL, access token, API
 * version) obtained by a resolver. Two resolvers ship: one runs `sf org display --json` (the
 * Salesforce CLI's stored auth, `--target-org` alias or username), one reads `SF_INSTANCE_URL` /
 * `SF_ACCESS_TOKEN` (CI and tests). A resolver built on `@salesforce/core` can be added behind the
 * same interface.
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

/**
 * The resolver org scripts use by default: `SF_INSTANCE_URL`/`SF_ACCESS_TOKEN` when both are set
 * and no `--target-org` is given, otherwise `sf org display` for the named (or default) org.
 *
 * @param env - the environment
 * @returns a factory taking `--target-org` and `--api-version`
 */
export function defaultConnectionResolver(env: NodeJS.ProcessEnv = process.env) {
  return (targetOrg: string | undefined, apiVersion: string | undefined): ConnectionResolver => {
    if (targetOrg === undefined && env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
      return envConnectionResolver(env);
    }
    return sfCliConnectionResolver(targetOrg, { apiVersion });
  };
}
