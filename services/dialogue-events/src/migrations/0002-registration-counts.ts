import type { StakeholderGroup } from '@vidnova/contracts';
import type { Migration } from '@vidnova/mongo';
import { mongo, Types } from 'mongoose';
import type { RegistrationCounts } from '../events/event.schema';

interface Counted {
  counts: RegistrationCounts;
  checkedInIds: string[];
}

/**
 * Each event's registrations counted from the registrations themselves, as the event's updates keep them
 * (EventsRepository): a registration counts while its seat or place is held — active, or cancelled with the
 * seat not given back yet (not in the event's `released`: the release takes it out of the counts when it
 * runs) —, and among those, the ones that checked in. Pending registrations (written before batches) never
 * counted. Also the audit recount: the figures must equal this count at any quiet moment.
 */
export async function countRegistrations(db: mongo.Db): Promise<Map<string, Counted>> {
  const released = new Map<string, Set<string>>();
  for await (const e of db.collection('events').find({}, { projection: { released: 1 } })) released.set(String(e._id), new Set((e.released as string[] | undefined) ?? []));
  const byEvent = new Map<string, Counted>();
  const cursor = db.collection('registrations').find({ state: { $in: ['active', 'cancelled'] } }, { projection: { eventId: 1, stakeholderGroup: 1, checkedInAt: 1 } });
  for await (const r of cursor) {
    const id = String(r._id);
    const eventId = r.eventId as string;
    if (!released.has(eventId) || released.get(eventId)!.has(id)) continue;
    const c = byEvent.get(eventId) ?? { counts: { active: {}, checkedIn: {} }, checkedInIds: [] };
    const g = r.stakeholderGroup as StakeholderGroup;
    c.counts.active[g] = (c.counts.active[g] ?? 0) + 1;
    if (r.checkedInAt) {
      c.counts.checkedIn[g] = (c.counts.checkedIn[g] ?? 0) + 1;
      c.checkedInIds.push(id);
    }
    byEvent.set(eventId, c);
  }
  for (const eventId of released.keys()) if (!byEvent.has(eventId)) byEvent.set(eventId, { counts: { active: {}, checkedIn: {} }, checkedInIds: [] });
  return byEvent;
}

/**
 * The public registration summary and the involvement figures read counts kept on each event
 * (`registrationCounts`, `checkedInIds`) instead of the registrations; events written before get them from a
 * recount. Run at start before this release serves (other instances of it wait for the migration lock); an
 * instance of an older release still running beside it (a rolling upgrade) would place registrations without
 * counting them, so stop those first (docs/operations.md). Safe to run twice: it recounts.
 */
export const registrationCounts: Migration = {
  version: 2,
  name: 'registration-counts',
  async up(db, log) {
    const counted = await countRegistrations(db);
    const events = db.collection('events');
    for (const [eventId, c] of counted) {
      await events.updateOne({ _id: new Types.ObjectId(eventId) }, { $set: { registrationCounts: c.counts, checkedInIds: c.checkedInIds } });
    }
    log(`${counted.size} events given their registration counts`);
  },
};
