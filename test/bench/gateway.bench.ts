/**
 * Gateway benchmark: `npm run bench -- gateway [--duration=10] [--connections=8] [--orgs=1000]`.
 *
 * What the message bus costs. The same reads of diaspora organisations are measured two ways:
 *   bus    HTTP → gateway (auth, validation) → NATS request/reply → diaspora-registry → MongoDB
 *   direct HTTP → a bare Fastify server calling OrganizationsService from a Nest application
 *          context of the diaspora AppModule → MongoDB (no gateway, no bus)
 * for reading one organisation by id and listing organisations (limit 20), after seeding ~1000.
 *
 * Every side runs in its own process: the gateway and diaspora-registry from their built
 * dist/main.js as `npm start` runs them (rate limit off, a bus namespace of their own), the direct
 * server as a child of this file; autocannon runs here, so the load generator does not share an
 * event loop with what it measures. Any response that is not 200 (warm-up included) fails the run;
 * so req/s and latency are those of successful responses only. Each process's own peak RSS is
 * reported per phase. Loopback only. Uses MONGO_URL/NATS_URL/REDIS_URL when set, otherwise starts
 * them like the tests do (ensureInfra). Databases it creates are dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@vidnova/config';
import { AppModule, DiasporaConfig, OrganizationsService } from '@vidnova/diaspora-registry';
import { dropDatabases, ensureInfra } from '@vidnova/testing';
import {
  arg,
  build,
  expectNoRateLimit,
  expectStatus,
  fail,
  infraProcs,
  machineNote,
  memoryTable,
  Peak,
  platformEnv,
  Proc,
  runBench,
  self,
  startRole,
  startServiceWithGateway,
  table,
  watchMemory,
} from './support';

const DURATION_S = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '8'));
const ORGS = Number(arg('orgs', '1000'));
const ROLE = arg('role', 'main');

interface AutocannonResult {
  duration: number;
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: { url: string; connections: number; duration: number; timeout: number; headers: Record<string, string> }) => Promise<AutocannonResult>;

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
  process.stdout.write(`READY ${url}\n`);
}

interface Figures {
  ok: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Every answer must be 2xx: anything else (or a socket error/timeout) fails the run, naming the status codes. */
function checkAllOk(what: string, r: AutocannonResult): void {
  if (!r.non2xx && !r.errors && !r.timeouts) return;
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count}`)
    .join(', ');
  fail(`${what}: ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.timeouts} timeouts of ${r['2xx'] + r.non2xx} answers (status codes: ${codes || 'none'})`);
}

async function measure(what: string, url: string, headers: Record<string, string>): Promise<Figures> {
  // A short warm-up (JIT, connection pools), then the measured run; both must answer only 2xx.
  checkAllOk(`${what} (warm-up)`, await autocannon({ url, connections: CONNECTIONS, duration: 2, timeout: 60, headers }));
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 60, headers });
  checkAllOk(what, r);
  if (!r['2xx']) fail(`${what}: not one response completed in ${DURATION_S} s (every request slower than the run); nothing to report`);
  return { ok: r['2xx'], rps: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99 };
}

function main(): void {
  const suffix = randomBytes(4).toString('hex');
  const serviceDb = `bench_diaspora_${suffix}`;
  const gatewayDb = `bench_gateway_${suffix}`;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  let infra: Awaited<ReturnType<typeof ensureInfra>> | undefined;
  const cleanup = async () => {
    if (!infra) return;
    await dropDatabases(infra.urls.MONGO_URL, [serviceDb, gatewayDb]).catch(() => undefined);
    await infra.stop();
  };
  runBench(async () => {
    infra = await ensureInfra();
    const common = platformEnv({ ...infra.urls });
    build(['gateway', 'diaspora-registry']);
    const { service, gateway } = await startServiceWithGateway('diaspora-registry', common, { service: serviceDb, gateway: gatewayDb }, adminKey);
    const direct = await startRole(__filename, 'direct', { ...common, SERVICE_NAME: 'diaspora-registry', MONGO_DB: serviceDb });
    const procs: Proc[] = [gateway, service, direct, self(), ...infraProcs({ ...infra.urls })];
    const auth = { 'x-api-key': adminKey };
    const phases: Array<{ phase: string; peaks: Peak[] }> = [];

    process.stdout.write(`seeding ${ORGS} organisations through the gateway… `);
    const t0 = Date.now();
    const ids: string[] = [];
    const countries = ['DE', 'PL', 'CZ', 'GB', 'IT', 'ES', 'FR', 'NL', 'CA', 'US'];
    let next = 0;
    const seedMem = watchMemory(procs);
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
          expectStatus(`seeding organisation ${i}`, res.status, 201, await res.clone().text());
          expectNoRateLimit(`seeding organisation ${i}`, res.headers);
          ids.push(((await res.json()) as { id: string }).id);
        }
      }),
    );
    phases.push({ phase: `seed ${ORGS}`, peaks: seedMem() });
    const seedSec = (Date.now() - t0) / 1000;
    console.log(`${seedSec.toFixed(1)} s`);
    const id = ids[Math.floor(ids.length / 2)];

    const cases = [
      { name: 'read one organisation', bus: `${gateway.url}/api/v1/diaspora/organizations/${id}`, direct: `${direct.url}/organizations/${id}`, check: (b: any) => b.id === id },
      { name: 'list organisations (limit 20)', bus: `${gateway.url}/api/v1/diaspora/organizations?limit=20`, direct: `${direct.url}/organizations?limit=20`, check: (b: any) => b.items?.length === 20 },
    ];
    const rows: Array<Array<string | number>> = [];
    for (const c of cases) {
      // Both sides answer the same thing before they are timed.
      for (const [side, url, headers] of [['bus', c.bus, auth], ['direct', c.direct, {}]] as const) {
        const res = await fetch(url, { headers });
        const body = await res.json();
        expectStatus(`${c.name} (${side}) before timing`, res.status, 200, body);
        if (!c.check(body)) fail(`${c.name} (${side}) answered 200 but not the expected body: ${JSON.stringify(body).slice(0, 300)}`);
      }
      console.log(`measuring "${c.name}": ${DURATION_S} s each, ${CONNECTIONS} connections…`);
      const busMem = watchMemory(procs);
      const bus = await measure(`${c.name} through gateway+NATS`, c.bus, auth);
      phases.push({ phase: `${c.name}, bus`, peaks: busMem() });
      const dirMem = watchMemory(procs);
      const dir = await measure(`${c.name} direct`, c.direct, {});
      phases.push({ phase: `${c.name}, direct`, peaks: dirMem() });
      const ratio = bus.rps / dir.rps;
      rows.push(
        [c.name, 'bus (gateway+NATS)', bus.ok, bus.rps.toFixed(0), bus.p50, bus.p99, `${(ratio * 100).toFixed(0)}% of direct (bus costs ${((1 - ratio) * 100).toFixed(0)}%; goal ≤ 20%)`],
        [c.name, 'direct HTTP', dir.ok, dir.rps.toFixed(0), dir.p50, dir.p99, ''],
      );
    }
    console.log('\n### Gateway benchmark (every response 200; req/s = 200 responses / duration)\n');
    console.log(table(['case', 'path', '200 responses', 'req/s', 'p50 ms', 'p99 ms', 'bus vs direct'], rows));
    console.log(`\nseeding ${ORGS} organisations through the gateway (16 in flight): ${seedSec.toFixed(1)} s, every answer 201\n`);
    console.log('### Peak RSS per process (own VmHWM, reset at each phase; infrastructure sampled every 20 ms)\n');
    console.log(memoryTable(phases));
    console.log(
      `\n${DURATION_S} s per measurement after a 2 s warm-up, ${CONNECTIONS} connections; gateway and diaspora-registry from dist/main.js, ` +
        `the direct server from TypeScript (swc loader in its process).\n${machineNote()}.`,
    );
  }, cleanup);
}

if (ROLE === 'direct') {
  runDirect().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main();
}
