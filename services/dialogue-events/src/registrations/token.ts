import { createHash, randomBytes } from 'node:crypto';

/** A new cancellation token: 128 random bits. */
export const newCancellationToken = (): string => `ct_${randomBytes(16).toString('base64url')}`;

/**
 * What is stored of a token. A plain SHA-256 suffices: the token is 128 random bits, so the hash cannot
 * be reversed by guessing (unlike a form number, which consultations key with a secret).
 */
export const tokenHash = (token: string): string => createHash('sha256').update(token.trim()).digest('hex');
