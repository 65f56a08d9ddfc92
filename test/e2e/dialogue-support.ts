import { TestPlatform } from './platform';

export const SHATSK = 'UA07060450000051170';
export const BAKHMACH = 'UA74040030000093042';

/** An API key of this role (and organisation or communities) as a client. */
export async function keyFor(p: TestPlatform, body: Record<string, unknown>): Promise<TestPlatform['api']> {
  const r = await p.admin.post('/api/v1/api-keys', { name: `key ${String(body.role)} ${String(body.organization ?? body.communities ?? '')}`, ...body });
  if (r.status !== 201) throw new Error(`key not created: ${r.status} ${JSON.stringify(r.body)}`);
  return p.api.withKey(r.body.key);
}

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** A valid event body; `over` replaces fields. */
export function eventBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { uk: 'Громадські слухання: відновлення водогону', en: 'Public hearing: water main restoration' },
    description: { uk: 'Обговорення проєкту; питання мешканців, звіт КП «Шацькводоканал».', en: 'Discussion of the project' },
    level: 'community',
    communities: [SHATSK],
    format: 'hybrid',
    venue: { name: 'Будинок культури', address: 'вул. Шевченка, 1, Шацьк' },
    onlineUrl: 'https://meet.example.org/shatsk',
    startsAt: inDays(10, 8),
    endsAt: inDays(10, 10),
    languages: ['uk'],
    accessibility: ['sign_language', 'captions'],
    capacity: 100,
    organisers: [{ kind: 'organization', name: 'Шацька селищна рада', edrpou: '04333164' }],
    agenda: [
      { title: { uk: 'Звіт про стан водогону' }, speakers: ['Директор КП'], durationMinutes: 20, links: { enterpriseEdrpou: '32501397', budgetCode: '0350700000', budgetYear: 2026 } },
      { title: { uk: 'Питання мешканців' }, durationMinutes: 40 },
    ],
    ...over,
  };
}

export const person = (i: number, group = 'resident') => ({
  name: `Учасник ${i}`,
  email: `person${i}@example.org`,
  consentRecordedAt: '2026-11-25T09:00:00Z',
  stakeholderGroup: group,
  language: 'uk',
});

/** Creates an event and opens its registration; answers its id. */
export async function openEvent(client: TestPlatform['api'], over: Record<string, unknown> = {}): Promise<string> {
  const created = await client.post('/api/v1/dialogue/events', eventBody(over));
  if (created.status !== 201) throw new Error(`event not created: ${created.status} ${JSON.stringify(created.body)}`);
  const opened = await client.post(`/api/v1/dialogue/events/${created.body.id}/status`, { status: 'registration_open' });
  if (opened.status !== 200) throw new Error(`not opened: ${opened.status} ${JSON.stringify(opened.body)}`);
  return created.body.id;
}
