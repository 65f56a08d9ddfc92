import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  authorize,
  BudgetImportReport,
  DomainError,
  Principal,
  RejectedRow,
  StartBudgetImportRequest,
} from '@vidnova/contracts';
import { CsvRecord, openCsv, OpenedCsv, UploadStore } from '@vidnova/messaging';
import { ImportMeter, Metrics } from '@vidnova/metrics';
import { Types } from 'mongoose';
import { Readable, Transform } from 'node:stream';
import { BudgetConfig } from '../config';
import { BudgetImportDoc } from './budget-import.schema';
import { ColumnMap, readHeader } from './format';
import { ImportsRepository } from './imports.repository';
import { BudgetRow, parseRow } from './row';

/** Counts the bytes that flow through it, for the progress of an import. */
function countingStream(source: Readable): { stream: Readable; bytes: () => number } {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  source.on('error', (e) => counter.destroy(e));
  source.pipe(counter);
  return { stream: counter, bytes: () => bytes };
}

/**
 * Imports Open Budget files streamed from the object store, in the platform's one import pipeline: the
 * header is checked before answering (a file that is not a budget file is refused with 422 and
 * nothing is stored), then the import record is answered at once with status `processing` and the rows
 * are read in the background. Rows are validated one by one and written in batches keyed by (budget,
 * dataset, period, fund, code); when all are written the import becomes the live source of the budget
 * periods it covers and the rows it superseded are removed. Progress and counts are written to the
 * import record as it goes; the upload is removed from the store when the import ends. Memory is
 * bounded by the batch size plus the set of budget periods covered.
 */
@Injectable()
export class ImportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly repo: ImportsRepository,
    private readonly uploads: UploadStore,
    private readonly config: BudgetConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async start(req: StartBudgetImportRequest, caller?: Principal): Promise<BudgetImportReport> {
    // Replaces any community's budget figures: editors and admins only, whatever reached the bus.
    authorize(caller, 'import', 'BudgetImport');
    const { opened, columns, bytes } = await this.openChecked(req);
    const record = await this.repo
      .createImport({
        status: 'processing',
        dataset: columns.dataset,
        encoding: opened.encoding,
        separator: opened.separator,
        rowsRead: 0,
        accepted: 0,
        rejectedCount: 0,
        rejected: [],
        rejectedByReason: {},
        bytesRead: bytes(),
        bytesTotal: null,
        budgetCodes: [],
        periods: [],
        inserted: 0,
        removed: 0,
        startedAt: new Date(),
        finishedAt: null,
        ...(caller ? { byKeyId: caller.keyId } : {}),
      })
      .catch(async (e: unknown) => {
        opened.close();
        await this.uploads.remove(req.upload);
        throw e;
      });
    const meter = new ImportMeter(this.metrics, 'budget');
    const work = this.run(record._id, opened.records, columns, bytes, meter)
      .catch(async (e: unknown) => {
        meter.finish('failed');
        this.logger.error({ err: e, importId: record._id.toHexString() }, 'budget import failed');
        try {
          await this.repo.updateImport(record._id, {
            status: 'failed',
            failure: (e as Error).message,
            finishedAt: new Date(),
          });
          await this.repo.removeImportRows(record._id);
        } catch (cleanup) {
          // Rows of a failed import are never read (no live pointer names it); a later cleanup may drop them.
          this.logger.error(
            { err: cleanup, importId: record._id.toHexString() },
            'cleaning up a failed budget import failed',
          );
        }
      })
      .finally(async () => {
        opened.close();
        await this.uploads.remove(req.upload);
      });
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return toReport(record);
  }

  async get(id: string): Promise<BudgetImportReport> {
    const doc = await this.repo.findImport(id);
    if (!doc) throw DomainError.notFound('Budget import', id);
    return toReport(doc);
  }

  /** Lets imports in flight finish (bounded by the shutdown timeout of the process). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /**
   * Opens the stored file and checks its header before anything is stored: a file that cannot be read
   * as CSV, is empty, or is not an Open Budget file (of the dataset asked for) is refused with 422 and
   * the upload removed.
   */
  private async openChecked(
    req: StartBudgetImportRequest,
  ): Promise<{ opened: OpenedCsv; columns: ColumnMap; bytes: () => number }> {
    const source = await this.uploads.open(req.upload);
    if (!source)
      throw new DomainError('not_found', 'The uploaded file was not found in the upload store', {
        upload: req.upload,
      });
    const counted = countingStream(source);
    const refuse = async (message: string, details?: Record<string, unknown>): Promise<never> => {
      source.destroy();
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', message, details);
    };
    let opened: OpenedCsv | null;
    try {
      opened = await openCsv(counted.stream);
    } catch (e) {
      return refuse(`Not a budget file: it cannot be read as CSV (${(e as Error).message})`);
    }
    if (!opened) return refuse('Not a budget file: the file is empty');
    const header = readHeader(opened.header, req.dataset);
    if (!header.ok) {
      opened.close();
      return refuse(header.reason, { dataset: req.dataset ?? null, header: opened.header.slice(0, 30) });
    }
    return { opened, columns: header.columns, bytes: counted.bytes };
  }

  private async run(
    importId: Types.ObjectId,
    records: AsyncIterable<CsvRecord>,
    columns: ColumnMap,
    bytes: () => number,
    meter: ImportMeter,
  ): Promise<void> {
    const batchSize = this.config.IMPORT_BATCH_SIZE;
    const maxListed = this.config.IMPORT_MAX_ERRORS;
    let rowsRead = 0;
    let accepted = 0;
    let inserted = 0;
    const rejected: RejectedRow[] = [];
    const rejectedByReason: Record<string, number> = {};
    /** budget code → periods covered: what a replacement may remove. */
    const covered = new Map<string, Set<string>>();
    let batch: BudgetRow[] = [];
    let inFlight: Promise<number> | null = null;
    // Progress is written at most every IMPORT_PROGRESS_EVERY_MS, never two writes at once.
    let progressAt = Date.now();
    let progressWrite: Promise<unknown> | null = null;
    const reportProgress = () => {
      if (progressWrite || Date.now() - progressAt < this.config.IMPORT_PROGRESS_EVERY_MS) return;
      progressAt = Date.now();
      meter.progress({ rowsRead, accepted, rejectedCount: rowsRead - accepted, bytesRead: bytes() });
      progressWrite = this.repo
        .updateImport(importId, {
          rowsRead,
          accepted,
          rejectedCount: rowsRead - accepted,
          bytesRead: bytes(),
        })
        .catch((e: unknown) =>
          this.logger.warn({ err: e, importId: importId.toHexString() }, 'writing import progress failed'),
        )
        .finally(() => (progressWrite = null));
    };
    const flush = async () => {
      // One batch is written while the next is parsed.
      if (inFlight) inserted += await inFlight;
      inFlight = batch.length ? this.repo.insertRows(batch, importId) : null;
      batch = [];
      reportProgress();
    };
    for await (const rec of records) {
      if (rec.fields.every((f) => f.trim() === '')) continue;
      rowsRead++;
      const parsed = parseRow(rec.fields, columns);
      if (!parsed.ok) {
        rejectedByReason[parsed.field] = (rejectedByReason[parsed.field] ?? 0) + 1;
        if (rejected.length < maxListed)
          rejected.push({ line: rec.line, field: parsed.field, reason: `${parsed.field}: ${parsed.reason}` });
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
    await progressWrite;
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
      for (const budget of e.budgets) removed += await this.repo.removeSuperseded(e.id, budget, columns.dataset, [...e.periods]);
    }
    const total = bytes();
    await this.repo.updateImport(importId, {
      status: 'completed',
      rowsRead,
      accepted,
      rejectedCount: rowsRead - accepted,
      rejected,
      rejectedByReason,
      bytesRead: total,
      bytesTotal: total,
      budgetCodes: [...covered.keys()].sort(),
      periods: [...allPeriods].sort(),
      inserted,
      removed,
      finishedAt: new Date(),
    });
    meter.finish('completed', { rowsRead, accepted, rejectedCount: rowsRead - accepted, bytesRead: total });
  }
}

/** The import record as the common import report. */
export function toReport(d: BudgetImportDoc): BudgetImportReport {
  const bytesTotal = d.bytesTotal ?? null;
  return {
    id: d._id.toHexString(),
    status: d.status,
    dataset: d.dataset,
    encoding: d.encoding,
    separator: d.separator,
    rowsRead: d.rowsRead,
    accepted: d.accepted,
    rejectedCount: d.rejectedCount ?? 0,
    rejected: Array.isArray(d.rejected)
      ? d.rejected.map((r) => ({ line: r.line, reason: r.reason, ...(r.field ? { field: r.field } : {}) }))
      : [],
    progress: {
      bytesRead: d.bytesRead ?? 0,
      bytesTotal,
      percent: bytesTotal
        ? Math.min(100, Math.round(((d.bytesRead ?? 0) / bytesTotal) * 100))
        : d.status === 'completed'
          ? 100
          : null,
    },
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
