import { LinkParty } from '@vidnova/contracts';
import { linkKey, partyProblems, sameParty } from './link-rules';

const org = (ref?: string): LinkParty => ({ kind: 'organization', ref });

describe('link rules', () => {
  it('requires an id for an organisation, a KATOTTG code for a community and a name for an institution', () => {
    expect(partyProblems(org('65a1b2c3d4e5f60718293a4b'), 'from')).toEqual([]);
    expect(partyProblems(org(), 'from')[0].field).toBe('from.ref');
    expect(partyProblems({ kind: 'community', ref: 'UA61040030000060956' }, 'to')).toEqual([]);
    expect(partyProblems({ kind: 'community', ref: 'Ternopil' }, 'to')[0].field).toBe('to.ref');
    expect(partyProblems({ kind: 'institution', name: '  ' }, 'to')[0].field).toBe('to.name');
    expect(partyProblems({ kind: 'institution', name: 'Ministry of Education' }, 'to')).toEqual([]);
  });

  it('treats a link entered in the other direction as the same link', () => {
    const a = org('aaaaaaaaaaaaaaaaaaaaaaaa');
    const c: LinkParty = { kind: 'community', ref: 'UA61040030000060956' };
    expect(linkKey(a, c, 'partnership')).toBe(linkKey(c, a, 'partnership'));
    expect(linkKey(a, c, 'partnership')).not.toBe(linkKey(a, c, 'funding'));
  });

  it('recognises the same institution written differently', () => {
    expect(sameParty({ kind: 'institution', name: 'Київська ОДА' }, { kind: 'institution', name: 'kyivska oda' })).toBe(true);
    expect(sameParty(org('a'), org('b'))).toBe(false);
  });
});
