import { periodBounds } from '../build';
import { GAP_MESSAGES, GAP_REASON_NAMES } from './gaps';

describe('data-gap messages', () => {
  it('say every gap in Ukrainian and in English', () => {
    const args: Record<keyof typeof GAP_MESSAGES, unknown[]> = {
      unavailable: ['dialogue-events'],
      timeout: ['dialogue-events'],
      error: ['dialogue-events', 'boom'],
      noPriorities: [],
      noBudget: ['0350700000', 2024],
      alignmentNeeds: [true, true],
      noEnterprises: ['UA07060450000051170'],
      perCommunityOnly: ['consultations', { uk: 'Волинська область', en: 'Volynska oblast' }],
      noDialogue: ['UA07060450000051170', '2024-01-01', '2024-12-31'],
    };
    for (const [key, make] of Object.entries(GAP_MESSAGES)) {
      const text = (make as (...a: unknown[]) => { uk: string; en: string })(...args[key as keyof typeof GAP_MESSAGES]);
      expect(text.uk).toMatch(/[а-яіїєґ]{3}/i);
      expect(text.en).not.toMatch(/[а-яіїєґ]/i);
    }
    for (const name of Object.values(GAP_REASON_NAMES)) expect(name.uk).toMatch(/[а-яіїєґ]/i);
  });
});

describe('periodBounds', () => {
  it('gives the first and last month and day of a year, a quarter and a month', () => {
    expect(periodBounds('2022')).toEqual({ year: 2022, start: '2022-01', end: '2022-12', from: '2022-01-01', to: '2022-12-31' });
    expect(periodBounds('2024-Q1')).toEqual({ year: 2024, start: '2024-01', end: '2024-03', from: '2024-01-01', to: '2024-03-31' });
    expect(periodBounds('2025-Q3')).toEqual({ year: 2025, start: '2025-07', end: '2025-09', from: '2025-07-01', to: '2025-09-30' });
    expect(periodBounds('2024-02')).toEqual({ year: 2024, start: '2024-02', end: '2024-02', from: '2024-02-01', to: '2024-02-29' });
  });
});
