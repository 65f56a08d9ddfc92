#!/usr/bin/env node
// `npm test`: unit tests, then integration and end-to-end tests against real NATS, MongoDB-compatible
// storage and Redis, then the fault test (which starts and restarts servers of its own). First the
// set-up `npm start` does (tools/platform/setup.mjs): Node 24 (re-runs itself under it), `npm ci` when
// node_modules does not match package-lock.json, and what the jest global setup needs:
// MONGO_URL/NATS_URL/REDIS_URL when set; else a server on the default port; else temporary servers on
// free ports from local binaries (FerretDB built with Go here, on PostgreSQL when one answers at
// POSTGRES_URL — default the local one, database `vidnova_test`, never npm start's — else on SQLite;
// nats-server and redis-server installed with apt-get when missing and run as root) or testcontainers
// where Docker runs. After the integration tests, a smoke run (SMOKE) on the other FerretDB backend, so
// CI keeps both tested; it says so when it cannot (no PostgreSQL).
// Each run uses its own bus namespace and databases, so it can run beside `npm start` on the same servers.
// NATS is a nats-server of the run's own with the platform's NATS users (one per service and the gateway,
// each allowed only its subjects) whenever nats-server is installed; VIDNOVA_TEST_NATS=shared uses NATS_URL.
// Integration files run in band: services boot in-process. Extra arguments (e.g. a path) go to jest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import {
  ensureDependencies,
  ensureFerretDB,
  ensureTool,
  ferretStorage,
  hostPort,
  paint,
  portOpen,
  rel,
  sayAs,
  SetupError,
  useNode24,
} from './setup.mjs';

const say = sayAs('test');

/** Checks or prepares what libs/testing/src/infra.ts (the jest global setup) will use. */
async function prepareInfrastructure() {
  const wanted = ['MONGO_URL', 'NATS_URL', 'REDIS_URL'];
  const docker =
    wanted.some((k) => !process.env[k]) && spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  const servers = [
    { key: 'NATS_URL', name: 'NATS', port: 4222, tool: ['nats-server', { orSet: 'or set NATS_URL.' }] },
    { key: 'REDIS_URL', name: 'Redis', port: 6379, tool: ['redis-server', { brew: 'redis', orSet: 'or set REDIS_URL.' }] },
  ];
  for (const { key, name, port, tool } of servers) {
    const url = process.env[key];
    if (key === 'NATS_URL' && process.env.VIDNOVA_TEST_NATS !== 'shared') {
      // The jest global setup starts a nats-server of this run's own with the platform's NATS users and
      // permissions (libs/messaging/src/nats-permissions.ts), so the tests run the way production does.
      try {
        const bin = await ensureTool(tool[0], tool[1], say);
        say(`NATS: a temporary ${bin} with the platform's NATS users on a free port (VIDNOVA_TEST_NATS=shared: ${url ?? `the server on ${port}`}, without users)`);
        continue;
      } catch (e) {
        if (!(e instanceof SetupError)) throw e;
        say(paint('33', `NATS: ${e.message.split('\n')[0]}; the tests run without NATS users`));
      }
    }
    if (url) {
      const at = hostPort(url, port);
      if (!(await portOpen(at.host, at.port))) throw new SetupError(`${key}=${url} does not answer`);
      say(`${name}: ${url}`);
    } else if (docker) say(`${name}: a container (testcontainers)`);
    else if (await portOpen('127.0.0.1', port)) say(`${name}: the server on 127.0.0.1:${port}`);
    else {
      const bin = await ensureTool(tool[0], tool[1], say);
      say(`${name}: a temporary ${bin} on a free port`);
    }
  }
  const mongo = process.env.MONGO_URL;
  if (mongo) {
    const at = hostPort(mongo, 27017);
    if (!/^mongodb\+srv:/.test(mongo) && !(await portOpen(at.host, at.port)))
      throw new SetupError(`MONGO_URL=${mongo} does not answer`);
    say(`MongoDB: ${mongo.replace(/\/\/[^@]*@/, '//***@')}`);
    return 'given';
  }
  if (docker) {
    say('MongoDB: a mongo:7 container (testcontainers)');
    return 'given';
  }
  const bin = rel(await ensureFerretDB(say));
  const storage = await ferretStorage(TEST_DATABASE, { ownDatabase: true });
  if (storage.handler === 'postgresql') {
    process.env.TEST_FERRETDB_POSTGRESQL_URL = storage.url;
    say(`MongoDB: a temporary FerretDB (${bin}) on PostgreSQL (${storage.label}) on a free port`);
  } else {
    delete process.env.TEST_FERRETDB_POSTGRESQL_URL;
    say(`MongoDB: a temporary FerretDB (${bin}) on SQLite (${storage.reason}) on a free port`);
  }
  return storage.handler;
}

/** The fault test runs nats-server, redis-server and FerretDB of its own (test/faults/fault-harness.ts). */
async function prepareFaultServers() {
  const orSet = 'which the fault test (test/faults) starts and restarts itself.';
  await ensureTool('nats-server', { orSet }, say);
  await ensureTool('redis-server', { brew: 'redis', orSet }, say);
  await ensureFerretDB(say);
}

/** The PostgreSQL database of the tests: never `vidnova`, the one `npm start` uses. */
const TEST_DATABASE = 'vidnova_test';
/** Run again on the other FerretDB backend, so both stay tested (the whole suite runs on one). */
const SMOKE = ['test/e2e/diaspora-organizations.e2e-spec.ts', 'test/e2e/consultations-tallies.e2e-spec.ts'];

/** Environment for the smoke run on the FerretDB backend the main run did not use, or why there is none. */
async function smokeBackend(primary) {
  const env = { ...process.env };
  delete env.MONGO_URL; // the jest global setup starts a temporary FerretDB
  if (primary === 'postgresql') {
    delete env.TEST_FERRETDB_POSTGRESQL_URL;
    return { env, label: 'FerretDB on SQLite' };
  }
  await ensureFerretDB(say);
  const storage = await ferretStorage(TEST_DATABASE, { ownDatabase: true });
  if (storage.handler === 'postgresql') return { env: { ...env, TEST_FERRETDB_POSTGRESQL_URL: storage.url }, label: `FerretDB on PostgreSQL (${storage.label})` };
  if (primary === 'given') return { env, label: 'FerretDB on SQLite' };
  return { reason: `the suite ran on FerretDB/SQLite; FerretDB/PostgreSQL not run: ${storage.reason}` };
}

let primary;
try {
  await useNode24(say);
  say(`Node ${process.version}`);
  await ensureDependencies(say);
  primary = await prepareInfrastructure();
  await prepareFaultServers();
} catch (e) {
  if (!(e instanceof SetupError)) throw e;
  say(paint('31', e.message));
  process.exit(1);
}

const args = process.argv.slice(2);
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
mkdirSync('.vidnova', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const jest = (name, extra, runEnv = env) => {
  const out = `.vidnova/jest-${name}.json`;
  // A report left by an earlier run must never stand in for this one.
  rmSync(out, { force: true });
  const status = spawnSync('npx', ['jest', ...extra, ...args, '--json', `--outputFile=${out}`], { stdio: 'inherit', env: { ...runEnv, NODE_OPTIONS: env.NODE_OPTIONS } }).status ?? 1;
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    // jest has been seen to exit 0 (with --forceExit) after printing a failure: the report decides too.
    if (r.numFailedTests > 0 || r.numRuntimeErrorTestSuites > 0 || r.success === false) return status || 1;
  } catch {
    totals.failed += 1; // the runner itself failed before reporting
    console.error(`jest wrote no report for the ${name} tests (${out}): counted as a failure`);
    return status || 1;
  }
  return status;
};
// One plain summary line for CI, whatever the runner prints.
const finish = (status) => {
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(status);
};

const unit = jest('unit', ['--selectProjects', 'unit', '--passWithNoTests']);
if (unit !== 0) finish(unit);
// --forceExit: a client that outlives its test (an ioredis reconnect timer pointed at a closed port has
// been seen) must not keep CI waiting after every test has finished; leaks still show as the warning.
const integration = jest('integration', ['--selectProjects', 'integration', '--runInBand', '--passWithNoTests', '--forceExit']);
if (integration !== 0) finish(integration);
// A run narrowed by arguments (a path, a project) is not followed by the smoke run.
if (!args.length) {
  const smoke = await smokeBackend(primary).catch((e) => ({ reason: e.message }));
  if (smoke.reason) say(paint('33', `smoke run on the other FerretDB backend not run: ${smoke.reason}`));
  else {
    say(`smoke run on ${smoke.label}: ${SMOKE.join(', ')}`);
    const smoked = jest('smoke', ['--selectProjects', 'integration', '--runInBand', '--forceExit', ...SMOKE], smoke.env);
    if (smoked !== 0) finish(smoked);
  }
}
// Last, the fault test (test/faults): it restarts NATS, the database, Redis, a service and the gateway
// under load, on servers of its own (free ports, own data directories), so it never disturbs the
// servers above; about two minutes. Its table of figures is written to .vidnova/faults.md. With it the crash
// test (test/faults/supervision.fault-spec.ts) runs `npm start` itself on free ports and a temporary state
// directory, and SIGKILLs a service under load; its log lines are written to .vidnova/supervision.log.
finish(jest('faults', ['--selectProjects', 'faults', '--runInBand', '--passWithNoTests', '--forceExit']));
