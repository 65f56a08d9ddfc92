import { loadConfig } from '@vidnova/config';
import { ApiClient, ApiResponse, dropDatabases, infraEnv, TEST_ADMIN_KEY, testDbName } from '@vidnova/testing';
import { RunningService, startService } from '@vidnova/runtime';
import { AppModule as DiasporaModule, DiasporaConfig } from '@vidnova/diaspora-registry';
import { AppModule as ConsultationsModule, ConsultationsConfig } from '@vidnova/consultations';
import { AppModule as BudgetModule, BudgetConfig } from '@vidnova/budget-analysis';
import { GatewayConfig, RunningGateway, startGateway } from '@vidnova/gateway';
import { AppModule as EnterpriseEfficiencyModule, EnterpriseEfficiencyConfig } from '@vidnova/enterprise-efficiency';
import { AppModule as DialogueEventsModule, DialogueEventsConfig } from '@vidnova/dialogue-events';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { GATEWAY_NATS_USER, natsConnectOptions, natsUserFromEnv } from '@vidnova/messaging';

/** NATS_USER/NATS_PASSWORD of `user` when the tests' NATS has users (libs/testing global setup), else nothing. */
export function natsCredentials(user: string): Record<string, string> {
  const auth = natsUserFromEnv(user);
  return auth ? { NATS_USER: auth.user, NATS_PASSWORD: auth.pass } : {};
}

/**
 * A raw NATS connection as `user` (a stand-in service, an observer, a forger), with that user's
 * permissions when the tests' NATS has users.
 */
export function natsConnectAs(user: string): Promise<NatsConnection> {
  return connect(natsConnectOptions(infraEnv().NATS_URL, `e2e-${user}`, natsUserFromEnv(user)));
}
import { AppModule as ReportingModule, ReportingConfig } from '@vidnova/reporting';

export type ServiceFactory = (env: Record<string, string>) => Promise<RunningService>;

/** Every service the e2e tests can boot in-process, exactly as its main.ts does. */
export const SERVICES: Record<string, { db: string; start: ServiceFactory }> = {
  'diaspora-registry': {
    db: 'diaspora-registry',
    start: (env) => {
      const config = loadConfig(DiasporaConfig, env);
      return startService(DiasporaModule.forRoot(config), config);
    },
  },
  consultations: {
    db: 'consultations',
    start: (env) => {
      const config = loadConfig(ConsultationsConfig, env);
      return startService(ConsultationsModule.forRoot(config), config);
    },
  },
  'budget-analysis': {
    db: 'budget-analysis',
    start: (env) => {
      const config = loadConfig(BudgetConfig, env);
      return startService(BudgetModule.forRoot(config), config);
    },
  },
  'enterprise-efficiency': {
    db: 'enterprise-efficiency',
    start: (env) => {
      const config = loadConfig(EnterpriseEfficiencyConfig, env);
      return startService(EnterpriseEfficiencyModule.forRoot(config), config);
    },
  },
  reporting: {
    db: 'reporting',
    start: (env) => {
      const config = loadConfig(ReportingConfig, env);
      return startService(ReportingModule.forRoot(config), config);
    },
  },
  'dialogue-events': {
    db: 'dialogue-events',
    start: (env) => {
      const config = loadConfig(DialogueEventsConfig, env);
      return startService(DialogueEventsModule.forRoot(config), config);
    },
  },
};

export interface TestPlatform {
  api: ApiClient;
  admin: ApiClient;
  gateway: RunningGateway;
  services: Record<string, RunningService[]>;
  env: Record<string, string>;
  /** The test database of each service (a second process of a service, e.g. the report worker, uses the same), and `gateway`. */
  dbs: Record<string, string>;
  /** Starts one more instance of a service (same database, same queue group). */
  startInstance(name: string): Promise<RunningService>;
  stop(): Promise<void>;
}

/**
 * Boots the gateway and the named services in this process, against real NATS and MongoDB, with a
 * database per service that is dropped afterwards. NATS subjects are shared, so e2e files that boot
 * the same service run in band (see jest config).
 */
export async function startPlatform(
  names: string[],
  gatewayEnv: Record<string, string> = {},
  serviceEnv: Record<string, string> = {},
  /** Databases to use (by service, `gateway` for the gateway's) instead of fresh ones, e.g. restored ones. Dropped at stop like the others. */
  dbNames: Record<string, string> = {},
): Promise<TestPlatform> {
  const infra = infraEnv();
  const dbs: string[] = [];
  const env: Record<string, string> = { ...infra, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' };
  const services: Record<string, RunningService[]> = {};
  const dbFor: Record<string, string> = {};
  for (const name of names) {
    dbFor[name] = dbNames[name] ?? testDbName(SERVICES[name].db);
    dbs.push(dbFor[name]);
  }
  const startInstance = async (name: string) => {
    const s = await SERVICES[name].start({ ...env, ...natsCredentials(name), SERVICE_NAME: name, MONGO_DB: dbFor[name], SHUTDOWN_TIMEOUT_MS: '5000', ...serviceEnv });
    (services[name] ??= []).push(s);
    return s;
  };
  for (const name of names) await startInstance(name);
  const gwDb = dbNames.gateway ?? testDbName('gateway');
  dbs.push(gwDb);
  const gwConfig = loadConfig(GatewayConfig, {
    ...env,
    ...natsCredentials(GATEWAY_NATS_USER),
    PORT: '0',
    HOST: '127.0.0.1',
    MONGO_DB: gwDb,
    VIDNOVA_ADMIN_API_KEY: TEST_ADMIN_KEY,
    READY_SERVICES: names.join(','),
    // Off unless a test turns it on (gateway-rate-limit.e2e-spec.ts): load-style tests would hit 600/min.
    RATE_LIMIT_PER_MINUTE: '0',
    // Likewise the per-address limits (gateway-limits.e2e-spec.ts turns them on): every test client is 127.0.0.1.
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    AUTH_FAILURES_PER_MINUTE: '0',
    ...gatewayEnv,
  });
  const gateway = await startGateway(gwConfig);
  const api = new ApiClient(gateway.url);
  return {
    api,
    admin: api.withKey(TEST_ADMIN_KEY),
    gateway,
    services,
    env,
    dbs: { ...dbFor, gateway: gwDb },
    startInstance,
    async stop() {
      const t0 = Date.now();
      if (process.env.TEST_DEBUG_STOP) console.log('stopping');
      await gateway.stop();
      if (process.env.TEST_DEBUG_STOP) console.log('gateway stopped');
      const t1 = Date.now();
      for (const list of Object.values(services)) for (const s of list) await s.stop();
      const t2 = Date.now();
      await dropDatabases(infra.MONGO_URL, dbs);
      if (process.env.TEST_DEBUG_STOP) console.log(`stop: gateway ${t1 - t0} ms, services ${t2 - t1} ms, drop ${Date.now() - t2} ms`);
    },
  };
}

/**
 * Follows an accepted import until its report is `completed` or `failed`, and returns that last answer
 * of the import record. Takes the `202` answer (checked for its `Location`) or the location itself.
 */
export async function untilImported(client: ApiClient, accepted: ApiResponse | string, timeoutMs = 60000): Promise<ApiResponse> {
  const location = typeof accepted === 'string' ? accepted : accepted.headers.get('location');
  if (typeof accepted !== 'string' && (accepted.status !== 202 || !location)) {
    throw new Error(`expected 202 with a Location, got ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  }
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const res = await client.get(location!);
    if (res.status !== 200 || res.body?.status !== 'processing') return res;
    if (Date.now() > deadline) throw new Error(`import ${location} still processing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
