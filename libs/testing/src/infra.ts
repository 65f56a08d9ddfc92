import { ChildProcess, execFileSync } from 'node:child_process';
import { newNatsPassword } from '@vidnova/config';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { natsAuthorizationConfig, platformUsers } from '@vidnova/messaging';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ServerProcess, startServer, waitForPort } from './servers';

export interface InfraUrls {
  MONGO_URL: string;
  NATS_URL: string;
  REDIS_URL: string;
}

interface Started {
  urls: InfraUrls;
  /** The NATS users' passwords (`NATS_PASSWORD_<USER>`) when NATS runs with users; empty otherwise. */
  natsUsers: Record<string, string>;
  stop(): Promise<void>;
}

const repoRoot = resolve(__dirname, '../../..');

function portFromUrl(url: string, fallback: number): { host: string; port: number } {
  const u = new URL(url.split(',')[0]);
  return { host: u.hostname, port: Number(u.port || fallback) };
}

const reachable = async (url: string, fallback: number) => {
  const { host, port } = portFromUrl(url, fallback);
  try {
    await waitForPort(host, port, 500);
    return true;
  } catch {
    return false;
  }
};

const which = (cmd: string): string | null => {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    // Debian puts nats-server in /usr/sbin, which is not on every user's PATH.
    return ['/usr/sbin', '/usr/local/sbin', '/sbin'].map((d) => join(d, cmd)).find((p) => existsSync(p)) ?? null;
  }
};

const dockerEngineRuns = (): boolean => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};


/**
 * Finds the infrastructure for tests: env vars first; otherwise testcontainers where a Docker engine
 * runs; otherwise local binaries (FerretDB built by tools/platform/ferretdb.sh, nats-server, redis-server).
 */
export async function ensureInfra(opts: { natsUsers?: { namespace: string } } = {}): Promise<Started> {
  const servers: ServerProcess[] = [];
  const containers: Array<{ stop(): Promise<unknown> }> = [];
  const stops: Array<() => Promise<void>> = [];
  const urls: Partial<InfraUrls> = {};
  for (const key of ['MONGO_URL', 'NATS_URL', 'REDIS_URL'] as const) if (process.env[key]) urls[key] = process.env[key];

  // With NATS users wanted (the jest global setup), NATS is a nats-server of this run's own when one is installed.
  const ownNats = !!opts.natsUsers && process.env.VIDNOVA_TEST_NATS !== 'shared' && !!which('nats-server');
  if (ownNats) delete urls.NATS_URL;
  const missing = (['MONGO_URL', 'NATS_URL', 'REDIS_URL'] as const).filter((k) => !urls[k] && !(k === 'NATS_URL' && ownNats));
  if (missing.length && dockerEngineRuns()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tc = require('testcontainers') as typeof import('testcontainers');
    if (!urls.MONGO_URL) {
      const c = await new tc.GenericContainer('mongo:7').withExposedPorts(27017).start();
      containers.push(c);
      urls.MONGO_URL = `mongodb://${c.getHost()}:${c.getMappedPort(27017)}`;
    }
    if (!urls.NATS_URL) {
      const c = await new tc.GenericContainer('nats:2.10').withCommand(['-js']).withExposedPorts(4222).start();
      containers.push(c);
      urls.NATS_URL = `nats://${c.getHost()}:${c.getMappedPort(4222)}`;
    }
    if (!urls.REDIS_URL) {
      const c = await new tc.GenericContainer('redis:7').withExposedPorts(6379).start();
      containers.push(c);
      urls.REDIS_URL = `redis://${c.getHost()}:${c.getMappedPort(6379)}`;
    }
  }
  let natsUsers: Record<string, string> = {};
  if (opts.natsUsers && process.env.VIDNOVA_TEST_NATS !== 'shared' && which('nats-server')) {
    // A nats-server of this run's own with the platform's users and permissions, so every test runs
    // the way production does; the NATS at NATS_URL (or 4222) may have no users and is left alone.
    const nats = await startNatsWithUsers({ namespace: opts.natsUsers.namespace });
    stops.push(() => nats.stop());
    urls.NATS_URL = nats.url;
    natsUsers = nats.passwords;
  }
  if (!urls.NATS_URL) {
    if (await reachable('nats://127.0.0.1:4222', 4222)) urls.NATS_URL = 'nats://127.0.0.1:4222';
    else {
      const bin = which('nats-server');
      if (!bin) throw new Error('NATS is not reachable and nats-server is not installed: set NATS_URL or install nats-server');
      const store = mkdtempSync(join(tmpdir(), 'vidnova-nats-'));
      const nats = await startServer({ name: 'nats-server', bin, args: (port) => ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store] });
      servers.push(nats);
      urls.NATS_URL = `nats://127.0.0.1:${nats.port}`;
    }
  }
  if (!urls.REDIS_URL) {
    if (await reachable('redis://127.0.0.1:6379', 6379)) urls.REDIS_URL = 'redis://127.0.0.1:6379';
    else {
      const bin = which('redis-server');
      if (!bin) throw new Error('Redis is not reachable and redis-server is not installed: set REDIS_URL or install redis-server');
      const redis = await startServer({
        name: 'redis-server',
        bin,
        args: (port) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      });
      servers.push(redis);
      urls.REDIS_URL = `redis://127.0.0.1:${redis.port}`;
    }
  }
  if (!urls.MONGO_URL) {
    const bin = [join(repoRoot, '.tools/bin/ferretdb'), which('ferretdb')].find((p): p is string => !!p && existsSync(p));
    if (!bin) {
      throw new Error(
        'No MongoDB-compatible server: set MONGO_URL, run a Docker engine, or build FerretDB with `bash tools/platform/ferretdb.sh`',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'vidnova-ferretdb-'));
    // tools/platform/test.mjs sets TEST_FERRETDB_POSTGRESQL_URL (a database of the tests' own, never the
    // one `npm start` uses) when a PostgreSQL server answers; SQLite otherwise.
    const pg = process.env.TEST_FERRETDB_POSTGRESQL_URL;
    const ferretdb = await startServer({
      name: 'ferretdb',
      bin,
      logDir: dir,
      args: (port) => [
        ...(pg ? ['--handler=postgresql', `--postgresql-url=${pg}`] : ['--handler=sqlite', `--sqlite-url=file:${dir}/`]),
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${dir}`,
        '--telemetry=disable',
        '--log-level=error',
        '--debug-addr=-',
      ],
    });
    servers.push(ferretdb);
    urls.MONGO_URL = `mongodb://127.0.0.1:${ferretdb.port}`;
  }
  return {
    urls: urls as InfraUrls,
    natsUsers,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      for (const stop of stops) await stop();
      for (const c of containers) await c.stop();
    },
  };
}

export interface NatsWithUsers {
  url: string;
  /** `NATS_PASSWORD_<USER>` → password, for every user of platformUsers(). */
  passwords: Record<string, string>;
  configFile: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a nats-server (JetStream, a free port, a temporary store) with the platform's NATS users and
 * subject permissions for `namespace` (libs/messaging/src/nats-permissions.ts), each with a fresh random
 * password, written into a config file readable by this user only.
 */
export async function startNatsWithUsers(opts: { namespace: string; port?: number }): Promise<NatsWithUsers> {
  const bin = which('nats-server');
  if (!bin) throw new Error('nats-server is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'vidnova-nats-users-'));
  const users = platformUsers({ namespace: opts.namespace });
  const passwords: Record<string, string> = {};
  for (const u of users) passwords[u.passwordEnv] = newNatsPassword();
  const configFile = join(dir, 'nats-server.conf');
  const server = await startServer({
    name: 'nats',
    bin,
    port: opts.port,
    logDir: dir,
    args: (port) => {
      writeFileSync(
        configFile,
        `listen: "127.0.0.1:${port}"\njetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }\n` +
          natsAuthorizationConfig(users, (u) => passwords[u.passwordEnv]),
        { mode: 0o600 },
      );
      return ['-c', configFile];
    },
  });
  return {
    url: `nats://127.0.0.1:${server.port}`,
    passwords,
    configFile,
    logFile: server.logFile,
    child: server.child,
    /** Stops the server and removes its configuration (the passwords) and store. */
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
