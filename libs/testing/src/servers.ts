import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createConnection, createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Resolves once something listens on host:port; rejects after `timeoutMs`, or as soon as `gaveUp()` says so. */
export function waitForPort(host: string, port: number, timeoutMs = 30000, gaveUp: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePromise, reject) => {
    const attempt = () => {
      const socket = createConnection({ host, port }, () => {
        socket.end();
        resolvePromise();
      });
      socket.on('error', () => {
        socket.destroy();
        if (gaveUp()) reject(new Error(`stopped waiting for ${host}:${port}`));
        else if (Date.now() > deadline) reject(new Error(`${host}:${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

const listening = (): Promise<Server> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });

const portOf = (server: Server): number => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};

/**
 * `n` distinct free TCP ports on loopback, asked of the kernel: every listener stays open until all are
 * chosen, so two calls made at once cannot both be handed a port the other has just closed.
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, listening));
  const ports = servers.map(portOf);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** One free TCP port on loopback (asked of the kernel, then released). */
export const freePort = async (): Promise<number> => (await freePorts(1))[0];

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** stdout and stderr of the server. */
  logFile: string;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const tail = (file: string, lines = 20): string => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
  } catch {
    return '(no log)';
  }
};

/**
 * Starts a server the tests own (nats-server, redis-server, FerretDB) on a free port and waits until it
 * listens. Its output goes to a log file, so a failure says why instead of only "did not open". A port
 * is free when chosen but another process can take it before the server binds it: a server that exits
 * before it listens is started again on another port, up to `tries` times.
 */
export async function startServer(opts: {
  name: string;
  bin: string;
  args: (port: number) => string[];
  port?: number;
  env?: NodeJS.ProcessEnv;
  logDir?: string;
  timeoutMs?: number;
  tries?: number;
}): Promise<ServerProcess> {
  const logDir = opts.logDir ?? mkdtempSync(join(tmpdir(), `vidnova-${opts.name}-log-`));
  const tries = opts.port ? 1 : (opts.tries ?? 3);
  const failures: string[] = [];
  for (let attempt = 1; attempt <= tries; attempt++) {
    const port = opts.port ?? (await freePort());
    const logFile = join(logDir, `${opts.name}-${port}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(opts.bin, opts.args(port), { env: opts.env ?? process.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.unref();
    let gone = false;
    const exited = new Promise<string>((done) => {
      child.once('exit', (code, signal) => done(`exited (${signal ?? code}) before it listened`));
      child.once('error', (e) => done(`could not start: ${e.message}`));
    }).finally(() => (gone = true));
    const outcome = await Promise.race([
      waitForPort('127.0.0.1', port, opts.timeoutMs ?? 60000, () => gone).then(
        () => null,
        (e: Error) => e.message,
      ),
      exited,
    ]);
    if (outcome === null) {
      return {
        port,
        child,
        logFile,
        async stop(graceMs = 15000) {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exit = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exit;
          clearTimeout(timer);
        },
      };
    }
    child.kill('SIGKILL');
    failures.push(`${opts.name} on 127.0.0.1:${port} ${outcome}; ${logFile}:\n${tail(logFile)}`);
  }
  throw new Error(failures.join('\n\n'));
}
