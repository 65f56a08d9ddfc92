/**
 * Dialogue benchmark: `npm run bench -- dialogue [--registrations=10000] [--capacity=8000] [--concurrency=32] [--events=1000]`.
 *
 * 1. Registrations per second through the gateway (HTTP → NATS → dialogue-events → database) for ONE
 *    event: `capacity` seats, the rest on the waitlist; every request answers 201 and the event's seat
 *    counts must match at the end (confirmed = capacity, waitlisted = the rest).
 * 2. The involvement figures of a community with `events` events (half held, with attendance in their
 *    minutes, 10 registrations each, a commitment on every fifth), the data inserted straight into the
 *    database for setup; time of `GET /api/v1/communities/{katottg}/involvement`.
 *
 * The gateway and dialogue-events run as separate processes from their built dist/main.js (as `npm start`
 * runs them, rate limit off); each process's own peak RSS is reported per phase. Any answer other than
 * the expected 2xx fails the run.
 */
import { randomBytes } from 'node:crypto';
import { COMMITMENT_MODEL, CommitmentSchema, EVENT_MODEL, EventSchema, REGISTRATION_MODEL, RegistrationSchema } from '@vidnova/dialogue-events';
import { STAKEHOLDER_GROUPS } from '@vidnova/contracts';
import { ApiClient, dropDatabases, ensureInfra } from '@vidnova/testing';
import mongoose, { Types } from 'mongoose';
import { arg, build, expectNoRateLimit, expectStatus, fail, infraProcs, machineNote, memoryTable, Peak, platformEnv, Proc, runBench, self, startServiceWithGateway, table, watchMemory } from './support';

const REGISTRATIONS = Number(arg('registrations', '10000'));
const CAPACITY = Number(arg('capacity', String(Math.floor(REGISTRATIONS * 0.8))));
const CONCURRENCY = Number(arg('concurrency', '32'));
const EVENTS = Number(arg('events', '1000'));
const COMMUNITY = 'UA07060450000051170';
const OTHER = 'UA74040030000093042';
/** The registration phase's event is elsewhere, so phase 2 counts only its own data. */
const REGISTRATION_COMMUNITY = 'UA61040030000060956';

async function pool(count: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
  return (performance.now() - t0) / 1000;
}

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
    const { service, gateway } = await startServiceWithGateway('dialogue-events', common, { service: serviceDb, gateway: gatewayDb }, adminKey);
    const procs: Proc[] = [gateway, service, self(), ...infraProcs({ ...infra.urls })];
    const phases: Array<{ phase: string; peaks: Peak[] }> = [];
    const rows: Array<Array<string | number>> = [];

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
      let waitlisted = 0;
      const seconds = await pool(REGISTRATIONS, async (i) => {
        const r = await reader.post(`/api/v1/dialogue/events/${ev.body.id}/registrations`, {
          name: `Учасник ${i}`,
          email: `p${i}@example.org`,
          consentRecordedAt: '2026-11-25T09:00:00Z',
          stakeholderGroup: STAKEHOLDER_GROUPS[i % STAKEHOLDER_GROUPS.length],
        });
        expectStatus(`registration ${i}`, r.status, 201, r.body);
        if (r.body.status === 'waitlisted') waitlisted++;
      });
      phases.push({ phase: `${REGISTRATIONS} registrations, one event`, peaks: mem() });
      const seats = (await reader.get(`/api/v1/dialogue/events/${ev.body.id}`)).body.seats;
      const expected = { capacity: CAPACITY, confirmed: Math.min(CAPACITY, REGISTRATIONS), waitlisted: Math.max(0, REGISTRATIONS - CAPACITY) };
      if (JSON.stringify(seats) !== JSON.stringify(expected) || waitlisted !== expected.waitlisted) {
        fail(`after ${REGISTRATIONS} registrations the event counts ${JSON.stringify(seats)} (${waitlisted} answered waitlisted), expected ${JSON.stringify(expected)}`);
      }
      rows.push([`${REGISTRATIONS} registrations for one event, ${CAPACITY} seats, ${expected.waitlisted} waitlisted (${CONCURRENCY} in flight)`, seconds.toFixed(2), `${(REGISTRATIONS / seconds).toFixed(0)} registrations/s`]);
    }

    // 2. Involvement of a community with EVENTS events.
    if (EVENTS > 0) {
      conn = await mongoose.createConnection(infra.urls.MONGO_URL, { dbName: serviceDb }).asPromise();
      const Event = conn.model(EVENT_MODEL, EventSchema);
      const Registration = conn.model(REGISTRATION_MODEL, RegistrationSchema);
      const Commitment = conn.model(COMMITMENT_MODEL, CommitmentSchema);
      const ti = performance.now();
      const levels = ['community', 'regional', 'national', 'diaspora', 'international'];
      const events = Array.from({ length: EVENTS }, (_, i) => {
        const held = i % 2 === 0;
        const start = new Date(Date.UTC(2026, 0, 1) + (i % 360) * 86_400_000);
        return {
          _id: new Types.ObjectId(),
          title: { uk: `Подія ${i}` },
          level: levels[i % levels.length],
          communities: i % 3 === 0 ? [COMMUNITY, OTHER] : [COMMUNITY],
          hostCountries: [],
          format: 'online',
          onlineUrl: 'https://meet.example.org/x',
          startsAt: start,
          endsAt: new Date(start.getTime() + 7_200_000),
          timeZone: 'Europe/Kyiv',
          languages: ['uk'],
          accessibility: [],
          waitlistEnabled: true,
          organisers: [{ kind: 'organization', name: 'Рада' }],
          agenda: [],
          status: held ? 'held' : 'planned',
          statusHistory: [],
          ...(held && i % 4 === 0 ? { minutes: { text: { uk: 'Протокол' }, attendance: [{ group: 'resident', count: 20 + (i % 7) }, { group: 'civil_society_organization', count: 5 }], decisions: [], recordedAt: new Date() } } : {}),
          seatsTaken: 10,
          waitlist: [],
          waitlistCount: 0,
          released: [],
          sequence: 0,
        };
      });
      await Event.insertMany(events, { lean: true });
      const regs = events.flatMap((e, i) =>
        Array.from({ length: 10 }, (_, k) => ({
          eventId: String(e._id),
          stakeholderGroup: STAKEHOLDER_GROUPS[(i + k) % STAKEHOLDER_GROUPS.length],
          accessibilityNeeds: [],
          tokenHash: `bench-${i}-${k}`,
          state: 'active',
          ...(k < 7 ? { checkedInAt: new Date() } : {}),
          erasures: [],
          pendingEvents: [],
        })),
      );
      for (let i = 0; i < regs.length; i += 5000) await Registration.insertMany(regs.slice(i, i + 5000), { lean: true });
      const commitments = events
        .filter((_, i) => i % 5 === 0)
        .map((e, i) => ({ eventId: String(e._id), communities: e.communities, text: { uk: 'Зобов’язання' }, responsible: { name: 'Рада', type: 'council' }, dueDate: i % 2 ? '2020-01-01' : '2099-01-01', status: i % 3 ? 'open' : 'done', progress: 0, evidence: [], path: [{ eventId: String(e._id), level: e.level, at: new Date() }], updates: [] }));
      await Commitment.insertMany(commitments, { lean: true });
      const setupSeconds = (performance.now() - ti) / 1000;
      const mem = watchMemory(procs);
      const t0 = performance.now();
      const res = await reader.get(`/api/v1/communities/${COMMUNITY}/involvement`);
      const seconds = (performance.now() - t0) / 1000;
      phases.push({ phase: `involvement, ${EVENTS} events`, peaks: mem() });
      expectStatus('GET involvement', res.status, 200, res.body);
      if (res.body.events !== EVENTS || res.body.registrations !== EVENTS * 10) fail(`involvement counts ${res.body.events} events and ${res.body.registrations} registrations, expected ${EVENTS} and ${EVENTS * 10}`);
      rows.push([`involvement of a community with ${EVENTS} events, ${EVENTS * 10} registrations, ${commitments.length} commitments (setup insertMany ${setupSeconds.toFixed(1)} s); index ${res.body.index}`, seconds.toFixed(2), `${(EVENTS / seconds).toFixed(0)} events/s`]);
    }

    console.log('\n### Dialogue benchmark (every answer 2xx; counts checked after the run)\n');
    console.log(table(['case', 'seconds', 'rate'], rows));
    console.log('\n### Peak RSS per process (own VmHWM, reset at each phase; infrastructure sampled every 20 ms)\n');
    console.log(memoryTable(phases));
    console.log(`\ngateway and dialogue-events from dist/main.js.\n${machineNote()}.`);
  }, cleanup);
}

main();
