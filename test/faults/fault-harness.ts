import { ChildProcess, spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitForPort } from '@vidnova/testing';

const ROOT = resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const which = (cmd: string): string => {
  const local = join(ROOT, '.tools/bin', cmd);
  if (existsSync(local)) return local;
  const found =
    execFileSync('sh', ['-c', `command -v ${cmd} || true`], { encoding: 'utf8' }).trim() ||
    // Debian puts nats-server in /usr/sbin, which is not on every user's PATH (as tools/platform/setup.mjs).
    ['/usr/sbin', '/usr/local/sbin', '/sbin'].map((d) => join(d, cmd)).find((p) => existsSync(p));
  if (!found) throw new Error(`${cmd} is not installed (the fault test starts its own ${cmd}; npm test installs it)`);
  return found;
};

/**
 * One child process the fault test owns and can stop and start again with the same arguments
 * (same port, same data directory), as an operator restarting it would.
 */
export class Restartable {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly log: WriteStream;

  constructor(
    readonly name: string,
    private readonly cmd: string,
    private readonly args: string[],
    private readonly ready: () => Promise<void>,
    private readonly env: Record<string, string | undefined> = process.env,
    logDir: string = mkdtempSync(join(tmpdir(), 'vidnova-faults-log-')),
  ) {
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  get logFile(): string {
    return this.log.path.toString();
  }

  async start(): Promise<void> {
    const child = spawn(this.cmd, this.args, { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    const readyOrExit = Promise.race([
      this.ready(),
      this.exited.then(() => {
        throw new Error(`${this.name} exited before it was ready; see ${this.logFile}`);
      }),
    ]);
    await readyOrExit;
    if (exitedEarly) throw new Error(`${this.name} exited; see ${this.logFile}`);
  }

  /** SIGTERM (graceful), SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs = 15000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  async restart(downMs: number): Promise<{ stoppedAt: number; startedAt: number; readyAt: number }> {
    await this.stop();
    const stoppedAt = Date.now();
    await sleep(downMs);
    const startedAt = Date.now();
    await this.start();
    return { stoppedAt, startedAt, readyAt: Date.now() };
  }
}

async function httpReady(url: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await sleep(200);
  }
}

export interface FaultInfra {
  urls: { MONGO_URL: string; NATS_URL: string; REDIS_URL: string };
  nats: Restartable;
  redis: Restartable;
  ferretdb: Restartable;
  /** Data directories of the servers (removed by the caller once they are stopped). */
  dataDirs: string[];
  stop(): Promise<void>;
}

/** Private NATS (JetStream), Redis and FerretDB, each on its own port with its own data directory. */
export async function startFaultInfra(logDir: string): Promise<FaultInfra> {
  const [np, rp, mp] = [await freePort(), await freePort(), await freePort()];
  const natsDir = mkdtempSync(join(tmpdir(), 'vidnova-faults-nats-'));
  const ferretDir = mkdtempSync(join(tmpdir(), 'vidnova-faults-ferret-'));
  const nats = new Restartable(
    'nats',
    which('nats-server'),
    ['-a', '127.0.0.1', '-p', String(np), '-js', '-sd', natsDir],
    () => waitForPort('127.0.0.1', np),
    process.env,
    logDir,
  );
  const redis = new Restartable(
    'redis',
    which('redis-server'),
    ['--bind', '127.0.0.1', '--port', String(rp), '--save', '', '--appendonly', 'no'],
    () => waitForPort('127.0.0.1', rp),
    process.env,
    logDir,
  );
  const ferretdb = new Restartable(
    'ferretdb',
    which('ferretdb'),
    [
      '--handler=sqlite',
      `--sqlite-url=file:${ferretDir}/`,
      `--listen-addr=127.0.0.1:${mp}`,
      `--state-dir=${ferretDir}`,
      '--telemetry=disable',
      `--log-level=${process.env.FAULTS_FERRETDB_LOG_LEVEL ?? 'warn'}`,
      '--debug-addr=-',
    ],
    () => waitForPort('127.0.0.1', mp),
    process.env,
    logDir,
  );
  await Promise.all([nats.start(), redis.start(), ferretdb.start()]);
  return {
    urls: { MONGO_URL: `mongodb://127.0.0.1:${mp}`, NATS_URL: `nats://127.0.0.1:${np}`, REDIS_URL: `redis://127.0.0.1:${rp}` },
    nats,
    redis,
    ferretdb,
    dataDirs: [natsDir, ferretDir],
    async stop() {
      await Promise.all([nats.stop(), redis.stop(), ferretdb.stop()]);
    },
  };
}

/**
 * A service run as its own Node process from its sources (main.ts through tools/ts-register.cjs),
 * exactly as `npm start` runs the built one: SIGTERM is its graceful stop.
 */
export async function serviceProcess(name: string, env: Record<string, string>, logDir: string): Promise<Restartable> {
  const healthPort = await freePort();
  return new Restartable(
    name,
    process.execPath,
    ['-r', './tools/ts-register.cjs', `services/${name}/src/main.ts`],
    () => httpReady(`http://127.0.0.1:${healthPort}/health/ready`),
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: '--no-warnings=ExperimentalWarning',
      // The test run's own bus namespace (set by the jest global setup), so the child answers this run only.
      ...(process.env.VIDNOVA_BUS_NAMESPACE ? { VIDNOVA_BUS_NAMESPACE: process.env.VIDNOVA_BUS_NAMESPACE } : {}),
      ...env,
      SERVICE_NAME: name,
      HEALTH_PORT: String(healthPort),
    },
    logDir,
  );
}
