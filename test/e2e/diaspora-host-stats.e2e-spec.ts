import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '@vidnova/testing';
import { startPlatform, TestPlatform, untilImported } from './platform';

const CSV_PATH = join(dataDir(), 'diaspora/unhcr_refugees_from_ukraine_by_country_monthly_ONEcampaign.csv');
/** Small enough for the real file (~30 KB), so a 100 KB body shows the 413. */
const UPLOAD_LIMIT = 64 * 1024;

describe('host-country statistics (UNHCR refugees from Ukraine) through the gateway', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];
  let analyst: TestPlatform['api'];
  let reader: TestPlatform['api'];
  const csv = readFileSync(CSV_PATH, 'utf8');
  const upload = (client: TestPlatform['api'], body: string, contentType = 'text/csv') =>
    client.request('POST', '/api/v1/diaspora/host-country-statistics/import', body, { 'content-type': contentType });

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) });
    const key = async (role: string) => (await p.admin.post('/api/v1/api-keys', { name: role, role })).body.key as string;
    // Statistics imports need editor or admin (docs/security.md); partner and analyst keys are refused (authz.e2e-spec.ts).
    partner = p.api.withKey(await key('editor'));
    analyst = p.api.withKey(await key('admin'));
    reader = p.api.withKey(await key('reader'));
  });
  afterAll(() => p?.stop());

  it('refuses a file that is not the UNHCR table with 422 and stores nothing', async () => {
    const res = await upload(partner, 'name,country,city\nUkrainian House,DE,Berlin\n');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unprocessable');
    expect(res.body.missingColumns).toEqual(expect.arrayContaining(['iso_code', 'Data Date']));
    // Same rows as the real file but under a wrong header: still nothing stored.
    const renamed = await upload(partner, csv.replace('iso_code', 'iso'));
    expect(renamed.status).toBe(422);
    expect((await reader.get('/api/v1/diaspora/host-country-statistics?country=DE')).status).toBe(404);
    const empty = await upload(partner, '');
    expect(empty.status).toBe(422);
  });

  it('imports the real file (202, then the report at its Location), and importing it again changes nothing', async () => {
    const accepted = await upload(analyst, csv);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(`/api/v1/diaspora/host-country-statistics/imports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(processing|completed)$/) });
    const first = await untilImported(analyst, accepted);
    expect(first.status).toBe(200);
    const dataRows = csv.trim().split('\n').length - 1;
    expect(first.body).toMatchObject({ status: 'completed', finishedAt: expect.any(String), rowsRead: dataRows, accepted: dataRows, inserted: dataRows, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, periodFrom: '2022-03', periodTo: '2025-04' });
    expect(first.body.countries).toEqual(expect.arrayContaining(['DE', 'PL', 'CZ', 'NZ', 'TR', 'GB']));
    expect(first.body.countries).toHaveLength(48);

    const again = await untilImported(partner, await upload(partner, csv));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'completed', rowsRead: dataRows, accepted: dataRows, inserted: 0, updated: 0, unchanged: dataRows });
  });

  it('returns a country time series ordered by date, within a period', async () => {
    const de = await reader.get('/api/v1/diaspora/host-country-statistics?country=DE');
    expect(de.status).toBe(200);
    expect(de.body).toMatchObject({ country: 'DE', countryName: { en: 'Germany' }, source: expect.stringContaining('UNHCR') });
    const expected = csv
      .split('\n')
      .filter((l) => l.startsWith('DEU,'))
      .map((l) => l.split(','))
      .map((f) => ({ date: `${f[2].slice(3)}-${f[2].slice(0, 2)}`, refugees: Number(f[3]) }))
      .sort((a, b) => a.date.localeCompare(b.date));
    expect(de.body.points).toEqual(expected);
    const dates = de.body.points.map((pt: { date: string }) => pt.date);
    expect(dates).toEqual([...dates].sort());

    const period = await reader.get('/api/v1/diaspora/host-country-statistics?country=pl&from=2022-08&to=2022-12-31');
    expect(period.status).toBe(200);
    expect(period.body.points.map((pt: { date: string }) => pt.date)).toEqual(['2022-08', '2022-09', '2022-10', '2022-11', '2022-12']);
  });

  it('counts a changed figure as updated and reports rejected rows with their line', async () => {
    const header = csv.split('\n')[0];
    const edited = [
      header,
      'DEU,Germany,07-2022,1,2022-07,0,0,0,0',
      'XYZ,Nowhere,07-2022,5,2022-07,0,0,0,0',
      'POL,Poland,13-2022,5,,0,0,0,0',
      'POL,Poland,08-2022,many,,0,0,0,0',
      'UKR,Ukraine,01-2030,7,,0,0,0,0',
    ].join('\n');
    const res = await untilImported(partner, await upload(partner, edited));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', rowsRead: 5, accepted: 2, inserted: 1, updated: 1, unchanged: 0, rejectedCount: 3, countries: ['DE', 'UA'] });
    expect(res.body.rejected).toEqual([
      { line: 3, reason: 'unknown country code XYZ' },
      { line: 4, reason: expect.stringContaining('MM-YYYY') },
      { line: 5, reason: expect.stringContaining('whole number') },
    ]);
    const de = await reader.get('/api/v1/diaspora/host-country-statistics?country=DE&from=2022-07&to=2022-07');
    expect(de.body.points).toEqual([{ date: '2022-07', refugees: 1 }]);
  });

  it('stores nothing when the file breaks after a good header: 422 at once, or the import ends failed', async () => {
    const header = csv.split('\n')[0];
    const broken = [header, 'DEU,Germany,01-2031,3,,0,0,0,0', `POL,"${'x'.repeat(20000)}`, ''].join('\n');
    // The reader may meet the broken record while the header is checked (small file) or afterwards.
    const accepted = await upload(partner, broken);
    const res = accepted.status === 422 ? accepted : await untilImported(partner, accepted);
    if (res.status === 422) expect(res.body.detail).toContain('not readable CSV');
    else expect(res.body).toMatchObject({ status: 'failed', failure: expect.stringContaining('not readable CSV'), inserted: 0, finishedAt: expect.any(String) });
    expect((await reader.get('/api/v1/diaspora/host-country-statistics?country=DE&from=2031-01')).status).toBe(404);
  });

  it('404 for an unknown import, 403 for a key that may not import', async () => {
    expect((await partner.get('/api/v1/diaspora/host-country-statistics/imports/ffffffffffffffffffffffff')).status).toBe(404);
    expect((await partner.get('/api/v1/diaspora/host-country-statistics/imports/nonsense')).status).toBe(404);
    expect((await reader.get('/api/v1/diaspora/host-country-statistics/imports/ffffffffffffffffffffffff')).status).toBe(403);
  });

  describe('bad requests', () => {
    it('400 for a country that is not an ISO code, 404 for a country or period without figures', async () => {
      for (const q of ['country=Germany', 'country=XX', 'country=DEU', '', 'country=DE&from=July']) {
        const res = await reader.get(`/api/v1/diaspora/host-country-statistics?${q}`);
        expect([q, res.status]).toEqual([q, 400]);
        expect(res.body.code).toBe('validation_failed');
      }
      const none = await reader.get('/api/v1/diaspora/host-country-statistics?country=AU');
      expect(none.status).toBe(404);
      expect(none.headers.get('content-type')).toContain('application/problem+json');
      expect((await reader.get('/api/v1/diaspora/host-country-statistics?country=DE&from=2030-01')).status).toBe(404);
    });

    it('415 for a body that is not CSV, 413 above the upload limit, 401/403 without an importing role', async () => {
      const json = await partner.post('/api/v1/diaspora/host-country-statistics/import', { rows: [] });
      expect(json.status).toBe(415);
      expect(json.body.code).toBe('unsupported_media_type');
      expect((await upload(partner, csv, 'application/xml')).status).toBe(415);
      const big = await upload(partner, csv + 'DEU,Germany,07-2022,1,,0,0,0,0\n'.repeat(Math.ceil(UPLOAD_LIMIT / 30)));
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('payload_too_large');
      expect((await p.api.request('POST', '/api/v1/diaspora/host-country-statistics/import', csv, { 'content-type': 'text/csv' })).status).toBe(401);
      expect((await upload(reader, csv)).status).toBe(403);
      // Nothing of the refused uploads reached the store: the German July figure is still the one set above.
      const de = await reader.get('/api/v1/diaspora/host-country-statistics?country=DE&from=2022-07&to=2022-07');
      expect(de.body.points).toEqual([{ date: '2022-07', refugees: 1 }]);
    });
  });
});
