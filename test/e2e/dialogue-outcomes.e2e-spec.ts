import { EVENT_STREAM, EVENT_SUBJECTS } from '@vidnova/contracts';
import { OutboxRelay } from '@vidnova/dialogue-events';
import { jetstreamManager } from '@nats-io/jetstream';
import { busName, busSubject } from '@vidnova/messaging';
import { BAKHMACH, eventBody, keyFor, openEvent, person, SHATSK } from './dialogue-support';
import { natsConnectAs, startPlatform, TestPlatform } from './platform';

/** Issue 10: contributions and moderation, minutes, commitments with their log, escalation, the overdue job. */
describe('dialogue contributions and outcomes', () => {
  let p: TestPlatform;
  let organiser: TestPlatform['api'];
  let otherEditor: TestPlatform['api'];
  let partnerA: TestPlatform['api'];
  let partnerB: TestPlatform['api'];
  let reader: TestPlatform['api'];
  let reader2: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['dialogue-events']);
    organiser = await keyFor(p, { role: 'editor', communities: [SHATSK] });
    otherEditor = await keyFor(p, { role: 'editor', communities: [BAKHMACH] });
    partnerA = await keyFor(p, { role: 'partner', organization: 'shatsk-cso' });
    partnerB = await keyFor(p, { role: 'partner', organization: 'other-cso' });
    reader = await keyFor(p, { role: 'reader' });
    reader2 = await keyFor(p, { role: 'reader' });
  });
  afterAll(() => p?.stop());

  const lastEvent = async (subject: string) => {
    const relay = p.services['dialogue-events'][0].app.get(OutboxRelay);
    relay.kick();
    await relay.flush();
    const nc = await natsConnectAs('dialogue-events');
    const jsm = await jetstreamManager(nc);
    const msg = await jsm.streams.getMessage(busName(EVENT_STREAM), { last_by_subj: busSubject(subject) });
    await nc.close();
    return JSON.parse(new TextDecoder().decode(msg!.data));
  };

  /** An event moved to `held`. */
  const heldEvent = async (client: TestPlatform['api'], over: Record<string, unknown> = {}) => {
    const id = await openEvent(client, over);
    for (const status of ['registration_closed', 'held']) expect((await client.post(`/api/v1/dialogue/events/${id}/status`, { status })).status).toBe(200);
    return id;
  };

  it('threads questions and answers, counts one up-vote per key, and lets editors hide with a reason (audited)', async () => {
    const id = await openEvent(organiser);
    const q = await reader.post(`/api/v1/dialogue/events/${id}/contributions`, { kind: 'question', text: 'Коли відновлять воду на вул. Лісовій?' });
    expect(q.status).toBe(201);
    expect(q.body).toMatchObject({ kind: 'question', phase: 'before', upvotes: 0, hidden: false, replies: [] });
    const q2 = (await partnerA.post(`/api/v1/dialogue/events/${id}/contributions`, { kind: 'comment', text: 'Дякуємо за звіт' })).body;
    const answer = await organiser.post(`/api/v1/dialogue/events/${id}/contributions`, { kind: 'comment', text: 'У березні', parentId: q.body.id });
    expect(answer.status).toBe(201);
    expect((await reader.post(`/api/v1/dialogue/events/${id}/contributions`, { kind: 'comment', text: 'x', parentId: '0123456789abcdef01234567' })).status).toBe(422);
    expect((await reader.post(`/api/v1/dialogue/events/${id}/contributions`, { kind: 'rant', text: 'x' })).status).toBe(400);
    expect((await p.api.post(`/api/v1/dialogue/events/${id}/contributions`, { kind: 'comment', text: 'x' })).status).toBe(401);

    await Promise.all([reader.post(`/api/v1/dialogue/contributions/${q.body.id}/upvote`), reader.post(`/api/v1/dialogue/contributions/${q.body.id}/upvote`)]);
    const voted = await reader2.post(`/api/v1/dialogue/contributions/${q.body.id}/upvote`);
    expect(voted.body.upvotes).toBe(2);

    const threads = await reader.get(`/api/v1/dialogue/events/${id}/contributions`);
    expect(threads.status).toBe(200);
    expect(threads.body.items.map((c: { id: string }) => c.id)).toEqual([q.body.id, q2.id]);
    expect(threads.body.items[0].replies.map((c: { id: string }) => c.id)).toEqual([answer.body.id]);

    const reported = await reader.post(`/api/v1/dialogue/contributions/${q2.id}/report`, { reason: 'Не по темі' });
    expect(reported.body.reports).toBe(1);
    expect((await reader.post(`/api/v1/dialogue/contributions/${q2.id}/report`, {})).status).toBe(400);

    expect((await reader.post(`/api/v1/dialogue/contributions/${q2.id}/hide`, { reason: 'Порушення правил' })).status).toBe(403);
    expect((await partnerA.post(`/api/v1/dialogue/contributions/${q2.id}/hide`, { reason: 'Порушення правил' })).status).toBe(403);
    expect((await otherEditor.post(`/api/v1/dialogue/contributions/${q2.id}/hide`, { reason: 'Порушення правил' })).status).toBe(403);
    const hidden = await organiser.post(`/api/v1/dialogue/contributions/${q2.id}/hide`, { reason: 'Порушення правил' });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ hidden: true, hiddenReason: 'Порушення правил', text: 'Дякуємо за звіт' });
    expect(hidden.body.moderation).toEqual([expect.objectContaining({ action: 'hidden', reason: 'Порушення правил' })]);
    const publicView = (await reader.get(`/api/v1/dialogue/events/${id}/contributions`)).body.items.find((c: { id: string }) => c.id === q2.id);
    expect(publicView).toMatchObject({ hidden: true, hiddenReason: 'Порушення правил' });
    expect(publicView).not.toHaveProperty('text');
    expect(publicView).not.toHaveProperty('moderation');
    const restored = await organiser.post(`/api/v1/dialogue/contributions/${q2.id}/restore`);
    expect(restored.body).toMatchObject({ hidden: false, text: 'Дякуємо за звіт' });
    expect((await organiser.post(`/api/v1/dialogue/contributions/${q2.id}/restore`)).status).toBe(409);
    expect((await organiser.post('/api/v1/dialogue/contributions/0123456789abcdef01234567/hide', { reason: 'abc' })).status).toBe(404);

    // Every moderation action is in the gateway's audit log.
    const audit = await p.admin.get('/api/v1/audit-log?kind=write&limit=100');
    const routes = audit.body.items.map((e: { route: string; status: number; path: string }) => `${e.route} ${e.status} ${e.path}`);
    expect(routes).toEqual(expect.arrayContaining([
      `/api/v1/dialogue/contributions/:id/hide 200 /api/v1/dialogue/contributions/${q2.id}/hide`,
      `/api/v1/dialogue/contributions/:id/restore 200 /api/v1/dialogue/contributions/${q2.id}/restore`,
      `/api/v1/dialogue/contributions/:id/hide 403 /api/v1/dialogue/contributions/${q2.id}/hide`,
    ]));
  });

  it('records minutes of a held event (attendance from check-ins when not given) and publishes them', async () => {
    const id = await openEvent(organiser, { capacity: 10 });
    const regs = [];
    for (let i = 0; i < 3; i++) regs.push((await reader.post(`/api/v1/dialogue/events/${id}/registrations`, person(i, i < 2 ? 'veteran' : 'media'))).body);
    for (const r of regs) await organiser.post(`/api/v1/dialogue/events/${id}/registrations/${r.id}/check-in`);
    const minutes = { text: { uk: 'Протокол: обговорили водогін.', en: 'Minutes' }, decisions: [{ uk: 'Підготувати кошторис' }] };
    expect((await organiser.put(`/api/v1/dialogue/events/${id}/minutes`, minutes)).status).toBe(409);
    for (const status of ['registration_closed', 'held']) await organiser.post(`/api/v1/dialogue/events/${id}/status`, { status });
    expect((await partnerB.put(`/api/v1/dialogue/events/${id}/minutes`, minutes)).status).toBe(403);
    const recorded = await organiser.put(`/api/v1/dialogue/events/${id}/minutes`, minutes);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ attendanceSource: 'check_ins', attendance: [{ group: 'veteran', count: 2 }, { group: 'media', count: 1 }], decisions: minutes.decisions });
    const given = await organiser.put(`/api/v1/dialogue/events/${id}/minutes`, { ...minutes, attendance: [{ group: 'resident', count: 40 }] });
    expect(given.body).toMatchObject({ attendanceSource: 'minutes', attendance: [{ group: 'resident', count: 40 }] });
    const published = await organiser.post(`/api/v1/dialogue/events/${id}/status`, { status: 'minutes_published' });
    expect(published.status).toBe(200);
    expect(published.body.hasMinutes).toBe(true);
    expect((await reader.get(`/api/v1/dialogue/events/${id}/minutes`)).body.text.uk).toBe(minutes.text.uk);
    expect((await organiser.put(`/api/v1/dialogue/events/${id}/minutes`, minutes)).status).toBe(409);
    expect((await reader.get(`/api/v1/dialogue/events/${await openEvent(organiser)}/minutes`)).status).toBe(404);
  });

  it('tracks commitments with an update log, filters them, carries them to another level keeping history', async () => {
    const id = await heldEvent(partnerA);
    const body = { text: { uk: 'Відремонтувати водогін на вул. Лісовій' }, responsible: { name: 'КП «Шацькводоканал»', type: 'communal_enterprise' }, dueDate: '2099-03-31' };
    expect((await partnerB.post(`/api/v1/dialogue/events/${id}/commitments`, body)).status).toBe(403);
    expect((await partnerA.post(`/api/v1/dialogue/events/${await openEvent(partnerA)}/commitments`, body)).status).toBe(409);
    expect((await partnerA.post(`/api/v1/dialogue/events/${id}/commitments`, { ...body, dueDate: '31.03.2099' })).status).toBe(400);
    const created = await partnerA.post(`/api/v1/dialogue/events/${id}/commitments`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', progress: 0, overdue: false, owner: 'shatsk-cso', communities: [SHATSK], eventId: id });
    const cid = created.body.id;

    expect((await partnerB.patch(`/api/v1/dialogue/commitments/${cid}`, { progress: 50 })).status).toBe(403);
    expect((await otherEditor.patch(`/api/v1/dialogue/commitments/${cid}`, { progress: 50 })).status).toBe(403);
    const progressed = await partnerA.patch(`/api/v1/dialogue/commitments/${cid}`, { status: 'in_progress', progress: 40, evidence: ['https://shatsk.example/news/1'], note: 'Підрядника обрано' });
    expect(progressed.status).toBe(200);
    expect(progressed.body.updates).toHaveLength(1);
    expect(progressed.body.updates[0]).toMatchObject({ changes: { status: { from: 'open', to: 'in_progress' }, progress: { from: 0, to: 40 } }, note: 'Підрядника обрано' });
    expect((await organiser.patch(`/api/v1/dialogue/commitments/${cid}`, { progress: 60 })).body.updates).toHaveLength(2);
    expect((await partnerA.patch(`/api/v1/dialogue/commitments/${cid}`, { progress: 120 })).status).toBe(400);

    // Escalation: to an event at another level, keeping the path and log.
    const sameLevel = await heldEvent(partnerA);
    expect((await partnerA.post(`/api/v1/dialogue/commitments/${cid}/escalate`, { toEventId: sameLevel })).status).toBe(422);
    expect((await partnerA.post(`/api/v1/dialogue/commitments/${cid}/escalate`, { toEventId: '0123456789abcdef01234567' })).status).toBe(422);
    const regional = (await p.admin.post('/api/v1/dialogue/events', eventBody({ level: 'regional', communities: [SHATSK, BAKHMACH] }))).body.id;
    expect((await partnerA.post(`/api/v1/dialogue/commitments/${cid}/escalate`, { toEventId: regional })).status).toBe(403);
    const carried = await organiser.post(`/api/v1/dialogue/commitments/${cid}/escalate`, { toEventId: regional, reason: 'Потрібне рішення області' });
    expect(carried.status).toBe(200);
    expect(carried.body.eventId).toBe(regional);
    expect(carried.body.path.map((s: { eventId: string; level: string }) => [s.eventId, s.level])).toEqual([[id, 'community'], [regional, 'regional']]);
    expect(carried.body.updates).toHaveLength(3);
    expect(carried.body.communities.sort()).toEqual([SHATSK, BAKHMACH].sort());

    const done = await organiser.patch(`/api/v1/dialogue/commitments/${cid}`, { status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', progress: 100 });
    const list = await reader.get(`/api/v1/dialogue/commitments?community=${BAKHMACH}&status=done`);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([cid]);
    expect((await reader.get(`/api/v1/dialogue/commitments/${cid}`)).body.id).toBe(cid);
    expect((await reader.get('/api/v1/dialogue/commitments?status=forgotten')).status).toBe(400);
  });

  it('the daily overdue job (run on demand) marks commitments past due, logs it, announces it on JetStream, and never twice', async () => {
    const id = await heldEvent(otherEditor, { communities: [BAKHMACH] });
    const commit = async (dueDate: string, status?: string) =>
      (await p.admin.post(`/api/v1/dialogue/events/${id}/commitments`, { text: { uk: `До ${dueDate}` }, responsible: { name: 'Рада', type: 'council' }, dueDate, ...(status ? { status } : {}) })).body.id as string;
    // Oracle: today in Kyiv, computed here independently of the service.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Kyiv' }).format(new Date());
    const past = await commit('2020-01-31');
    const pastDone = await commit('2020-01-31', 'done');
    const future = await commit('2099-12-31');
    const dueToday = await commit(today);
    expect((await organiser.post('/api/v1/dialogue/commitments/overdue-run', {})).status).toBe(403);

    const run = await p.admin.post('/api/v1/dialogue/commitments/overdue-run', {});
    expect(run.status).toBe(200);
    expect(run.body.day).toBe(today);
    expect(run.body.commitmentIds).toContain(past);
    for (const notLate of [pastDone, future, dueToday]) expect(run.body.commitmentIds).not.toContain(notLate);

    const marked = (await reader.get(`/api/v1/dialogue/commitments/${past}`)).body;
    expect(marked).toMatchObject({ overdue: true, overdueSince: today });
    expect(marked.updates.at(-1)).toMatchObject({ by: 'system', changes: { overdue: { from: false, to: true } } });
    const overdueList = await reader.get(`/api/v1/dialogue/commitments?community=${BAKHMACH}&overdue=true`);
    expect(overdueList.body.items.map((c: { id: string }) => c.id)).toEqual([past]);

    const announced = await lastEvent(EVENT_SUBJECTS.dialogueCommitmentsOverdue);
    expect(announced).toMatchObject({ day: today, count: run.body.marked });
    expect(announced.commitmentIds).toContain(past);

    const again = await p.admin.post('/api/v1/dialogue/commitments/overdue-run', {});
    expect(again.body.commitmentIds).not.toContain(past);
    // As of a later day, the one due today is late too.
    const tomorrow = await p.admin.post('/api/v1/dialogue/commitments/overdue-run', { day: '2199-01-01' });
    expect(tomorrow.body.commitmentIds).toEqual(expect.arrayContaining([dueToday, future]));
    expect((await p.admin.post('/api/v1/dialogue/commitments/overdue-run', { day: 'tomorrow' })).status).toBe(400);
  });
});
