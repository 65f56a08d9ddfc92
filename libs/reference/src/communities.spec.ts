import { communities, communitiesOfOblast, communityByBudgetCode, communityByKatottg, oblastByKatottg, oblasts, oblastTitle, searchCommunities } from './communities';
import { readSharedCsv } from './shared-data';

describe('communities', () => {
  it('holds every hromada of the KSE register once, with its raion and oblast', () => {
    const register = readSharedCsv('reference', 'kse_hromada.csv');
    expect(communities).toHaveLength(register.length);
    expect(new Set(communities.map((c) => c.katottg)).size).toBe(register.length);
    for (const c of communities) {
      expect(c.katottg).toMatch(/^UA\d{17}$/);
      expect(c.raion.katottg.slice(0, 4)).toBe(c.katottg.slice(0, 4));
      expect(c.oblast.katottg.slice(0, 4)).toBe(c.katottg.slice(0, 4));
      expect(c.name.en).toMatch(/^[A-Za-z][A-Za-z -]*$/);
    }
  });

  it('knows Shatsk, Berezhany and Bakhmach with their KATOTTG and budget codes', () => {
    expect(communityByBudgetCode('0350700000')).toMatchObject({
      katottg: 'UA07060450000051170',
      name: { uk: 'Шацька', en: 'Shatska' },
      type: 'settlement',
      raion: { name: { uk: 'Ковельський', en: 'Kovelskyi' } },
      oblast: { katottg: 'UA07000000000024379', name: { uk: 'Волинська', en: 'Volynska' } },
    });
    expect(communityByKatottg('UA61040030000060956')).toMatchObject({
      name: { uk: 'Бережанська' },
      budgetCode: '1954800000',
    });
    expect(communityByKatottg('ua74040030000093042')).toMatchObject({
      name: { uk: 'Бахмацька', en: 'Bakhmatska' },
      budgetCode: '2555100000',
    });
  });

  it('finds oblasts by KATOTTG code and lists their communities', () => {
    const volyn = oblastByKatottg('ua07000000000024379');
    expect(volyn).toEqual({ katottg: 'UA07000000000024379', name: { uk: 'Волинська', en: 'Volynska' } });
    expect(oblastTitle(volyn!)).toEqual({ uk: 'Волинська область', en: 'Volynska oblast' });
    expect(oblastTitle(oblastByKatottg('UA01000000000013043')!).uk).toBe('Автономна Республіка Крим');
    // A community code is not an oblast code.
    expect(oblastByKatottg('UA07060450000051170')).toBeUndefined();
    expect(communitiesOfOblast('UA07060450000051170')).toEqual([]);
    // Independent of the index: filter the whole register.
    for (const o of oblasts) expect(communitiesOfOblast(o.katottg)).toEqual(communities.filter((c) => c.oblast.katottg === o.katottg));
    expect(communitiesOfOblast('UA07000000000024379').map((c) => c.katottg)).toContain('UA07060450000051170');
    expect(communitiesOfOblast('UA61000000000060328').map((c) => c.katottg)).toContain('UA61040030000060956');
    expect(communitiesOfOblast('UA74000000000025378').map((c) => c.katottg)).toContain('UA74040030000093042');
  });

  it('accepts 10- and 11-digit budget codes, with or without the leading zero', () => {
    expect(communityByBudgetCode('03507000000')?.katottg).toBe('UA07060450000051170');
    expect(communityByBudgetCode('350700000')?.katottg).toBe('UA07060450000051170');
    expect(communityByBudgetCode(355100000)?.name.uk).toBe('Луцька');
    expect(communityByBudgetCode('13563000000')?.name.en).toBe('Lvivska');
    expect(communityByBudgetCode('9999999999')).toBeUndefined();
    expect(communityByBudgetCode('abc')).toBeUndefined();
  });

  it('attaches the budget code of every city in the Open Budget list that is a hromada centre', () => {
    const rows = readSharedCsv('open-budget', 'openbudget_city_budget_codes.csv');
    // Not hromadas of the register: Kyiv (special status) and the oblast budgets R_Rivne, R_Vinnytsia;
    // Kryvyi Rih and Poltava have a second 10-digit code besides their primary one.
    const skipped = new Set(['2600000000', '1710000000', '0210000000', '0457810000', '1657010000']);
    const expected = rows.filter((r) => r.value!.length === 10 && !skipped.has(r.value!));
    expect(expected.length).toBe(22);
    for (const r of expected) expect(communityByBudgetCode(r.value!)?.aliases).toContain(r.city);
    expect(communityByBudgetCode('0457800000')?.katottg).toBe('UA12060170000091033');
  });

  it('gives the 2022 population as a positive integer, matching the KSE file', () => {
    const pop = readSharedCsv('reference', 'kse_ua-pop-2022.csv').filter((r) => r.hromada_code !== 'NA');
    expect(pop.length).toBeGreaterThan(1400);
    for (const r of pop)
      expect(communityByKatottg(r.hromada_code!)?.population2022).toBe(Number(r.total_population_2022));
    const withPopulation = communities.filter((c) => c.population2022 !== undefined);
    expect(withPopulation.every((c) => Number.isInteger(c.population2022) && c.population2022! > 0)).toBe(
      true,
    );
    expect(communityByKatottg('UA05020030000031457')?.population2022).toBe(387439);
  });

  it('fixes the Latin "i" typed into a Cyrillic name in the source', () => {
    const c = communityByKatottg('UA68040030000027335')!;
    expect(c.name.uk).toBe('Війтовецька');
    expect(c.name.en).toBe('Viitovetska');
  });
});

describe('searchCommunities', () => {
  it('finds a Cyrillic name from a Latin query, case-insensitively', () => {
    const page = searchCommunities({ q: 'SHATSK' });
    expect(page.items.map((c) => c.name.uk)).toContain('Шацька');
  });

  it('finds a hromada from its centre town name in either script', () => {
    expect(searchCommunities({ q: 'Berezhany' }).items.map((c) => c.katottg)).toContain(
      'UA61040030000060956',
    );
    expect(searchCommunities({ q: 'бережани' }).items.map((c) => c.katottg)).toContain('UA61040030000060956');
    expect(searchCommunities({ q: 'Kryvyi Rih' }).items.map((c) => c.katottg)).toEqual([
      'UA12060170000091033',
    ]);
  });

  it('filters by oblast code or name in either script', () => {
    const byName = searchCommunities({ q: 'Миколаївська', oblast: 'Lviv' }).items;
    expect(byName.map((c) => c.katottg)).toEqual(['UA46100110000018989']);
    const all = searchCommunities({ oblast: 'Волинська', limit: 100 }).items;
    expect(all.length).toBe(54);
    expect(all.every((c) => c.oblast.katottg === 'UA07000000000024379')).toBe(true);
    expect(searchCommunities({ oblast: 'UA07000000000024379', limit: 100 }).items).toEqual(all);
  });

  it('pages through all results with the cursor without repeats or gaps', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = searchCommunities({ oblast: 'Volyn', limit: 20, cursor });
      seen.push(...page.items.map((c) => c.katottg));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(54);
    expect(new Set(seen).size).toBe(54);
    expect([...seen].sort()).toEqual(seen);
  });

  it('returns no next cursor on the last page and an empty page for no match', () => {
    expect(searchCommunities({ q: 'Шацька' }).nextCursor).toBeNull();
    expect(searchCommunities({ q: 'zzzzqqq' })).toEqual({ items: [], nextCursor: null });
  });

  it('rejects an out-of-range limit and a forged cursor as validation failures', () => {
    expect(() => searchCommunities({ limit: 0 })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => searchCommunities({ limit: 101 })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => searchCommunities({ cursor: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
