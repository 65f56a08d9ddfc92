import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ApiClient } from '@vidnova/testing';
import { code, LINES, synthetic } from './enterprise-support';

/**
 * Seeds the two sources the reports ask about a community's enterprises and public dialogue, through the
 * gateway like any client: used by test/e2e/reporting-sources.e2e-spec.ts and `npm run bench -- reporting`.
 */

/** Runs `npm run seed` (the script itself) against this NATS: the KSE figures of Shatsk, Berezhany, Bakhmach. */
export function runSeed(natsUrl: string): Promise<{ code: number | null; out: string }> {
  const root = resolve(__dirname, '../..');
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', './tools/ts-register.cjs', 'tools/seed/index.ts'], { cwd: root, env: { ...process.env, NATS_URL: natsUrl } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out }));
  });
}

/** Publishes a recovery-priority consultation for a community: options tagged with categories, votes as given. */
export async function publishPriorities(editor: ApiClient, community: string, votes: Record<string, number>): Promise<string> {
  const options = Object.keys(votes).map((category) => ({ id: category.replace(/_/g, '-'), label: { uk: category, en: category }, category }));
  const created = await editor.post('/api/v1/consultations', {
    communityCode: community,
    title: { uk: 'Пріоритети відбудови', en: 'Recovery priorities' },
    topic: 'recovery',
    audience: 'all',
    channels: ['online'],
    questions: [{ id: 'q_main', type: 'single_choice', required: true, prompt: { uk: 'Що найважливіше?', en: 'What matters most?' }, options }],
  });
  if (created.status !== 201) throw new Error(`consultation: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await editor.post(`/api/v1/consultations/${id}/open`);
  const total = Object.values(votes).reduce((s, n) => s + n, 0);
  const tokens: string[] = (await editor.post(`/api/v1/consultations/${id}/respondent-tokens`, { count: total })).body.tokens;
  let i = 0;
  for (const o of options) {
    for (let k = 0; k < votes[o.category]; k++) {
      const r = await editor.post(`/api/v1/consultations/${id}/submissions`, { respondentToken: tokens[i++], answers: [{ questionId: 'q_main', optionIds: [o.id] }] });
      if (r.status !== 201) throw new Error(`submission: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  await editor.post(`/api/v1/consultations/${id}/close`);
  const pub = await editor.post(`/api/v1/consultations/${id}/publish-results`);
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${JSON.stringify(pub.body)}`);
  return id;
}

const check = (what: string, status: number, expected: number | number[], body: unknown) => {
  if (![expected].flat().includes(status)) throw new Error(`${what}: expected ${expected}, got ${status} ${JSON.stringify(body).slice(0, 300)}`);
};

/** Synthetic peers (balanced statements, UAH): with the real statement they make a sector of 6, so scores exist. */
const PEERS = [
  { nca: 800000, ca: 200000, inv: 20000, eq: 600000, rev: 900000, cost: 950000, recv: 50000, pay: 90000 },
  { nca: 500000, ca: 300000, inv: 10000, eq: 500000, rev: 700000, cost: 650000, recv: 40000, pay: 60000 },
  { nca: 1200000, ca: 400000, inv: 50000, eq: 900000, rev: 1500000, cost: 1400000, recv: 120000, pay: 100000 },
  { nca: 300000, ca: 100000, inv: 5000, eq: 100000, rev: 400000, cost: 420000, recv: 30000, pay: 80000 },
  { nca: 700000, ca: 250000, inv: 15000, eq: 450000, rev: 800000, cost: 760000, recv: 60000, pay: 70000 },
];

/**
 * Enterprises of `community` (sector water_sewerage): the first gets the REAL statement of
 * test/fixtures/enterprises (thousand UAH) and budget support; the rest synthetic statements. `prefix`
 * is 4 digits that make the EDRPOU codes unique per community (`<prefix>0NN` + check digit).
 * `real` names the EDRPOU of the real-statement enterprise (e.g. the Prozorro package's buyer).
 */
export async function seedEnterprises(
  admin: ApiClient,
  community: string,
  years: number[],
  opts: { prefix: string; count?: number; real?: string },
): Promise<{ edrpous: string[]; real: string }> {
  const count = opts.count ?? 3;
  const real = opts.real ?? code(`${opts.prefix}001`);
  const edrpous = [real, ...Array.from({ length: count - 1 }, (_, i) => code(`${opts.prefix}${String(10 + i).padStart(3, '0')}`))];
  for (const [i, edrpou] of edrpous.entries()) {
    const created = await admin.post('/api/v1/enterprises', {
      edrpou,
      name: { uk: `КП "Водоканал ${i + 1}" ${community.slice(2, 8)}`, en: `Water utility ${i + 1} ${community.slice(2, 8)}` },
      legalForm: 'communal_enterprise',
      sector: 'water_sewerage',
      community,
      staff: years.map((year) => ({ year, count: 20 + i })),
    });
    check(`POST /api/v1/enterprises ${edrpou}`, created.status, 201, created.body);
    for (const year of years) {
      const body = i === 0 ? { year, unit: 'thousand UAH', lines: LINES, source: 'finzvit data2.json' } : { year, unit: 'UAH', lines: synthetic(PEERS[(i - 1) % PEERS.length]) };
      const s = await admin.post(`/api/v1/enterprises/${edrpou}/statements`, body);
      check(`POST statement ${edrpou} ${year}`, s.status, 201, s.body);
    }
  }
  for (const year of years) {
    for (const [kind, amount] of [['operating_subsidy', 15000000], ['capital_transfer', 5000050]] as const) {
      const s = await admin.post(`/api/v1/enterprises/${real}/budget-support`, { year, kind, amount, date: `${year}-03-01` });
      check(`POST budget-support ${real}`, s.status, 201, s.body);
    }
  }
  return { edrpous, real };
}

const person = (i: number, group: string) => ({ name: `Учасник ${i}`, email: `person${i}.${group}@example.org`, consentRecordedAt: '2022-01-05T09:00:00Z', stakeholderGroup: group, language: 'uk' });

/**
 * Dialogue of `community` in `year`: a held community meeting with registrations, check-ins, a question
 * and four commitments (overdue, done, dropped, not yet due); a held regional hearing with attendance in
 * its minutes; a planned event; a cancelled one; and one in the next year (outside the period).
 */
export async function seedDialogue(editor: ApiClient, reader: ApiClient, community: string, year: number): Promise<{ events: string[] }> {
  const at = (d: string) => ({ startsAt: `${year}-${d}T08:00:00Z`, endsAt: `${year}-${d}T10:00:00Z` });
  const base = (over: Record<string, unknown>) => ({
    title: { uk: `Громадські слухання ${(over.startsAt as string).slice(0, 10)}`, en: `Public hearing ${(over.startsAt as string).slice(0, 10)}` },
    level: 'community',
    communities: [community],
    format: 'in_person',
    venue: { name: 'Будинок культури', address: 'вул. Шевченка, 1' },
    languages: ['uk'],
    organisers: [{ kind: 'organization', name: 'Селищна рада' }],
    ...over,
  });
  const mk = async (over: Record<string, unknown>) => {
    const r = await editor.post('/api/v1/dialogue/events', base(over));
    check('POST /api/v1/dialogue/events', r.status, 201, r.body);
    return r.body.id as string;
  };
  const move = async (id: string, ...statuses: string[]) => {
    for (const status of statuses) {
      const r = await editor.post(`/api/v1/dialogue/events/${id}/status`, { status });
      check(`event ${id} → ${status}`, r.status, 200, r.body);
    }
  };
  const a = await mk({ ...at('03-10'), capacity: 50 });
  await move(a, 'registration_open');
  for (const [group, registered, checkedIn] of [['resident', 7, 6], ['veteran', 2, 2], ['council_member', 3, 1]] as const) {
    for (let i = 0; i < registered; i++) {
      const r = await reader.post(`/api/v1/dialogue/events/${a}/registrations`, person(i, group));
      check('POST registration', r.status, [200, 201], r.body);
      if (i < checkedIn) check('check-in', (await editor.post(`/api/v1/dialogue/events/${a}/registrations/${r.body.id}/check-in`, {})).status, [200, 201], null);
    }
  }
  check('POST contribution', (await reader.post(`/api/v1/dialogue/events/${a}/contributions`, { kind: 'question', text: 'Коли відновлять водогін?' })).status, 201, null);
  await move(a, 'registration_closed', 'held');
  const commit = async (text: string, dueDate: string, status?: string) => {
    const r = await editor.post(`/api/v1/dialogue/events/${a}/commitments`, {
      text: { uk: text, en: `Commitment: ${dueDate}${status ? ` (${status})` : ''}` },
      responsible: { name: 'КП "Водоканал 1"', type: 'communal_enterprise' },
      dueDate,
      ...(status ? { status } : {}),
    });
    check('POST commitment', r.status, 201, r.body);
  };
  await commit('Відремонтувати водогін на вул. Шевченка', `${year}-06-01`);
  await commit('Оприлюднити графік подачі води', `${year}-04-01`, 'done');
  await commit('Встановити колонку', `${year}-05-01`, 'dropped');
  await commit('Замінити насосну станцію', '2099-01-01');

  const b = await mk({ ...at('05-20'), level: 'regional' });
  await move(b, 'registration_open', 'registration_closed', 'held');
  const minutes = await editor.put(`/api/v1/dialogue/events/${b}/minutes`, {
    text: { uk: 'Протокол слухань' },
    attendance: [{ group: 'civil_society_organization', count: 12 }, { group: 'local_self_government', count: 5 }, { group: 'media', count: 2 }],
  });
  check('PUT minutes', minutes.status, 200, minutes.body);
  const c = await mk(at('09-01'));
  const d = await mk(at('06-01'));
  await move(d, 'cancelled');
  await mk({ startsAt: `${year + 1}-02-01T08:00:00Z`, endsAt: `${year + 1}-02-01T10:00:00Z` });
  return { events: [a, b, c] };
}
