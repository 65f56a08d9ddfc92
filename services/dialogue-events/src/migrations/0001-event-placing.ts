import type { Migration } from '@vidnova/mongo';

/**
 * Registrations are placed in batches (SeatBatches): an event records the batches being placed in
 * `placing` (an object keyed by batch), which RegistrationRecovery reads. Events written before have no
 * such field; they get an empty one, so every event has the same shape. Safe to run twice.
 */
export const eventPlacing: Migration = {
  version: 1,
  name: 'event-placing',
  async up(db, log) {
    const res = await db.collection('events').updateMany({ placing: { $exists: false } }, { $set: { placing: {} } });
    log(`${res.modifiedCount} events given an empty placing`);
  },
};
