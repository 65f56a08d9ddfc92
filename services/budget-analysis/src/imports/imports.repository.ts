import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isObjectId } from '@vidnova/mongo';
import { Model, Types, UpdateQuery } from 'mongoose';
import { BUDGET_IMPORT_MODEL, BudgetImportDoc } from './budget-import.schema';
import { BUDGET_ROW_MODEL, BudgetRowDoc } from './budget-row.schema';
import type { BudgetRow } from './row';

/** The only place that touches the import records and the imported rows. */
@Injectable()
export class ImportsRepository {
  constructor(
    @InjectModel(BUDGET_IMPORT_MODEL) private readonly imports: Model<BudgetImportDoc>,
    @InjectModel(BUDGET_ROW_MODEL) private readonly rows: Model<BudgetRowDoc>,
  ) {}

  async createImport(doc: Omit<BudgetImportDoc, '_id'>): Promise<BudgetImportDoc> {
    const created = await this.imports.create(doc);
    return created.toObject() as BudgetImportDoc;
  }

  async updateImport(id: Types.ObjectId, update: UpdateQuery<BudgetImportDoc>): Promise<BudgetImportDoc | null> {
    return (await this.imports.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean().exec()) as BudgetImportDoc | null;
  }

  async findImport(id: string): Promise<BudgetImportDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.imports.findById(id).lean().exec()) as BudgetImportDoc | null;
  }

  /**
   * Writes a batch of rows of one import with insertMany through the driver (rows are already
   * validated). Inserts, not upserts: FerretDB v1 spends ~0.4 s per update, so the natural key is kept
   * by versioning (see BudgetRowDoc.importId) rather than by updating in place.
   */
  async insertRows(rows: BudgetRow[], importId: Types.ObjectId): Promise<number> {
    if (!rows.length) return 0;
    const res = await this.rows.collection.insertMany(
      rows.map((r) => ({ ...r, importId })),
      { ordered: false },
    );
    return res.insertedCount;
  }

  /** Deletes rows of these budgets, dataset and periods written by any other import (superseded). */
  async removeSuperseded(budgetCodes: string[], dataset: string, periods: string[], importId: Types.ObjectId): Promise<number> {
    const res = await this.rows.collection.deleteMany({ budgetCode: { $in: budgetCodes }, dataset, period: { $in: periods }, importId: { $ne: importId } });
    return res.deletedCount;
  }

  /** Drops the rows of an import that did not complete. */
  async removeImportRows(importId: Types.ObjectId): Promise<number> {
    const res = await this.rows.collection.deleteMany({ importId });
    return res.deletedCount;
  }
}
