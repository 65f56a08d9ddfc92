import type { Migration } from '@vidnova/mongo';

/**
 * Submissions stored before tallies existed (issue 12) carry no `tallied` flag. This marks them
 * uncounted with a lease long passed, so the tally recovery (results/tallies.service.ts) claims and
 * counts them. It used to be part of every recovery pass (each minute): a filter on a missing field is
 * one no FerretDB v1 backend pushes down, so every pass read every submission.
 */
export const untalliedSubmissions: Migration = {
  version: 1,
  name: 'untallied-submissions',
  async up(db, log) {
    const res = await db.collection('submissions').updateMany({ tallied: { $exists: false } }, { $set: { tallied: false, claimAt: new Date(0) } });
    log(`${res.modifiedCount} submissions stored before tallies marked uncounted`);
  },
};
