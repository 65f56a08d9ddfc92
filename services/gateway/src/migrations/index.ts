import type { Migration } from '@vidnova/mongo';
import { auditKindBackfill } from './0001-audit-kind-backfill';

/**
 * The gateway database's migrations, in order (libs/mongo migrations.ts; run at start under a lock).
 * Add a migration as the next file and list it here; never change one that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [auditKindBackfill];
