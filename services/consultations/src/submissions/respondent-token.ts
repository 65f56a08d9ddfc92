import { createHmac } from 'node:crypto';

/**
 * Keyed hash of a respondent token, per consultation: only this is stored, so the database alone
 * cannot be matched against a list of form numbers or codes, and the same token in two consultations
 * does not link the answers.
 */
export function respondentHash(secret: string, consultationId: string, token: string): string {
  return createHmac('sha256', secret).update(`${consultationId}\n${token.trim().normalize('NFC')}`).digest('hex');
}
