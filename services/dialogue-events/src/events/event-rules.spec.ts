import { DomainError, EVENT_STATUSES, EventStatus } from '@vidnova/contracts';
import { checkEventFields, checkTransition, registrationOpen } from './event-rules';

const chain: EventStatus[] = ['planned', 'registration_open', 'registration_closed', 'held', 'minutes_published'];

describe('event status machine', () => {
  it('allows each step of the chain and cancellation before the event is held, nothing else', () => {
    for (const from of EVENT_STATUSES) {
      for (const to of EVENT_STATUSES) {
        const next = chain.indexOf(from) >= 0 && chain[chain.indexOf(from) + 1] === to;
        const cancel = to === 'cancelled' && ['planned', 'registration_open', 'registration_closed'].includes(from);
        if (next || cancel) expect(() => checkTransition(from, to)).not.toThrow();
        else expect(() => checkTransition(from, to)).toThrow(expect.objectContaining({ code: 'invalid_state', status: 409 }));
      }
    }
  });
});

describe('event fields', () => {
  const base = {
    format: 'hybrid' as const,
    venue: { name: 'Зал' },
    onlineUrl: 'https://x.example',
    startsAt: '2026-12-10T10:00:00+02:00',
    endsAt: '2026-12-10T12:00:00+02:00',
    level: 'community' as const,
    organisers: [{ kind: 'organization' as const, name: 'Рада' }],
  };
  it('accepts a complete hybrid event', () => expect(() => checkEventFields(base)).not.toThrow());
  it('names each broken rule', () => {
    try {
      checkEventFields({ ...base, venue: undefined, endsAt: base.startsAt, level: 'diaspora', organisers: [{ kind: 'diaspora_organization' }] });
      fail('expected an error');
    } catch (e) {
      expect((e as DomainError).errors?.map((x) => x.field).sort()).toEqual(['endsAt', 'hostCountries', 'organisers.0.diasporaOrganizationId', 'venue']);
    }
  });
});

describe('registration window', () => {
  const at = (s: string) => new Date(s);
  it('is open only while the status is registration_open and inside the window', () => {
    const e = { status: 'registration_open' as const, registrationOpensAt: at('2026-11-01T00:00:00Z'), registrationClosesAt: at('2026-11-30T00:00:00Z') };
    expect(registrationOpen(e, at('2026-11-15T00:00:00Z'))).toBeNull();
    expect(registrationOpen(e, at('2026-10-31T23:59:59Z'))).toMatch(/opens/);
    expect(registrationOpen(e, at('2026-11-30T00:00:01Z'))).toMatch(/closed/);
    expect(registrationOpen({ ...e, status: 'planned' }, at('2026-11-15T00:00:00Z'))).toMatch(/not open/);
  });
});
