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
   * Spends a token: one single-document conditional update (`spentAt: null` → now), so of two
   * submissions racing with the same token only one finds it unspent.
   */
  async spend(hash: string, at: Date): Promise<TokenState> {
    const res = await this.model.updateOne({ _id: hash, spentAt: null }, { $set: { spentAt: at } }).exec();
    if (res.modifiedCount === 1) return 'spent_now';
    return (await this.model.exists({ _id: hash })) ? 'already_spent' : 'unknown';
  }

  /** Gives a token back when the submission that spent it could not be stored. */
  async unspend(hash: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: hash, spentAt: at }, { $set: { spentAt: null } }).exec();
  }
}
