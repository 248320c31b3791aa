import { existsSync } from 'node:fs';
import { z } from 'zod';
import { zodDetails } from '../domain/shared/zodDetails.ts';
import { timezoneSchema } from '../domain/tenant/values.ts';
import { MAX_TOKEN_TTL_HOURS } from './auth/tokens.ts';

// All configuration, from the environment (and `.env`). Anything unset falls back to the
// embedded default; a bad value stops start-up with one line naming the variable.
// A whole number from the environment. Not z.coerce: it reads `PORT=` as 0, which would
// quietly listen on a random port.
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `is set but empty: unset it for the default, or give ${what}`)
    .regex(/^\d*$/, `Expected ${what}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `Expected ${what}`).max(max, `Expected ${what}`));

// The credential vault's key: the base64 of 32 random bytes (`openssl rand -base64 32`).
const credentialsKey = z
  .string()
  .trim()
  .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32, 'Expected the base64 of 32 random bytes, such as the output of openssl rand -base64 32');

export const configSchema = z.object({
  PORT: wholeNumber(1, 65535, 'a port from 1 to 65535').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  // What this process runs (DESIGN §8): everything (`npm start`), the API and console only
  // (stateless instances beside workers; needs the stores shared: MONGO_URL, or one DATA_DIR),
  // or the workers only (projections, launch saga, scheduler, anchors: `adledger worker`).
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  // esdb:// and esdb+discover:// only: @eventstore/db-client 6.2.1 rejects kurrentdb:// at connect.
  ESDB_URL: z.string().regex(/^(esdb|esdb\+discover):\/\//, 'Expected esdb://host:port?tls=false or esdb+discover://… (the client we use does not take kurrentdb://)').optional(),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'Expected mongodb://host:port/').optional(),
  MONGO_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default('adledger'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: z.enum(['on', 'off']).default('on'),
  AUTH_SECRET: z.string().min(32, 'Expected at least 32 characters').optional(),
  // Capped: a token is checked against the directory on every request, but one that leaks
  // should still die by itself within a day (api/auth/tokens.ts signs no longer).
  TOKEN_TTL_HOURS: wholeNumber(1, MAX_TOKEN_TTL_HOURS, `a number of hours from 1 to ${MAX_TOKEN_TTL_HOURS} (the longest a token may live)`).default(12),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // The agency's Google Ads API access (client, secret and developer token together, or none:
  // then the sandbox serves Google Ads).
  GOOGLE_ADS_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_ADS_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_ADS_DEVELOPER_TOKEN: z.string().min(1).optional(),
  GOOGLE_ADS_REFRESH_TOKEN: z.string().min(1).optional(),
  // The agency's Meta access: the page link ads run from, with the agency's system-user token
  // (or, left out, each tenant's own stored token); the app secret signs every call.
  META_PAGE_ID: z.string().regex(/^\d{1,30}$/, 'Expected a Facebook page id (digits)').optional(),
  META_ACCESS_TOKEN: z.string().min(1).optional(),
  META_APP_SECRET: z.string().min(1).optional(),
  GOOGLE_ADS_LOGIN_CUSTOMER_ID: z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/, 'Expected the manager account id, 123-456-7890').optional(),
  CREDENTIALS_KEY: credentialsKey.optional(),
  // The reporting warehouse: BigQuery when a project is named (credentials the Google way:
  // GOOGLE_APPLICATION_CREDENTIALS), else DuckDB in DATA_DIR. The endpoint is for the emulator.
  BIGQUERY_PROJECT: z.string().regex(/^[a-z][a-z0-9.:-]{0,99}$/, 'Expected a Google Cloud project id such as my-project').optional(),
  BIGQUERY_DATASET: z.string().regex(/^[A-Za-z0-9_]{1,1024}$/, 'Expected a dataset name: letters, digits, underscores').default('adledger'),
  BIGQUERY_LOCATION: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'Expected a BigQuery location such as EU or europe-west1').optional(),
  BIGQUERY_API_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  // The spec's scheduled workflows (daily sync 08:00, …) and the zone their times are read in.
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  SCHEDULE_TIMEZONE: timezoneSchema.default('Asia/Hong_Kong'),
  // The audit keys (HMAC chains, anchors): a file outside the event store's files, made on
  // first start (default DATA_DIR/audit-keys.json). Anchors of the log head are taken every
  // N minutes and/or N events (0: not by that measure) by the instance holding the lease.
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_ANCHOR_EVERY_MINUTES: wholeNumber(0, 24 * 60, 'a number of minutes from 0 (off) to 1440').default(10),
  AUDIT_ANCHOR_EVERY_EVENTS: wholeNumber(0, 100_000_000, 'a number of events, 0 for off').default(10_000),
});
export type Config = z.infer<typeof configSchema>;

// The refresh token may be left out: then only tenants that stored their own reach Google Ads.
const googleAdsKeys = ['GOOGLE_ADS_CLIENT_ID', 'GOOGLE_ADS_CLIENT_SECRET', 'GOOGLE_ADS_DEVELOPER_TOKEN'] as const;

// A half-configured platform is a mistake to stop at, not a reason to fall back quietly.
function checkPlatforms(config: Config): string | undefined {
  const set = googleAdsKeys.filter((k) => config[k] !== undefined);
  if (config.META_PAGE_ID === undefined && (config.META_ACCESS_TOKEN !== undefined || config.META_APP_SECRET !== undefined)) return 'config: META_PAGE_ID: must be set with META_ACCESS_TOKEN or META_APP_SECRET (the page the ads run from)';
  if (set.length === 0 && config.GOOGLE_ADS_REFRESH_TOKEN !== undefined) return 'config: GOOGLE_ADS_REFRESH_TOKEN: is set without GOOGLE_ADS_CLIENT_ID, GOOGLE_ADS_CLIENT_SECRET, GOOGLE_ADS_DEVELOPER_TOKEN';
  if (set.length > 0 && set.length < googleAdsKeys.length) return `config: ${googleAdsKeys.filter((k) => config[k] === undefined).join(', ')}: must be set with ${set.join(', ')} (or unset them all for the sandbox)`;
  return undefined;
}

// An emulator endpoint without a project would quietly fall back to DuckDB.
const checkWarehouse = (config: Config): string | undefined =>
  config.BIGQUERY_API_ENDPOINT !== undefined && config.BIGQUERY_PROJECT === undefined ? 'config: BIGQUERY_PROJECT: must be set with BIGQUERY_API_ENDPOINT' : undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const parsed = configSchema.safeParse(env);
  if (parsed.success) {
    const partial = checkPlatforms(parsed.data) ?? checkWarehouse(parsed.data);
    if (partial) throw new ConfigError(partial);
    return parsed.data;
  }
  const { path, message } = zodDetails(parsed.error)[0]!;
  throw new ConfigError(`config: ${path}: ${message}`);
}

export class ConfigError extends Error {}
