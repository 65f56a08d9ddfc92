/**
 * Dialogue benchmark: `npm run bench -- dialogue [--registrations=10000] [--capacity=8000] [--concurrency=32] [--cancellations=50] [--cancel-concurrency=1] [--events=1000]`.
 *
 * 1. Registrations per second through the gateway (HTTP → NATS → dialogue-events → database) for ONE
 *    event: `capacity` seats, the rest on the waitlist; every request answers 201, with p50/p95 latency
 *    and the rate of the first and the last tenth of the run (flat = the cost per registration does not
 *    grow with the registrations already there). Checked against what one-at-a-time placement must give:
 *    exactly `capacity` answered confirmed, the waitlisted answered positions 1..rest each once, the
 *    event's seat counts and the registration summary agree.
 *    Then `cancellations` confirmed registrations cancel by token (each promotes the first waiting): the
 *    promoted must be exactly those who held positions 1..cancellations and the waitlist the rest, in order
 *    (read from the database).
 * 2. The involvement figures of a community with `events` events (half held, with attendance in their
 *    minutes, 10 registrations each, a commitment on every fifth), the data inserted straight into the
 *    database for setup; time of `GET /api/v1/communities/{katottg}/involvement`, its counts checked against
 *    those of the generated data.
 *
 * The gateway and dialogue-events run as separate processes from their built dist/main.js (as `npm start`
 * runs them, rate limit off); each process's own peak RSS is reported per phase, and the load average
 * (1 min) at the start and end of each phase. Any answer other than the expected 2xx, or a count that
 * differs from the expected one, fails the run. The registration event's .ics is written to
 * .vidnova/bench-dialogue-event.ics.
 */
import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { COMMITMENT_MODEL, CommitmentSchema, CSV_PAGE_ROWS, EVENT_MODEL, EventSchema, REGISTRATION_MODEL, RegistrationSchema } from '@vidnova/dialogue-events';
import { STAKEHOLDER_GROUPS } from '@vidnova/contracts';
import { ApiClient, dropDatabases, ensureInfra } from '@vidnova/testing';
import mongoose, { Types } from 'mongoose';
import { storedEvent } from './shapes';
import { arg, build, ROOT, expectNoRateLimit, expectStatus, fail, infraProcs, machineNote, memoryTable, Peak, platformEnv, Proc, runBench, self, startServiceWithGateway, table, watchMemory } from './support';

const REGISTRATIONS = Number(arg('registrations', '10000'));
const CAPACITY = Number(arg('capacity', String(Math.floor(REGISTRATIONS * 0.8))));
const CONCURRENCY = Number(arg('concurrency', '32'));
const EVENTS = Number(arg('events', '1000'));
/**
 * Cancellations are few and one at a time by default: each is one lease, and each promotion's outbox event is
 * cleared with a filter FerretDB v1 answers by scanning the registrations, so with 10 000 registrations several
 * in flight on one event waited past the gateway's 15 s (see docs/dialogue-methodology.md).
 */
const CANCELLATIONS = Number(arg('cancellations', '50'));
const CANCEL_CONCURRENCY = Number(arg('cancel-concurrency', '1'));
const COMMUNITY = 'UA07060450000051170';
const OTHER = 'UA74040030000093042';
/** The registration phase's event is elsewhere, so phase 2 counts only its own data. */
const REGISTRATION_COMMUNITY = 'UA61040030000060956';

interface PoolRun {
  seconds: number;
  /** Latency of each job, ms. */
  latencies: number[];
  /** When each job finished, seconds from the start. */
  finished: number[];
}

async function pool(count: number, job: (i: number) => Promise<void>, concurrency = CONCURRENCY): Promise<PoolRun> {
  let next = 0;
  const t0 = performance.now();
  const latencies: number[] = [];
  const finished: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await job(i);
        latencies.push(performance.now() - t);
        finished.push((performance.now() - t0) / 1000);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies, finished };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** "p50 / p95 / max ms; first tenth n/s, last tenth n/s". */
function describe(run: PoolRun): string {
  const lat = `p50 ${percentile(run.latencies, 50).toFixed(0)} / p95 ${percentile(run.latencies, 95).toFixed(0)} / max ${Math.max(...run.latencies).toFixed(0)} ms`;
  const ends = [...run.finished].sort((a, b) => a - b);
  const tenth = Math.floor(ends.length / 10);
  if (tenth < 10) return lat;
  const first = tenth / ends[tenth - 1];
  const last = tenth / (ends[ends.length - 1] - ends[ends.length - 1 - tenth]);
  return `${lat}; first tenth ${first.toFixed(0)}/s, last tenth ${last.toFixed(0)}/s`;
}

const load = () => loadavg()[0].toFixed(1);

function main(): void {
  const suffix = randomBytes(4).toString('hex');
  const serviceDb = `bench_dialogue_${suffix}`;
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
    build(['gateway', 'dialogue-events']);
    // Both limits off: one client address sends thousands of requests a minute here.
    const { service, gateway } = await startServiceWithGateway('dialogue-events', common, { service: serviceDb, gateway: gatewayDb }, adminKey, { RATE_LIMIT_PER_IP_PER_MINUTE: '0' });
    const procs: Proc[] = [gateway, service, self(), ...infraProcs({ ...infra.urls })];
    const phases: Array<{ phase: string; peaks: Peak[] }> = [];
    const rows: Array<Array<string | number>> = [];
    // Each row also as soon as it is measured, so a later failure still leaves the earlier figures.
    const row = (r: Array<string | number>) => {
      rows.push(r);
      console.log(`measured: ${r.join(' | ')}`);
    };

    // The database, for the checks after cancelling and the setup of the involvement phase.
    conn = await mongoose.createConnection(infra.urls.MONGO_URL, { dbName: serviceDb }).asPromise();
    const Event = conn.model(EVENT_MODEL, EventSchema);
    const Registration = conn.model(REGISTRATION_MODEL, RegistrationSchema);
    const Commitment = conn.model(COMMITMENT_MODEL, CommitmentSchema);
    const admin = new ApiClient(gateway.url!, adminKey);
    const ek = await admin.post('/api/v1/api-keys', { name: 'bench editor', role: 'editor' });
    expectStatus('POST /api/v1/api-keys', ek.status, 201, ek.body);
    expectNoRateLimit('POST /api/v1/api-keys', ek.headers);
    const editor = admin.withKey(ek.body.key);
    const rk = await admin.post('/api/v1/api-keys', { name: 'bench reader', role: 'reader' });
    const reader = admin.withKey(rk.body.key);

    // 1. Registrations for one event through the gateway.
    if (REGISTRATIONS > 0) {
      const ev = await editor.post('/api/v1/dialogue/events', {
        title: { uk: 'Загальні збори громади' },
        level: 'community',
        communities: [REGISTRATION_COMMUNITY],
        format: 'online',
        onlineUrl: 'https://meet.example.org/bench',
        startsAt: '2031-01-10T10:00:00Z',
        endsAt: '2031-01-10T12:00:00Z',
        capacity: CAPACITY,
        organisers: [{ kind: 'organization', name: 'Рада' }],
      });
      expectStatus('POST /api/v1/dialogue/events', ev.status, 201, ev.body);
      const open = await editor.post(`/api/v1/dialogue/events/${ev.body.id}/status`, { status: 'registration_open' });
      expectStatus('open registration', open.status, 200, open.body);
      const mem = watchMemory(procs);
      const loadBefore = load();
      const receipts: Array<{ id: string; status: string; waitlistPosition?: number; cancellationToken: string }> = [];
      const run = await pool(REGISTRATIONS, async (i) => {
        const r = await reader.post(`/api/v1/dialogue/events/${ev.body.id}/registrations`, {
          name: `Учасник ${i}`,
          email: `p${i}@example.org`,
          consentRecordedAt: '2026-11-25T09:00:00Z',
          stakeholderGroup: STAKEHOLDER_GROUPS[i % STAKEHOLDER_GROUPS.length],
        });
        expectStatus(`registration ${i}`, r.status, 201, r.body);
        receipts.push(r.body);
      });
      phases.push({ phase: `${REGISTRATIONS} registrations, one event (load ${loadBefore} → ${load()})`, peaks: mem() });
      const seats = (await reader.get(`/api/v1/dialogue/events/${ev.body.id}`)).body.seats;
      const expected = { capacity: CAPACITY, confirmed: Math.min(CAPACITY, REGISTRATIONS), waitlisted: Math.max(0, REGISTRATIONS - CAPACITY) };
      const confirmed = receipts.filter((r) => r.status === 'confirmed');
      const waiting = receipts.filter((r) => r.status === 'waitlisted').sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);
      if (JSON.stringify(seats) !== JSON.stringify(expected) || confirmed.length !== expected.confirmed || waiting.length !== expected.waitlisted) {
        fail(`after ${REGISTRATIONS} registrations the event counts ${JSON.stringify(seats)} (${confirmed.length} answered confirmed, ${waiting.length} waitlisted), expected ${JSON.stringify(expected)}`);
      }
      const badPosition = waiting.findIndex((r, k) => r.waitlistPosition !== k + 1);
      if (badPosition >= 0) fail(`waitlist positions answered are not 1..${waiting.length} each once: place ${badPosition + 1} answered ${waiting[badPosition].waitlistPosition}`);
      const summary = await reader.get(`/api/v1/dialogue/events/${ev.body.id}/registration-summary`);
      expectStatus('GET registration-summary', summary.status, 200, summary.body);
      if (summary.body.total !== REGISTRATIONS || summary.body.confirmed !== expected.confirmed || summary.body.waitlisted !== expected.waitlisted) {
        fail(`registration summary ${JSON.stringify({ total: summary.body.total, confirmed: summary.body.confirmed, waitlisted: summary.body.waitlisted })}, expected total ${REGISTRATIONS}, ${JSON.stringify(expected)}`);
      }
      row([
        `${REGISTRATIONS} registrations for one event, ${CAPACITY} seats, ${expected.waitlisted} waitlisted (${CONCURRENCY} in flight)`,
        run.seconds.toFixed(2),
        `${(REGISTRATIONS / run.seconds).toFixed(0)} registrations/s; ${describe(run)}`,
      ]);

      // Cancellations by token, each of a confirmed registration while people wait: the first waiting takes the seat.
      const cancels = Math.min(CANCELLATIONS, confirmed.length, waiting.length);
      if (cancels > 0) {
        const memC = watchMemory(procs);
        const loadC = load();
        let promoted = 0;
        const runC = await pool(cancels, async (i) => {
          const r = await reader.post(`/api/v1/dialogue/events/${ev.body.id}/registrations/cancel`, { token: confirmed[i].cancellationToken });
          expectStatus(`cancellation ${i}`, r.status, 200, r.body);
          if (r.body.promotedFromWaitlist) promoted++;
        }, CANCEL_CONCURRENCY);
        phases.push({ phase: `${cancels} cancellations (load ${loadC} → ${load()})`, peaks: memC() });
        const after = (await reader.get(`/api/v1/dialogue/events/${ev.body.id}`)).body.seats;
        const want = { capacity: CAPACITY, confirmed: expected.confirmed, waitlisted: expected.waitlisted - cancels };
        if (promoted !== cancels || JSON.stringify(after) !== JSON.stringify(want)) {
          fail(`after ${cancels} cancellations ${promoted} promoted and the event counts ${JSON.stringify(after)}, expected ${cancels} and ${JSON.stringify(want)}`);
        }
        // The oracle, read from the database: the waitlist is the rest of those who waited, in their order; those who held positions
        // 1..cancels are active and off it; the cancelled are cancelled.
        const stored = (await Event.findById(ev.body.id, { waitlist: 1 }).lean().exec()) as { waitlist: string[] } | null;
        const expectWaitlist = waiting.slice(cancels).map((r) => r.id);
        if (JSON.stringify(stored?.waitlist) !== JSON.stringify(expectWaitlist)) {
          const at = expectWaitlist.findIndex((id, k) => stored?.waitlist[k] !== id);
          fail(`after the cancellations the waitlist differs from the rest of those who waited from place ${at + 1} (${stored?.waitlist.length} waiting, expected ${expectWaitlist.length})`);
        }
        for (const [r, state] of [...confirmed.slice(0, cancels).map((x) => [x, 'cancelled'] as const), ...waiting.slice(0, cancels).map((x) => [x, 'active'] as const)]) {
          const doc = (await Registration.findById(r.id, { state: 1 }).lean().exec()) as { state: string } | null;
          if (doc?.state !== state) fail(`registration ${r.id} is ${doc?.state}, expected ${state}`);
        }
        const summaryC = await reader.get(`/api/v1/dialogue/events/${ev.body.id}/registration-summary`);
        if (summaryC.body.total !== REGISTRATIONS - cancels || summaryC.body.confirmed !== CAPACITY || summaryC.body.waitlisted !== expected.waitlisted - cancels) {
          fail(`registration summary after the cancellations ${JSON.stringify({ total: summaryC.body.total, confirmed: summaryC.body.confirmed, waitlisted: summaryC.body.waitlisted })}`);
        }
        row([`${cancels} cancellations by token, each promoting the first waiting (${CANCEL_CONCURRENCY} in flight)`, runC.seconds.toFixed(2), `${(cancels / runC.seconds).toFixed(0)} cancellations/s; ${describe(runC)}`]);
      }

      // The organisers' CSV of every registration, sent a page at a time: each receipt once, with its status now.
      const cancelled = new Set(confirmed.slice(0, cancels).map((r) => r.id));
      const started = performance.now();
      const csv = await editor.get(`/api/v1/dialogue/events/${ev.body.id}/registrations.csv`);
      const csvSeconds = (performance.now() - started) / 1000;
      expectStatus('GET registrations.csv', csv.status, 200, String(csv.body).slice(0, 200));
      const rows = parse(String(csv.body), { columns: true }) as Array<{ id: string; status: string }>;
      const byId = new Map(rows.map((r) => [r.id, r.status]));
      const counts = { confirmed: 0, waitlisted: 0, cancelled: 0 } as Record<string, number>;
      for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
      const wantCounts = { confirmed: expected.confirmed, waitlisted: expected.waitlisted - cancels, cancelled: cancels };
      if (rows.length !== REGISTRATIONS || byId.size !== REGISTRATIONS || receipts.some((r) => !byId.has(r.id)) || JSON.stringify(counts) !== JSON.stringify(wantCounts)) {
        fail(`the registrations CSV has ${rows.length} rows (${byId.size} ids) counting ${JSON.stringify(counts)}, expected every one of ${REGISTRATIONS} receipts once counting ${JSON.stringify(wantCounts)}`);
      }
      const wrong = [...cancelled].find((id) => byId.get(id) !== 'cancelled');
      if (wrong) fail(`registration ${wrong} was cancelled but the CSV says ${byId.get(wrong)}`);
      const bytes = Buffer.byteLength(String(csv.body));
      row([`organisers' CSV of ${REGISTRATIONS} registrations (${(bytes / 1048576).toFixed(1)} MiB, pages of at most ${CSV_PAGE_ROWS} rows or 768 KiB)`, csvSeconds.toFixed(2), `${Math.round(REGISTRATIONS / csvSeconds)} rows/s`]);

      const ics = await reader.get(`/api/v1/dialogue/events/${ev.body.id}/calendar.ics`);
      expectStatus('GET calendar.ics', ics.status, 200, ics.body);
      if (!String(ics.body).startsWith('BEGIN:VCALENDAR')) fail(`calendar.ics is not an iCalendar document: ${String(ics.body).slice(0, 80)}`);
      mkdirSync(join(ROOT, '.vidnova'), { recursive: true });
      writeFileSync(join(ROOT, '.vidnova', 'bench-dialogue-event.ics'), String(ics.body));
    }

    // 2. Involvement of a community with EVENTS events.
    if (EVENTS > 0) {
      const ti = performance.now();
      const levels = ['community', 'regional', 'national', 'diaspora', 'international'];
      const regsOf = (i: number) =>
        Array.from({ length: 10 }, (_, k) => ({
          _id: new Types.ObjectId(),
          stakeholderGroup: STAKEHOLDER_GROUPS[(i + k) % STAKEHOLDER_GROUPS.length],
          ...(k < 7 ? { checkedInAt: new Date() } : {}),
        }));
      const events = Array.from({ length: EVENTS }, (_, i) => {
        const held = i % 2 === 0;
        const registrations = regsOf(i);
        const minutes = held && i % 4 === 0 ? { text: { uk: 'Протокол' }, attendance: [{ group: 'resident', count: 20 + (i % 7) }, { group: 'civil_society_organization', count: 5 }], decisions: [], recordedAt: new Date() } : undefined;
        const doc = storedEvent(
          {
            title: { uk: `Подія ${i}` },
            level: levels[i % levels.length],
            communities: i % 3 === 0 ? [COMMUNITY, OTHER] : [COMMUNITY],
            startsAt: new Date(Date.UTC(2026, 0, 1) + (i % 360) * 86_400_000),
            status: held ? 'held' : 'planned',
            ...(minutes ? { minutes } : {}),
          },
          registrations,
        );
        return { doc, minutes, status: held ? 'held' : 'planned', level: doc.level as string, communities: doc.communities as string[], registrations };
      });
      await Event.insertMany(events.map((e) => e.doc), { lean: true });
      const regs = events.flatMap((e, i) =>
        e.registrations.map((r, k) => ({ ...r, eventId: String(e.doc._id), accessibilityNeeds: [], tokenHash: `bench-${i}-${k}`, state: 'active', erasures: [], pendingEvents: [] })),
      );
      for (let i = 0; i < regs.length; i += 5000) await Registration.insertMany(regs.slice(i, i + 5000), { lean: true });
      const commitments = events
        .filter((_, i) => i % 5 === 0)
        .map((e, i) => ({ eventId: String(e.doc._id), communities: e.communities, text: { uk: 'Зобов’язання' }, responsible: { name: 'Рада', type: 'council' }, dueDate: i % 2 ? '2020-01-01' : '2099-01-01', status: i % 3 ? 'open' : 'done', progress: 0, evidence: [], path: [{ eventId: String(e.doc._id), level: e.level, at: new Date() }], updates: [] }));
      await Commitment.insertMany(commitments, { lean: true });
      const setupSeconds = (performance.now() - ti) / 1000;
      const mem = watchMemory(procs);
      const loadI = load();
      const t0 = performance.now();
      const res = await reader.get(`/api/v1/communities/${COMMUNITY}/involvement`);
      const seconds = (performance.now() - t0) / 1000;
      phases.push({ phase: `involvement, ${EVENTS} events (load ${loadI} → ${load()})`, peaks: mem() });
      expectStatus('GET involvement', res.status, 200, res.body);
      // The oracle: the counts of the data generated above (check-ins: 7 of the 10 registrations of a held
      // event without attendance in its minutes; commitments: done every third, due in 2020 every second).
      const heldEvents = events.filter((e) => e.status === 'held');
      const want = {
        events: EVENTS,
        eventsHeld: heldEvents.length,
        registrations: EVENTS * 10,
        attendance: heldEvents.reduce((sum, e) => sum + (e.minutes ? e.minutes.attendance.reduce((a, x) => a + x.count, 0) : 7), 0),
        contributions: 0,
        commitmentsMade: commitments.length,
        commitmentsDone: commitments.filter((c) => c.status === 'done').length,
        commitmentsOverdue: commitments.filter((c) => c.status !== 'done' && c.dueDate === '2020-01-01').length,
      };
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, res.body[k]]));
      if (JSON.stringify(got) !== JSON.stringify(want)) fail(`involvement counts ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      row([`involvement of a community with ${EVENTS} events, ${EVENTS * 10} registrations, ${commitments.length} commitments (setup insertMany ${setupSeconds.toFixed(1)} s); index ${res.body.index}`, seconds.toFixed(2), `${(EVENTS / seconds).toFixed(0)} events/s`]);
    }

    console.log('\n### Dialogue benchmark (every answer 2xx; counts checked against the expected ones after each phase)\n');
    console.log(table(['case', 'seconds', 'rate'], rows));
    console.log('\n### Peak RSS per process (own VmHWM, reset at each phase; infrastructure sampled every 20 ms)\n');
    console.log(memoryTable(phases));
    console.log(`\ngateway and dialogue-events from dist/main.js.\n${machineNote()}.`);
  }, cleanup);
}

main();
