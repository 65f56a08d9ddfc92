import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { REPORT_BUCKET, UPLOAD_BUCKET } from '@vidnova/contracts';
import { BACKUP_NATS_USER, busName, UploadStore } from '@vidnova/messaging';
import { dataFile, dropDatabases, infraEnv, testDbName } from '@vidnova/testing';
import { RunningWorker } from '@vidnova/reporting';
import { natsConnectAs, startPlatform, TestPlatform, untilImported } from './platform';
import { publishPriorities, runSeed, startReportWorker, untilFinished } from './reporting-support';

/**
 * `npm run backup` and `npm run restore` (tools/ops) as an operator runs them, as child processes: data is
 * written through the gateway into several services (diaspora organisations, a consultation with results,
 * a budget import and the seeded KSE figures, a report whose content lives in the object store, API keys
 * in the gateway's database), the platform is backed up and stopped, its report content deleted, the
 * backup restored into new, empty databases, and a platform started on them answers every read as before,
 * with the keys issued before.
 */
const ROOT = resolve(__dirname, '../..');
const SERVICES = ['diaspora-registry', 'consultations', 'budget-analysis', 'reporting'];
const SHATSK = 'UA07060450000051170';
const LUTSK_BUDGET = '0355100000';
const BAKHMACH_BUDGET = '2555100000';

function runTool(tool: 'backup' | 'restore', args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', './tools/ts-register.cjs', `tools/ops/${tool}.ts`, ...args], { cwd: ROOT, env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out }));
  });
}

const munich = (n: number) => ({
  name: { original: `Українська громада Мюнхена ${n}`, en: `Ukrainian Community of Munich ${n}` },
  country: 'DE',
  city: 'München',
  cityLocation: { lat: 48.137, lon: 11.575 },
  type: 'association',
  focusAreas: ['humanitarian_aid', 'culture'],
  foundedYear: 2022,
  foundedOn: '2022-03-10',
  languages: ['uk', 'de'],
  communityCodes: [SHATSK],
});

describe('backup and restore: the API answers the same after a restore into empty databases', () => {
  let p: TestPlatform | undefined;
  let worker: RunningWorker | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'vidnova-backup-'));
  const restored: Record<string, string> = {};

  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
    await dropDatabases(infraEnv().MONGO_URL, Object.values(restored));
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up, restores and answers the same', async () => {
    p = await startPlatform(SERVICES);
    worker = await startReportWorker(p);
    const key = async (role: string, extra: Record<string, string> = {}) => (await p!.admin.post('/api/v1/api-keys', { name: `${role} key`, role, ...extra })).body.key as string;
    const keys = { analyst: await key('analyst'), editor: await key('editor'), reader: await key('reader'), partner: await key('partner', { organization: 'partner-org' }) };

    // Data in every kind of store the services have.
    expect((await runSeed(p.env.NATS_URL)).code).toBe(0);
    const partner = p.api.withKey(keys.partner);
    const orgs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await partner.post('/api/v1/diaspora/organizations', munich(i));
      expect(r.status).toBe(201);
      orgs.push(r.body.id);
    }
    const consultation = await publishPriorities(p.api.withKey(keys.editor), SHATSK, { roads_transport: 3, water_sanitation: 2 });
    const upload = await fetch(`${p.api.baseUrl}/api/v1/budget/imports`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-api-key': keys.editor }, body: readFileSync(dataFile('open-budget', 'openbudget_lutsk_2025_expenses_economic.csv')) });
    expect(upload.status).toBe(202);
    const imported = await untilImported(p.api.withKey(keys.editor), upload.headers.get('location')!);
    expect(imported.body.status).toBe('completed');
    const analyst = p.api.withKey(keys.analyst);
    const accepted = await analyst.post('/api/v1/reports', { type: 'community-monitoring', community: SHATSK, period: '2022' });
    expect(accepted.status).toBe(202);
    const report = await untilFinished(analyst, accepted.headers.get('location')!);
    expect(['completed', 'partial']).toContain(report.body.status);
    await worker.stop();
    worker = undefined;

    // An upload whose import has not run yet (the object a pending import references).
    const nc = await natsConnectAs(BACKUP_NATS_USER);
    const pendingBytes = Buffer.from('budgetCode,year\n0355100000,2025\n', 'utf8');
    try {
      const uploads = (await UploadStore.existing(nc, busName(UPLOAD_BUCKET)))!;
      await uploads.putStream({ name: '2026-11-30/pending-import', description: 'text/csv' }, Readable.from([pendingBytes]));
    } finally {
      await nc.close();
    }

    const reads: Array<[string, string]> = [
      ['reader', '/api/v1/diaspora/organizations?limit=100'],
      ...orgs.map((id): [string, string] => ['reader', `/api/v1/diaspora/organizations/${id}`]),
      ['reader', `/api/v1/consultations/${consultation}`],
      ['reader', `/api/v1/consultations/${consultation}/results`],
      ['reader', `/api/v1/communities/${SHATSK}/priorities`],
      ['editor', `/api/v1/budget/imports/${imported.body.id}`],
      ['reader', `/api/v1/budget/budgets/${LUTSK_BUDGET}/summary?year=2025`],
      ['reader', `/api/v1/budget/budgets/${LUTSK_BUDGET}/expenditures?classification=economic&year=2025`],
      ['reader', `/api/v1/budget/budgets/${BAKHMACH_BUDGET}/summary?year=2022&period=2022-12`],
      ['reader', `/api/v1/budget/budgets/${BAKHMACH_BUDGET}/trends?from=2018&to=2022`],
      ['analyst', `/api/v1/reports/${accepted.body.id}`],
      ['analyst', `/api/v1/reports/${accepted.body.id}/content.json`],
      ['analyst', `/api/v1/reports/${accepted.body.id}/content.csv`],
      ['analyst', '/api/v1/reports?limit=100'],
    ];
    const answers = async (platform: TestPlatform) => {
      const out: Record<string, { status: number; body: unknown }> = {};
      for (const [role, path] of reads) {
        const r = await platform.api.withKey(keys[role as keyof typeof keys]).get(path);
        // Results carry the moment they were computed (on each read: results.service.ts), not stored data.
        const body = path.endsWith('/results') && r.body ? { ...r.body, computedAt: typeof r.body.computedAt } : r.body;
        out[`${role} ${path}`] = { status: r.status, body };
      }
      const listed = await platform.admin.get('/api/v1/api-keys?limit=100');
      out['admin /api/v1/api-keys'] = { status: listed.status, body: (listed.body.items as Array<Record<string, unknown>>).map(({ id, name, role, organization }) => ({ id, name, role, organization })) };
      return out;
    };
    const before = await answers(p);
    for (const [path, a] of Object.entries(before)) expect({ path, status: a.status }).toEqual({ path, status: 200 });

    // Back up with the platform's database names, then stop it (its databases are dropped).
    const dbArgs = (names: Record<string, string>) => Object.entries(names).flatMap(([s, n]) => ['--db', `${s}=${n}`]);
    const backedUp = await runTool('backup', [dir, ...dbArgs(p.dbs)]);
    expect({ code: backedUp.code, out: backedUp.out }).toEqual({ code: 0, out: expect.stringContaining('[backup] done') });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.databases.find((d: { service: string }) => d.service === 'gateway').migrationVersion).toBe(1);
    const reportsBucket = manifest.buckets.find((b: { logical: string }) => b.logical === REPORT_BUCKET);
    expect(reportsBucket.objects.length).toBeGreaterThan(0);
    const uploadsBucket = manifest.buckets.find((b: { logical: string }) => b.logical === UPLOAD_BUCKET);
    expect(uploadsBucket.objects.map((o: { name: string }) => o.name)).toEqual(['2026-11-30/pending-import']);
    await p.stop();
    p = undefined;

    // The object store loses the report content too (as a lost NATS volume would).
    const nc2 = await natsConnectAs(BACKUP_NATS_USER);
    try {
      for (const bucket of [REPORT_BUCKET, UPLOAD_BUCKET]) {
        const store = (await UploadStore.existing(nc2, busName(bucket)))!;
        for (const o of await store.list()) await store.remove({ bucket: busName(bucket), name: o.name });
        expect(await store.list()).toEqual([]);
      }
    } finally {
      await nc2.close();
    }

    // Restore into new, empty databases; a second restore over them is refused.
    for (const s of [...SERVICES, 'enterprise-efficiency', 'dialogue-events', 'gateway']) restored[s] = testDbName(`restored-${s}`);
    const done = await runTool('restore', [dir, ...dbArgs(restored)]);
    expect({ code: done.code, out: done.out }).toEqual({ code: 0, out: expect.stringContaining('[restore] done') });
    const refused = await runTool('restore', [dir, ...dbArgs(restored)]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/error: not empty: .*pass --drop/);

    p = await startPlatform(SERVICES, {}, {}, restored);
    const after = await answers(p);
    expect(after).toEqual(before);
    // The pending upload is back, byte for byte.
    const nc3 = await natsConnectAs(BACKUP_NATS_USER);
    try {
      const uploads = (await UploadStore.existing(nc3, busName(UPLOAD_BUCKET)))!;
      expect(await uploads.read({ bucket: busName(UPLOAD_BUCKET), name: '2026-11-30/pending-import' })).toEqual(pendingBytes);
    } finally {
      await nc3.close();
    }
  }, 300000);
});
