import { missingColumns, parseRow } from './unhcr-csv';

const lookup = (a3: string) => ({ DEU: 'DE', POL: 'PL' })[a3];
const row = (iso: string, date: string, count: string) => ({
  iso_code: iso,
  Country: 'Germany',
  'Data Date': date,
  'Refugees from Ukraine recorded in country as of date': count,
});

describe('UNHCR by-country CSV', () => {
  it('recognises the header of the ONE Campaign table and names what is missing', () => {
    expect(missingColumns(['iso_code', 'Country', 'Data Date', 'Refugees from Ukraine recorded in country as of date', 'date_month'])).toEqual([]);
    expect(missingColumns(['name', 'country', 'city'])).toHaveLength(4);
  });

  it('maps alpha-3 to alpha-2 and MM-YYYY to YYYY-MM', () => {
    expect(parseRow(row('DEU', '07-2022', '1000000'), lookup)).toEqual({
      ok: true,
      observation: { country: 'DE', month: '2022-07', refugees: 1000000, sourceCountryName: 'Germany' },
    });
    expect(parseRow(row('pol', '12-2024', '4000.0'), lookup)).toMatchObject({ ok: true, observation: { country: 'PL', refugees: 4000 } });
  });

  it('rejects unknown countries, bad months and non-whole counts with a reason', () => {
    expect(parseRow(row('XYZ', '07-2022', '1'), lookup)).toEqual({ ok: false, reason: 'unknown country code XYZ' });
    expect(parseRow(row('Germany', '07-2022', '1'), lookup).ok).toBe(false);
    expect(parseRow(row('DEU', '13-2022', '1'), lookup)).toMatchObject({ ok: false, reason: expect.stringContaining('MM-YYYY') });
    expect(parseRow(row('DEU', '2022-07', '1'), lookup).ok).toBe(false);
    expect(parseRow(row('DEU', '07-2022', '12.5'), lookup).ok).toBe(false);
    expect(parseRow(row('DEU', '07-2022', ''), lookup).ok).toBe(false);
    expect(parseRow(row('DEU', '07-2022', '-3'), lookup).ok).toBe(false);
  });
});
