/**
 * Gateway benchmark: `npm run bench -- gateway [--duration=10] [--connections=8] [--orgs=1000]`.
 *
 * What the message bus costs. The same reads of diaspora organisations are measured two ways:
 *   bus    HTTP → gateway (auth, validation) → NATS request/reply → diaspora-registry → MongoDB
 *   direct HTTP → a bare Fastify server calling OrganizationsService from a Nest application
 *          context of the diaspora AppModule → MongoDB (no gateway, no bus)
 * for reading one organisation by id and listing organisations (limit 20), after seeding ~1000.
 *
 * Each side runs in its own process, as in production (gateway, service, direct server are child
 * processes of this one); autocannon runs here, so the load generator does not share an event loop
 * with what it measures. Loopback only. Uses MONGO_URL/NATS_URL/REDIS_URL when set, otherwise starts
 * them like the tests do (ensureInfra). Databases it creates are dropped at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { loadConfig } from '@vidnova/config';
import { AppModule, DiasporaConfig, OrganizationsService } from '@vidnova/diaspora-registry';
import { GatewayConfig, startGateway } from '@vidnova/gateway';
import { startService } from '@vidnova/runtime';
import { dropDatabases, ensureInfra } from '@vidnova/testing';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const DURATION_S = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '8'));
const ORGS = Number(arg('orgs', '1000'));
const ROLE = arg('role', 'main');

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: { url: string; connections: number; duration: number; timeout: number; headers: Record<string, string> }) => Promise<AutocannonResult>;

/** Child roles print one line `READY <url>` once they serve. */
const ready = (url: string) => process.stdout.write(`READY ${url}\n`);

async function runService(): Promise<void> {
  const config = loadConfig(DiasporaConfig, process.env);
  await startService(AppModule.forRoot(config), config);
  ready('nats');
}

async function runGateway(): Promise<void> {
  const gw = await startGateway(loadConfig(GatewayConfig, { ...process.env, PORT: '0', HOST: '127.0.0.1' }));
  ready(gw.url);
}

/** The same service logic without the bus: a Nest application context and a bare Fastify server. */
async function runDirect(): Promise<void> {
  const { NestFactory } = await import('@nestjs/core');
  const Fastify = (await import('fastify')).default;
  const { DomainError } = await import('@vidnova/contracts');
  const config = loadConfig(DiasporaConfig, process.env);
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  const organizations = ctx.get(OrganizationsService);
  const app = Fastify({ logger: false });
  app.setErrorHandler((err, _req, reply) => {
    const status = err instanceof DomainError ? err.status : 500;
    void reply.status(status).send({ code: (err as { code?: string }).code, message: (err as Error).message });
  });
  app.get<{ Params: { id: string } }>('/organizations/:id', (req) => organizations.get(req.params.id, undefined));
  app.get<{ Querystring: { limit?: string; cursor?: string } }>('/organizations', (req) =>
    organizations.list({ limit: req.query.limit ? Number(req.query.limit) : undefined, cursor: req.query.cursor }, undefined),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  ready(url);
}

function startChild(role: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', './tools/ts-register.cjs', __filename, `--role=${role}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ child, url: line.slice(6).trim() });
    });
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(url: string, headers: Record<string, string>): Promise<Figures> {
  // A short warm-up (JIT, connection pools), then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, timeout: 60, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 60, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const infra = await ensureInfra();
  const suffix = randomBytes(4).toString('hex');
  const serviceDb = `bench_diaspora_${suffix}`;
  const gatewayDb = `bench_gateway_${suffix}`;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  const common = { ...infra.urls, LOG_LEVEL: 'warn' };
  const children: ChildProcess[] = [];
  try {
    const service = await startChild('service', { ...common, SERVICE_NAME: 'diaspora-registry', MONGO_DB: serviceDb });
    children.push(service.child);
    const gateway = await startChild('gateway', { ...common, MONGO_DB: gatewayDb, VIDNOVA_ADMIN_API_KEY: adminKey, READY_SERVICES: 'diaspora-registry', RATE_LIMIT_PER_MINUTE: '0' });
    children.push(gateway.child);
    const direct = await startChild('direct', { ...common, SERVICE_NAME: 'diaspora-registry', MONGO_DB: serviceDb });
    children.push(direct.child);
    const auth = { 'x-api-key': adminKey };

    process.stdout.write(`seeding ${ORGS} organisations through the gateway… `);
    const t0 = Date.now();
    const ids: string[] = [];
    const countries = ['DE', 'PL', 'CZ', 'GB', 'IT', 'ES', 'FR', 'NL', 'CA', 'US'];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < ORGS) {
          const i = next++;
          const res = await fetch(`${gateway.url}/api/v1/diaspora/organizations?allowDuplicate=true`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({
              name: { original: `Benchmark organisation ${i}`, uk: `Організація ${i}` },
              country: countries[i % countries.length],
              city: `City ${i % 37}`,
              type: 'association',
              focusAreas: ['humanitarian_aid', 'culture'],
              foundedYear: 1990 + (i % 35),
              languages: ['uk', 'en'],
              communityCodes: ['UA61040030000060956'],
            }),
          });
          if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
          ids.push(((await res.json()) as { id: string }).id);
        }
      }),
    );
    console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const id = ids[Math.floor(ids.length / 2)];

    const cases = [
      { name: 'read one organisation', bus: `${gateway.url}/api/v1/diaspora/organizations/${id}`, direct: `${direct.url}/organizations/${id}` },
      { name: 'list organisations (limit 20)', bus: `${gateway.url}/api/v1/diaspora/organizations?limit=20`, direct: `${direct.url}/organizations?limit=20` },
    ];
    const rows: string[] = [];
    for (const c of cases) {
      console.log(`measuring "${c.name}": ${DURATION_S} s each, ${CONNECTIONS} connections…`);
      const bus = await measure(c.bus, auth);
      const dir = await measure(c.direct, {});
      for (const [label, f] of [['bus (gateway+NATS)', bus], ['direct HTTP', dir]] as const) {
        if (f.errors || f.non2xx) console.warn(`  ${label}: ${f.errors} errors, ${f.non2xx} non-2xx responses`);
      }
      const ratio = bus.rps / dir.rps;
      rows.push(
        `${c.name.padEnd(30)} ${'bus'.padEnd(7)} ${bus.rps.toFixed(0).padStart(8)} ${String(bus.p50).padStart(7)} ${String(bus.p99).padStart(7)}`,
        `${''.padEnd(30)} ${'direct'.padEnd(7)} ${dir.rps.toFixed(0).padStart(8)} ${String(dir.p50).padStart(7)} ${String(dir.p99).padStart(7)}`,
        `${''.padEnd(30)} bus/direct throughput ${(ratio * 100).toFixed(0)}% (bus costs ${((1 - ratio) * 100).toFixed(0)}%; goal ≤ 20%)`,
      );
    }
    console.log(`\n${'case'.padEnd(30)} ${'path'.padEnd(7)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
    for (const r of rows) console.log(r);
    console.log(`\n(${cpus().length} CPUs; load generator, gateway, service, direct server and the database share them)`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await dropDatabases(infra.urls.MONGO_URL, [serviceDb, gatewayDb]).catch(() => undefined);
    await infra.stop();
  }
}

const roles: Record<string, () => Promise<void>> = { main, service: runService, gateway: runGateway, direct: runDirect };
roles[ROLE]().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
