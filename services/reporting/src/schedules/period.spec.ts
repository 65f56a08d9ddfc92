import { isTimeZone, lastCompletePeriod } from './period';

describe('lastCompletePeriod', () => {
  it('reads the date in the schedule’s time zone', () => {
    // 31 Dec 2026 23:30 UTC is already 1 January 2027 in Kyiv (UTC+2).
    const at = new Date('2026-12-31T23:30:00Z');
    expect(lastCompletePeriod(at, 'Europe/Kyiv', 'quarter')).toBe('2026-Q4');
    expect(lastCompletePeriod(at, 'UTC', 'quarter')).toBe('2026-Q3');
    expect(lastCompletePeriod(at, 'Europe/Kyiv', 'year')).toBe('2026');
    expect(lastCompletePeriod(at, 'Europe/Kyiv', 'month')).toBe('2026-12');
    expect(lastCompletePeriod(new Date('2026-07-15T12:00:00Z'), 'Europe/Kyiv', 'month')).toBe('2026-06');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Kyiv')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
