import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { BudgetImportView, DomainError, StartBudgetImportRequest } from '@vidnova/contracts';
import { CsvRecord, openCsv, UploadStore } from '@vidnova/messaging';
import { Types } from 'mongoose';
import { BudgetConfig } from '../config';
import { BUDGET_CONFIG, ClosableUploadStore, UPLOAD_STORE } from '../tokens';
import { BudgetImportDoc } from './budget-import.schema';
import { ColumnMap, readHeader } from './format';
import { ImportsRepository } from './imports.repository';
import { BudgetRow, parseRow } from './row';

/**
 * Imports Open Budget files streamed from the object store: rows are validated one by one, written
 * in batches keyed by (budget, dataset, period, fund, code), and rows of the same budget periods
 * that a newer file no longer has are removed at the end. Memory is bounded by the batch size plus
 * the set of budget periods covered.
 */
@Injectable()
export class ImportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly repo: ImportsRepository,
    @Inject(UPLOAD_STORE) private readonly uploads: UploadStore & ClosableUploadStore,
    @Inject(BUDGET_CONFIG) private readonly config: BudgetConfig,
  ) {}

  async start(req: StartBudgetImportRequest, byKeyId?: string): Promise<BudgetImportView> {
    const source = await this.uploads.open(req.upload);
    if (!source) throw new DomainError('not_found', 'The uploaded file was not found in the upload store', { upload: req.upload });
    let opened: Awaited<ReturnType<typeof openCsv>>;
    try {
      opened = await openCsv(source);
    } catch (e) {
      source.destroy();
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', `Not a budget file: it cannot be read as CSV (${(e as Error).message})`);
    }
    if (!opened) {
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', 'Not a budget file: the file is empty');
    }
    const header = readHeader(opened.header, req.dataset);
    if (!header.ok) {
      opened.close();
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', header.reason, { dataset: req.dataset ?? null, header: opened.header.slice(0, 30) });
    }
    const record = await this.repo.createImport({
      status: 'processing',
      dataset: header.columns.dataset,
      encoding: opened.encoding,
      separator: opened.separator,
      rowsRead: 0,
      accepted: 0,
      rejected: 0,
      rowErrors: [],
      rejectedByReason: {},
      budgetCodes: [],
      periods: [],
      inserted: 0,
      removed: 0,
      startedAt: new Date(),
      finishedAt: null,
      byKeyId,
    });
    const work = this.run(record._id, opened.records, header.columns)
      .catch(async (e: unknown) => {
        this.logger.error({ err: e, importId: record._id.toHexString() }, 'budget import failed');
        try {
          await this.repo.updateImport(record._id, { status: 'failed', failure: (e as Error).message, finishedAt: new Date() });
          await this.repo.removeImportRows(record._id);
        } catch (cleanup) {
          // Rows of a failed import are never read (no live pointer names it); a later cleanup may drop them.
          this.logger.error({ err: cleanup, importId: record._id.toHexString() }, 'cleaning up a failed budget import failed');
        }
      })
      .finally(() => {
        opened.close();
        void this.uploads.remove(req.upload);
      });
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    const waitMs = req.waitMs ?? this.config.IMPORT_SYNC_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
    return this.get(record._id.toHexString());
  }

  async get(id: string): Promise<BudgetImportView> {
    const doc = await this.repo.findImport(id);
    if (!doc) throw DomainError.notFound('Budget import', id);
    return toView(doc);
  }

  /** Lets imports in flight finish (bounded by the shutdown timeout of the process). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await this.uploads.close();
  }

  private async run(importId: Types.ObjectId, records: AsyncIterable<CsvRecord>, columns: ColumnMap): Promise<void> {
    const batchSize = this.config.IMPORT_BATCH_SIZE;
    const maxErrors = this.config.IMPORT_MAX_ERRORS;
    let rowsRead = 0;
    let accepted = 0;
    let inserted = 0;
    const rowErrors: Array<{ line: number; reason: string }> = [];
    const rejectedByReason: Record<string, number> = {};
    /** budget code → periods covered: what a replacement may remove. */
    const covered = new Map<string, Set<string>>();
    let batch: BudgetRow[] = [];
    let inFlight: Promise<number> | null = null;
    const flush = async () => {
      // One batch is written while the next is parsed.
      if (inFlight) inserted += await inFlight;
      inFlight = batch.length ? this.repo.insertRows(batch, importId) : null;
      batch = [];
    };
    for await (const rec of records) {
      if (rec.fields.every((f) => f.trim() === '')) continue;
      rowsRead++;
      const parsed = parseRow(rec.fields, columns);
      if (!parsed.ok) {
        rejectedByReason[parsed.field] = (rejectedByReason[parsed.field] ?? 0) + 1;
        if (rowErrors.length < maxErrors) rowErrors.push({ line: rec.line, reason: `${parsed.field}: ${parsed.reason}` });
        continue;
      }
      accepted++;
      const r = parsed.row;
      let periods = covered.get(r.budgetCode);
      if (!periods) covered.set(r.budgetCode, (periods = new Set()));
      periods.add(r.period);
      batch.push(r);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await flush();
    const allPeriods = new Set<string>();
    for (const ps of covered.values()) for (const p of ps) allPeriods.add(p);
    // From here readers take this import's rows for the periods it covers.
    await this.repo.updateImport(importId, { liveAt: new Date() });
    const superseded = await this.repo.goLive(importId, columns.dataset, covered);
    // Old rows are deleted per superseded import (usually one), so a first import scans nothing.
    const byImport = new Map<string, { id: Types.ObjectId; budgets: Set<string>; periods: Set<string> }>();
    for (const s of superseded) {
      const k = s.importId.toHexString();
      const e = byImport.get(k) ?? { id: s.importId, budgets: new Set<string>(), periods: new Set<string>() };
      e.budgets.add(s.budgetCode);
      e.periods.add(s.period);
      byImport.set(k, e);
    }
    let removed = 0;
    for (const e of byImport.values()) {
      const budgets = [...e.budgets];
      for (let i = 0; i < budgets.length; i += 500) removed += await this.repo.removeSuperseded([e.id], budgets.slice(i, i + 500), columns.dataset, [...e.periods]);
    }
    await this.repo.updateImport(importId, {
      status: 'completed',
      rowsRead,
      accepted,
      rejected: rowsRead - accepted,
      rowErrors,
      rejectedByReason,
      budgetCodes: [...covered.keys()].sort(),
      periods: [...allPeriods].sort(),
      inserted,
      removed,
      finishedAt: new Date(),
    });
  }
}

function toView(d: BudgetImportDoc): BudgetImportView {
  return {
    id: d._id.toHexString(),
    status: d.status,
    dataset: d.dataset,
    encoding: d.encoding,
    separator: d.separator,
    rowsRead: d.rowsRead,
    accepted: d.accepted,
    rejected: d.rejected,
    errors: d.rowErrors ?? [],
    rejectedByReason: d.rejectedByReason ?? {},
    budgetCodes: d.budgetCodes,
    periods: d.periods,
    inserted: d.inserted,
    removed: d.removed,
    ...(d.failure ? { failure: d.failure } : {}),
    startedAt: d.startedAt.toISOString(),
    finishedAt: d.finishedAt ? d.finishedAt.toISOString() : null,
  };
}
