import { DomainError, EVENT_TRANSITIONS, EventStatus, FieldError, NewEvent } from '@vidnova/contracts';

/** 409 unless the status machine allows this move (cancelled only before the event is held). */
export function checkTransition(from: EventStatus, to: EventStatus): void {
  if (EVENT_TRANSITIONS[from].includes(to)) return;
  const allowed = EVENT_TRANSITIONS[from];
  throw new DomainError(
    'invalid_state',
    `An event that is ${from} cannot become ${to}; ${allowed.length ? `it can become: ${allowed.join(', ')}` : 'it cannot change status any more'}`,
    { from, to, allowed: [...allowed] },
  );
}

/** Rules across fields of an event as it would be stored; each broken rule names its field (400). */
export function checkEventFields(e: Pick<NewEvent, 'format' | 'venue' | 'onlineUrl' | 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt' | 'level' | 'hostCountries' | 'organisers'>): void {
  const errors: FieldError[] = [];
  if ((e.format === 'in_person' || e.format === 'hybrid') && !e.venue) errors.push({ field: 'venue', message: `venue is required for a ${e.format} event` });
  if ((e.format === 'online' || e.format === 'hybrid') && !e.onlineUrl) errors.push({ field: 'onlineUrl', message: `onlineUrl is required for a ${e.format} event` });
  if (Date.parse(e.endsAt) <= Date.parse(e.startsAt)) errors.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  if (e.registrationOpensAt && e.registrationClosesAt && Date.parse(e.registrationClosesAt) <= Date.parse(e.registrationOpensAt)) {
    errors.push({ field: 'registrationClosesAt', message: 'registrationClosesAt must be after registrationOpensAt' });
  }
  if (e.registrationClosesAt && Date.parse(e.registrationClosesAt) > Date.parse(e.endsAt)) {
    errors.push({ field: 'registrationClosesAt', message: 'registrationClosesAt must not be after the end of the event' });
  }
  if (e.level === 'diaspora' && !e.hostCountries?.length) errors.push({ field: 'hostCountries', message: 'a diaspora event names at least one host country' });
  (e.organisers ?? []).forEach((o, i) => {
    if (o.kind === 'organization' && !o.name) errors.push({ field: `organisers.${i}.name`, message: 'an organisation organiser needs its name' });
    if (o.kind === 'diaspora_organization' && !o.diasporaOrganizationId) {
      errors.push({ field: `organisers.${i}.diasporaOrganizationId`, message: 'a diaspora organisation organiser needs its diaspora registry id' });
    }
  });
  if (errors.length) throw new DomainError('validation_failed', errors.map((x) => x.message).join('; '), undefined, errors);
}

/** Whether registrations are accepted now: status `registration_open` and inside the window, if one is set. */
export function registrationOpen(e: { status: EventStatus; registrationOpensAt?: Date; registrationClosesAt?: Date }, now = new Date()): string | null {
  if (e.status !== 'registration_open') return `registration is not open (the event is ${e.status})`;
  if (e.registrationOpensAt && now < e.registrationOpensAt) return `registration opens at ${e.registrationOpensAt.toISOString()}`;
  if (e.registrationClosesAt && now > e.registrationClosesAt) return `registration closed at ${e.registrationClosesAt.toISOString()}`;
  return null;
}
