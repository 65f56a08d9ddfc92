import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isObjectId } from '@vidnova/mongo';
import { Model, Types } from 'mongoose';
import { CONSULTATION_MODEL, ConsultationDoc } from '../consultations/consultation.schema';
import { SUBMISSION_MODEL, SubmissionDoc } from '../submissions/submission.schema';
import type { StoredAnswer } from '../submissions/validate-answers';

/** What results are computed from: a consultation's questionnaire. */
export type ResultsSubject = Pick<ConsultationDoc, '_id' | 'status' | 'questions'>;

/** What results read of each submission. */
export interface AnsweredForm {
  profile?: Record<string, string>;
  answers: StoredAnswer[];
}

/** Reads what results are computed from; results never write. */
@Injectable()
export class ResultsRepository {
  constructor(
    @InjectModel(CONSULTATION_MODEL) private readonly consultations: Model<ConsultationDoc>,
    @InjectModel(SUBMISSION_MODEL) private readonly submissions: Model<SubmissionDoc>,
  ) {}

  async findConsultation(id: string): Promise<ResultsSubject | null> {
    if (!isObjectId(id)) return null;
    return (await this.consultations.findById(id, { status: 1, questions: 1 }).lean().exec()) as ResultsSubject | null;
  }

  /**
   * Streams the submissions of a consultation with only the fields results need. The cursor keeps one
   * batch in memory at a time, so computing results stays flat in memory as submissions grow.
   */
  async *answers(consultationId: Types.ObjectId | string): AsyncGenerator<AnsweredForm> {
    const cursor = this.submissions
      .find({ consultationId: new Types.ObjectId(String(consultationId)) }, { _id: 0, profile: 1, answers: 1 })
      .lean()
      .cursor({ batchSize: 1000 });
    for await (const doc of cursor) yield doc as unknown as AnsweredForm;
  }
}
