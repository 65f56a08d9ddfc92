import ICAL from 'ical.js';
import { BAKHMACH, eventBody, keyFor, SHATSK } from './dialogue-support';

const BEREZHANY = 'UA61040030000060956';
import { startPlatform, TestPlatform } from './platform';

/**
 * Issue 10: iCalendar feeds, checked with ical.js — a parser independent of the library that writes them
 * (ical-generator): UID, TZID + VTIMEZONE, SEQUENCE, STATUS:CANCELLED, folding and escaping of Ukrainian text.
 */
describe('dialogue calendars', () => {
  let p: TestPlatform;
  let editor: TestPlatform['api'];
  let reader: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['dialogue-events']);
    editor = await keyFor(p, { role: 'editor' });
    reader = await keyFor(p, { role: 'reader' });
  });
  afterAll(() => p?.stop());

  const parse = (ics: string) => {
    const cal = new ICAL.Component(ICAL.parse(ics));
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    return cal;
  };
  const veventOf = (cal: ICAL.Component, uidPrefix: string) => cal.getAllSubcomponents('vevent').find((v) => String(v.getFirstPropertyValue('uid')).startsWith(uidPrefix))!;

  const title = 'Громадські слухання: «Відновлення водогону»; питання, відповіді та звіт КП \\ Шацьк — дуже довга назва, що переноситься';
  const description = 'Рядок перший; кома, крапка з комою.\nРядок другий: «лапки» і \\ зворотна риска.';

  it('one event: stable UID, DTSTART/DTEND with TZID and a VTIMEZONE, Ukrainian text intact, SEQUENCE raised on each change, CANCELLED', async () => {
    const startsAt = '2031-07-15T10:00:00+03:00';
    const endsAt = '2031-07-15T12:30:00+03:00';
    const created = await editor.post('/api/v1/dialogue/events', eventBody({ title: { uk: title, en: 'Hearing' }, description: { uk: description }, startsAt, endsAt }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const res = await reader.get(`/api/v1/dialogue/events/${id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = res.body as unknown as string;
    // RFC 5545 3.1: lines end in CRLF and are folded at 75 octets.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const cal = parse(ics);
    const v = veventOf(cal, id);
    const event = new ICAL.Event(v);
    expect(event.uid).toBe(`${id}@dialogue-events.vidnova.org`);
    expect(event.summary).toBe(title);
    expect(event.description).toContain(description);
    expect(v.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Kyiv');
    expect(cal.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toContain('Europe/Kyiv');
    // The wall-clock time in Kyiv, resolved through the VTIMEZONE, is the instant announced.
    expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(startsAt));
    expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(endsAt));
    expect(event.startDate.hour).toBe(10);
    expect(v.getFirstPropertyValue('sequence')).toBe(0);
    expect(v.getFirstPropertyValue('status')).toBe('TENTATIVE');

    await editor.patch(`/api/v1/dialogue/events/${id}`, { capacity: 80 });
    await editor.post(`/api/v1/dialogue/events/${id}/status`, { status: 'registration_open' });
    await editor.post(`/api/v1/dialogue/events/${id}/status`, { status: 'cancelled', reason: 'Перенесено' });
    const after = veventOf(parse((await reader.get(`/api/v1/dialogue/events/${id}/calendar.ics`)).body as unknown as string), id);
    expect(after.getFirstPropertyValue('uid')).toBe(event.uid);
    expect(after.getFirstPropertyValue('sequence')).toBe(3);
    expect(after.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect((await reader.get('/api/v1/dialogue/events/0123456789abcdef01234567/calendar.ics')).status).toBe(404);
  });

  it('feeds by community and by level, each event in its own time zone', async () => {
    const diaspora = (
      await editor.post('/api/v1/dialogue/events', eventBody({ level: 'diaspora', hostCountries: ['DE'], communities: [BAKHMACH], timeZone: 'Europe/Berlin', startsAt: '2031-03-20T18:00:00+01:00', endsAt: '2031-03-20T20:00:00+01:00' }))
    ).body.id;
    const local = (await editor.post('/api/v1/dialogue/events', eventBody({ communities: [BAKHMACH] }))).body.id;
    const other = (await editor.post('/api/v1/dialogue/events', eventBody({ communities: [SHATSK] }))).body.id;

    const community = parse((await reader.get(`/api/v1/communities/${BAKHMACH}/events.ics`)).body as unknown as string);
    const uids = community.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')).split('@')[0]);
    expect(uids).toEqual(expect.arrayContaining([diaspora, local]));
    expect(uids).not.toContain(other);
    const berlin = veventOf(community, diaspora);
    expect(berlin.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(new ICAL.Event(berlin).startDate.toJSDate().getTime()).toBe(Date.parse('2031-03-20T18:00:00+01:00'));
    expect(community.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(expect.arrayContaining(['Europe/Berlin', 'Europe/Kyiv']));

    const byLevel = parse((await reader.get('/api/v1/dialogue/events.ics?level=diaspora')).body as unknown as string);
    const levelUids = byLevel.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')).split('@')[0]);
    expect(levelUids).toContain(diaspora);
    expect(levelUids).not.toContain(local);
    expect((await reader.get('/api/v1/dialogue/events.ics?level=galactic')).status).toBe(400);
    expect((await reader.get('/api/v1/communities/UA99999999999999999/events.ics')).status).toBe(404);
  });

  it('a feed larger than one bus message comes whole: one VCALENDAR, each event once, each VTIMEZONE once, long Ukrainian text intact', async () => {
    // Descriptions at their 20 000-character limit, so 24 events are about 1.4 MiB of iCalendar (NATS takes 1 MiB a message).
    const longUk = (i: number) => `Подія ${i}; «лапки», кома, крапка з комою \\ риска.\n`.padEnd(19_999, 'Відновлення громади — ') + '.';
    const longEn = (i: number) => `Event ${i}: `.padEnd(19_999, 'recovery, dialogue; ') + '.';
    const zones = ['Europe/Kyiv', 'Europe/Warsaw', 'Europe/Berlin'];
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const created = await editor.post('/api/v1/dialogue/events', eventBody({ communities: [BEREZHANY], timeZone: zones[i % 3], title: { uk: `Зустріч ${i}`, en: `Meeting ${i}` }, description: { uk: longUk(i), en: longEn(i) } }));
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const res = await reader.get(`/api/v1/communities/${BEREZHANY}/events.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = res.body as unknown as string;
    expect(Buffer.byteLength(ics)).toBeGreaterThan(1024 * 1024);
    expect(ics.match(/^BEGIN:VCALENDAR\r$/gm)).toHaveLength(1);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const cal = parse(ics);
    expect(cal.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid')).sort()).toEqual([...zones].sort());
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid.split('@')[0]).sort()).toEqual([...ids].sort());
    for (const [i, id] of ids.entries()) {
      const e = events.find((x) => x.uid.startsWith(id))!;
      expect(e.summary).toBe(`Зустріч ${i}`);
      expect(e.description).toBe([longUk(i), `EN: Meeting ${i}`, longEn(i)].join('\n\n'));
      expect(e.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(zones[i % 3]);
    }
  });
});
