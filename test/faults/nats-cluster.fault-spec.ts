/**
 * The NATS cluster of deploy/k8s, on this machine: three nats-servers started with the manifest's own
 * nats-server.conf (deploy/k8s/base/infra/nats.yaml) and the platform's users (the generated auth.conf)
 * form one JetStream cluster; the event stream and the upload bucket that the services create with
 * JETSTREAM_REPLICAS=3 (the production overlay's value) have a copy on every server; and an event and an
 * upload acknowledged before the stream's leader is killed (SIGKILL) are read back from the two left.
 * Kubernetes' host names and fixed ports become loopback ones on the command line (nats-server's flags
 * override its file), and the two paths (/data, /var/run/nats) folders of the test's own; everything else is
 * the file as deployed.
 */
import { jetstreamManager, JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { EVENT_STREAM, EVENT_SUBJECTS, UPLOAD_BUCKET } from '@vidnova/contracts';
import { busName, busNamespace, busSubject, EventPublisher, natsAuthorizationConfig, natsConnectOptions, platformUsers, UploadStore } from '@vidnova/messaging';
import { freePorts, waitForPort } from '@vidnova/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { which } from './fault-harness';
import { newNatsPassword } from '@vidnova/config';

const ROOT = resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The `nats-server.conf: |` block of the ConfigMap in deploy/k8s/base/infra/nats.yaml, as nats-server reads it. */
function manifestServerConf(): string {
  const lines = readFileSync(join(ROOT, 'deploy/k8s/base/infra/nats.yaml'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l === '  nats-server.conf: |');
  if (start < 0) throw new Error('deploy/k8s/base/infra/nats.yaml has no nats-server.conf');
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() && !l.startsWith('    ')) break;
    body.push(l.slice(4));
  }
  return body.join('\n');
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await sleep(250);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function* once(data: Uint8Array): AsyncIterable<Uint8Array> {
  yield data;
}

describe('the NATS cluster of deploy/k8s (three servers, JetStream, the platform users)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vidnova-nats-cluster-'));
  const users = platformUsers({ namespace: busNamespace() });
  // As an operator makes them (deploy/README.md): nats-server parses each from its environment, so a letter leads.
  const passwords = Object.fromEntries(users.map((u) => [u.passwordEnv, newNatsPassword()]));
  const servers: Array<{ name: string; client: number; child?: ChildProcess }> = [];
  const connections: NatsConnection[] = [];

  const connectAs = async (user: string): Promise<NatsConnection> => {
    const pass = passwords[users.find((u) => u.user === user)!.passwordEnv];
    const urls = servers.map((s) => `nats://127.0.0.1:${s.client}`).join(',');
    const nc = await connect({ ...natsConnectOptions(urls, `cluster-test-${user}`, { user, pass }), reconnectTimeWait: 200 });
    connections.push(nc);
    return nc;
  };

  beforeAll(async () => {
    const conf = manifestServerConf();
    const free = await freePorts(9);
    const ports = [0, 1, 2].map((i) => ({ client: free[3 * i], cluster: free[3 * i + 1], http: free[3 * i + 2] }));
    const routes = ports.map((p) => `nats://127.0.0.1:${p.cluster}`).join(',');
    const natsServer = which('nats-server');
    for (const [i, p] of ports.entries()) {
      const name = `nats-${i}`;
      const home = join(dir, name);
      mkdirSync(join(home, 'data'), { recursive: true });
      // The volumes of the pod become folders here (nats-server refuses -sd beside a store_dir of the file).
      const local = conf.replace('store_dir: /data', `store_dir: ${join(home, 'data')}`).replace('pid_file: /var/run/nats/nats.pid', `pid_file: ${join(home, 'nats.pid')}`);
      if (!local.includes(join(home, 'data')) || !local.includes(join(home, 'nats.pid'))) throw new Error('nats.yaml: store_dir or pid_file moved; adapt this test');
      writeFileSync(join(home, 'nats-server.conf'), local);
      writeFileSync(join(home, 'auth.conf'), natsAuthorizationConfig(users));
      const args = ['-c', join(home, 'nats-server.conf'), '-a', '127.0.0.1', '-p', String(p.client), '-m', String(p.http)];
      args.push('--cluster', `nats://127.0.0.1:${p.cluster}`, '--routes', routes);
      // As the StatefulSet gives it: POD_NAME (server_name) and every NATS_PASSWORD_<USER>.
      const child = spawn(natsServer, args, { cwd: home, env: { ...process.env, ...passwords, POD_NAME: name }, stdio: ['ignore', 'pipe', 'pipe'] });
      const log = createWriteStream(join(home, 'server.log'));
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      servers.push({ name, client: p.client, child });
    }
    await Promise.all(servers.map((s) => waitForPort('127.0.0.1', s.client)));
  }, 120000);

  afterAll(async () => {
    for (const nc of connections) await nc.close().catch(() => undefined);
    for (const s of servers) s.child?.kill('SIGKILL');
    await sleep(200);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an acknowledged event and upload, with 3 replicas, through the SIGKILL of the stream leader', async () => {
    // A service (diaspora-registry: it publishes events) and the gateway (it writes uploads), as in production.
    const service = await connectAs('diaspora-registry');
    const gateway = await connectAs('gateway');
    const jsm: JetStreamManager = await jetstreamManager(service, { checkAPI: false });
    // JetStream answers once the three servers have elected a meta leader.
    await until('a JetStream meta leader', 90000, async () => (await jsm.getAccountInfo()) && true);

    const events = await EventPublisher.create(service, { replicas: 3 });
    const uploads = await UploadStore.open(gateway, { replicas: 3 });
    const stream = busName(EVENT_STREAM);
    const bucketStream = `OBJ_${busName(UPLOAD_BUCKET)}`;
    const gatewayJsm = await jetstreamManager(gateway);

    const info = async (m: JetStreamManager, name: string): Promise<StreamInfo> => m.streams.info(name);
    for (const [m, name] of [
      [jsm, stream],
      [gatewayJsm, bucketStream],
    ] as const) {
      const i = await until(`${name} on three servers`, 30000, async () => {
        const s = await info(m, name);
        return s.cluster?.leader && s.cluster.replicas?.length === 2 ? s : undefined;
      });
      expect(i.config.num_replicas).toBe(3);
      const holders = [i.cluster!.leader, ...i.cluster!.replicas!.map((r) => r.name)].sort();
      expect(holders).toEqual(['nats-0', 'nats-1', 'nats-2']);
    }

    // A real event subject of the diaspora-registry user (subjects are written only in libs/contracts).
    const subject = EVENT_SUBJECTS.diasporaPersonalDataErased;
    await events.publish(subject, { n: 1 }, 'cluster-test-1');
    const content = randomBytes(300 * 1024);
    const ref = await uploads.put(once(content), 10 * 1024 * 1024, 'text/csv');

    // Kill the event stream's leader outright, as a lost node would.
    const leader = (await info(jsm, stream)).cluster!.leader!;
    const victim = servers.find((s) => s.name === leader)!;
    victim.child!.kill('SIGKILL');
    await new Promise((done) => victim.child!.once('exit', done));

    const newLeader = await until('a new leader of the event stream', 60000, async () => {
      const s = await info(jsm, stream);
      return s.cluster?.leader && s.cluster.leader !== leader ? s.cluster.leader : undefined;
    });
    expect(newLeader).not.toBe(leader);
    const stored = await until('the event back', 30000, async () => (await jsm.streams.getMessage(stream, { last_by_subj: busSubject(subject) })) ?? undefined);
    expect(stored.json()).toEqual({ n: 1 });
    const back = await until('the upload back', 60000, async () => {
      const s = await uploads.open(ref);
      return s ? readAll(s) : undefined;
    });
    expect(back.equals(content)).toBe(true);
  }, 240000);
});
