import { EventEmitter } from 'node:events';
import { HeartbeatEvent, MonitorWatchdog } from './monitor-watchdog';

/** A client stand-in: heartbeat events as the driver emits them, and a record of close/connect calls. */
class FakeClient extends EventEmitter {
  calls: string[] = [];
  connectFailures = 0;
  async close(): Promise<void> {
    this.calls.push('close');
  }
  async connect(): Promise<unknown> {
    this.calls.push('connect');
    if (this.connectFailures-- > 0) throw new Error('ECONNREFUSED');
    return this;
  }
  beat(kind: 'Started' | 'Succeeded' | 'Failed', connectionId = 'db:27017'): void {
    this.emit(`serverHeartbeat${kind}`, { connectionId } satisfies HeartbeatEvent);
  }
}

describe('MonitorWatchdog', () => {
  let now = 0;
  const make = (client: FakeClient) =>
    new MonitorWatchdog(client, { stuckAfterMs: 12_000, checkEveryMs: 60_000, reconnectDelayMs: 1, now: () => now }).start();

  beforeEach(() => (now = 1_000_000));

  it('leaves a client alone while its heartbeats finish, however slowly within the limit', async () => {
    const client = new FakeClient();
    const w = make(client);
    for (let i = 0; i < 20; i++) {
      client.beat('Started');
      now += 11_000;
      await w.check();
      client.beat(i % 2 ? 'Succeeded' : 'Failed');
      now += 2_000;
      await w.check();
    }
    expect(client.calls).toEqual([]);
    w.stop();
  });

  it('closes and reconnects the client when a heartbeat never ends, then watches the new one', async () => {
    const client = new FakeClient();
    const w = make(client);
    client.beat('Started');
    now += 12_001;
    await w.check();
    expect(client.calls).toEqual(['close', 'connect']);
    expect(w.recoveries).toBe(1);
    // The new monitor's heartbeats are judged afresh.
    client.beat('Started');
    now += 5_000;
    await w.check();
    client.beat('Succeeded');
    now += 20_000;
    await w.check();
    expect(client.calls).toEqual(['close', 'connect']);
    w.stop();
  });

  it('keeps trying to connect while the database is still away', async () => {
    const client = new FakeClient();
    client.connectFailures = 2;
    const w = make(client);
    client.beat('Started');
    now += 13_000;
    await w.check();
    expect(client.calls).toEqual(['close', 'connect', 'connect', 'connect']);
    w.stop();
  });

  it('judges each server of a replica set by its own heartbeat', async () => {
    const client = new FakeClient();
    const w = make(client);
    client.beat('Started', 'a:1');
    now += 8_000;
    client.beat('Started', 'b:1');
    client.beat('Succeeded', 'a:1');
    now += 8_000;
    await w.check();
    expect(client.calls).toEqual([]);
    now += 5_000;
    await w.check();
    expect(client.calls).toEqual(['close', 'connect']);
    w.stop();
  });

  it('does nothing once stopped', async () => {
    const client = new FakeClient();
    const w = make(client);
    client.beat('Started');
    w.stop();
    now += 60_000;
    await w.check();
    expect(client.calls).toEqual([]);
  });
});
