import { Injectable } from '@nestjs/common';
import { DomainError, IssuedRespondentTokens, IssueRespondentTokensRequest, Principal } from '@vidnova/contracts';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { requireStaff } from '../access/roles';
import { ConsultationsConfig } from '../config';
import { ConsultationsService } from '../consultations/consultations.service';
import { respondentHash } from './respondent-token';
import { RespondentTokensRepository, TokenState } from './respondent-tokens.repository';

/** Tokens written per insert. */
const INSERT_CHUNK = 1000;

/** A fresh token: 128 random bits, URL-safe, with a prefix that says what it is. */
export const newRespondentToken = (): string => `rt_${randomBytes(16).toString('base64url')}`;

/**
 * One-time respondent tokens for the online channel. The platform issues them (editor/admin), shows
 * them once and keeps only their keyed hash (the same HMAC a submission stores); an online submission
 * must carry an issued, unspent token, which it spends. Paper, meeting and phone forms keep their own
 * form numbers.
 */
@Injectable()
export class RespondentTokensService {
  constructor(
    private readonly repo: RespondentTokensRepository,
    private readonly consultations: ConsultationsService,
    private readonly config: ConsultationsConfig,
  ) {}

  async issue(req: IssueRespondentTokensRequest, caller?: Principal): Promise<IssuedRespondentTokens> {
    requireStaff(caller, 'issue respondent tokens');
    const c = await this.consultations.load(req.consultationId);
    if (c.status !== 'draft' && c.status !== 'open') {
      throw new DomainError('invalid_state', `Tokens are issued only while the consultation is draft or open; it is ${c.status}`, { currentStatus: c.status });
    }
    const batchId = new Types.ObjectId();
    const tokens = Array.from({ length: req.count }, newRespondentToken);
    const consultationId = String(c._id);
    for (let i = 0; i < tokens.length; i += INSERT_CHUNK) {
      await this.repo.insertMany(
        tokens.slice(i, i + INSERT_CHUNK).map((t) => ({
          _id: respondentHash(this.config.RESPONDENT_TOKEN_SECRET, consultationId, t),
          consultationId: c._id,
          batchId,
          ...(caller?.keyId ? { issuedBy: caller.keyId } : {}),
          spentAt: null,
        })),
      );
    }
    return { id: String(batchId), consultationId, count: tokens.length, tokens, issuedAt: batchId.getTimestamp().toISOString() };
  }

  /**
   * Spends the token whose keyed hash this is (the hash binds the consultation): 409 when it was spent
   * already, 422 when it was never issued for this consultation. Returns a function that gives the token back (when the submission
   * that spent it could not be stored).
   */
  async spend(hash: string): Promise<() => Promise<void>> {
    const at = new Date();
    const state: TokenState = await this.repo.spend(hash, at);
    if (state === 'already_spent') throw new DomainError('duplicate', 'This respondent has already answered this consultation');
    if (state === 'unknown') {
      throw new DomainError('unprocessable', 'The respondent token was not issued for this consultation', undefined, [
        { field: 'respondentToken', message: 'must be a token issued by POST /api/v1/consultations/{id}/respondent-tokens' },
      ]);
    }
    return () => this.repo.unspend(hash, at);
  }
}
