import { Injectable, Logger } from '@nestjs/common';
import { DomainError, Principal, SubmissionFields, SubmissionReceipt } from '@vidnova/contracts';
import { Types } from 'mongoose';
import { requireStaff } from '../access/roles';
import { ConsultationsConfig } from '../config';
import { ConsultationDoc } from '../consultations/consultation.schema';
import { ConsultationsService } from '../consultations/consultations.service';
import { TalliesService } from '../results/tallies.service';
import { respondentHash } from './respondent-token';
import { RespondentTokensService } from './respondent-tokens.service';
import { SubmissionDoc } from './submission.schema';
import { isDuplicateKey, NewSubmission, SubmissionsRepository } from './submissions.repository';
import { answersError, checkAnswers } from './validate-answers';

/**
 * Submissions, one per respondent token and consultation (the unique index on the token's keyed
 * hash makes a repeat 409, even under races). An online submission must carry a token the platform
 * issued (RespondentTokensService), which it spends; a paper, meeting or phone form entered through
 * the API carries its form number and needs an editor or admin. Retries of the same request are the
 * gateway's business (Idempotency-Key), not this service's.
 */
@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly consultations: ConsultationsService,
    private readonly config: ConsultationsConfig,
    private readonly tokens: RespondentTokensService,
    private readonly tallies: TalliesService,
  ) {}

  async create(consultationId: string, submission: SubmissionFields, caller?: Principal): Promise<SubmissionReceipt> {
    const consultation = await this.consultations.load(consultationId);
    const doc = this.prepare(consultation, submission, 'online');
    // Online: an issued token, spent here. Any other channel is a form entered by staff.
    let giveBack: (() => Promise<void>) | null = null;
    if (doc.channel === 'online') giveBack = await this.tokens.spend(doc.respondentHash);
    else requireStaff(caller, `enter ${doc.channel} forms`);
    let stored: SubmissionDoc;
    try {
      stored = await this.repo.insert(doc);
    } catch (e) {
      if (!isDuplicateKey(e)) {
        await giveBack?.().catch(() => undefined);
        throw e;
      }
      throw new DomainError('duplicate', 'This respondent has already answered this consultation');
    }
    // Stored is what the respondent needs to hear; a count that fails is made by recovery later.
    await this.countStored(consultation, [doc]);
    return receipt(stored);
  }

  /** Adds just-stored submissions to the consultation's tally; a failure is logged and left to recovery. */
  async countStored(c: ConsultationDoc, docs: NewSubmission[]): Promise<void> {
    await this.tallies.count(c.questions, docs).catch((e: unknown) => this.logger.warn({ err: e, consultationId: String(c._id) }, 'counting submissions failed; recovery will count them'));
  }

  /** Validates a submission against the consultation; throws the 409/422 a caller should see. */
  prepare(c: ConsultationDoc, s: SubmissionFields, defaultChannel: 'online' | 'paper', importName?: string): NewSubmission {
    if (c.status !== 'open') {
      throw new DomainError('invalid_state', `Submissions are accepted only while the consultation is open; it is ${c.status}`, { currentStatus: c.status });
    }
    const channel = s.channel ?? defaultChannel;
    if (!c.channels.includes(channel)) {
      throw new DomainError('unprocessable', `This consultation does not collect answers by ${channel}`, { channels: c.channels }, [
        { field: 'channel', message: `channel must be one of ${c.channels.join(', ')}` },
      ]);
    }
    const { answers, problems } = checkAnswers(c.questions, s.answers);
    if (problems.length) throw answersError(problems);
    const profile = Object.fromEntries(Object.entries(s.profile ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    return {
      _id: new Types.ObjectId(),
      consultationId: c._id,
      respondentHash: respondentHash(this.config.RESPONDENT_TOKEN_SECRET, String(c._id), s.respondentToken),
      channel,
      profile,
      answers,
      ...(importName ? { importName } : {}),
    };
  }
}

function receipt(d: SubmissionDoc): SubmissionReceipt {
  return { id: String(d._id), consultationId: String(d.consultationId as Types.ObjectId), channel: d.channel, receivedAt: new Date(d.createdAt).toISOString() };
}
