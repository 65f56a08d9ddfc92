/**
 * Growth benchmark: `npm run bench -- scale [--sizes=1000,10000,100000] [--backends=sqlite,postgresql]
 * [--connections=8] [--duration=4] [--budget-rows-per-doc=10] [--bus-timeout-ms=180000] [--pg-gin=on|off]`.
 *
 * For each FerretDB v1 backend (a FerretDB of its own on a free port: SQLite in a temporary directory;
 * PostgreSQL at POSTGRES_URL, default the local server, database `vidnova_bench`) and, when MONGO_URL
 * points at a real MongoDB, MongoDB too: the diaspora registry, consultations and the gateway as
 * separate processes from their built dist/main.js (rate limit off), then at each size the collections
 * are grown to that many documents (organisations, and submissions of one consultation, inserted
 * straight into the database with their duplicate-check keys and tallies, as the services write them)
 * and every route is measured through the gateway: `connections` requests in flight for `duration`
 * seconds, p50 latency and throughput. Any answer other than the expected 2xx fails the run.
 * A second table times the query shapes themselves (straight to the database, median of 5): the ones
 * the services used before issue 12 and the ones they use now. On MongoDB the shapes are also checked
 * with `explain` (a COLLSCAN fails the run); on FerretDB that check is not run and the reason is printed.
 * Dialogue events (one stored registration each, counted on the event) and communal enterprises grow with them
 * too, in 40 other communities; Shatsk keeps its own 20 events and 10 enterprises, whose list, involvement and
 * registrations are read at every size (the new services' main routes, issues 9 and 10).
 * On FerretDB/PostgreSQL the GIN indexes `npm start` keeps (docs/decisions/0006) are made after each growth,
 * unless `--pg-gin=off` (the figures without them).
 * Budget rows grow with them at `budget-rows-per-doc` (default 10) rows per document: 10k, 100k and 1M
 * rows at the default sizes. The real Lutsk 2025 economic file is imported through the gateway first;
 * the growth is copies of its rows under other budget codes, written straight into the database as an
 * import writes them (rows with their import id, and the budget period that makes them live). Then
 * Lutsk's summary and expenditure tree are read, and the same real file is imported again (a replacing
 * import, timed from the first byte to `completed`, one at a time).
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESPONDENT_STATUSES, SECTOR_KEYS, STAKEHOLDER_GROUPS } from '@vidnova/contracts';
import { communities } from '@vidnova/reference';
import { tallyIncrements } from '@vidnova/consultations';
// The diaspora registry's own normalisation, so seeded records carry the keys the service would write.
import { nameKey, normalizeText, searchPrefixes } from '@vidnova/diaspora-registry';
import { ApiClient, dataFile, dropDatabases, ensureInfra } from '@vidnova/testing';
import mongoose, { Types } from 'mongoose';
// tools/platform is plain Node that `npm start` runs before any build (no package to import it by); its helper by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ensurePgGinIndexes } from '../../tools/platform/pg-indexes.mjs';
import { benchEdrpou, storedEnterprise, storedEvent } from './shapes';
import { arg, build, expectNoRateLimit, expectStatus, fail, freePort, machineNote, platformEnv, Proc, ROOT, runBench, startService, table } from './support';

const SIZES = arg('sizes', '1000,10000,100000').split(',').map(Number);
const BACKENDS = arg('backends', 'sqlite,postgresql').split(',');
const CONNECTIONS = Number(arg('connections', '8'));
const DURATION_S = Number(arg('duration', '4'));
const BUDGET_ROWS_PER_DOC = Number(arg('budget-rows-per-doc', '10'));
/** On FerretDB/PostgreSQL, make the GIN indexes `npm start` makes (docs/decisions/0006) after each growth; `off` measures without. */
const PG_GIN = arg('pg-gin', 'on') !== 'off';
/** The gateway's wait for a service: long, so a slow route on a slow backend gives a figure, not a 504. */
const BUS_TIMEOUT_MS = arg('bus-timeout-ms', '180000');
const LUTSK = '0355100000';
const LUTSK_FILE = dataFile('open-budget', 'openbudget_lutsk_2025_expenses_economic.csv');
/** A valid 10-digit budget code per copy of the Lutsk rows (oblast 01–26), never Lutsk's own. */
const copyCode = (k: number) => `${String(1 + (k % 26)).padStart(2, '0')}${String(200000 + k).padStart(8, '0')}`;
/** The community whose events, involvement and enterprises are read: its own data stays the same as the rest grows. */
const SHATSK = 'UA07060450000051170';
/** Where the grown events and enterprises belong: 40 other communities of the register. */
const OTHERS = communities.map((c) => c.katottg).filter((k) => k !== SHATSK).slice(0, 40);
const COUNTRIES = ['DE', 'PL', 'CZ', 'IT', 'ES', 'FR', 'GB', 'US', 'CA', 'NL'];
const CITIES = ['Berlin', 'München', 'Warszawa', 'Praha', 'Roma', 'Madrid', 'Paris', 'London', 'Toronto', 'Amsterdam'];

const questions = [
  { id: 'main', type: 'single_choice', required: true, prompt: { en: 'Most urgent' }, options: ['water', 'roads', 'school', 'clinic'].map((id) => ({ id, label: { en: id } })) },
  { id: 'rank', type: 'ranking', topN: 2, prompt: { en: 'Top two' }, options: ['water', 'roads', 'school', 'clinic'].map((id) => ({ id, label: { en: id } })) },
  { id: 'scale', type: 'scale', min: 1, max: 10, prompt: { en: 'Trust' } },
];
const answersFor = (i: number) => [
  { questionId: 'main', optionIds: [['water', 'roads', 'school', 'clinic'][i % 4]] },
  { questionId: 'rank', ranking: [['water', 'roads'], ['school', 'water'], ['clinic', 'roads']][i % 3] },
  { questionId: 'scale', value: 1 + (i % 10) },
];


interface Row {
  backend: string;
  size: number;
  route: string;
  p50: number;
  rps: number;
  n: number;
}

/** `CONNECTIONS` loops for DURATION_S seconds; each request's status is checked. */
async function measure(what: string, request: (i: number) => Promise<{ status: number; body?: unknown; headers?: Headers }>, expected: number): Promise<{ p50: number; rps: number; n: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const until = t0 + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const s = performance.now();
        const r = await request(i);
        latencies.push(performance.now() - s);
        expectStatus(what, r.status, expected, r.body);
        if (r.headers) expectNoRateLimit(what, r.headers);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: Math.round(latencies[Math.floor(latencies.length / 2)] * 10) / 10, rps: Math.round((latencies.length / seconds) * 10) / 10, n: latencies.length };
}

/** `count` requests one after another (imports: each is a whole replacing import), p50 and per second. */
async function measureSerial(count: number, request: () => Promise<void>): Promise<{ p50: number; rps: number; n: number }> {
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const s = performance.now();
    await request();
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  return { p50: Math.round(latencies[Math.floor(latencies.length / 2)] * 10) / 10, rps: Math.round((count / ((performance.now() - t0) / 1000)) * 100) / 100, n: count };
}

const median5 = async (fn: () => Promise<unknown>): Promise<number> => {
  const t: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return Math.round(t.sort((a, b) => a - b)[2] * 10) / 10;
};

/** A PostgreSQL database of the benchmark's own (psql; trust authentication as on these machines). */
function postgresUrl(): string | null {
  const base = new URL(process.env.POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/');
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const q = (sql: string) => spawnSync('psql', [admin.href, '-tAc', sql], { encoding: 'utf8' });
  const exists = q("select 1 from pg_database where datname = 'vidnova_bench'");
  if (exists.status !== 0) return null;
  if (exists.stdout.trim() !== '1' && q('create database vidnova_bench').status !== 0) return null;
  base.pathname = '/vidnova_bench';
  return base.href;
}

async function startFerret(handler: string): Promise<{ url: string; child: ChildProcess; dir: string; pg: string | null }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vidnova-bench-ferretdb-'));
  const pg = handler === 'postgresql' ? postgresUrl() : null;
  if (handler === 'postgresql' && !pg) fail('no PostgreSQL answers at POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/); run with --backends=sqlite');
  const storage = pg ? ['--handler=postgresql', `--postgresql-url=${pg}`] : ['--handler=sqlite', `--sqlite-url=file:${dir}/`];
  const child = spawn(join(ROOT, '.tools/bin/ferretdb'), [...storage, `--listen-addr=127.0.0.1:${port}`, `--state-dir=${dir}`, '--telemetry=disable', '--log-level=error', '--debug-addr=-'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((done) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => (s.destroy(), done(true)));
      s.once('error', () => done(false));
    });
    if (ok) return { url: `mongodb://127.0.0.1:${port}/`, child, dir, pg };
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`FerretDB (${handler}) did not listen on ${port}`);
}

async function isRealMongo(url: string): Promise<boolean> {
  const c = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 3000 }).asPromise();
  const info = (await c.db!.admin().command({ buildInfo: 1 })) as Record<string, unknown>;
  await c.close();
  return !('ferretdbVersion' in info) && !JSON.stringify(info).toLowerCase().includes('ferretdb');
}

function main(): void {
  const rows: Row[] = [];
  const shapes: Array<Array<string | number>> = [];
  const cleanups: Array<() => Promise<void>> = [];
  runBench(
    async () => {
      const infra = await ensureInfra();
      cleanups.push(() => infra.stop());
      build(['gateway', 'diaspora-registry', 'consultations', 'budget-analysis', 'dialogue-events', 'enterprise-efficiency']);
      const lutskCsv = readFileSync(LUTSK_FILE);
      const backends: Array<{ name: string; url?: string }> = BACKENDS.map((b) => ({ name: `FerretDB/${b}` }));
      const given = process.env.MONGO_URL;
      if (given && (await isRealMongo(given).catch(() => false))) backends.push({ name: 'MongoDB', url: given });
      else console.log(`explain check: not run — MONGO_URL ${given ? 'points at FerretDB, whose explain shows no index use' : 'is not set'}; set MONGO_URL to a MongoDB server to add it and check every query shape for COLLSCAN`);

      for (const backend of backends) {
        const suffix = randomBytes(4).toString('hex');
        const dbs = {
          diaspora: `bench_diaspora_${suffix}`,
          consultations: `bench_consultations_${suffix}`,
          budget: `bench_budget_${suffix}`,
          dialogue: `bench_dialogue_${suffix}`,
          enterprises: `bench_enterprises_${suffix}`,
          gateway: `bench_gateway_${suffix}`,
        };
        let mongoUrl = backend.url;
        let ferret: Awaited<ReturnType<typeof startFerret>> | undefined;
        if (!mongoUrl) {
          ferret = await startFerret(backend.name.split('/')[1]);
          mongoUrl = ferret.url;
        }
        const common = platformEnv({ NATS_URL: infra.urls.NATS_URL, REDIS_URL: infra.urls.REDIS_URL, MONGO_URL: mongoUrl });
        const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
        const procs: Proc[] = [];
        procs.push(await startService('diaspora-registry', { ...common, MONGO_DB: dbs.diaspora }));
        procs.push(await startService('consultations', { ...common, MONGO_DB: dbs.consultations }));
        procs.push(await startService('budget-analysis', { ...common, MONGO_DB: dbs.budget }));
        procs.push(await startService('dialogue-events', { ...common, MONGO_DB: dbs.dialogue }));
        procs.push(await startService('enterprise-efficiency', { ...common, MONGO_DB: dbs.enterprises }));
        const gateway = await startService('gateway', { ...common, MONGO_DB: dbs.gateway, VIDNOVA_ADMIN_API_KEY: adminKey, READY_SERVICES: 'diaspora-registry,consultations,budget-analysis,dialogue-events,enterprise-efficiency', BUS_TIMEOUT_MS, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0' });
        procs.push(gateway);
        const conn = await mongoose.createConnection(mongoUrl).asPromise();
        const stopBackend = async () => {
          for (const p of procs.reverse()) p.child?.kill('SIGTERM');
          await new Promise((r) => setTimeout(r, 1500));
          await conn.close().catch(() => undefined);
          await dropDatabases(mongoUrl!, Object.values(dbs)).catch(() => undefined);
          ferret?.child.kill('SIGTERM');
          if (ferret) rmSync(ferret.dir, { recursive: true, force: true });
        };
        cleanups.unshift(stopBackend);

        const admin = new ApiClient(gateway.url!, adminKey);
        const ek = await admin.post('/api/v1/api-keys', { name: 'bench editor', role: 'editor' });
        expectStatus('POST /api/v1/api-keys', ek.status, 201, ek.body);
        const api = admin.withKey(ek.body.key);
        const c = await api.post('/api/v1/consultations', { title: { en: 'Scale' }, audience: 'all', channels: ['online', 'paper'], questions });
        expectStatus('POST /api/v1/consultations', c.status, 201, c.body);
        const cid = c.body.id as string;
        expectStatus('open', (await api.post(`/api/v1/consultations/${cid}/open`)).status, 200);
        const view = (await api.get(`/api/v1/consultations/${cid}`)).body.questions;

        const orgs = conn.useDb(dbs.diaspora).collection('organizations');
        const keys = conn.useDb(dbs.diaspora).collection('organization_keys');
        const subs = conn.useDb(dbs.consultations).collection('submissions');
        const tallies = conn.useDb(dbs.consultations).collection('consultation_tallies');
        const budgetRows = conn.useDb(dbs.budget).collection('budget_rows');
        const budgetPeriods = conn.useDb(dbs.budget).collection('budget_periods');
        const dialogueEvents = conn.useDb(dbs.dialogue).collection('events');
        const dialogueRegs = conn.useDb(dbs.dialogue).collection('registrations');
        const enterprises = conn.useDb(dbs.enterprises).collection('enterprises');
        // Shatsk's own data, the same at every size: 20 events (half held, 10 registrations each) and 10 enterprises.
        const levels = ['community', 'regional', 'national', 'diaspora', 'international'];
        const regsFor = (eventId: Types.ObjectId, n: number, seed: number) =>
          Array.from({ length: n }, (_, k) => ({ _id: new Types.ObjectId(), eventId: String(eventId), stakeholderGroup: STAKEHOLDER_GROUPS[(seed + k) % STAKEHOLDER_GROUPS.length], ...(k % 3 ? { checkedInAt: new Date() } : {}) }));
        const eventAt = (i: number, community: string, registrations: ReturnType<typeof regsFor>, _id: Types.ObjectId) =>
          storedEvent({ _id, title: { uk: `Подія ${i}` }, level: levels[i % levels.length], communities: [community], startsAt: new Date(Date.UTC(2026, 0, 1) + (i % 360) * 86_400_000), status: i % 2 ? 'planned' : 'held' }, registrations);
        const storeRegs = (regs: ReturnType<typeof regsFor>) =>
          regs.length ? dialogueRegs.insertMany(regs.map((r, k) => ({ ...r, accessibilityNeeds: [], tokenHash: `bench-${String(r._id)}-${k}`, state: 'active', erasures: [], pendingEvents: [], outboxVersion: 0, createdAt: new Date(), updatedAt: new Date() }))) : null;
        const shatskEvents = Array.from({ length: 20 }, (_, i) => {
          const _id = new Types.ObjectId();
          const regs = regsFor(_id, 10, i);
          return { doc: eventAt(i, SHATSK, regs, _id), regs };
        });
        await dialogueEvents.insertMany(shatskEvents.map((e) => e.doc) as never[]);
        await storeRegs(shatskEvents.flatMap((e) => e.regs));
        const enterpriseBody = (i: number, community: string) => ({
          edrpou: benchEdrpou(i),
          name: { uk: `КП "Масштаб ${i}"` },
          legalForm: 'communal_enterprise',
          sector: SECTOR_KEYS[i % SECTOR_KEYS.length],
          community,
          staff: [{ year: 2025, count: 5 + (i % 200) }],
        });
        await enterprises.insertMany(Array.from({ length: 10 }, (_, i) => storedEnterprise(enterpriseBody(i, SHATSK))) as never[]);
        // One open event takes the registrations measured through the gateway (through the API, as an organiser makes it).
        const open = await api.post('/api/v1/dialogue/events', {
          title: { uk: 'Відкрита подія', en: 'Open event' }, level: 'community', communities: [SHATSK], format: 'online', onlineUrl: 'https://meet.example.org/scale',
          startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000 + 7_200_000).toISOString(), languages: ['uk'], capacity: 1_000_000,
          organisers: [{ kind: 'organization', name: 'Шацька селищна рада' }],
        });
        expectStatus('POST /api/v1/dialogue/events', open.status, 201, open.body);
        expectStatus('open registration', (await api.post(`/api/v1/dialogue/events/${open.body.id}/status`, { status: 'registration_open' })).status, 200);
        const eventIds: Types.ObjectId[] = shatskEvents.map((e) => e.doc._id as Types.ObjectId);
        const codes: string[] = Array.from({ length: 10 }, (_, i) => benchEdrpou(i));
        let eventCount = 0;
        let enterpriseCount = 0;
        let registered = 0;
        let createdEnterprises = 0;
        /** The real Lutsk file through the gateway, polled until `completed` (every row accepted). */
        const importLutsk = async () => {
          const res = await fetch(`${gateway.url}/api/v1/budget/imports`, { method: 'POST', headers: { 'x-api-key': api.apiKey!, 'content-type': 'text/csv' }, body: lutskCsv });
          const accepted = (await res.json()) as { id: string; status: string };
          expectStatus('POST /api/v1/budget/imports', res.status, 202, accepted);
          expectNoRateLimit('POST /api/v1/budget/imports', res.headers);
          for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
            const poll = await api.get(`/api/v1/budget/imports/${accepted.id}`);
            expectStatus('GET /api/v1/budget/imports/{id}', poll.status, 200, poll.body);
            if (poll.body.status === 'completed' && poll.body.rejectedCount === 0) return;
            if (poll.body.status !== 'processing') fail(`the Lutsk import ended ${JSON.stringify(poll.body).slice(0, 400)}`);
            await new Promise((r) => setTimeout(r, delay));
          }
        };
        await importLutsk();
        const lutskRows = await budgetRows.find({ budgetCode: LUTSK }, { projection: { _id: 0, importId: 0 } }).toArray();
        if (!lutskRows.length) fail('the Lutsk import wrote no rows');
        const lutskPeriods = [...new Set(lutskRows.map((r) => r.period as string))];
        let budgetCount = lutskRows.length;
        let copies = 0;
        const ids: Types.ObjectId[] = [];
        let orgCount = 0;
        let subCount = 0;
        let created = 0;
        let submitted = 0;
        const seedShard = `${cid}:bench-seed`;

        for (const size of SIZES) {
          const t0 = Date.now();
          // Organisations up to `size`, with the keys the service writes.
          while (orgCount < size) {
            const n = Math.min(2000, size - orgCount);
            const docs = Array.from({ length: n }, (_, k) => {
              const i = orgCount + k;
              const original = `Громада українців ${i} ${randomBytes(3).toString('hex')}`;
              const en = `Ukrainian community ${i}`;
              const city = CITIES[i % CITIES.length];
              const now = new Date();
              return {
                _id: new Types.ObjectId(),
                name: { original, en },
                country: COUNTRIES[i % COUNTRIES.length],
                city,
                type: 'association',
                focusAreas: ['culture'],
                languages: ['uk'],
                verificationStatus: 'unverified',
                communityCodes: [],
                nameKeys: [...new Set([nameKey(original), nameKey(en)])],
                cityKey: nameKey(city),
                searchText: ` ${normalizeText(`${original} ${en} ${city}`)} `,
                searchPrefixes: searchPrefixes(normalizeText(`${original} ${en} ${city}`)),
                searchPrefixes2: searchPrefixes(normalizeText(`${original} ${en} ${city}`)),
                erasures: [],
                pendingEvents: [],
                version: 1,
                createdAt: now,
                updatedAt: now,
              };
            });
            await orgs.insertMany(docs, { ordered: false });
            await keys.insertMany(docs.flatMap((d) => d.nameKeys.map((k) => ({ _id: `${d.country}|${d.cityKey}|${k}` as never, orgId: d._id }))), { ordered: false }).catch(() => undefined);
            ids.push(...docs.map((d) => d._id));
            orgCount += n;
          }
          // Submissions of the consultation up to `size`, counted into a tally shard as the service does.
          while (subCount < size) {
            const n = Math.min(2000, size - subCount);
            const docs = Array.from({ length: n }, (_, k) => {
              const i = subCount + k;
              return {
                _id: new Types.ObjectId(),
                consultationId: new Types.ObjectId(cid),
                respondentHash: randomBytes(16).toString('hex'),
                channel: 'paper',
                profile: { status: RESPONDENT_STATUSES[i % RESPONDENT_STATUSES.length] },
                answers: answersFor(i),
                tallied: true,
                claimAt: new Date(),
                createdAt: new Date(),
              };
            });
            await subs.insertMany(docs, { ordered: false });
            await tallies.updateOne({ _id: seedShard as never }, { $inc: tallyIncrements(view, docs as never), $set: { consultationId: new Types.ObjectId(cid), shard: 'bench-seed' } }, { upsert: true });
            subCount += n;
          }
          // Budget rows up to BUDGET_ROWS_PER_DOC × size: whole copies of Lutsk's rows under other budgets.
          while (budgetCount < size * BUDGET_ROWS_PER_DOC) {
            const batch: Array<Record<string, unknown>> = [];
            const periods: Array<Record<string, unknown>> = [];
            while (batch.length < 5000 && budgetCount + batch.length < size * BUDGET_ROWS_PER_DOC) {
              const code = copyCode(copies++);
              const importId = new Types.ObjectId();
              for (const r of lutskRows) batch.push({ ...r, budgetCode: code, importId });
              for (const period of lutskPeriods) {
                periods.push({ _id: `${code}|${lutskRows[0].dataset}|${period}`, budgetCode: code, dataset: lutskRows[0].dataset, period, year: Number(period.slice(0, 4)), importId, liveAt: new Date() });
              }
            }
            await budgetRows.insertMany(batch, { ordered: false });
            await budgetPeriods.insertMany(periods as never[], { ordered: false });
            budgetCount += batch.length;
          }
          // Dialogue events up to `size` in the other communities, one stored registration each (counted on the event).
          while (eventCount < size) {
            const n = Math.min(2000, size - eventCount);
            const grown = Array.from({ length: n }, (_, k) => {
              const i = 100 + eventCount + k;
              const _id = new Types.ObjectId();
              const regs = regsFor(_id, 1, i);
              return { doc: eventAt(i, OTHERS[i % OTHERS.length], regs, _id), regs };
            });
            await dialogueEvents.insertMany(grown.map((e) => e.doc) as never[], { ordered: false });
            await storeRegs(grown.flatMap((e) => e.regs));
            eventIds.push(...grown.map((e) => e.doc._id as Types.ObjectId));
            eventCount += n;
          }
          // Enterprises up to `size` in the other communities.
          while (enterpriseCount < size) {
            const n = Math.min(2000, size - enterpriseCount);
            const grown = Array.from({ length: n }, (_, k) => enterpriseBody(10 + enterpriseCount + k, OTHERS[(enterpriseCount + k) % OTHERS.length]));
            await enterprises.insertMany(grown.map((b) => storedEnterprise(b)) as never[], { ordered: false });
            codes.push(...grown.map((b) => b.edrpou));
            enterpriseCount += n;
          }
          console.log(`${backend.name}: ${size} organisations and submissions, ${size} events and enterprises, ${budgetCount} budget rows (grown in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
          if (ferret?.pg && PG_GIN) {
            const made = await ensurePgGinIndexes(ferret.pg);
            console.log(`  PostgreSQL GIN indexes (as npm start makes them): ${made.created} made, ${made.total} in all, ${made.seconds.toFixed(1)} s`);
          }

          const issued = await api.post(`/api/v1/consultations/${cid}/respondent-tokens`, { count: 5000 });
          expectStatus('POST respondent-tokens', issued.status, 201, issued.body);
          const tokens = issued.body.tokens as string[];
          submitted = 0;
          const routes: Array<[string, (i: number) => Promise<{ status: number; body?: unknown; headers?: Headers }>, number]> = [
            ['GET /diaspora/organizations/{id}', () => api.get(`/api/v1/diaspora/organizations/${ids[Math.floor(Math.random() * ids.length)]}`), 200],
            ['GET /diaspora/organizations?country=DE&limit=20', () => api.get('/api/v1/diaspora/organizations?country=DE&limit=20'), 200],
            ['POST /diaspora/organizations', () => api.post('/api/v1/diaspora/organizations', { name: { original: `Нова спілка ${size} ${created++} ${randomBytes(3).toString('hex')}` }, country: 'DE', city: 'Berlin', type: 'association' }), 201],
            ['POST /consultations/{id}/submissions', () => api.post(`/api/v1/consultations/${cid}/submissions`, { respondentToken: tokens[submitted++], profile: { status: 'resident' }, answers: answersFor(submitted) }), 201],
            ['GET /consultations/{id}/results?by=status', () => api.get(`/api/v1/consultations/${cid}/results?by=status`), 200],
            [`GET /budget/budgets/{code}/summary (${BUDGET_ROWS_PER_DOC}× rows)`, () => api.get(`/api/v1/budget/budgets/${LUTSK}/summary?year=2025`), 200],
            [`GET /budget/budgets/{code}/expenditures (${BUDGET_ROWS_PER_DOC}× rows)`, () => api.get(`/api/v1/budget/budgets/${LUTSK}/expenditures?classification=economic&year=2025`), 200],
            ['GET /dialogue/events/{id}', () => api.get(`/api/v1/dialogue/events/${eventIds[Math.floor(Math.random() * eventIds.length)]}`), 200],
            ['GET /dialogue/events/{id}/registration-summary', () => api.get(`/api/v1/dialogue/events/${eventIds[Math.floor(Math.random() * eventIds.length)]}/registration-summary`), 200],
            ['POST /dialogue/events/{id}/registrations', () => api.post(`/api/v1/dialogue/events/${open.body.id}/registrations`, { name: `Учасник ${registered++}`, email: `scale${registered}@example.org`, consentRecordedAt: '2026-11-25T09:00:00Z', stakeholderGroup: 'resident' }), 201],
            ['GET /communities/{k}/events?limit=20 (Shatsk: 21 events)', () => api.get(`/api/v1/communities/${SHATSK}/events?limit=20`), 200],
            ['GET /communities/{k}/involvement (Shatsk)', () => api.get(`/api/v1/communities/${SHATSK}/involvement`), 200],
            ['GET /enterprises/{edrpou}', () => api.get(`/api/v1/enterprises/${codes[Math.floor(Math.random() * codes.length)]}`), 200],
            ['GET /communities/{k}/enterprises (Shatsk: 10)', () => api.get(`/api/v1/communities/${SHATSK}/enterprises`), 200],
            ['POST /enterprises', () => api.post('/api/v1/enterprises', enterpriseBody(3_000_000 + createdEnterprises++, OTHERS[0])), 201],
            // Last: a word search is a regular expression, which no FerretDB v1 backend serves from an index.
            ['GET /diaspora/organizations?q=громада 77&limit=20', () => api.get(`/api/v1/diaspora/organizations?q=${encodeURIComponent('громада 77')}&limit=20`), 200],
          ];
          for (const [route, request, expected] of routes) {
            const r = await measure(`${backend.name} ${size} ${route}`, request, expected);
            rows.push({ backend: backend.name, size, route, ...r });
            console.log(`  ${route}: p50 ${r.p50} ms, ${r.rps} req/s (${r.n} requests)`);
          }

          {
            const route = `POST /budget/imports, real file, to completed (${BUDGET_ROWS_PER_DOC}× rows; serial)`;
            const r = await measureSerial(3, importLutsk);
            rows.push({ backend: backend.name, size, route, ...r });
            console.log(`  ${route}: p50 ${r.p50} ms, ${r.rps} imports/s (${r.n} imports of ${lutskRows.length} rows)`);
          }

          // The query shapes themselves, before and after issue 12.
          const k = await orgs.findOne({ _id: ids[Math.floor(ids.length / 2)] });
          const before = {
            dup: () => orgs.findOne({ country: k!.country, cityKey: k!.cityKey, nameKeys: { $in: k!.nameKeys } }),
            list: () => orgs.find({ $and: [{ country: 'DE' }] }).sort({ _id: -1 }).limit(21).toArray(),
          };
          const after = {
            dup: async () => orgs.findOne({ _id: ((await keys.findOne({ _id: `${k!.country}|${k!.cityKey}|${k!.nameKeys[0]}` as never })) as unknown as { orgId: Types.ObjectId }).orgId }),
            list: () => orgs.find({ country: 'DE' }).sort({ _id: -1 }).limit(21).toArray(),
          };
          shapes.push([backend.name, size, 'duplicate check', await median5(before.dup), await median5(after.dup)]);
          shapes.push([backend.name, size, 'list country=DE, newest 21', await median5(before.list), await median5(after.list)]);
          if (backend.name === 'MongoDB') {
            for (const [what, cursor] of [
              ['duplicate key', keys.find({ _id: `${k!.country}|${k!.cityKey}|${k!.nameKeys[0]}` as never })],
              ['list country', orgs.find({ country: 'DE' }).sort({ _id: -1 }).limit(21)],
              ['submissions by respondent', subs.find({ consultationId: new Types.ObjectId(cid), respondentHash: 'x' })],
              ['uncounted submissions', subs.find({ tallied: false, claimAt: { $lte: new Date() } })],
              ['tally shards', tallies.find({ consultationId: new Types.ObjectId(cid) })],
            ] as const) {
              const plan = JSON.stringify(await cursor.explain());
              if (plan.includes('COLLSCAN')) fail(`explain: ${what} reads the whole collection (COLLSCAN) on MongoDB`);
            }
            console.log('  explain: every query shape above is served by an index on MongoDB');
          }
        }
        await cleanups.shift()!();
      }

      const sizes = [...new Set(rows.map((r) => r.size))];
      const routes = [...new Set(rows.map((r) => r.route))];
      const names = [...new Set(rows.map((r) => r.backend))];
      console.log(`\n## Growth: p50 ms / req/s through the gateway (${CONNECTIONS} in flight, ${DURATION_S} s per cell; every response 2xx)\n`);
      const out: Array<Array<string | number>> = [];
      for (const b of names) {
        for (const route of routes) {
          const cells = sizes.map((s) => rows.find((r) => r.backend === b && r.size === s && r.route === route)).map((r) => (r ? `${r.p50} / ${r.rps}` : '–'));
          const first = rows.find((r) => r.backend === b && r.route === route && r.size === sizes[0]);
          const last = rows.find((r) => r.backend === b && r.route === route && r.size === sizes[sizes.length - 1]);
          out.push([b, route, ...cells, first && last ? `${(last.p50 / first.p50).toFixed(1)}×` : '–']);
        }
      }
      console.log(table(['backend', 'route', ...sizes.map((s) => `${s}`), `p50 ${sizes[sizes.length - 1]} / ${sizes[0]}`], out));
      console.log('\n## Query shapes straight to the database (median of 5, ms): before issue 12 → now\n');
      console.log(table(['backend', 'documents', 'query', 'before', 'now'], shapes));
      console.log(`\n${machineNote()}`);
    },
    async () => {
      for (const c of cleanups) await c().catch(() => undefined);
    },
  );
}

main();
