import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * A new cancellation token for the registration with this id: `ct_`, the id (24 hex digits), then 128 random
 * bits. The id lets a cancellation find the registration by `_id` — the one filter FerretDB v1 answers without
 * scanning the collection — and the stored hash still has to match; the id itself is no secret (the
 * receipt shows it). Tokens issued before carry no id (`ct_` and 22 characters) and are found by their hash.
 */
export const newCancellationToken = (id: Types.ObjectId): string => `ct_${id.toHexString()}${randomBytes(16).toString('base64url')}`;

/** The registration id a token carries, or null for a token from before ids were part of it. */
export function tokenRegistrationId(token: string): string | null {
  const m = /^ct_([0-9a-f]{24})[A-Za-z0-9_-]{22}$/.exec(token.trim());
  return m ? m[1] : null;
}

/**
 * What is stored of a token. A plain SHA-256 suffices: the token is 128 random bits, so the hash cannot
 * be reversed by guessing (unlike a form number, which consultations key with a secret).
 */
export const tokenHash = (token: string): string => createHash('sha256').update(token.trim()).digest('hex');

/** Whether a stored hash is this token's (in constant time). */
export const tokenMatches = (token: string, stored: string): boolean => {
  const a = Buffer.from(tokenHash(token), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};
