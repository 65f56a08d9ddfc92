/**
 * Documents in the shapes the services store them, for benchmarks that grow collections straight in the
 * database (set-up, not measured): one definition each, so a change of a stored shape changes every bench.
 */
import { edrpouCheckDigit, StakeholderGroup } from '@vidnova/contracts';
import { communities } from '@vidnova/reference';
import { Types } from 'mongoose';

/** A valid EDRPOU (check digit included) for number `i`, from 2 000 000 up: never a real enterprise's code in the fixtures. */
export const benchEdrpou = (i: number): string => {
  const seven = String(2000000 + i).padStart(7, '0');
  return `${seven}${edrpouCheckDigit(`${seven}0`)}`;
};

export interface EnterpriseBody {
  edrpou: string;
  name: { uk: string; en?: string };
  legalForm: string;
  sector: string;
  community: string;
  staff: Array<{ year: number; count: number }>;
}

/** An enterprise as enterprise-efficiency stores what `POST /api/v1/enterprises` was given (keyed by EDRPOU). */
export function storedEnterprise(b: EnterpriseBody, now = new Date()): Record<string, unknown> {
  const oblast = communities.find((c) => c.katottg === b.community)!.oblast.katottg;
  return { _id: b.edrpou, ...b, oblast, communities: [b.community], searchText: `${b.edrpou} ${b.name.uk}`.toLowerCase(), createdAt: now, updatedAt: now };
}

export interface StoredRegistration {
  _id: Types.ObjectId;
  stakeholderGroup: StakeholderGroup;
  checkedInAt?: Date;
}

/**
 * A dialogue event as dialogue-events stores it, with `registrations` (its active registrations, stored
 * apart) counted by group on it as the service keeps them, each holding a seat. `fields`: what differs.
 */
export function storedEvent(
  fields: { _id?: Types.ObjectId; title: { uk: string }; level: string; communities: string[]; startsAt: Date; status: string; minutes?: unknown; capacity?: number },
  registrations: StoredRegistration[] = [],
): Record<string, unknown> {
  const active: Record<string, number> = {};
  const checkedIn: Record<string, number> = {};
  const checkedInIds: string[] = [];
  for (const r of registrations) {
    active[r.stakeholderGroup] = (active[r.stakeholderGroup] ?? 0) + 1;
    if (r.checkedInAt) {
      checkedIn[r.stakeholderGroup] = (checkedIn[r.stakeholderGroup] ?? 0) + 1;
      checkedInIds.push(String(r._id));
    }
  }
  const now = new Date();
  return {
    _id: fields._id ?? new Types.ObjectId(),
    hostCountries: [],
    format: 'online',
    onlineUrl: 'https://meet.example.org/x',
    endsAt: new Date(fields.startsAt.getTime() + 7_200_000),
    timeZone: 'Europe/Kyiv',
    languages: ['uk'],
    accessibility: [],
    waitlistEnabled: true,
    organisers: [{ kind: 'organization', name: 'Рада' }],
    agenda: [],
    statusHistory: [],
    seatsTaken: registrations.length,
    waitlist: [],
    waitlistCount: 0,
    released: [],
    registrationCounts: { active, checkedIn },
    checkedInIds,
    placing: {},
    sequence: 0,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
