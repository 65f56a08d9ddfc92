#!/usr/bin/env node
// `npm start`: brings up the whole platform on this machine without Docker.
//  1. runs itself under Node 24 (fetched into .tools/node when the machine has another Node) and runs
//     `npm ci` when node_modules is missing or does not match package-lock.json (tools/platform/setup.mjs);
//  2. uses MongoDB/NATS/Redis at MONGO_URL/NATS_URL/REDIS_URL when reachable, else starts them from
//     local binaries (nats-server -js, redis-server, FerretDB v1 built with Go on first use, on PostgreSQL
//     when one answers at POSTGRES_URL (default the local one; database `vidnova`, created), else SQLite;
//     nats-server/redis-server installed with apt-get when missing and run as root) with data in .vidnova/;
//     a nats-server it starts has a NATS user per service and one for the gateway, each allowed only its
//     own subjects (libs/messaging/src/nats-permissions.ts), with passwords generated on every start;
//  3. builds every project (nx run-many -t build);
//  4. starts every service in services/ (gateway last) as a child process, output prefixed, and
//     supervises them: one that exits unexpectedly is started again with exponential backoff, and given
//     up on when it keeps crashing (tools/platform/supervisor.cjs); the others keep serving meanwhile;
//  5. waits for the gateway's /health/ready and prints the Swagger URL and the admin API key;
//  6. on Ctrl-C / SIGTERM stops the gateway, then the services, then the infrastructure it started.
// VIDNOVA_STATE_DIR moves .vidnova/ (data, logs, passwords, admin key) elsewhere; VIDNOVA_SERVICES=a,b
// runs (and builds) only those services and the gateway.
// Plain Node ESM on purpose: it must run on Node 20 until it has re-run itself, before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ensureDependencies,
  ensureFerretDB,
  ensureTool,
  ferretStorage,
  ferretStorageArgs,
  hostPort,
  LOGS,
  paint,
  portOpen,
  rel,
  ROOT,
  run,
  sayAs,
  SetupError,
  STATE,
  tail,
  useNode24,
} from './setup.mjs';
import { crashLine, describeExit, restartSettingsFromEnv, RestartPolicy } from './supervisor.cjs';
import { ensurePgGinIndexes } from './pg-indexes.mjs';

const say = sayAs('start');

const fail = (msg) => {
  throw new SetupError(msg);
};

// ---------------------------------------------------------------------------------------------- 1
try {
  await useNode24(say);
} catch (e) {
  say(paint('31', e.message));
  process.exit(1);
}

/** Everything this script started, in start order; stopped in reverse. */
const started = [];
let stopping = false;
let exitCode = 0;

/** How services and workers are restarted (VIDNOVA_RESTART_*; checked before anything starts). */
let restartSettings;
try {
  restartSettings = restartSettingsFromEnv(process.env);
} catch (e) {
  say(paint('31', e.message));
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------- helpers
const isLocal = (host) => ['127.0.0.1', 'localhost', '::1', '0.0.0.0'].includes(host);

function portFree(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawns a long-running child in its own process group, so the terminal's Ctrl-C reaches only this
 * script, which then stops children in order.
 * A service or worker (kind 'service') that exits unexpectedly is supervised: started again with the same
 * command, environment and ports after the RestartPolicy's delay (a log line says which process, how it
 * ended, the attempt and the delay; another once it answers `readyUrl` again), or given up on with the
 * reason, while the rest keeps running. Infrastructure (NATS, Redis, FerretDB) exiting still stops
 * everything: the services cannot work without it.
 */
function launch(name, cmd, args, { env = process.env, logFile, prefix, kind = 'infra', readyUrl } = {}) {
  const entry = {
    name,
    kind,
    child: null,
    logFile,
    exited: false,
    code: null,
    readyUrl,
    policy: kind === 'service' ? new RestartPolicy(restartSettings) : null,
    restartTimer: null,
    gaveUp: null,
  };
  const spawnChild = () => {
    const stdio = logFile
      ? ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')]
      : ['ignore', 'pipe', 'pipe'];
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio, detached: true });
    Object.assign(entry, { child, exited: false, code: null });
    if (prefix) {
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
      }
    }
    child.once('exit', (code, signal) => {
      entry.exited = true;
      entry.code = code ?? signal;
      if (stopping) return;
      const lastLines = logFile ? `; last lines of ${logFile}:\n${tail(logFile)}` : '';
      if (!entry.policy) {
        say(paint('31', `${name} exited unexpectedly (${describeExit(code, signal)})${lastLines}`));
        exitCode = 1;
        void shutdown();
        return;
      }
      const exitedAt = Date.now();
      const decision = entry.policy.onCrash(exitedAt);
      say(paint(decision.action === 'restart' ? '33' : '31', crashLine(name, code, signal, decision, restartSettings)));
      if (decision.action === 'give-up') {
        entry.gaveUp = decision.reason;
        exitCode = 1;
        return;
      }
      entry.restartTimer = setTimeout(() => {
        entry.restartTimer = null;
        if (stopping) return;
        spawnChild();
        say(`restarted ${name} (attempt ${decision.attempt}, pid ${entry.child.pid})`);
        if (entry.readyUrl) void announceBack(entry, decision.attempt, exitedAt);
      }, decision.delayMs);
    });
  };
  spawnChild();
  started.push(entry);
  return entry;
}

/** Says when a restarted process answers its readiness check again (while that child lives). */
async function announceBack(entry, attempt, exitedAt) {
  const child = entry.child;
  while (!stopping && entry.child === child && !entry.exited) {
    try {
      const res = await fetch(entry.readyUrl, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        say(
          paint(
            '32',
            `${entry.name} is ready again after restart attempt ${attempt} (${((Date.now() - exitedAt) / 1000).toFixed(1)} s after it exited)`,
          ),
        );
        return;
      }
    } catch {
      // not yet
    }
    await sleep(250);
  }
}

async function waitForPort(entry, host, port, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (entry.exited)
      fail(`${entry.name} exited (${entry.code}) before it listened on ${port}:\n${tail(entry.logFile)}`);
    if (await portOpen(host, port, 300)) return;
    await sleep(200);
  }
  fail(`${entry.name} did not listen on ${host}:${port} within ${timeoutMs / 1000} s; see ${entry.logFile}`);
}

// ---------------------------------------------------------------------------------------------- 2
const NATS_PASSWORDS = join(STATE, 'nats-passwords.json');

/**
 * The NATS users of the platform (libs/messaging/src/nats-permissions.ts, one per service and one for
 * the gateway, each with its subject permissions): their nats-server block is written to `authFile`
 * (tools/platform/nats-config.ts, from the code as it is now) and each gets a fresh password, kept in
 * .vidnova/nats-passwords.json (readable by this user only; `npm run seed` uses the gateway's).
 */
function natsUsers(authFile) {
  const out = spawnSync(
    process.execPath,
    ['-r', './tools/ts-register.cjs', 'tools/platform/nats-config.ts', '--out', authFile],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (out.status !== 0) fail(`could not write the NATS users' configuration:\n${out.stderr}`);
  const users = JSON.parse(out.stdout.trim().split('\n').pop());
  // A letter first (NATS_PASSWORD_SHAPE in libs/config/src/secrets.ts): nats-server parses each password from its
  // environment as a config value, and one starting with "-" (1 in 64 of base64url) kept it from starting.
  const passwords = Object.fromEntries(users.map((u) => [u.user, `n${randomBytes(24).toString('base64url')}`]));
  writeFileSync(NATS_PASSWORDS, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  chmodSync(NATS_PASSWORDS, 0o600);
  return { users, passwords };
}

/**
 * Returns the NATS password of each user when this script starts nats-server itself (with the users),
 * or null when it uses a NATS that is already running (its users, if any, are the operator's: set
 * NATS_USER/NATS_PASSWORD in the environment).
 */
async function ensureNats(url) {
  const { host, port } = hostPort(url, 4222);
  if (existsSync(NATS_PASSWORDS)) unlinkSync(NATS_PASSWORDS);
  if (await portOpen(host, port)) {
    say(`NATS: using ${url} (services connect without NATS users unless NATS_USER/NATS_PASSWORD are set)`);
    return null;
  }
  if (!isLocal(host))
    fail(`NATS at ${url} is not reachable. Start it there, or unset NATS_URL to run one locally.`);
  const bin = await ensureTool(
    'nats-server',
    { orSet: 'or set NATS_URL to a NATS 2.10+ server with JetStream.' },
    say,
  );
  const dir = join(STATE, 'nats');
  const confDir = join(STATE, 'nats-config');
  mkdirSync(dir, { recursive: true });
  mkdirSync(confDir, { recursive: true, mode: 0o700 });
  const { users, passwords } = natsUsers(join(confDir, 'auth.conf'));
  const conf = join(confDir, 'nats-server.conf');
  writeFileSync(
    conf,
    [
      '# Written by `npm start` on every start; the users are in auth.conf, their passwords in the environment.',
      `listen: "127.0.0.1:${port}"`,
      `jetstream { store_dir: ${JSON.stringify(dir)} }`,
      'include ./auth.conf',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const env = { ...process.env, ...Object.fromEntries(users.map((u) => [u.passwordEnv, passwords[u.user]])) };
  const entry = launch('nats-server', bin, ['-c', conf], { env, logFile: join(LOGS, 'nats.log') });
  await waitForPort(entry, '127.0.0.1', port);
  say(
    `NATS: started nats-server -js on 127.0.0.1:${port} with a user per service (${users.length} users; ` +
      `passwords in ${rel(NATS_PASSWORDS)}; store ${rel(dir)}, log ${rel(entry.logFile)})`,
  );
  return passwords;
}

async function ensureRedis(url) {
  const { host, port } = hostPort(url, 6379);
  if (await portOpen(host, port)) return say(`Redis: using ${url}`);
  if (!isLocal(host))
    fail(`Redis at ${url} is not reachable. Start it there, or unset REDIS_URL to run one locally.`);
  const bin = await ensureTool(
    'redis-server',
    { brew: 'redis', orSet: 'or set REDIS_URL to a Redis 7 server.' },
    say,
  );
  const dir = join(STATE, 'redis');
  mkdirSync(dir, { recursive: true });
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
  ];
  const entry = launch('redis-server', bin, args, { logFile: join(LOGS, 'redis.log') });
  await waitForPort(entry, '127.0.0.1', port);
  say(`Redis: started redis-server on 127.0.0.1:${port} (data ${rel(dir)}, log ${rel(entry.logFile)})`);
}

/** The PostgreSQL database under the FerretDB this command started, if it started one on PostgreSQL. */
let ferretPostgresUrl = null;
/** How often the GIN indexes of collections created since are made (pg-indexes.mjs). */
const PG_INDEX_EVERY_MS = 5 * 60 * 1000;

/**
 * FerretDB v1 on PostgreSQL answers every equality, `_id` included, with a sequential scan unless these GIN
 * indexes exist (docs/decisions/0006): made once the services have created their collections and indexes,
 * then every few minutes for collections created later. A failure is said, never fatal: reads stay correct.
 */
function keepPgIndexes() {
  if (!ferretPostgresUrl) return;
  let running = false;
  const run = async (first) => {
    if (running || stopping) return;
    running = true;
    try {
      const r = await ensurePgGinIndexes(ferretPostgresUrl);
      if (first || r.created) say(`PostgreSQL: ${r.created} GIN indexes made for FerretDB's equality lookups (${r.total} in all, ${r.seconds.toFixed(1)} s; docs/decisions/0006)`);
    } catch (e) {
      say(paint('33', `PostgreSQL: the GIN indexes for FerretDB could not be made (${e.message}); lookups stay correct but scan their collections`));
    } finally {
      running = false;
    }
  };
  void run(true);
  setInterval(() => void run(false), PG_INDEX_EVERY_MS).unref();
}

async function ensureMongo(url) {
  if (/^mongodb\+srv:/.test(url))
    return say(`MongoDB: using ${url.replace(/\/\/[^@]*@/, '//***@')} (SRV, not probed)`);
  const { host, port } = hostPort(url, 27017);
  if (await portOpen(host, port)) return say(`MongoDB: using ${url.replace(/\/\/[^@]*@/, '//***@')}`);
  if (!isLocal(host))
    fail(
      `MongoDB at ${host}:${port} is not reachable. Start it there, or unset MONGO_URL to run FerretDB locally.`,
    );
  const bin = await ensureFerretDB(say);
  const dir = join(STATE, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  // PostgreSQL when one answers (POSTGRES_URL, default the local one; database `vidnova`), else SQLite.
  const storage = await ferretStorage('vidnova');
  if (storage.handler === 'postgresql') ferretPostgresUrl = storage.url;
  const args = [
    ...ferretStorageArgs(storage, dir),
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${dir}`,
    '--telemetry=disable',
    '--log-level=warn',
    '--debug-addr=-',
  ];
  const entry = launch('ferretdb', bin, args, { logFile: join(LOGS, 'ferretdb.log') });
  await waitForPort(entry, '127.0.0.1', port);
  say(
    storage.handler === 'postgresql'
      ? `MongoDB: started FerretDB v1 on PostgreSQL (${storage.label}) on 127.0.0.1:${port} (log ${rel(entry.logFile)}; FERRETDB_HANDLER=sqlite for SQLite in ${rel(dir)})`
      : `MongoDB: started FerretDB v1 on SQLite (${storage.reason}; set POSTGRES_URL for the faster PostgreSQL backend) on 127.0.0.1:${port} (data ${rel(dir)}, log ${rel(entry.logFile)})`,
  );
}

// ---------------------------------------------------------------------------------------------- 4
/** Services with an entry point; the gateway goes last so the others are subscribed when it checks them. */
function discoverServices() {
  const dir = join(ROOT, 'services');
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
  const runnable = [];
  for (const name of names) {
    if (existsSync(join(dir, name, 'src/main.ts'))) runnable.push(name);
    else say(paint('33', `skipping services/${name}: it has no src/main.ts yet`));
  }
  // VIDNOVA_SERVICES=a,b narrows the set (the gateway is always started).
  const only = process.env.VIDNOVA_SERVICES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (only) {
    const unknown = only.filter((n) => !runnable.includes(n));
    if (unknown.length)
      fail(
        `VIDNOVA_SERVICES names unknown or unrunnable services: ${unknown.join(', ')} (runnable: ${runnable.join(', ')})`,
      );
  }
  const chosen = runnable.filter((n) => n !== 'gateway' && (!only || only.includes(n)));
  // A service with src/worker.ts (reporting) also runs its worker as a process of its own: `<name>-worker`.
  const withWorkers = chosen.flatMap((n) => (existsSync(join(dir, n, 'src/worker.ts')) ? [n, `${n}-worker`] : [n]));
  return runnable.includes('gateway') ? [...withWorkers, 'gateway'] : withWorkers;
}

/** The folder and built entry point of a process: `reporting-worker` is services/reporting/dist/worker.js. */
function entryOf(name) {
  const worker = name.endsWith('-worker') && existsSync(join(ROOT, 'services', name.slice(0, -7), 'src/worker.ts'));
  const folder = worker ? name.slice(0, -7) : name;
  return { folder, main: join(ROOT, 'services', folder, 'dist', worker ? 'worker.js' : 'main.js'), worker };
}

function adminKey() {
  if (process.env.VIDNOVA_ADMIN_API_KEY) return { key: process.env.VIDNOVA_ADMIN_API_KEY, generated: false };
  // Kept in .vidnova/ so the key stays the same across restarts of a local platform.
  const file = join(STATE, 'admin-api-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false, file };
  const key = `vn_admin_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, generated: true, file };
}

const PALETTE = ['32', '35', '34', '33', '36', '92', '95', '94', '93', '96'];

async function startServices(names, urls, key, gatewayPort, natsPasswords) {
  let healthPort = Number(process.env.VIDNOVA_HEALTH_PORT_BASE ?? 3101);
  const width = Math.max(...names.map((n) => n.length));
  const others = names.filter((n) => n !== 'gateway');
  // Only the services answer over NATS (the gateway's readiness asks them); workers have health ports only.
  const readyServices = others.filter((n) => !entryOf(n).worker);
  const servicePorts = {};
  for (const [i, name] of names.entries()) {
    const { folder, main, worker } = entryOf(name);
    if (!existsSync(main))
      fail(`${rel(main)} is missing after the build; check the build target of ${folder}`);
    while (healthPort === gatewayPort || !(await portFree(healthPort))) healthPort++;
    const env = {
      ...process.env,
      ...urls,
      SERVICE_NAME: folder,
      ...(worker && process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
      // A local platform: development defaults for secrets (the bus signing secret) are accepted. Set
      // NODE_ENV=production and real secrets to run it as production.
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      HEALTH_PORT: String(healthPort),
      // Its own NATS user when this script started nats-server with the users.
      // (a worker connects as its service's user: reporting-worker as reporting).
      ...(natsPasswords ? { NATS_USER: folder, NATS_PASSWORD: natsPasswords[folder] ?? '' } : {}),
      VIDNOVA_ADMIN_API_KEY: key,
      LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
      ...(name === 'gateway'
        ? { PORT: String(gatewayPort), READY_SERVICES: process.env.READY_SERVICES ?? readyServices.join(',') }
        : {}),
    };
    if (name === 'gateway' && others.length) {
      // The gateway last, once every service answers its own readiness check.
      await Promise.all(
        others.map((n) =>
          waitReady(n, `http://127.0.0.1:${servicePorts[n]}/health/ready`, 60000, started.find((e) => e.name === n)),
        ),
      );
      if (stopping) return;
      say(`services ready: ${others.join(', ')}`);
    }
    const prefix = paint(PALETTE[i % PALETTE.length], `${name.padEnd(width)} |`);
    // Its own readiness (the gateway's /health/ready asks every service, so its liveness stands for it).
    const readyUrl =
      name === 'gateway' ? `http://127.0.0.1:${gatewayPort}/health/live` : `http://127.0.0.1:${healthPort}/health/ready`;
    const entry = launch(name, process.execPath, ['--enable-source-maps', ...heapFlags(folder), main], {
      env,
      prefix,
      kind: 'service',
      readyUrl,
    });
    say(
      `started ${name} (pid ${entry.child.pid}${name === 'gateway' ? `, port ${gatewayPort}` : `, health port ${healthPort}`})`,
    );
    servicePorts[name] = healthPort;
    healthPort++;
  }
}

/**
 * The V8 old-space cap a service declares in its package.json (`vidnova.maxOldSpaceMb`), as the image
 * and the benchmarks apply it; an explicit --max-old-space-size in NODE_OPTIONS wins.
 */
function heapFlags(name) {
  if (/--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '')) return [];
  const mb = JSON.parse(readFileSync(join(ROOT, 'services', name, 'package.json'), 'utf8')).vidnova?.maxOldSpaceMb;
  return mb ? [`--max-old-space-size=${mb}`] : [];
}

async function waitReady(what, url, timeoutMs, entry) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && !stopping) {
    if (entry?.gaveUp) fail(`${what} did not start: ${entry.gaveUp}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(500);
  }
  if (!stopping)
    fail(`${what} did not become ready within ${timeoutMs / 1000} s; last answer from ${url}: ${last}`);
}

// ---------------------------------------------------------------------------------------------- 6
let shuttingDown;
function shutdown() {
  shuttingDown ??= (async () => {
    stopping = true;
    // A restart that is waiting out its delay does not happen any more.
    for (const e of started) if (e.restartTimer) clearTimeout(e.restartTimer);
    const running = (e) => !e.exited;
    const stop = async (entries, timeoutMs) => {
      for (const e of entries.filter(running)) e.child.kill('SIGTERM');
      const deadline = Date.now() + timeoutMs;
      while (entries.some(running) && Date.now() < deadline) await sleep(100);
      for (const e of entries.filter(running)) {
        say(paint('31', `${e.name} did not stop within ${timeoutMs / 1000} s; killing it`));
        e.child.kill('SIGKILL');
      }
      while (entries.some(running)) await sleep(50);
    };
    const services = started.filter((e) => e.kind === 'service');
    const infra = started.filter((e) => e.kind === 'infra');
    const grace = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10000) + 3000;
    if (services.some(running)) say('stopping the gateway, then the services');
    // The gateway first, so no new request reaches a service that is draining.
    await stop(
      services.filter((e) => e.name === 'gateway'),
      grace,
    );
    await stop(
      services.filter((e) => e.name !== 'gateway'),
      grace,
    );
    if (infra.some(running))
      say(
        `stopping ${infra
          .filter(running)
          .map((e) => e.name)
          .join(', ')}`,
      );
    await stop([...infra].reverse(), 10000);
    say('stopped');
    process.exit(exitCode);
  })();
  return shuttingDown;
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    signals++;
    if (signals > 1) {
      // A second Ctrl-C: do not wait any longer.
      for (const e of started) if (!e.exited) e.child.kill('SIGKILL');
      process.exit(130);
    }
    process.stdout.write('\n');
    say(`${signal} received`);
    void shutdown();
  });
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  mkdirSync(LOGS, { recursive: true });
  const urls = {
    MONGO_URL: process.env.MONGO_URL || 'mongodb://127.0.0.1:27017',
    NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
  const gatewayPort = Number(process.env.PORT ?? 3000);
  if (!(await portFree(gatewayPort, '0.0.0.0'))) {
    fail(
      `port ${gatewayPort} is in use (another gateway running?). Stop it, or run with PORT=<other port> npm start.`,
    );
  }
  say(`Node ${process.version}`);
  await ensureDependencies(say);

  const natsPasswords = await ensureNats(urls.NATS_URL);
  await ensureRedis(urls.REDIS_URL);
  await ensureMongo(urls.MONGO_URL);
  if (stopping) return;

  const services = discoverServices();
  // VIDNOVA_SERVICES: only those services (and their libraries, through nx) are built.
  const projects = process.env.VIDNOVA_SERVICES ? [...new Set(services.map((n) => entryOf(n).folder))] : null;
  say(`building: npx nx run-many -t build${projects ? ` -p ${projects.join(',')}` : ''}`);
  const buildLog = join(LOGS, 'build.log');
  const t0 = Date.now();
  const built = await run('npx', ['nx', 'run-many', '-t', 'build', ...(projects ? ['-p', projects.join(',')] : []), '--output-style=static'], {
    env: { ...process.env, NX_DAEMON: 'false' },
    logFile: buildLog,
  });
  if (stopping) return;
  if (built !== 0) fail(`the build failed; last lines of ${rel(buildLog)}:\n${tail(buildLog, 40)}`);
  say(
    `built in ${((Date.now() - t0) / 1000).toFixed(1)} s (${tail(buildLog, 30).match(/Successfully ran target build for \d+ projects/)?.[0] ?? 'ok'})`,
  );

  if (services.some((n) => entryOf(n).worker) && !process.env.CHROMIUM_PATH) {
    // The report worker prints PDFs with Debian's chromium (installed with apt-get when missing, as root).
    process.env.CHROMIUM_PATH = await ensureTool('chromium', { brew: 'chromium', orSet: 'or set CHROMIUM_PATH to a Chromium binary.' }, say);
  }
  const key = adminKey();
  await startServices(services, urls, key.key, gatewayPort, natsPasswords);

  const base = `http://127.0.0.1:${gatewayPort}`;
  await waitReady(
    'the platform',
    `${base}/health/ready`,
    Number(process.env.START_READY_TIMEOUT_MS ?? 90000),
  );
  if (stopping) return;
  keepPgIndexes();
  const keyNote = process.env.VIDNOVA_ADMIN_API_KEY
    ? '(from VIDNOVA_ADMIN_API_KEY)'
    : `(${key.generated ? 'generated now' : 'generated earlier'}, kept in ${rel(key.file)}; set VIDNOVA_ADMIN_API_KEY to choose your own)`;
  console.log(
    [
      '',
      paint('1;32', `Vidnova is ready: ${services.join(', ')}`),
      `  Swagger UI     ${base}/docs`,
      `  OpenAPI        ${base}/docs/openapi.json`,
      `  Readiness      ${base}/health/ready`,
      `  Admin API key  ${key.key}  ${keyNote}`,
      `  Try it         curl -H 'X-API-Key: <admin key>' '${base}/api/v1/diaspora/organizations?limit=5'`,
      '  Press Ctrl-C to stop everything this command started.',
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  if (!(e instanceof SetupError)) console.error(e);
  say(paint('31', e instanceof SetupError ? e.message : 'failed'));
  exitCode = 1;
  void shutdown();
});
