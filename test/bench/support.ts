/**
 * What every benchmark shares (not a benchmark itself: run.mjs only runs `*.bench.ts`):
 * - the platform as separate processes, started the way `npm start` starts it (built `dist/main.js`
 *   of each service, the gateway last), with rate limits off (see platformEnv for the bus namespace);
 * - per-process peak memory: each child's own peak RSS (Linux VmHWM, reset at the start of each
 *   phase through /proc/<pid>/clear_refs), the benchmark process's own, and the infrastructure's
 *   (NATS, Redis, MongoDB/FerretDB found by their listening port; sampled, as they are not ours to reset);
 * - a failure rule: any response that is not the expected 2xx fails the whole run (exit 1) with a
 *   message saying what was answered, so no figure ever counts refused or failed requests;
 * - markdown tables.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@vidnova/testing';

export { freePort };

export const ROOT = resolve(__dirname, '../..');

export const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

/** A benchmark that measured something other than what it claims: printed plainly, exit code 1. */
export class BenchFailure extends Error {}

export function fail(message: string): never {
  throw new BenchFailure(message);
}

/** Throws unless `status` is the one expected; `what` says which request, `body` what came back. */
export function expectStatus(what: string, status: number, expected: number | number[], body?: unknown): void {
  const ok = Array.isArray(expected) ? expected.includes(status) : status === expected;
  if (!ok) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    fail(`${what}: expected ${[expected].flat().join(' or ')}, got ${status}${text ? ` ${text.slice(0, 400)}` : ''}`);
  }
}

/** Benchmarks run with the gateway's rate limit off: a RateLimit header on an answer means it is on. */
export function expectNoRateLimit(what: string, headers: Headers): void {
  if (headers.has('ratelimit-limit')) fail(`${what}: the gateway rate-limits (RateLimit headers present); benchmarks run it with RATE_LIMIT_PER_MINUTE=0`);
}

// ------------------------------------------------------------------------------------------ processes

export interface Proc {
  name: string;
  pid: number;
  /** Our own child (its peak can be reset), the benchmark process itself, or infrastructure we only observe. */
  kind: 'child' | 'self' | 'infra';
  child?: ChildProcess;
  /** Base URL: the gateway's API, a service's health server. */
  url?: string;
}

const children: ChildProcess[] = [];

/**
 * `nx run-many -t build` for the given projects (their libraries too), as `npm start` does; cached by
 * nx. `--no-build` runs whatever dist/ holds (to measure an experimental change to a built file).
 */
export function build(projects: string[]): void {
  if (process.argv.includes('--no-build')) return console.log('--no-build: running the dist/ folders as they are');
  const t0 = Date.now();
  process.stdout.write(`building ${projects.join(', ')} (nx, cached)… `);
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', projects.join(','), '--output-style=static'], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  if (r.status !== 0) fail(`the build failed:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-30).join('\n')}`);
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Environment every process of one benchmark run shares: infrastructure and quiet logs. A bus
 * namespace (VIDNOVA_BUS_NAMESPACE, or `--bus-namespace=<ns>`, or `--bus-namespace=auto` for a fresh
 * one) keeps a running `npm start` on the same NATS from answering the benchmark's requests; it works
 * only once every service handler subscribes through @Handles(op), so it is not on by default yet.
 */
export function platformEnv(urls: Record<string, string>): Record<string, string> {
  // Every handler is namespaced now: by default a bench gets a namespace of its own, so it never answers
  // (or is answered by) a platform started with `npm start` on the same NATS.
  const wanted = arg('bus-namespace', process.env.VIDNOVA_BUS_NAMESPACE ?? 'auto');
  const namespace = wanted === 'auto' ? `bench-${randomBytes(4).toString('hex')}` : wanted;
  // A fresh namespace (here, or the one test/bench/run.mjs makes): its streams go at the end of the run.
  if ((wanted === 'auto' || /^bench-[0-9a-f]{8}$/.test(namespace)) && urls.NATS_URL) ownStreams = { url: urls.NATS_URL, namespace };
  // The benchmark process talks on the bus itself in some benchmarks: same namespace, set before first use.
  if (namespace) process.env.VIDNOVA_BUS_NAMESPACE = namespace;
  // NODE_ENV=development: the processes run with the development bus signing secret, as under `npm start`.
  return { ...urls, NODE_ENV: 'development', LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...(namespace ? { VIDNOVA_BUS_NAMESPACE: namespace } : {}) };
}

async function waitReady(proc: Proc, url: string, timeoutMs = 90000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (proc.child?.exitCode !== null && proc.child?.exitCode !== undefined) fail(`${proc.name} exited with ${proc.child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${proc.name} was not ready within ${timeoutMs / 1000} s; last answer from ${url}: ${last}`);
}

function spawnChild(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stderr.write(`  [${name}] ${line}\n`));
  }
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`  [${name}] exited (${code ?? signal})\n`);
  });
  return { name, pid: child.pid!, kind: 'child', child };
}

/**
 * Starts services/<name>/dist/main.js (or another entry point of the service, e.g. `worker.js`) in its own
 * process and waits for its /health/ready; `label` names the process in the output (default: the service).
 */
export async function startService(name: string, env: Record<string, string>, entry = 'main.js', label = name, readyTimeoutMs = 90000): Promise<Proc> {
  const main = join(ROOT, 'services', name, 'dist', entry);
  if (!existsSync(main)) fail(`${main} is missing; build first`);
  const port = await freePort();
  const isGateway = name === 'gateway';
  // The V8 old-space cap the service declares (`vidnova.maxOldSpaceMb` in its package.json, as `npm start` and the
  // image apply it); `--service-heap-mb=N` replaces it for the services (not the gateway), `--service-heap-mb=none` drops it.
  const declared = (JSON.parse(readFileSync(join(ROOT, 'services', name, 'package.json'), 'utf8')) as { vidnova?: { maxOldSpaceMb?: number } }).vidnova?.maxOldSpaceMb;
  const wanted = arg('service-heap-mb', '');
  const heapMb = isGateway ? (declared ?? '') : wanted === 'none' ? '' : wanted || (declared ?? '');
  const proc = spawnChild(label, ['--enable-source-maps', ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), main], {
    SERVICE_NAME: name,
    ...(isGateway ? { PORT: String(port), HOST: '127.0.0.1' } : { HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1' }),
    ...env,
  });
  proc.url = `http://127.0.0.1:${port}`;
  await waitReady(proc, `${proc.url}/health/ready`, readyTimeoutMs);
  return proc;
}

/** Runs this benchmark file again with `--role=<role>` (TypeScript loader); the child prints `READY <url>`. */
export function startRole(file: string, role: string, env: Record<string, string>): Promise<Proc> {
  const proc = spawnChild(role, ['-r', './tools/ts-register.cjs', file, `--role=${role}`], env);
  return new Promise((done, reject) => {
    const lines = createInterface({ input: proc.child!.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) done({ ...proc, url: line.slice(6).trim() });
    });
    proc.child!.once('exit', (code) => reject(new BenchFailure(`${role} exited with ${code} before it was ready`)));
  });
}

/** Stops one child (SIGTERM, its graceful shutdown; SIGKILL after `timeoutMs`) and waits until it has exited. */
export async function stopProc(proc: Proc, timeoutMs = 30000): Promise<void> {
  const c = proc.child;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((done) => c.once('exit', () => done()));
  const i = children.indexOf(c);
  if (i >= 0) children.splice(i, 1);
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

let stopping = false;
async function stopChildren(): Promise<void> {
  stopping = true;
  // The gateway first, like `npm start`, then the rest.
  const order = [...children].reverse();
  for (const c of order) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  const deadline = Date.now() + 15000;
  while (order.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const c of order) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Runs a benchmark's main: children are always stopped; a BenchFailure (or any error) exits 1 with a clear line. */
/** Runs `count` jobs with `concurrency` in flight (job i gets its index); seconds taken. The first failure fails the run. */
export async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
  return (performance.now() - t0) / 1000;
}

/** The NATS and namespace of this run's own streams (platformEnv with a fresh namespace), removed at the end. */
let ownStreams: { url: string; namespace: string } | undefined;

/**
 * Deletes the JetStream streams of this run's namespace (its upload bucket and event stream). Each
 * upload bucket reserves its whole size cap (4 GiB by default) on the server, so runs that left theirs
 * behind filled a long-lived NATS until no service could start ("insufficient storage resources").
 */
async function dropOwnStreams(): Promise<void> {
  if (!ownStreams) return;
  const { url, namespace } = ownStreams;
  // A temporary server the run started is gone by now, and its streams with it.
  const nc = await connect({ servers: url, timeout: 3000 }).catch(() => null);
  if (!nc) return;
  try {
    const jsm = await jetstreamManager(nc);
    const mine: string[] = [];
    for await (const st of jsm.streams.list()) if (st.config.name.startsWith(`${namespace}-`) || st.config.name.startsWith(`OBJ_${namespace}-`)) mine.push(st.config.name);
    for (const name of mine) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

export function runBench(main: () => Promise<void>, cleanup?: () => Promise<void>): void {
  const finish = async (code: number) => {
    await stopChildren();
    if (cleanup) await cleanup().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
    await dropOwnStreams().catch((e: unknown) => console.error(`cleanup of the run's JetStream streams: ${(e as Error).message}`));
    process.exit(code);
  };
  let interrupted = false;
  main().then(
    () => finish(0),
    (e: unknown) => {
      if (interrupted) return;
      if (e instanceof BenchFailure) console.error(`\nBENCH FAILED: ${e.message}`);
      else console.error('\nBENCH FAILED with an error:', e);
      void finish(1);
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\nBENCH INTERRUPTED (${signal}): stopping the processes it started`);
      void finish(130);
    });
  }
}

// ------------------------------------------------------------------------------------------ memory

const hasProc = existsSync('/proc/self/status');

/** VmRSS and VmHWM (peak RSS since start or the last reset) of a process, in bytes; null when gone or unknown. */
function readStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** The pid listening on a local TCP port (Linux, same user), or null. */
export function pidListeningOn(port: number): number | null {
  if (!hasProc) return null;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; field 9 is the socket inode.
      if (f.length > 9 && f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === port) inodes.add(f[9]);
    }
  }
  if (!inodes.size) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
  }
  return null;
}

/** The infrastructure processes behind the URLs, when they run on this machine (else left out). */
export function infraProcs(urls: Record<string, string | undefined>): Proc[] {
  const out: Proc[] = [];
  const names: Record<string, string> = { NATS_URL: 'nats-server', REDIS_URL: 'redis', MONGO_URL: 'mongodb/ferretdb' };
  for (const [key, name] of Object.entries(names)) {
    const url = urls[key];
    if (!url) continue;
    try {
      const u = new URL(url.split(',')[0]);
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) continue;
      const port = Number(u.port || { NATS_URL: 4222, REDIS_URL: 6379, MONGO_URL: 27017 }[key]);
      const pid = pidListeningOn(port);
      if (pid) out.push({ name, pid, kind: 'infra' });
    } catch {
      // not a URL we can place
    }
  }
  return out;
}

export const self = (): Proc => ({ name: 'bench (this process)', pid: process.pid, kind: 'self' });

export interface Peak {
  name: string;
  kind: Proc['kind'];
  /** RSS when the phase started. */
  startMb: number;
  /** Peak RSS during the phase (VmHWM after a reset for our processes; 20 ms samples for infrastructure). */
  peakMb: number;
  how: 'VmHWM' | 'sampled' | 'n/a';
}

const mbOf = (bytes: number) => Math.round(bytes / 1048576);

/**
 * Peak RSS of each process over one phase. For our children and this process the kernel's own peak
 * (VmHWM) is reset when the phase starts, so nothing is missed between samples; infrastructure
 * processes are not ours to reset, so their RSS is sampled every 20 ms.
 */
export function watchMemory(procs: Proc[]): () => Peak[] {
  (globalThis as { gc?: () => void }).gc?.();
  const start = new Map<number, number>();
  const sampled = new Map<number, number>();
  for (const p of procs) {
    if (p.kind !== 'infra') {
      try {
        writeFileSync(`/proc/${p.pid}/clear_refs`, '5');
      } catch {
        // no /proc (not Linux) or not allowed: the samples below still give a figure
      }
    }
    const s = readStatus(p.pid);
    start.set(p.pid, s?.rss ?? NaN);
    sampled.set(p.pid, s?.rss ?? NaN);
  }
  const timer = setInterval(() => {
    for (const p of procs) {
      const s = readStatus(p.pid);
      if (s) sampled.set(p.pid, Math.max(sampled.get(p.pid)!, s.rss));
    }
  }, 20);
  return () => {
    clearInterval(timer);
    return procs.map((p) => {
      const s = readStatus(p.pid);
      const resettable = p.kind !== 'infra' && s && Number.isFinite(s.hwm);
      const peak = resettable ? s.hwm : Math.max(sampled.get(p.pid)!, s?.rss ?? NaN);
      return {
        name: p.name,
        kind: p.kind,
        startMb: mbOf(start.get(p.pid)!),
        peakMb: mbOf(peak),
        how: !hasProc || !Number.isFinite(peak) ? 'n/a' : resettable ? 'VmHWM' : 'sampled',
      };
    });
  };
}

// ------------------------------------------------------------------------------------------ output

/** A markdown table. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

/**
 * One table: a row per phase, a column per process, cells "peak MB (MB at the phase's start)".
 * Our processes' peaks are the kernel's VmHWM (reset at the phase's start); infrastructure is sampled.
 */
export function memoryTable(phases: Array<{ phase: string; peaks: Peak[] }>): string {
  const procs = [...new Map(phases.flatMap((p) => p.peaks).map((k) => [k.name, k])).values()];
  const heading = (k: Peak) => (k.how === 'sampled' ? `${k.name} (sampled)` : k.how === 'n/a' ? `${k.name} (n/a)` : k.name);
  const rows = phases.map((p) => [
    p.phase,
    ...procs.map((k) => {
      const x = p.peaks.find((y) => y.name === k.name);
      return x && Number.isFinite(x.peakMb) ? `${x.peakMb} (${x.startMb})` : '–';
    }),
  ]);
  return table(['phase: peak RSS MB (at start)', ...procs.map(heading)], rows);
}

/** Says what else ran on the machine, next to any figure. */
export function machineNote(): string {
  const [one] = loadavg();
  return `${cpus().length} CPUs shared by the load generator, the gateway, the services and the database (and anything else running: load average ${one.toFixed(2)} at the end)`;
}

/**
 * One service and the gateway in front of it, as separate processes (the service first, the gateway once it
 * answers), each with a database of its own and the rate limit off.
 */
export async function startServiceWithGateway(
  service: string,
  common: Record<string, string>,
  dbs: { service: string; gateway: string },
  adminKey: string,
  gatewayEnv: Record<string, string> = {},
): Promise<{ service: Proc; gateway: Proc }> {
  const started = await startService(service, { ...common, MONGO_DB: dbs.service });
  const gateway = await startService('gateway', {
    ...common,
    MONGO_DB: dbs.gateway,
    VIDNOVA_ADMIN_API_KEY: adminKey,
    READY_SERVICES: service,
    RATE_LIMIT_PER_MINUTE: '0',
    ...gatewayEnv,
  });
  return { service: started, gateway };
}
