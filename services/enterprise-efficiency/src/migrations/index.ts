import type { Migration } from '@vidnova/mongo';
import { enterpriseIdEdrpou } from './0001-enterprise-id-edrpou';
import { buyerProcurement } from './0002-buyer-procurement';
import { budgetSupportYears } from './0003-budget-support-years';

/**
 * The enterprise-efficiency database's migrations, in order (libs/mongo migrations.ts; run at start under a lock,
 * before anything else uses the database). Add a migration as the next file (`000N-<name>.ts`, version N) and
 * list it here; never change one that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [enterpriseIdEdrpou, buyerProcurement, budgetSupportYears];
