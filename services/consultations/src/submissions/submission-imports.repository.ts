import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isObjectId } from '@vidnova/mongo';
import { Model, Types } from 'mongoose';
import { SUBMISSION_IMPORT_MODEL, SubmissionImportDoc } from './submission-import.schema';

export type NewSubmissionImport = Omit<SubmissionImportDoc, '_id'>;
export type SubmissionImportChanges = Partial<Omit<SubmissionImportDoc, '_id' | 'consultationId' | 'uploadName' | 'startedAt'>>;

/** The only place that touches the import records of paper forms. */
@Injectable()
export class SubmissionImportsRepository {
  constructor(@InjectModel(SUBMISSION_IMPORT_MODEL) private readonly model: Model<SubmissionImportDoc>) {}

  async insert(doc: NewSubmissionImport): Promise<SubmissionImportDoc> {
    return (await this.model.create(doc)).toObject() as SubmissionImportDoc;
  }

  async update(id: Types.ObjectId, changes: SubmissionImportChanges): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: changes }).exec();
  }

  async find(consultationId: string, id: string): Promise<SubmissionImportDoc | null> {
    if (!isObjectId(id) || !isObjectId(consultationId)) return null;
    return (await this.model.findOne({ _id: id, consultationId: new Types.ObjectId(consultationId) }).lean().exec()) as SubmissionImportDoc | null;
  }
}
