import { EVENT_STREAM, EVENT_SUBJECTS, MIN_PUBLIC_GROUP_COUNT, STAKEHOLDER_GROUPS } from '@vidnova/contracts';
import { DIALOGUE_MIGRATIONS, EVENT_MODEL, OutboxRelay, REGISTRATION_MODEL, RegistrationRecovery, STALE_AFTER_MS } from '@vidnova/dialogue-events';
import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { createHash } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { parse } from 'csv-parse/sync';
import { busName, busSubject } from '@vidnova/messaging';
import { BAKHMACH, keyFor, openEvent, person, SHATSK } from './dialogue-support';
import { natsConnectAs, startPlatform, TestPlatform } from './platform';

/** Issue 10: registrations — consent, capacity, waitlist and its race, tokens, check-in, organiser lists, counts, erasure. */
describe('dialogue registrations', () => {
  let p: TestPlatform;
  let organiser: TestPlatform['api'];
  let otherEditor: TestPlatform['api'];
  let partner: TestPlatform['api'];
  let reader: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['dialogue-events']);
    organiser = await keyFor(p, { role: 'editor', communities: [SHATSK] });
    otherEditor = await keyFor(p, { role: 'editor', communities: [BAKHMACH] });
    partner = await keyFor(p, { role: 'partner', organization: 'shatsk-cso' });
    reader = await keyFor(p, { role: 'reader' });
  });
  afterAll(() => p?.stop());

  const register = (client: TestPlatform['api'], eventId: string, body: Record<string, unknown>) => client.post(`/api/v1/dialogue/events/${eventId}/registrations`, body);
  const cancel = (eventId: string, token: string) => reader.post(`/api/v1/dialogue/events/${eventId}/registrations/cancel`, { token });
  const event = async (id: string) => (await reader.get(`/api/v1/dialogue/events/${id}`)).body;
  const all = async (id: string) => (await organiser.get(`/api/v1/dialogue/events/${id}/registrations?limit=100`)).body.items as Array<{ id: string; status: string; waitlistPosition?: number }>;

  it('confirms up to capacity, then waitlists with positions; the token is shown once and not kept for replays', async () => {
    const id = await openEvent(organiser, { capacity: 2 });
    const a = await register(reader, id, person(1));
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'confirmed', eventId: id });
    expect(a.body.cancellationToken).toMatch(/^ct_/);
    expect((await register(partner, id, person(2))).body.status).toBe('confirmed');
    const c = await register(reader, id, person(3));
    expect(c.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await register(reader, id, person(4))).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect((await event(id)).seats).toEqual({ capacity: 2, confirmed: 2, waitlisted: 2 });

    // Idempotency-Key replays never hand out the token again.
    const key = { 'idempotency-key': `reg-${id}` };
    const first = await reader.post(`/api/v1/dialogue/events/${id}/registrations`, person(5), key);
    const replay = await reader.post(`/api/v1/dialogue/events/${id}/registrations`, person(5), key);
    expect(first.body.cancellationToken).toBeDefined();
    expect(JSON.stringify(replay.body)).not.toContain(first.body.cancellationToken);

    // Consent and fields are required; the event must exist.
    const { consentRecordedAt: _c, ...noConsent } = person(6);
    expect((await register(reader, id, noConsent)).status).toBe(400);
    expect((await register(reader, id, { ...person(6), stakeholderGroup: 'alien' })).status).toBe(400);
    expect((await register(reader, '0123456789abcdef01234567', person(6))).status).toBe(404);
    expect((await p.api.post(`/api/v1/dialogue/events/${id}/registrations`, person(6))).status).toBe(401);
  });

  it('refuses outside the window, before opening, and when full without a waitlist (409)', async () => {
    const created = (await organiser.post('/api/v1/dialogue/events', (await import('./dialogue-support')).eventBody())).body.id;
    expect((await register(reader, created, person(1))).status).toBe(409);
    const past = await openEvent(organiser, { registrationOpensAt: '2020-01-01T00:00:00Z', registrationClosesAt: '2020-02-01T00:00:00Z' });
    const late = await register(reader, past, person(1));
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/closed/);
    const future = await openEvent(organiser, { registrationOpensAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await register(reader, future, person(1))).status).toBe(409);
    const noWait = await openEvent(organiser, { capacity: 1, waitlist: false });
    expect((await register(reader, noWait, person(1))).status).toBe(201);
    const full = await register(reader, noWait, person(2));
    expect(full.status).toBe(409);
    expect(full.body.detail).toMatch(/full/);
  });

  it('a cancellation gives the seat to the first on the waitlist; a waitlisted cancellation moves the others up', async () => {
    const id = await openEvent(organiser, { capacity: 1 });
    const a = (await register(reader, id, person(1))).body;
    const b = (await register(reader, id, person(2))).body;
    const c = (await register(reader, id, person(3))).body;
    const d = (await register(reader, id, person(4))).body;
    expect([b.waitlistPosition, c.waitlistPosition, d.waitlistPosition]).toEqual([1, 2, 3]);
    const leave = await cancel(id, c.cancellationToken);
    expect(leave.body).toMatchObject({ id: c.id, status: 'cancelled', promotedFromWaitlist: false });
    const gone = await cancel(id, a.cancellationToken);
    expect(gone.body.promotedFromWaitlist).toBe(true);
    const byId = new Map((await all(id)).map((r) => [r.id, r]));
    expect(byId.get(b.id)).toMatchObject({ status: 'confirmed' });
    expect(byId.get(d.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(byId.get(a.id)?.status).toBe('cancelled');
    expect((await event(id)).seats).toEqual({ capacity: 1, confirmed: 1, waitlisted: 1 });
    // The token works once; a wrong one is 404, a malformed one 400.
    expect((await cancel(id, a.cancellationToken)).status).toBe(409);
    expect((await cancel(id, 'ct_AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await cancel(id, 'nope')).status).toBe(400);
    // More seats move people up from the waitlist in order.
    const grown = await organiser.patch(`/api/v1/dialogue/events/${id}`, { capacity: 3 });
    expect(grown.body.seats).toEqual({ capacity: 3, confirmed: 2, waitlisted: 0 });
    expect((await organiser.patch(`/api/v1/dialogue/events/${id}`, { capacity: 1 })).status).toBe(409);
  });

  it('two concurrent cancellations never promote the same person twice nor leave a seat free while someone waits', async () => {
    // Two instances of the service share the queue group: the requests land on both.
    await p.startInstance('dialogue-events');
    for (let round = 0; round < 3; round++) {
      const capacity = 4;
      const id = await openEvent(organiser, { capacity });
      const regs = [];
      for (let i = 0; i < 10; i++) regs.push((await register(reader, id, person(i))).body);
      const confirmed = regs.filter((r) => r.status === 'confirmed');
      const waiting = regs.filter((r) => r.status === 'waitlisted').sort((x, y) => x.waitlistPosition - y.waitlistPosition);
      expect(confirmed).toHaveLength(capacity);
      // Two confirmed and one waitlisted cancel at the same moment, and two people register meanwhile.
      const [r1, r2, r3] = await Promise.all([
        cancel(id, confirmed[0].cancellationToken),
        cancel(id, confirmed[1].cancellationToken),
        cancel(id, waiting[waiting.length - 1 - round].cancellationToken),
        register(reader, id, person(100)),
        register(reader, id, person(101)),
      ]);
      expect([r1.status, r2.status, r3.status]).toEqual([200, 200, 200]);
      expect([r1.body.promotedFromWaitlist, r2.body.promotedFromWaitlist]).toEqual([true, true]);

      const list = await all(id);
      const nowConfirmed = list.filter((r) => r.status === 'confirmed');
      const nowWaiting = list.filter((r) => r.status === 'waitlisted').sort((x, y) => x.waitlistPosition! - y.waitlistPosition!);
      // The oracle: the two earliest still waiting got the two seats, nobody else.
      const stillWaiting = waiting.filter((w) => w.id !== waiting[waiting.length - 1 - round].id);
      expect(nowConfirmed.map((r) => r.id).sort()).toEqual([...confirmed.slice(2).map((r) => r.id), stillWaiting[0].id, stillWaiting[1].id].sort());
      expect(nowConfirmed).toHaveLength(capacity);
      expect(nowWaiting.map((r) => r.waitlistPosition)).toEqual(nowWaiting.map((_, i) => i + 1));
      expect((await event(id)).seats).toEqual({ capacity, confirmed: capacity, waitlisted: nowWaiting.length });
    }
  });

  it('many at once: seats in arrival order, then the waitlist 1..n, each once; without a waitlist the rest get 409 (batched placing)', async () => {
    const capacity = 15;
    const id = await openEvent(organiser, { capacity });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => register(reader, id, person(200 + i))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const confirmed = answers.filter((a) => a.body.status === 'confirmed');
    const waiting = answers.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.waitlistPosition).sort((x, y) => x - y);
    expect(confirmed).toHaveLength(capacity);
    expect(waiting).toEqual(Array.from({ length: 40 - capacity }, (_, i) => i + 1));
    expect((await event(id)).seats).toEqual({ capacity, confirmed: capacity, waitlisted: 40 - capacity });
    const listed = await all(id);
    expect(listed).toHaveLength(40);
    for (const a of answers) expect(listed.find((r) => r.id === a.body.id)).toMatchObject({ status: a.body.status, ...(a.body.waitlistPosition ? { waitlistPosition: a.body.waitlistPosition } : {}) });

    const noWait = await openEvent(organiser, { capacity: 5, waitlist: false });
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => register(reader, noWait, person(300 + i))));
    expect(tries.filter((t) => t.status === 201).map((t) => t.body.status)).toEqual(Array(5).fill('confirmed'));
    expect(tries.filter((t) => t.status === 409)).toHaveLength(7);
    expect((await event(noWait)).seats).toEqual({ capacity: 5, confirmed: 5, waitlisted: 0 });
    expect(await all(noWait)).toHaveLength(5);
  });

  it('a cancellation token issued before tokens carried the registration id still cancels', async () => {
    const id = await openEvent(organiser, { capacity: 3 });
    const a = (await register(reader, id, person(1))).body;
    expect(a.cancellationToken).toMatch(new RegExp(`^ct_${a.id}`));
    const app = p.services['dialogue-events'][0].app;
    const registrations = app.get<Model<unknown>>(getModelToken(REGISTRATION_MODEL)).collection;
    const old = 'ct_Zq3x0n8d7kR5mB1vY6wPgA';
    await registrations.updateOne({ _id: new Types.ObjectId(a.id) }, { $set: { tokenHash: createHash('sha256').update(old).digest('hex') } });
    expect((await cancel(id, a.cancellationToken)).status).toBe(404);
    expect((await cancel(id, old)).body).toMatchObject({ id: a.id, status: 'cancelled' });
  });

  it('organisers list, export and check in; others see only counts with small groups suppressed', async () => {
    const id = await openEvent(organiser, { capacity: 30 });
    const groups: Record<string, number> = { resident: 7, civil_society_organization: 5, veteran: 2, media: 1 };
    const tokens: string[] = [];
    let i = 0;
    for (const [group, n] of Object.entries(groups)) for (let k = 0; k < n; k++) tokens.push((await register(reader, id, person(i++, group))).body.id);

    expect((await reader.get(`/api/v1/dialogue/events/${id}/registrations`)).status).toBe(403);
    expect((await partner.get(`/api/v1/dialogue/events/${id}/registrations`)).status).toBe(403);
    const foreign = await otherEditor.get(`/api/v1/dialogue/events/${id}/registrations`);
    expect(foreign.status).toBe(403);
    expect((await otherEditor.get(`/api/v1/dialogue/events/${id}/registrations.csv`)).status).toBe(403);

    const listed = await organiser.get(`/api/v1/dialogue/events/${id}/registrations?limit=100`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(15);
    expect(listed.body.items[0]).toHaveProperty('email');
    expect(listed.body.items[0]).not.toHaveProperty('tokenHash');

    const csv = await organiser.get(`/api/v1/dialogue/events/${id}/registrations.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parse(csv.body as unknown as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(listed.body.items.map((r: { email: string }) => r.email)));

    const checkIn = await organiser.post(`/api/v1/dialogue/events/${id}/registrations/${tokens[0]}/check-in`, {});
    expect(checkIn.status).toBe(200);
    expect(checkIn.body.checkedInAt).toBeDefined();
    expect((await organiser.post(`/api/v1/dialogue/events/${id}/registrations/${tokens[0]}/check-in`, {})).body.checkedInAt).toBe(checkIn.body.checkedInAt);
    expect((await reader.post(`/api/v1/dialogue/events/${id}/registrations/${tokens[1]}/check-in`, {})).status).toBe(403);
    expect((await otherEditor.post(`/api/v1/dialogue/events/${id}/registrations/${tokens[1]}/check-in`, {})).status).toBe(403);
    expect((await organiser.post(`/api/v1/dialogue/events/${id}/registrations/0123456789abcdef01234567/check-in`, {})).status).toBe(404);

    const summary = await reader.get(`/api/v1/dialogue/events/${id}/registration-summary`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ total: 15, confirmed: 15, waitlisted: 0, checkedIn: 1 });
    // Oracle: groups under the threshold hidden; when exactly one is hidden the next smallest goes too.
    const small = Object.entries(groups).filter(([, n]) => n < MIN_PUBLIC_GROUP_COUNT).map(([g]) => g);
    const byGroup = new Map(summary.body.byStakeholderGroup.map((g: { group: string }) => [g.group, g]));
    expect(byGroup.size).toBe(STAKEHOLDER_GROUPS.length);
    for (const g of small) expect(byGroup.get(g)).toEqual({ group: g, count: null, suppressed: true });
    expect(small.length).toBeGreaterThan(1);
    expect(byGroup.get('resident')).toEqual({ group: 'resident', count: 7, suppressed: false });
    expect(byGroup.get('civil_society_organization')).toEqual({ group: 'civil_society_organization', count: 5, suppressed: false });
    expect(byGroup.get('academia')).toEqual({ group: 'academia', count: 0, suppressed: false });
  });

  it('exports an event whose CSV is larger than one bus message as one download, each registration once with its status', async () => {
    const total = 1600;
    const capacity = 1200;
    const id = await openEvent(organiser, { capacity });
    // Organisations with commas, Cyrillic and many quotes (doubled in CSV, escaped again in the bus's JSON), so
    // the file passes 1 MiB (NATS's message limit) and a page boundary inside quoted text would show.
    const organization = (i: number) => `ГО "Громада ${i}", Шацьк ${'"'.repeat(250)}`;
    const sent = new Map<string, { email: string; organization: string; status: string }>();
    for (let from = 0; from < total; from += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, total - from) }, (_, k) => {
          const i = 5000 + from + k;
          const body = { ...person(i), organization: organization(i) };
          return register(reader, id, body).then((r) => ({ r, body }));
        }),
      );
      for (const { r, body } of batch) {
        expect(r.status).toBe(201);
        sent.set(r.body.id, { email: body.email, organization: body.organization, status: r.body.status });
      }
    }

    const csv = await organiser.get(`/api/v1/dialogue/events/${id}/registrations.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="registrations-${id}.csv"`);
    const text = csv.body as unknown as string;
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    expect(text.match(/^id,status,/gm)).toHaveLength(1);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(sent.keys()));
    for (const row of rows) expect({ email: row.email, organization: row.organization, status: row.status }).toEqual(sent.get(row.id));
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(capacity);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort());
  });

  it('erases a registrant’s name and email, records it and announces it without personal data', async () => {
    const id = await openEvent(organiser, { capacity: 10 });
    const reg = (await register(reader, id, person(42))).body;
    expect((await partner.post(`/api/v1/dialogue/events/${id}/registrations/${reg.id}/erase-personal-data`, {})).status).toBe(403);
    expect((await otherEditor.post(`/api/v1/dialogue/events/${id}/registrations/${reg.id}/erase-personal-data`, {})).status).toBe(403);
    const erased = await organiser.post(`/api/v1/dialogue/events/${id}/registrations/${reg.id}/erase-personal-data`, {});
    expect(erased.status).toBe(200);
    expect(erased.body).not.toHaveProperty('name');
    expect(erased.body).not.toHaveProperty('email');
    expect(erased.body.personalDataErasedAt).toBeDefined();
    expect(erased.body.stakeholderGroup).toBe('resident');
    const listed = (await all(id)).find((r) => r.id === reg.id);
    expect(listed).not.toHaveProperty('email');

    // The durable event carries ids only.
    // Either instance may have served the erasure (two run since the race test) and relays it from its own queue.
    for (const instance of p.services['dialogue-events']) {
      const relay = instance.app.get(OutboxRelay);
      relay.kick();
      await relay.flush();
    }
    const nc = await natsConnectAs('dialogue-events');
    const jsm = await jetstreamManager(nc);
    const msg = await jsm.streams.getMessage(busName(EVENT_STREAM), { last_by_subj: busSubject(EVENT_SUBJECTS.dialogueRegistrationErased) });
    await nc.close();
    const payload = JSON.parse(new TextDecoder().decode(msg!.data));
    expect(payload).toMatchObject({ eventId: id, registrationId: reg.id, fields: ['name', 'email'] });
    expect(JSON.stringify(payload)).not.toMatch(/person42|Учасник 42/);
  });
  it('after a crash, a registration left pending gives its seat back and a half-done cancellation finishes (recovery)', async () => {
    const id = await openEvent(organiser, { capacity: 2 });
    const app = p.services['dialogue-events'][0].app;
    const registrations = app.get<Model<unknown>>(getModelToken(REGISTRATION_MODEL)).collection;
    const events = app.get<Model<unknown>>(getModelToken(EVENT_MODEL)).collection;
    const long = new Date(Date.now() - STALE_AFTER_MS - 60_000);

    const a = (await register(reader, id, person(1))).body;
    expect(a.status).toBe('confirmed');
    // The service died after taking a seat for a registration it had not yet made active.
    const crashed = new Types.ObjectId();
    const stub = { eventId: id, name: 'Учасник 90', email: 'person90@example.org', stakeholderGroup: 'resident', accessibilityNeeds: [], erasures: [], pendingEvents: [], outboxVersion: 0 };
    await registrations.insertOne({ _id: crashed, ...stub, tokenHash: `crashed-${id}`, state: 'pending', createdAt: long, updatedAt: long });
    await events.updateOne({ _id: new Types.ObjectId(id) }, { $inc: { seatsTaken: 1 } });
    // A registration still being placed (fresh) is left alone.
    const inFlight = new Types.ObjectId();
    await registrations.insertOne({ _id: inFlight, ...stub, tokenHash: `in-flight-${id}`, state: 'pending', createdAt: new Date(), updatedAt: new Date() });
    // So the event looks full, and the next person waits.
    const b = (await register(reader, id, person(2))).body;
    expect(b).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // And a cancellation of A died after its flip to cancelled, before its seat was given back.
    await registrations.updateOne({ _id: new Types.ObjectId(a.id) }, { $set: { state: 'cancelled', cancelledAt: long, updatedAt: long } });
    expect((await event(id)).seats).toEqual({ capacity: 2, confirmed: 2, waitlisted: 1 });

    const recovery = app.get(RegistrationRecovery);
    await recovery.sweep();
    await recovery.sweep();

    // A's seat went to B; the crashed registration's seat is free again, and its personal data is gone.
    expect((await event(id)).seats).toEqual({ capacity: 2, confirmed: 1, waitlisted: 0 });
    const listed = await all(id);
    expect(listed.find((r) => r.id === b.id)?.status).toBe('confirmed');
    expect(await registrations.findOne({ _id: crashed })).toBeNull();
    expect(await registrations.findOne({ _id: inFlight })).not.toBeNull();
    // A's count went with its seat (the pending ones were never counted).
    expect(await storedCounts(id)).toEqual(await recount(id));
    expect((await register(reader, id, person(3))).body.status).toBe('confirmed');
    expect((await register(reader, id, person(4))).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await registrations.deleteOne({ _id: inFlight });
  });
  it('after a crash inside a batch, seats and places of registrations never stored are given back once the batch is stale (recovery)', async () => {
    const capacity = 3;
    const id = await openEvent(organiser, { capacity });
    const app = p.services['dialogue-events'][0].app;
    const events = app.get<Model<unknown>>(getModelToken(EVENT_MODEL)).collection;
    const long = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    const a = (await register(reader, id, person(1))).body;
    expect(a.status).toBe('confirmed');
    // A process died after its batch took a seat (S) and a waitlist place (W) and before storing them; another
    // process's batch (F) is still being written (fresh).
    const [ghostS, ghostW, ghostF] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()].map(String);
    // Each batch counted its registrations by group, as SeatBatches does.
    await events.updateOne(
      { _id: new Types.ObjectId(id) },
      {
        $inc: { seatsTaken: 2, waitlistCount: 1, 'registrationCounts.active.veteran': 2, 'registrationCounts.active.media': 1 },
        $push: { waitlist: ghostW },
        $set: { 'placing.dead': { at: long, ids: [ghostS, ghostW], groups: ['veteran', 'veteran'] }, 'placing.fresh': { at: new Date(), ids: [ghostF], groups: ['media'] } },
      } as never,
    );
    const b = (await register(reader, id, person(2))).body;
    expect(b).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const recovery = app.get(RegistrationRecovery);
    const result = await recovery.sweep();
    expect(result.batchesFinished).toBe(1);
    // W left the waitlist, S's seat went to B (the first waiting); F's seat is left to its batch.
    expect((await event(id)).seats).toEqual({ capacity, confirmed: capacity, waitlisted: 0 });
    expect((await all(id)).find((r) => r.id === b.id)?.status).toBe('confirmed');
    expect(Object.keys(((await events.findOne({ _id: new Types.ObjectId(id) })) as unknown as { placing: object }).placing)).toEqual(['fresh']);

    // Once F's batch is stale too, its seat is freed; nothing is given back twice.
    await events.updateOne({ _id: new Types.ObjectId(id) }, { $set: { 'placing.fresh.at': long } });
    await recovery.sweep();
    await recovery.sweep();
    expect((await event(id)).seats).toEqual({ capacity, confirmed: 2, waitlisted: 0 });
    // The ghosts' counts went with their seats: the event counts what is stored.
    expect(await storedCounts(id)).toEqual(await recount(id));
    expect((await register(reader, id, person(3))).body.status).toBe('confirmed');
    expect((await register(reader, id, person(4))).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await storedCounts(id)).toEqual(await recount(id));
  });

  /** The oracle: the event's registrations counted straight from the database (active ones by group; checked-in ones among them). */
  const recount = async (id: string) => {
    const registrations = p.services['dialogue-events'][0].app.get<Model<unknown>>(getModelToken(REGISTRATION_MODEL)).collection;
    const active: Record<string, number> = {};
    const checkedIn: Record<string, number> = {};
    for (const r of await registrations.find({ eventId: id, state: 'active' }).toArray()) {
      const g = r.stakeholderGroup as string;
      active[g] = (active[g] ?? 0) + 1;
      if (r.checkedInAt) checkedIn[g] = (checkedIn[g] ?? 0) + 1;
    }
    return { active, checkedIn };
  };
  /** The counts the event keeps (groups at 0 left out, as the oracle has none). */
  const storedCounts = async (id: string) => {
    const events = p.services['dialogue-events'][0].app.get<Model<unknown>>(getModelToken(EVENT_MODEL)).collection;
    const e = (await events.findOne({ _id: new Types.ObjectId(id) })) as unknown as { registrationCounts: { active: Record<string, number>; checkedIn: Record<string, number> } };
    const nonZero = (m: Record<string, number>) => Object.fromEntries(Object.entries(m ?? {}).filter(([, n]) => n !== 0));
    return { active: nonZero(e.registrationCounts.active), checkedIn: nonZero(e.registrationCounts.checkedIn) };
  };

  it('the counts the summary reads (kept on the event) equal a recount after registrations, check-ins and cancellations racing on two instances', async () => {
    // Two instances share the queue group (started by the cancellation race above, or here).
    if (p.services['dialogue-events'].length < 2) await p.startInstance('dialogue-events');
    const capacity = 12;
    const id = await openEvent(organiser, { capacity });
    const groups = ['resident', 'veteran', 'civil_society_organization', 'internally_displaced_person'];
    const regs = await Promise.all(Array.from({ length: 20 }, (_, i) => register(reader, id, person(700 + i, groups[i % groups.length])).then((r) => r.body)));
    expect(regs.filter((r) => r.status === 'confirmed')).toHaveLength(capacity);
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    const waiting = regs.filter((r) => r.status === 'waitlisted');
    const checkIn = (regId: string) => organiser.post(`/api/v1/dialogue/events/${id}/registrations/${regId}/check-in`, {});

    // Six check in (one twice, at once); a checked-in one and two others cancel while two more check in.
    const first = await Promise.all([...confirmed.slice(0, 6).map((r) => checkIn(r.id)), checkIn(confirmed[0].id)]);
    expect(first.map((r) => r.status)).toEqual(Array(7).fill(200));
    const waitlistedCheckIn = await checkIn(waiting[0].id);
    expect(waitlistedCheckIn.status).toBe(409);
    const raced = await Promise.all([
      cancel(id, confirmed[1].cancellationToken),
      cancel(id, confirmed[8].cancellationToken),
      cancel(id, waiting[3].cancellationToken),
      checkIn(confirmed[6].id),
      checkIn(confirmed[7].id),
      register(reader, id, person(799, 'media')),
    ]);
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 201]);

    const oracle = await recount(id);
    expect(await storedCounts(id)).toEqual(oracle);
    const total = Object.values(oracle.active).reduce((s, n) => s + n, 0);
    const checkedIn = Object.values(oracle.checkedIn).reduce((s, n) => s + n, 0);
    expect(checkedIn).toBe(7);
    const summary = (await reader.get(`/api/v1/dialogue/events/${id}/registration-summary`)).body;
    const listed = await all(id);
    expect(summary).toMatchObject({ total, checkedIn, confirmed: listed.filter((r) => r.status === 'confirmed').length, waitlisted: listed.filter((r) => r.status === 'waitlisted').length });
    const shown = new Map(summary.byStakeholderGroup.map((g: { group: string; count: number | null }) => [g.group, g.count]));
    for (const [g, n] of Object.entries(oracle.active)) if (n >= MIN_PUBLIC_GROUP_COUNT && shown.get(g) !== null) expect([g, shown.get(g)]).toEqual([g, n]);

    // Migration 2 recounts an event stored before counts the same way (and a second run changes nothing).
    const eventModel = p.services['dialogue-events'][0].app.get<Model<unknown>>(getModelToken(EVENT_MODEL));
    await eventModel.collection.updateOne({ _id: new Types.ObjectId(id) }, { $unset: { registrationCounts: 1, checkedInIds: 1 } });
    const migration = DIALOGUE_MIGRATIONS.find((m) => m.name === 'registration-counts')!;
    await migration.up(eventModel.db.db!, () => undefined);
    expect(await storedCounts(id)).toEqual(oracle);
    const once = await eventModel.collection.findOne({ _id: new Types.ObjectId(id) });
    await migration.up(eventModel.db.db!, () => undefined);
    expect(await eventModel.collection.findOne({ _id: new Types.ObjectId(id) })).toEqual(once);
    // A checked-in registration that cancels after the recount leaves the check-ins once.
    expect((await cancel(id, confirmed[2].cancellationToken)).status).toBe(200);
    expect(await storedCounts(id)).toEqual(await recount(id));
  });
  it('an event stored before batches (no placing) takes registrations, and migration 1 gives it an empty placing once', async () => {
    const id = await openEvent(organiser, { capacity: 1 });
    const app = p.services['dialogue-events'][0].app;
    const eventModel = app.get<Model<unknown>>(getModelToken(EVENT_MODEL));
    const events = eventModel.collection;
    const _id = new Types.ObjectId(id);
    await events.updateOne({ _id }, { $unset: { placing: 1 } });
    expect((await register(reader, id, person(1))).body.status).toBe('confirmed');
    expect((await register(reader, id, person(2))).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await events.updateOne({ _id }, { $unset: { placing: 1 } });
    const migration = DIALOGUE_MIGRATIONS.find((m) => m.name === 'event-placing')!;
    await migration.up(eventModel.db.db!, () => undefined);
    const migrated = await events.findOne({ _id });
    expect(migrated).toMatchObject({ placing: {}, seatsTaken: 1, waitlistCount: 1 });
    await migration.up(eventModel.db.db!, () => undefined);
    expect(await events.findOne({ _id })).toEqual(migrated);
  });
});
