import { createHash, createHmac } from 'node:crypto';

/**
 * Keyed hash of a respondent token, per consultation: only this is stored, so the database alone
 * cannot be matched against a list of form numbers or codes, and the same token in two consultations
 * does not link the answers.
 */
export function respondentHash(secret: string, consultationId: string, token: string): string {
  return createHmac('sha256', secret).update(`${consultationId}\n${token.trim().normalize('NFC')}`).digest('hex');
}

/** Fingerprint of a request body, to notice an Idempotency-Key reused for a different request. */
export function requestFingerprint(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
