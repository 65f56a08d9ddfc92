import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { deleteByIds, findByIds, isObjectId } from '@vidnova/mongo';
import { Model, Types, UpdateQuery } from 'mongoose';
import { BUDGET_IMPORT_MODEL, BudgetImportDoc } from './budget-import.schema';
import { BUDGET_PERIOD_MODEL, BudgetPeriodDoc, budgetPeriodId } from './budget-period.schema';
import { BUDGET_ROW_MODEL, BudgetRowDoc } from './budget-row.schema';
import type { BudgetRow } from './row';

/** The only place that touches the import records and the imported rows. */
@Injectable()
export class ImportsRepository {
  constructor(
    @InjectModel(BUDGET_IMPORT_MODEL) private readonly imports: Model<BudgetImportDoc>,
    @InjectModel(BUDGET_ROW_MODEL) private readonly rows: Model<BudgetRowDoc>,
    @InjectModel(BUDGET_PERIOD_MODEL) private readonly periods: Model<BudgetPeriodDoc>,
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

  /**
   * Makes an import the live source of the budget periods it covers and returns the imports it
   * superseded, per budget period. The pointers are replaced (delete + insert, which FerretDB v1 does
   * far faster than updates); between the two a reader briefly finds no figures for those periods.
   */
  async goLive(importId: Types.ObjectId, dataset: string, covered: Map<string, Set<string>>): Promise<Array<{ importId: Types.ObjectId; budgetCode: string; period: string }>> {
    const docs: BudgetPeriodDoc[] = [];
    const liveAt = new Date();
    for (const [budgetCode, periods] of covered) {
      for (const period of periods) {
        docs.push({ _id: budgetPeriodId(budgetCode, dataset, period), budgetCode, dataset, period, year: Number(period.slice(0, 4)), importId, liveAt });
      }
    }
    const superseded: Array<{ importId: Types.ObjectId; budgetCode: string; period: string }> = [];
    for (let i = 0; i < docs.length; i += 1000) {
      const chunk = docs.slice(i, i + 1000);
      const ids = chunk.map((d) => d._id);
      const existing = (await findByIds(this.periods.collection, ids)) as unknown as BudgetPeriodDoc[];
      for (const e of existing) if (!e.importId.equals(importId)) superseded.push({ importId: e.importId, budgetCode: e.budgetCode, period: e.period });
      await deleteByIds(this.periods.collection, existing.map((e) => e._id));
      await this.periods.collection.insertMany(chunk as never[], { ordered: false });
    }
    return superseded;
  }

  /**
   * Deletes the rows a superseded import wrote for one budget in these periods. The equalities (import,
   * budget, dataset) are what FerretDB v1 pushes down to PostgreSQL; a `$in` it would not, and then it
   * reads every row of every budget (a 968-row replacing import took 115 s beside 100k other rows).
   */
  removeSuperseded(importId: Types.ObjectId, budgetCode: string, dataset: string, periods: string[]): Promise<number> {
    return this.deleteInChunks({ importId, budgetCode, dataset, period: { $in: periods } });
  }

  /** Drops the rows of an import that did not complete. */
  removeImportRows(importId: Types.ObjectId): Promise<number> {
    return this.deleteInChunks({ importId });
  }

  /**
   * deleteMany in chunks of ids: FerretDB v1 (SQLite) deletes all matches in one statement and fails
   * with "too many SQL variables" past ~32k documents. Each chunk's delete keeps the filter's own
   * equalities beside the ids, so FerretDB pushes them down instead of reading the whole collection
   * for the `_id: { $in }`.
   */
  private async deleteInChunks(filter: Record<string, unknown>, chunk = 5000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = (await this.rows.collection.find(filter, { projection: { _id: 1 }, limit: chunk }).toArray()).map((d) => d._id);
      if (!ids.length) return deleted;
      deleted += (await this.rows.collection.deleteMany({ ...filter, _id: { $in: ids } })).deletedCount;
    }
  }
}
