/**
 * Why this exists: the MongoDB Node driver (7.8.0 here) can lose its server monitor for good when the
 * database closes its sockets (a restart). If the monitor sends its `hello` on a socket that Node has
 * already destroyed but whose `close` event has not run yet, `socket.write()` returns false without an
 * error, the driver waits for a `drain` that never comes (Connection.writeCommand listens for `drain`
 * and `error` only), and the monitor's check never ends. The server then stays "Unknown": every
 * operation fails with MongoServerSelectionError, no connection is ever opened again, and the process
 * only recovers by a restart. It shows under load when a database restart closes a pool connection
 * with an operation on it (which asks the monitor for an immediate check) in the same instant as the
 * monitor's own socket. Seen in the fault test (test/faults) after a FerretDB restart; the stuck
 * monitor was inspected in the live process (check in progress for minutes, on a destroyed socket,
 * with one `drain` listener and no error).
 *
 * The watchdog watches the driver's public heartbeat events: a check that has neither succeeded nor
 * failed long after any socket timeout could have ended it is stuck. It then closes the client and
 * connects it again (both public MongoClient calls; the driver builds a new topology and monitor,
 * mongoose's models keep working on the same client). Operations in between fail with
 * MongoNotConnectedError / MongoTopologyClosedError, which services answer as 503 + Retry-After.
 */

export interface HeartbeatEvent {
  connectionId: string;
}

/** The part of a MongoClient the watchdog uses (events and the two public lifecycle calls). */
export interface WatchedClient {
  on(event: string, listener: (ev: HeartbeatEvent) => void): unknown;
  off(event: string, listener: (ev: HeartbeatEvent) => void): unknown;
  close(): Promise<void>;
  connect(): Promise<unknown>;
}

export interface WatchdogOptions {
  /** A heartbeat still running after this long is stuck (set above the driver's own socket timeouts). */
  stuckAfterMs: number;
  /** How often to look. */
  checkEveryMs?: number;
  /** Pause between connect attempts while the database is still away. */
  reconnectDelayMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

export class MonitorWatchdog {
  /** Heartbeats started and not yet finished, per server address. */
  private readonly running = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private recovering?: Promise<void>;
  private stopped = false;
  /** Times this client was reconnected because a monitor was stuck. */
  recoveries = 0;
  /** The same, for every watchdog in this process (read by the fault test for its report). */
  static recoveriesInProcess = 0;

  constructor(
    private readonly client: WatchedClient,
    private readonly opts: WatchdogOptions,
  ) {}

  private readonly started = (ev: HeartbeatEvent): void => {
    if (!this.running.has(ev.connectionId)) this.running.set(ev.connectionId, this.now());
  };

  private readonly ended = (ev: HeartbeatEvent): void => {
    this.running.delete(ev.connectionId);
  };

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  start(): this {
    this.client.on('serverHeartbeatStarted', this.started);
    this.client.on('serverHeartbeatSucceeded', this.ended);
    this.client.on('serverHeartbeatFailed', this.ended);
    this.timer = setInterval(() => void this.check(), this.opts.checkEveryMs ?? 1000);
    this.timer.unref();
    return this;
  }

  /** Looks once; resolves when a recovery it started (if any) is done. */
  check(): Promise<void> {
    if (this.stopped || this.recovering) return this.recovering ?? Promise.resolve();
    const now = this.now();
    const stuck = [...this.running].find(([, since]) => now - since > this.opts.stuckAfterMs);
    if (!stuck) return Promise.resolve();
    this.opts.log?.(`database monitor for ${stuck[0]} stuck for ${now - stuck[1]} ms; reconnecting the client`);
    this.recovering = this.recover().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private async recover(): Promise<void> {
    this.recoveries++;
    MonitorWatchdog.recoveriesInProcess++;
    await this.client.close().catch(() => undefined);
    // The old monitor's events are gone with its topology; the new one starts afresh.
    this.running.clear();
    while (!this.stopped) {
      try {
        await this.client.connect();
        this.opts.log?.('database client reconnected');
        return;
      } catch (e) {
        this.opts.log?.(`database client reconnect failed, retrying: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, this.opts.reconnectDelayMs ?? 1000).unref());
      }
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.client.off('serverHeartbeatStarted', this.started);
    this.client.off('serverHeartbeatSucceeded', this.ended);
    this.client.off('serverHeartbeatFailed', this.ended);
  }
}
