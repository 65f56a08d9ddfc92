import type { Migration } from '@vidnova/mongo';

/**
 * Audit entries written before the audit log recorded kinds (issue 8) have no `kind`; every one of them
 * was a write (only writes were audited then). The audit list filtered them in with
 * `kind: { $in: ['write', null] }` and showed them as writes on every read; after this backfill every
 * entry carries its kind and `?kind=write` is a plain indexed match.
 */
export const auditKindBackfill: Migration = {
  version: 1,
  name: 'audit-kind-backfill',
  async up(db, log) {
    const res = await db.collection('audit_log').updateMany({ kind: { $exists: false } }, { $set: { kind: 'write' } });
    log(`${res.modifiedCount} audit entries marked as writes`);
    // Also null kinds (a field written as null by hand or by an old import).
    const nulls = await db.collection('audit_log').updateMany({ kind: null }, { $set: { kind: 'write' } });
    if (nulls.modifiedCount) log(`${nulls.modifiedCount} audit entries with a null kind marked as writes`);
  },
};
