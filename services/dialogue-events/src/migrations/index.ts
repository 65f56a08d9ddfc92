import type { Migration } from '@vidnova/mongo';
import { eventPlacing } from './0001-event-placing';
import { registrationCounts } from './0002-registration-counts';

/**
 * The dialogue-events database's migrations, in order (libs/mongo migrations.ts; run at start under a lock, before
 * anything else uses the database). Add a migration as the next file (`0001-<name>.ts`, version 1) and
 * list it here; never change one that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [eventPlacing, registrationCounts];
