import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RESPONDENT_TOKEN_MODEL, RespondentTokenDoc } from './respondent-token.schema';

export type TokenState = 'spent_now' | 'already_spent' | 'unknown';

/** The only place that writes respondent tokens. */
@Injectable()
export class RespondentTokensRepository {
  constructor(@InjectModel(RESPONDENT_TOKEN_MODEL) private readonly model: Model<RespondentTokenDoc>) {}

  async insertMany(docs: Array<Omit<RespondentTokenDoc, 'createdAt'>>): Promise<void> {
    await this.model.insertMany(docs, { ordered: false, lean: true });
  }

  /**
   * Spends a token: read and write by `_id` alone, the one filter FerretDB v1 on SQLite answers without
   * scanning the collection (`{_id, spentAt: null}` made every spend read every token). Two submissions
   * racing with the same token may both pass here; the unique index on (consultation, respondent hash)
   * then refuses the second submission (409), so a token still stores at most one submission.
   */
  async spend(hash: string, at: Date): Promise<TokenState> {
    const token = await this.model.findById(hash, { spentAt: 1 }).lean().exec();
    if (!token) return 'unknown';
    if (token.spentAt) return 'already_spent';
    await this.model.updateOne({ _id: hash }, { $set: { spentAt: at } }).exec();
    return 'spent_now';
  }

  /** Gives a token back when the submission that spent it could not be stored. */
  async unspend(hash: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: hash, spentAt: at }, { $set: { spentAt: null } }).exec();
  }
}
