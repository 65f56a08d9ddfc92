import { CommitmentStatus } from '@vidnova/contracts';

/** Statuses in which a commitment can still be late. */
export const PENDING: readonly CommitmentStatus[] = ['open', 'in_progress'];

/** Past its due date (a YYYY-MM-DD compared with today's date in Europe/Kyiv) and neither done nor dropped. */
export function isOverdue(c: { dueDate: string; status: CommitmentStatus }, today: string): boolean {
  return PENDING.includes(c.status) && c.dueDate < today;
}

/** Field → { from, to } for the fields that change (the update log). */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(after)) {
    const from = before[k];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from: from ?? null, to };
  }
  return out;
}
