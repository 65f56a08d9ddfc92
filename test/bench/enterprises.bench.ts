/**
 * Enterprise efficiency benchmark: `npm run bench -- enterprises [--enterprises=10000] [--years=5] [--samples=300] [--releases=20000] [--concurrency=16]`.
 *
 * 1. Generates `enterprises` communal enterprises over the 12 sectors, each with a balanced statement (Form 1 +
 *    Form 2-м, UAH decimal strings) for each of `years` years, and registers/posts them through the gateway
 *    (timed: the write path with validation, identity checks and storage).
 * 2. KPIs of `samples` random enterprise-years, benchmarks of every sector × year, and assessments of
 *    `samples / 3` random enterprise-years, through the gateway, `concurrency` requests in flight: time, requests/s,
 *    p50/p95 latency, and the service's own peak RSS per phase.
 * 3. An OCDS release package of `releases` releases (Prozorro shape) imported through the gateway (streamed), next
 *    to the same documents written with the raw MongoDB driver (insertMany in batches, one in flight) as the
 *    ceiling; goal ≥ 0.5× of the ceiling's releases/s.
 * The gateway and enterprise-efficiency run as separate processes from their built dist/main.js. Any answer other
 * than the expected 2xx fails the run, and so does a sector benchmark whose current-ratio median differs from the one
 * computed here from the generated statements.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import mongoose from 'mongoose';
import { SECTOR_KEYS } from '@vidnova/contracts';
import { communities } from '@vidnova/reference';
import { dropDatabases, ensureInfra } from '@vidnova/testing';
import { computeKpis, KPI_METHODOLOGY } from '@vidnova/enterprise-efficiency';
import { benchEdrpou, storedEnterprise } from './shapes';
import { arg, build, expectNoRateLimit, expectStatus, fail, infraProcs, machineNote, memoryTable, Peak, platformEnv, Proc, runBench, self, startServiceWithGateway, table, watchMemory } from './support';

const N = Number(arg('enterprises', '10000'));
const YEARS = Number(arg('years', '5'));
const SAMPLES = Number(arg('samples', '300'));
/** Enterprises registered (with their statements) through the API, timed; the rest are written straight into the service's database as set-up. */
const API_WRITES = Number(arg('api-writes', '200'));
const RELEASES = Number(arg('releases', '20000'));
const CONCURRENCY = Number(arg('concurrency', '16'));
const FIRST_YEAR = 2020;
/** Owner communities: the first 40 of the KATOTTG register. */
const COMMUNITIES = communities.slice(0, 40).map((c) => c.katottg);

/** A deterministic pseudo-random stream (the same data on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}


/** A balanced statement (Form 1 + Form 2-м) in kopiykas: every identity holds by construction. */
function statement(r: () => number): Record<string, number> {
  const k = (uah: number) => Math.round(uah) * 100 + Math.floor(r() * 100);
  const nca = k(100000 + r() * 9000000);
  const ca = k(50000 + r() * 3000000);
  const total = nca + ca;
  const eq = Math.round(total * (r() * 1.1 - 0.2));
  const rev = k(100000 + r() * 8000000);
  const cost = Math.round(rev * (0.7 + r() * 0.6));
  const pretax = rev - cost;
  return {
    R1011G4: nca * 2, R1012G4: nca, R1095G4: nca, R1100G4: Math.round(ca / 5), R1125G4: Math.round(ca / 3), R1195G4: ca, R1300G4: total,
    R1495G4: eq, R1615G3: Math.round(ca / 4), R1615G4: Math.round(ca / 3), R1695G4: total - eq, R1900G4: total,
    R2000G3: rev, R2000G4: Math.round(rev * 0.9), R2050G3: cost, R2280G3: rev, R2285G3: cost, R2290G3: pretax, R2300G3: 0, R2350G3: pretax,
  };
}

/** Kopiykas as the UAH decimal text a client sends. */
const uahText = (kop: number) => `${kop < 0 ? '-' : ''}${Math.floor(Math.abs(kop) / 100)}.${String(Math.abs(kop) % 100).padStart(2, '0')}`;

/** Runs `tasks` with `CONCURRENCY` in flight; returns each task's latency (ms). */
async function pool(tasks: Array<() => Promise<void>>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const t = tasks[next++];
      const t0 = performance.now();
      await t();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, worker));
  return latencies;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

function ocdsPackage(count: number, buyers: string[]): string {
  const r = rng(7);
  const methods = ['open', 'open', 'selective', 'limited', 'direct', 'direct'];
  const releases = Array.from({ length: count }, (_, i) => {
    const buyer = buyers[i % buyers.length];
    const amount = Math.round(1000 + r() * 5000000) + Math.floor(r() * 100) / 100;
    const date = `${FIRST_YEAR + (i % YEARS)}-0${1 + (i % 9)}-15T10:00:00+02:00`;
    return {
      ocid: `ocds-be6bcu-UA-bench-${String(Math.floor(i / 2)).padStart(8, '0')}-a`,
      id: `bench-${i}`,
      date,
      tag: ['tender', 'award', 'contract'],
      initiationType: 'tender',
      buyer: { id: `UA-EDR-${buyer}`, name: `КП ${buyer}` },
      parties: [{ id: `UA-EDR-${buyer}`, name: `КП ${buyer}`, identifier: { scheme: 'UA-EDR', id: buyer }, roles: ['buyer'] }],
      tender: {
        id: `t${i}`, title: 'Закупівля', status: 'complete', procurementMethod: methods[i % methods.length],
        value: { amount, currency: 'UAH' }, numberOfTenderers: 1 + (i % 4), datePublished: date,
        items: [{ id: '1', classification: { scheme: 'ДК021', id: '45231300-8' } }],
      },
      awards: [{ id: `a${i}`, status: 'active', value: { amount, currency: 'UAH' }, suppliers: [{ id: 'UA-EDR-12345678', name: 'ТОВ' }] }],
      contracts: [{ id: `c${i}`, awardID: `a${i}`, status: 'active', value: { amount, currency: 'UAH' } }],
    };
  });
  return JSON.stringify({ uri: 'bench', version: '1.1', publisher: { name: 'bench' }, releases });
}

function main(): void {
  const suffix = randomBytes(4).toString('hex');
  const serviceDb = `bench_enterprise_${suffix}`;
  const gatewayDb = `bench_gateway_${suffix}`;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  let infra: Awaited<ReturnType<typeof ensureInfra>> | undefined;
  let conn: mongoose.Connection | undefined;
  const cleanup = async () => {
    await conn?.close();
    if (!infra) return;
    await dropDatabases(infra.urls.MONGO_URL, [serviceDb, gatewayDb]).catch(() => undefined);
    await infra.stop();
  };
  runBench(async () => {
    infra = await ensureInfra();
    const common = platformEnv({ ...infra.urls });
    build(['gateway', 'enterprise-efficiency']);
    const { service, gateway } = await startServiceWithGateway('enterprise-efficiency', common, { service: serviceDb, gateway: gatewayDb }, adminKey, { BUS_TIMEOUT_MS: '60000' });
    const procs: Proc[] = [gateway, service, self(), ...infraProcs({ ...infra.urls })];
    const headers = { 'x-api-key': adminKey, 'content-type': 'application/json' };
    const call = async (method: string, path: string, expected: number, body?: unknown) => {
      const res = await fetch(`${gateway.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      expectStatus(`${method} ${path}`, res.status, expected, text);
      expectNoRateLimit(path, res.headers);
      return text;
    };
    const phases: Array<{ phase: string; peaks: Peak[] }> = [];
    const figures: Array<Array<string | number>> = [];
    const measure = async (name: string, tasks: Array<() => Promise<void>>) => {
      console.log(`${name}: ${tasks.length} requests…`);
      const stop = watchMemory(procs);
      const t0 = performance.now();
      const lat = await pool(tasks);
      const sec = (performance.now() - t0) / 1000;
      const peaks = stop();
      phases.push({ phase: name, peaks });
      const svc = peaks.find((p) => p.name === 'enterprise-efficiency')!;
      figures.push([name, tasks.length, sec.toFixed(1), (tasks.length / sec).toFixed(1), pct(lat, 0.5).toFixed(0), pct(lat, 0.95).toFixed(0), `${svc.peakMb} (${svc.startMb})`, loadavg()[0].toFixed(1)]);
      console.log(`  ${sec.toFixed(1)} s, service peak RSS ${svc.peakMb} MB`);
    };

    const r = rng(42);
    const codes = Array.from({ length: N }, (_, i) => benchEdrpou(i));
    const enterpriseBody = (code: string, i: number) => ({
      edrpou: code, name: { uk: `КП "Бенч ${i}"` }, legalForm: 'communal_enterprise', sector: SECTOR_KEYS[i % SECTOR_KEYS.length],
      community: COMMUNITIES[i % COMMUNITIES.length], staff: Array.from({ length: YEARS }, (_, y) => ({ year: FIRST_YEAR + y, count: 5 + (i % 200) })),
    });
    const statements = codes.map((code) => Array.from({ length: YEARS }, (_, y) => ({ code, year: FIRST_YEAR + y, lines: statement(r) })));
    const viaApi = Math.min(API_WRITES, N);
    await measure(`register ${viaApi} enterprises (API)`, codes.slice(0, viaApi).map((code, i) => async () => {
      await call('POST', '/api/v1/enterprises', 201, enterpriseBody(code, i));
    }));
    const apiStatements = statements.slice(0, viaApi).flat();
    await measure(`post ${apiStatements.length} statements (API)`, apiStatements.map((x) => async () => {
      await call('POST', `/api/v1/enterprises/${x.code}/statements`, 201, { year: x.year, unit: 'UAH', lines: Object.fromEntries(Object.entries(x.lines).map(([k, v]) => [k, uahText(v)])) });
    }));
    conn = await mongoose.createConnection(infra.urls.MONGO_URL, { dbName: serviceDb }).asPromise();
    if (N > viaApi) {
      // Set-up, not measured: the rest in the documents' stored shape (what the API just wrote for the first ones).
      console.log(`writing ${N - viaApi} enterprises and ${(N - viaApi) * YEARS} statements into the service database (set-up)…`);
      const now = new Date();
      for (let i = viaApi; i < N; i += 1000) {
        const slice = codes.slice(i, Math.min(N, i + 1000));
        await conn.db!.collection('enterprises').insertMany(slice.map((code, j) => {
          return storedEnterprise(enterpriseBody(code, i + j), now) as never;
        }));
        await conn.db!.collection('statements').insertMany(statements.slice(i, i + 1000).flat().map((x) => ({
          _id: `${x.code}:${x.year}` as never, edrpou: x.code, year: x.year, version: 1, unit: 'UAH', lines: x.lines, identities: [], flagged: false, source: 'bench set-up', postedAt: now, history: [],
        })));
        // …and the KPI values the service stores with each statement (kpis/kpi-store.ts): the steady state. A
        // document that did not match its sources would be recomputed by the service's reconciliation anyway.
        await conn.db!.collection('kpis').insertMany(statements.slice(i, i + 1000).flatMap((list, j) => list.map((x) => ({ x, index: i + j }))).map(({ x, index }) => {
          const b = enterpriseBody(x.code, index);
          const staff = b.staff.find((st) => st.year === x.year)?.count ?? null;
          return {
            _id: `${x.code}:${x.year}` as never, edrpou: x.code, year: x.year, sector: b.sector, oblast: communities.find((c) => c.katottg === b.community)!.oblast.katottg,
            methodology: KPI_METHODOLOGY, statementVersion: 1, subsidies: 0, staff,
            values: Object.fromEntries(computeKpis({ lines: x.lines, subsidies: 0, staff }).map((k) => [k.key, k.value])), computedAt: now,
          };
        }));
      }
    }
    const pick = (k: number) => Array.from({ length: k }, () => ({ code: codes[Math.floor(r() * N)], year: FIRST_YEAR + Math.floor(r() * YEARS) }));
    await measure(`KPIs (${SAMPLES} enterprise-years)`, pick(SAMPLES).map((x) => async () => void (await call('GET', `/api/v1/enterprises/${x.code}/kpis?year=${x.year}`, 200))));
    /** Median of R1195G4 / R1695G4 (each rounded to 4 places) over the sector-year's generated statements: the oracle. */
    const currentRatioMedian = (sector: string, year: number): number | null => {
      const v = statements
        .filter((_, i) => SECTOR_KEYS[i % SECTOR_KEYS.length] === sector)
        .map((list) => list[year - FIRST_YEAR].lines)
        .map((l) => Math.round((l.R1195G4 / l.R1695G4) * 1e4) / 1e4)
        .sort((a, b) => a - b);
      if (v.length < 5) return null;
      const pos = (v.length - 1) / 2;
      return Math.round((v[Math.floor(pos)] + (v[Math.ceil(pos)] - v[Math.floor(pos)]) * (pos - Math.floor(pos))) * 1e4) / 1e4;
    };
    // The first read of a year after a start (or a change) reads the year's stored KPI values once and stores each
    // sector's peer snapshot (kpis/kpi-store.ts); timed apart, so that the next phase shows the steady state.
    await measure(`benchmarks, first read of each of ${YEARS} years (builds its peer snapshots)`, Array.from({ length: YEARS }, (_, y) => async () => {
      await call('GET', `/api/v1/enterprises/benchmarks?sector=${SECTOR_KEYS[0]}&year=${FIRST_YEAR + y}`, 200);
    }));
    const sectorYears = SECTOR_KEYS.flatMap((sector) => Array.from({ length: YEARS }, (_, y) => ({ sector, year: FIRST_YEAR + y })));
    await measure(`benchmarks (${sectorYears.length} sector-years, ~${Math.round(N / SECTOR_KEYS.length)} enterprises each)`, sectorYears.map((x) => async () => {
      const body = JSON.parse(await call('GET', `/api/v1/enterprises/benchmarks?sector=${x.sector}&year=${x.year}`, 200)) as { national: { enterprises: number; kpis: { key: string; median: number | null }[] } };
      if (body.national.enterprises < 1) fail(`benchmarks of ${x.sector} ${x.year} saw no enterprise`);
      // An independent check that the answer is computed over every generated statement of the sector-year.
      const want = currentRatioMedian(x.sector, x.year);
      const median = body.national.kpis.find((k) => k.key === 'currentRatio')?.median ?? null;
      if (want !== null && (median === null || Math.abs(median - want) > 1e-9)) fail(`benchmarks of ${x.sector} ${x.year}: current ratio median ${median}, expected ${want}`);
    }));
    await measure(`assessments (${Math.ceil(SAMPLES / 3)} enterprise-years)`, pick(Math.ceil(SAMPLES / 3)).map((x) => async () => {
      const body = JSON.parse(await call('GET', `/api/v1/enterprises/${x.code}/assessment?year=${x.year}`, 200)) as { score: { value: number | null } };
      // Every sector has at least 5 enterprises with a statement from 60 enterprises on: then every assessment has a score.
      if (body.score.value === null && N >= 60) fail(`assessment of ${x.code} ${x.year} has no score`);
    }));

    // OCDS import against the raw-driver ceiling.
    const pkg = ocdsPackage(RELEASES, codes.slice(0, 500));
    const bytes = Buffer.byteLength(pkg);
    console.log(`OCDS import: ${RELEASES} releases (${(bytes / 1048576).toFixed(1)} MB)…`);
    const stopImport = watchMemory(procs);
    const t0 = performance.now();
    const res = await fetch(`${gateway.url}/api/v1/procurement/imports`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/octet-stream' }, body: pkg });
    let view = (await res.json()) as { id: string; status: string; inserted: number };
    expectStatus('POST /api/v1/procurement/imports', res.status, 202, view);
    while (view.status === 'processing') {
      await new Promise((done) => setTimeout(done, 200));
      const poll = await fetch(`${gateway.url}/api/v1/procurement/imports/${view.id}`, { headers: { 'x-api-key': adminKey } });
      view = (await poll.json()) as typeof view;
      expectStatus('GET import', poll.status, 200, view);
    }
    const importSec = (performance.now() - t0) / 1000;
    const importLoad = loadavg()[0];
    phases.push({ phase: `OCDS import ${RELEASES}`, peaks: stopImport() });
    if (view.status !== 'completed' || view.inserted !== RELEASES) fail(`the OCDS import ended ${JSON.stringify(view).slice(0, 500)}`);

    // One enterprise's assessment after the import (it is a buyer of the package), shortened for the report.
    const sample = JSON.parse(await call('GET', `/api/v1/enterprises/${codes[0]}/assessment?year=${FIRST_YEAR}`, 200)) as {
      edrpou: string; year: number; sector: string; score: { value: number | null; components: { key: string; weight: number; goodness: number | null; contribution: number | null }[] };
      kpis: { key: string; value: number | null; percentile: number | null; peers: number }[]; flags: { key: string; figures: unknown }[];
      recommendations: { trigger: string; text: { en: string }; figures: unknown }[]; budgetSupport: { total: number; shareReason?: string } | null;
      procurement: { procedures: number; nonCompetitiveShare: number | null; expectedValue: number; contractedValue: number; savings: number } | null;
    };
    const assessmentJson = JSON.stringify({
      edrpou: sample.edrpou, year: sample.year, sector: sample.sector, score: sample.score.value,
      components: sample.score.components.map((c) => [c.key, c.weight, c.goodness, c.contribution]),
      kpis: sample.kpis.map((k) => [k.key, k.value, k.percentile, k.peers]),
      flags: sample.flags, recommendations: sample.recommendations.map((r) => ({ trigger: r.trigger, en: r.text.en })),
      budgetSupport: sample.budgetSupport && { total: sample.budgetSupport.total, shareReason: sample.budgetSupport.shareReason },
      procurement: sample.procurement && { procedures: sample.procurement.procedures, nonCompetitiveShare: sample.procurement.nonCompetitiveShare, expectedValue: sample.procurement.expectedValue, contractedValue: sample.procurement.contractedValue, savings: sample.procurement.savings },
    });

    const stored = await conn.db!.collection('ocds_releases').find({}, { projection: { _id: 0 } }).toArray();
    const raw = conn.db!.collection('bench_raw_releases');
    await raw.createIndex({ buyerEdrpou: 1 });
    await raw.createIndex({ ocid: 1 });
    const stopRaw = watchMemory(procs);
    const t1 = performance.now();
    let inFlight: Promise<unknown> | null = null;
    for (let i = 0; i < stored.length; i += 500) {
      await inFlight;
      inFlight = raw.insertMany(stored.slice(i, i + 500).map((d, k) => ({ ...d, _id: `raw-${i + k}` })) as never[], { ordered: false });
    }
    await inFlight;
    const rawSec = (performance.now() - t1) / 1000;
    phases.push({ phase: `raw insertMany ${stored.length}`, peaks: stopRaw() });
    await raw.drop();

    console.log(`\n### Enterprise efficiency benchmark (${N} enterprises × ${YEARS} years; every answer 2xx; ${CONCURRENCY} requests in flight)\n`);
    console.log(table(['phase', 'requests', 's', 'req/s', 'p50 ms', 'p95 ms', 'enterprise-efficiency peak RSS MB (at start)', 'load avg (1 min, at end)'], figures));
    console.log('\n### OCDS import vs raw driver ceiling\n');
    const ratio = (RELEASES / importSec) / (stored.length / rawSec);
    console.log(table(['what', 'releases', 's', 'releases/s'], [
      [`import through the gateway (${(bytes / 1048576).toFixed(1)} MB, streamed)`, RELEASES, importSec.toFixed(1), Math.round(RELEASES / importSec)],
      ['raw insertMany (batches of 500, one in flight, same documents and indexes)', stored.length, rawSec.toFixed(1), Math.round(stored.length / rawSec)],
    ]));
    console.log(`\nload average (1 min) after the import: ${importLoad.toFixed(1)}, after the raw insert: ${loadavg()[0].toFixed(1)}`);
    console.log(`\nimport / ceiling = ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
    console.log(`\n### One assessment (${codes[0]}, ${FIRST_YEAR}; components and KPIs as [key, weight, goodness, contribution] and [key, value, percentile, peers])\n\n${assessmentJson}`);
    console.log('\n### Peak RSS per process (own VmHWM, reset at each phase; infrastructure sampled)\n');
    console.log(memoryTable(phases));
    console.log(`\n${machineNote()}.`);
  }, cleanup);
}

main();
