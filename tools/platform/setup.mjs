// The set-up `npm start` and `npm test` (and .ci/run through `npm test`) do before anything else, on a
// machine with only Node (20 or newer), npm and Go: Node 24, dependencies, FerretDB, nats-server and
// redis-server. Plain Node ESM that runs on Node 20: it runs before Node 24 and node_modules exist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { constants } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Where `npm start` keeps its data, logs, passwords and admin key: .vidnova/, or VIDNOVA_STATE_DIR (the
 * crash test runs a whole `npm start` of its own in a temporary one, beside any running platform).
 */
export const STATE = process.env.VIDNOVA_STATE_DIR ? resolve(process.env.VIDNOVA_STATE_DIR) : join(ROOT, '.vidnova');
export const LOGS = join(STATE, 'logs');

/** A set-up step that cannot go on; the message says what to do. */
export class SetupError extends Error {}

export const rel = (p) => p.replace(`${ROOT}/`, '');

const color = process.stdout.isTTY && !process.env.NO_COLOR;
export const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
/** One short line per step: `[start] ...`. */
export const sayAs = (tag) => (msg) => console.log(`${paint('1;36', `[${tag}]`)} ${msg}`);

export function which(cmd) {
  const local = join(ROOT, '.tools/bin', cmd);
  if (existsSync(local)) return local;
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  // Debian puts nats-server in /usr/sbin, which is not on every user's PATH.
  return (
    ['/usr/sbin', '/usr/local/sbin', '/sbin'].map((d) => join(d, cmd)).find((p) => existsSync(p)) ?? null
  );
}

export function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Runs a command to completion, its output to the terminal or (quietly) to a log file; resolves its exit code. */
export function run(cmd, args, { env = process.env, logFile, append = false } = {}) {
  return new Promise((done) => {
    if (logFile) mkdirSync(dirname(logFile), { recursive: true });
    const stdio = logFile
      ? ['ignore', openSync(logFile, append ? 'a' : 'w'), openSync(logFile, 'a')]
      : 'inherit';
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio });
    child.once('error', () => done(127));
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

export function portOpen(host, port, timeoutMs = 700) {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** First host:port of a URL such as mongodb://user:pw@h1:1,h2:2/db?x or nats://a:4222,b:4222. */
export function hostPort(url, defaultPort) {
  const rest = url.replace(/^[a-z+]+:\/\//i, '').replace(/^[^@/]*@/, '');
  const first = rest.split(/[,/?]/)[0];
  const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(first);
  return { host: m?.[1] || '127.0.0.1', port: Number(m?.[2] || defaultPort) };
}

// ---------------------------------------------------------------------------------------------- Node 24
/**
 * On Node 24 it returns. On any other Node it gets Node 24 into .tools/node (tools/platform/node24.sh,
 * from the npm registry, no root needed), runs this same script again under it, and exits with its code.
 */
export async function useNode24(say) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major === 24) return;
  if (process.env.VIDNOVA_NODE24_BIN)
    throw new SetupError(`re-ran under ${process.execPath}, which is ${process.version}, not Node 24`);
  say(
    `Node ${process.version} found; Vidnova runs on Node 24: getting it (tools/platform/node24.sh, into .tools/node)`,
  );
  const got = spawnSync('bash', [join(ROOT, 'tools/platform/node24.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bin = got.stdout?.trim().split('\n').pop();
  if (got.status !== 0 || !bin || !existsSync(join(bin, 'node'))) {
    throw new SetupError(
      'Could not get Node 24 (see above). Install it from https://nodejs.org/ (or `nvm install 24`) and run the command again.',
    );
  }
  const node = join(bin, 'node');
  say(`re-running under ${rel(node)} (${spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim()})`);
  // Same process group: Ctrl-C in a terminal reaches the child directly (npm may forward a second
  // copy to us, which we drop). Signals sent to this process alone are passed on.
  const child = spawn(node, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, VIDNOVA_NODE24_BIN: bin },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal);
    });
  }
  const code = await new Promise((done) =>
    child.once('exit', (c, signal) => done(c ?? 128 + (constants.signals[signal] ?? 1))),
  );
  process.exit(code);
}

// ---------------------------------------------------------------------------------------------- npm ci
/** Why node_modules needs `npm ci`, or null when it matches package-lock.json. */
export function dependenciesStale() {
  const installed = join(ROOT, 'node_modules/.package-lock.json');
  const lockFile = join(ROOT, 'package-lock.json');
  if (!existsSync(installed)) return 'node_modules is missing';
  if (statSync(installed).mtimeMs >= statSync(lockFile).mtimeMs) return null;
  // The lock file is newer (a pull, or only a checkout that touched it): compare what is installed.
  let want;
  let have;
  try {
    want = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
    have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  } catch {
    return 'node_modules/.package-lock.json is unreadable';
  }
  for (const [path, entry] of Object.entries(want)) {
    if (!path) continue;
    // Optional packages for other platforms (e.g. @swc/core-darwin-arm64) are rightly not installed.
    if (!have[path] && entry.optional) continue;
    if (!have[path] || have[path].version !== entry.version)
      return `package-lock.json changed (${path.replace(/^.*node_modules\//, '')} ${entry.version ?? ''} is not installed)`;
  }
  return null;
}

export async function ensureDependencies(say) {
  const why = dependenciesStale();
  if (!why) return say('dependencies: node_modules matches package-lock.json');
  const log = join(LOGS, 'npm-ci.log');
  say(`dependencies: ${why}; running npm ci (log ${rel(log)})`);
  const t0 = Date.now();
  const code = await run('npm', ['ci', '--no-audit', '--no-fund'], { logFile: log });
  if (code !== 0) throw new SetupError(`npm ci failed; last lines of ${rel(log)}:\n${tail(log, 30)}`);
  say(`dependencies: installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------- binaries
const isRoot = () => process.platform === 'linux' && process.getuid?.() === 0;

/**
 * The path of a server binary (nats-server, redis-server); when it is missing and we are root on a
 * Debian-like system, installs the Debian package first. Throws a SetupError saying what to install.
 */
export async function ensureTool(cmd, { aptPackage = cmd, brew = cmd, orSet }, say) {
  const found = which(cmd);
  if (found) return found;
  if (isRoot() && which('apt-get')) {
    const log = join(LOGS, `apt-${aptPackage}.log`);
    say(`${cmd} is not installed: apt-get install ${aptPackage} (log ${rel(log)})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok =
      (await run('apt-get', ['update', '-qq'], { env, logFile: log })) === 0 &&
      (await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', aptPackage], {
        env,
        logFile: log,
        append: true,
      })) === 0;
    const bin = which(cmd);
    if (ok && bin) return bin;
    throw new SetupError(`apt-get install ${aptPackage} failed; last lines of ${rel(log)}:\n${tail(log)}`);
  }
  throw new SetupError(
    `${cmd} is not installed. Install it (sudo apt-get install ${aptPackage}, or brew install ${brew}), ${orSet}`,
  );
}

/** .tools/bin/ferretdb, built with Go by tools/platform/ferretdb.sh on first use. */
export async function ensureFerretDB(say) {
  const bin = join(ROOT, '.tools/bin/ferretdb');
  if (existsSync(bin)) return bin;
  if (!which('go')) {
    throw new SetupError(
      'No MongoDB-compatible server is running and FerretDB is not built. Install Go (https://go.dev/dl/) and run the\n' +
        'command again (it builds FerretDB v1 with `bash tools/platform/ferretdb.sh`), or set MONGO_URL to a MongoDB 7 server\n' +
        '(e.g. `docker run -d -p 27017:27017 mongo:7`).',
    );
  }
  const log = join(LOGS, 'ferretdb-build.log');
  say(
    `MongoDB: building FerretDB v1 into .tools/bin with Go (first run only, a few minutes; log ${rel(log)})`,
  );
  const t0 = Date.now();
  if ((await run('bash', ['tools/platform/ferretdb.sh'], { logFile: log })) !== 0 || !existsSync(bin))
    throw new SetupError(
      `Building FerretDB failed; last lines of ${rel(log)}:\n${tail(log)}\nOr set MONGO_URL to a MongoDB 7 server.`,
    );
  say(`MongoDB: FerretDB built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return bin;
}

// ---------------------------------------------------------------------------------------------- FerretDB storage
/** Where PostgreSQL is looked for when POSTGRES_URL is not set (trust or ~/.pgpass authentication). */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/';

/**
 * FerretDB's storage: PostgreSQL when a server answers at POSTGRES_URL (default the local one), in a
 * database of its own (`dbName`, or the one POSTGRES_URL names unless `ownDatabase`), created with psql if missing; SQLite
 * otherwise, or when FERRETDB_HANDLER=sqlite. FerretDB v1 on PostgreSQL serves filtered reads from
 * indexes; on SQLite it scans (measured in issue 12: the duplicate check 842 ms at 16k documents on
 * SQLite, 13 ms on PostgreSQL). Resolves { handler: 'postgresql', url, label } or
 * { handler: 'sqlite', reason }.
 */
export async function ferretStorage(dbName, { ownDatabase = false } = {}) {
  const forced = process.env.FERRETDB_HANDLER;
  if (forced === 'sqlite') return { handler: 'sqlite', reason: 'FERRETDB_HANDLER=sqlite' };
  const wanted = forced === 'postgresql' ? (why) => {
    throw new SetupError(`FERRETDB_HANDLER=postgresql but ${why}`);
  } : (why) => ({ handler: 'sqlite', reason: why });
  let url;
  try {
    url = new URL(process.env.POSTGRES_URL || DEFAULT_POSTGRES_URL);
  } catch {
    return wanted(`POSTGRES_URL is not a URL`);
  }
  // ownDatabase (the tests): always `dbName`, never the database POSTGRES_URL names for `npm start`.
  const db = (!ownDatabase && decodeURIComponent(url.pathname.replace(/^\//, ''))) || dbName;
  const where = `${url.hostname}:${url.port || 5432}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(db)) return wanted(`the PostgreSQL database name ${db} is not a plain lower-case name`);
  if (!(await portOpen(url.hostname, Number(url.port || 5432)))) return wanted(`no PostgreSQL answers at ${where}`);
  const psql = which('psql');
  if (!psql) return wanted('psql is not installed (needed to create the database)');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const q = (sql) => spawnSync(psql, [admin.href, '-tAc', sql], { encoding: 'utf8', timeout: 10000 });
  const exists = q(`select 1 from pg_database where datname = '${db}'`);
  if (exists.status !== 0) return wanted(`PostgreSQL at ${where} refused psql: ${(exists.stderr || '').trim().split('\n')[0]}`);
  if (exists.stdout.trim() !== '1') {
    const created = q(`create database ${db}`);
    if (created.status !== 0 && !/already exists/.test(created.stderr)) {
      return wanted(`could not create database ${db} at ${where}: ${(created.stderr || '').trim().split('\n')[0]}`);
    }
  }
  url.pathname = `/${db}`;
  return { handler: 'postgresql', url: url.href, label: `PostgreSQL database ${db} at ${where}` };
}

/** FerretDB's command-line flags for a storage from ferretStorage(); `sqliteDir` holds SQLite files. */
export const ferretStorageArgs = (storage, sqliteDir) =>
  storage.handler === 'postgresql'
    ? ['--handler=postgresql', `--postgresql-url=${storage.url}`]
    : ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`];
