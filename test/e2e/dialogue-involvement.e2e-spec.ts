import { CIVIL_SOCIETY_GROUPS, STAKEHOLDER_GROUPS } from '@vidnova/contracts';
import { eventBody, keyFor, person } from './dialogue-support';
import { startPlatform, TestPlatform } from './platform';

// A community no other dialogue test uses: Berezhany (Ternopil oblast).
const COMMUNITY = 'UA61040030000060956';
const TERNOPIL = 'UA61040490000035010';
const TERNOPIL_OBLAST = 'UA61000000000060328';
const BAKHMACH = 'UA74040030000093042';
/** Registered and checked in by group at Berezhany's meeting A; attendance in the minutes of its hearing B. */
const aGroups: Array<[string, number, number]> = [['resident', 6, 5], ['veteran', 2, 2], ['council_member', 3, 1], ['diaspora_organization', 1, 1]];
const bAttendance = [{ group: 'civil_society_organization', count: 12 }, { group: 'local_self_government', count: 4 }, { group: 'media', count: 2 }];

/** Issue 10: the involvement figures of a community, recomputed here from what the test created (docs/dialogue-methodology.md). */
describe('dialogue involvement', () => {
  let p: TestPlatform;
  let editor: TestPlatform['api'];
  let reader: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['dialogue-events']);
    editor = await keyFor(p, { role: 'editor', communities: [COMMUNITY] });
    reader = await keyFor(p, { role: 'reader' });
  });
  afterAll(() => p?.stop());

  const move = async (id: string, ...statuses: string[]) => {
    for (const status of statuses) expect((await editor.post(`/api/v1/dialogue/events/${id}/status`, { status })).status).toBe(200);
  };

  it('counts events, registrations, attendance, contributions and commitments, and the index by its documented formula', async () => {
    const at = (d: string) => ({ startsAt: `${d}T08:00:00Z`, endsAt: `${d}T10:00:00Z`, communities: [COMMUNITY] });
    const mk = async (over: Record<string, unknown>) => (await editor.post('/api/v1/dialogue/events', eventBody(over))).body.id as string;

    // Event A (community level, held): registrations checked in, no attendance in the minutes.
    const a = await mk({ ...at('2026-03-10'), capacity: 50 });
    await move(a, 'registration_open');
    for (const [group, registered, checkedIn] of aGroups) {
      for (let i = 0; i < registered; i++) {
        const r = (await reader.post(`/api/v1/dialogue/events/${a}/registrations`, person(i, group))).body;
        if (i < checkedIn) await editor.post(`/api/v1/dialogue/events/${a}/registrations/${r.id}/check-in`);
      }
    }
    await reader.post(`/api/v1/dialogue/events/${a}/contributions`, { kind: 'question', text: 'Питання' });
    const hiddenOne = (await reader.post(`/api/v1/dialogue/events/${a}/contributions`, { kind: 'comment', text: 'Спам' })).body.id;
    await editor.post(`/api/v1/dialogue/contributions/${hiddenOne}/hide`, { reason: 'Спам' });
    await move(a, 'registration_closed', 'held');
    const commit = async (eventId: string, dueDate: string, status?: string) =>
      (await editor.post(`/api/v1/dialogue/events/${eventId}/commitments`, { text: { uk: 'Зобов’язання' }, responsible: { name: 'Рада', type: 'council' }, dueDate, ...(status ? { status } : {}) })).body.id;
    await commit(a, '2020-01-01'); // overdue
    await commit(a, '2020-01-01', 'done');
    await commit(a, '2099-01-01'); // not yet due

    // Event B (regional, held): attendance written in the minutes wins over check-ins.
    const b = await mk({ ...at('2026-05-20'), level: 'regional' });
    await move(b, 'registration_open', 'registration_closed', 'held');
    expect((await editor.put(`/api/v1/dialogue/events/${b}/minutes`, { text: { uk: 'Протокол' }, attendance: bAttendance })).status).toBe(200);

    // Event C (planned, in the period) counts as an event only; D is cancelled; E is outside the period.
    await mk({ ...at('2026-09-01'), level: 'diaspora', hostCountries: ['PL'] });
    const d = await mk(at('2026-06-01'));
    await move(d, 'cancelled');
    await mk(at('2025-06-01'));

    const res = await reader.get(`/api/v1/communities/${COMMUNITY}/involvement?from=2026-01-01&to=2026-12-31`);
    expect(res.status).toBe(200);
    const v = res.body;

    // The oracle, following docs/dialogue-methodology.md.
    const attendance = new Map<string, number>();
    for (const [g, , c] of aGroups) attendance.set(g, (attendance.get(g) ?? 0) + c);
    for (const x of bAttendance) attendance.set(x.group, (attendance.get(x.group) ?? 0) + x.count);
    const total = [...attendance.values()].reduce((s, n) => s + n, 0);
    const civil = [...attendance].filter(([g]) => (CIVIL_SOCIETY_GROUPS as readonly string[]).includes(g)).reduce((s, [, n]) => s + n, 0);
    const registrationsOfHeld = aGroups.reduce((s, [, r]) => s + r, 0);
    const C = civil / total;
    const D = [...attendance.values()].filter((n) => n > 0).length / STAKEHOLDER_GROUPS.length;
    const T = Math.min(1, total / registrationsOfHeld);
    const Q = 1 / 2; // A has a visible contribution, B none
    const F = 1 / 2; // one done of two due (the 2099 one is not due)
    const index = Math.round(1000 * (0.3 * C + 0.2 * D + 0.15 * T + 0.15 * Q + 0.2 * F)) / 10;

    expect(v).toMatchObject({ community: COMMUNITY, events: 3, eventsHeld: 2, registrations: registrationsOfHeld, attendance: total, contributions: 1 });
    expect(v.eventsByLevel).toEqual([
      { level: 'community', events: 1 },
      { level: 'regional', events: 1 },
      { level: 'national', events: 0 },
      { level: 'diaspora', events: 1 },
      { level: 'international', events: 0 },
    ]);
    expect(v).toMatchObject({ commitmentsMade: 3, commitmentsDone: 1, commitmentsOverdue: 1 });
    expect(v.civilSocietyShare).toBeCloseTo(C, 4);
    expect(v.diasporaShare).toBeCloseTo(1 / total, 4);
    expect(v.components.civilSocietyShare).toBeCloseTo(C, 4);
    expect(v.components.groupDiversity).toBeCloseTo(D, 4);
    expect(v.components.turnout).toBeCloseTo(T, 4);
    expect(v.components).toMatchObject({ deliberation: Q, followThrough: F });
    expect(v.index).toBe(index);
    // Small groups are suppressed in what everyone sees.
    const byGroup = new Map(v.attendanceByGroup.map((g: { group: string }) => [g.group, g]));
    expect(byGroup.get('civil_society_organization')).toEqual({ group: 'civil_society_organization', count: 12, suppressed: false });
    expect(byGroup.get('media')).toMatchObject({ count: null, suppressed: true });
    expect(byGroup.get('diaspora_organization')).toMatchObject({ count: null, suppressed: true });

    expect((await reader.get(`/api/v1/communities/${COMMUNITY}/involvement?from=soon`)).status).toBe(400);
    expect((await reader.get('/api/v1/communities/UA99999999999999999/involvement')).status).toBe(404);
    const empty = await reader.get(`/api/v1/communities/${COMMUNITY}/involvement?from=2040-01-01`);
    expect(empty.body).toMatchObject({ events: 0, index: 0 });
  });

  it("answers an oblast's involvement over its communities' events, each once, by the same formula", async () => {
    const q = 'from=2026-01-01&to=2026-12-31';
    // Ternopil oblast: Berezhany (the events above) and Ternopil city; Bakhmach (Chernihiv oblast) does not count.
    const scoped = await keyFor(p, { role: 'editor', communities: [COMMUNITY, TERNOPIL, BAKHMACH] });
    const before = (await reader.get(`/api/v1/oblasts/${TERNOPIL_OBLAST}/involvement?${q}`)).body;
    const alone = (await reader.get(`/api/v1/communities/${COMMUNITY}/involvement?${q}`)).body;
    // With only Berezhany's events the oblast's figures are Berezhany's.
    const { community: _c, ...figures } = alone;
    const { oblast, communities, ...oblastFigures } = before;
    expect(oblast).toBe(TERNOPIL_OBLAST);
    expect(oblastFigures).toEqual(figures);
    expect(communities).toEqual([{ community: COMMUNITY, events: 3, eventsHeld: 2 }]);

    // A held event of Ternopil city and Berezhany together (attendance in the minutes, no registrations),
    // and one in Bakhmach (another oblast).
    const shared = (await scoped.post('/api/v1/dialogue/events', eventBody({ startsAt: '2026-10-01T08:00:00Z', endsAt: '2026-10-01T10:00:00Z', communities: [TERNOPIL, COMMUNITY] }))).body.id;
    for (const status of ['registration_open', 'registration_closed', 'held']) expect((await scoped.post(`/api/v1/dialogue/events/${shared}/status`, { status })).status).toBe(200);
    const sharedAttendance = [{ group: 'veteran', count: 7 }, { group: 'academia', count: 5 }];
    expect((await scoped.put(`/api/v1/dialogue/events/${shared}/minutes`, { text: { uk: 'Протокол' }, attendance: sharedAttendance })).status).toBe(200);
    expect((await scoped.post('/api/v1/dialogue/events', eventBody({ startsAt: '2026-10-02T08:00:00Z', endsAt: '2026-10-02T10:00:00Z', communities: [BAKHMACH] }))).status).toBe(201);

    const res = await reader.get(`/api/v1/oblasts/${TERNOPIL_OBLAST}/involvement?${q}`);
    expect(res.status).toBe(200);
    const v = res.body;
    // The oracle: what the first test seeded in Berezhany plus the shared event, counted once, by docs/dialogue-methodology.md.
    const attendance = new Map<string, number>();
    for (const [g, , c] of aGroups) attendance.set(g, (attendance.get(g) ?? 0) + c);
    for (const x of bAttendance) attendance.set(x.group, (attendance.get(x.group) ?? 0) + x.count);
    expect([...attendance.values()].reduce((s, n) => s + n, 0)).toBe(alone.attendance);
    for (const x of sharedAttendance) attendance.set(x.group, (attendance.get(x.group) ?? 0) + x.count);
    const total = [...attendance.values()].reduce((s, n) => s + n, 0);
    const civil = [...attendance].filter(([g]) => (CIVIL_SOCIETY_GROUPS as readonly string[]).includes(g)).reduce((s, [, n]) => s + n, 0);
    const C = civil / total;
    const D = [...attendance.values()].filter((n) => n > 0).length / STAKEHOLDER_GROUPS.length;
    const T = Math.min(1, total / alone.registrations);
    const Q = 1 / 3; // Berezhany's meeting A had a contribution; hearing B and the shared event none
    const F = 1 / 2;
    const index = Math.round(1000 * (0.3 * C + 0.2 * D + 0.15 * T + 0.15 * Q + 0.2 * F)) / 10;
    expect(v).toMatchObject({ oblast: TERNOPIL_OBLAST, events: 4, eventsHeld: 3, registrations: alone.registrations, attendance: total, contributions: 1, commitmentsMade: 3 });
    expect(v.index).toBe(index);
    expect(v.components.groupDiversity).toBeCloseTo(D, 4);
    expect(v.components.deliberation).toBeCloseTo(Q, 4);
    expect(v.communities).toEqual([
      { community: COMMUNITY, events: 4, eventsHeld: 3 },
      { community: TERNOPIL, events: 1, eventsHeld: 1 },
    ]);
    // Berezhany's own figures now include the shared event too.
    expect((await reader.get(`/api/v1/communities/${COMMUNITY}/involvement?${q}`)).body).toMatchObject({ events: 4, eventsHeld: 3, attendance: total });

    // Who may read it: the same as a community's involvement (every role; anonymous only when ALLOW_ANONYMOUS_READS).
    expect([200, 401]).toContain((await p.api.get(`/api/v1/oblasts/${TERNOPIL_OBLAST}/involvement`)).status);
    expect((await scoped.get(`/api/v1/oblasts/${TERNOPIL_OBLAST}/involvement`)).status).toBe(200);
    expect((await reader.get(`/api/v1/oblasts/${TERNOPIL_OBLAST}/involvement?to=later`)).status).toBe(400);
    expect((await reader.get('/api/v1/oblasts/UA61/involvement')).status).toBe(400);
    const unknown = await reader.get(`/api/v1/oblasts/${COMMUNITY}/involvement`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
