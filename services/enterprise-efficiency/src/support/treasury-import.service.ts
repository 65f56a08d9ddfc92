import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  authorize,
  can,
  DomainError,
  edrpouCheckDigitError,
  EDRPOU_PATTERN,
  MAX_LISTED_REJECTIONS,
  Principal,
  StartSupportImportRequest,
  SupportImportReport,
  SupportKind,
  UploadRef,
} from '@vidnova/contracts';
import { OpenedCsv, openCsv, UploadStore } from '@vidnova/messaging';
import { ImportMeter, Metrics } from '@vidnova/metrics';
import { Model, Types } from 'mongoose';
import { authzRecord } from '../enterprises/enterprises.service';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { KpiStore } from '../kpis/kpi-store';
import { toKopiykas } from '../statements/decimal';
import { SupportLedger } from './support-ledger';
import { SUPPORT_IMPORT_MODEL, SUPPORT_MODEL, SupportDoc, SupportImportDoc } from './support.schema';

/** Columns of a treasury payments file (case and spacing ignored). */
export const TREASURY_COLUMNS = ['payer_budget', 'recipient_edrpou', 'kekv', 'programme', 'date', 'amount'] as const;
const KIND_BY_KEKV: Record<string, SupportKind> = { '2610': 'operating_subsidy', '3210': 'capital_transfer' };

@Injectable()
export class TreasuryImportService implements OnApplicationShutdown {
  private readonly logger = new Logger(TreasuryImportService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectModel(SUPPORT_MODEL) private readonly support: Model<SupportDoc>,
    @InjectModel(SUPPORT_IMPORT_MODEL) private readonly imports: Model<SupportImportDoc>,
    private readonly enterprises: EnterprisesService,
    private readonly uploads: UploadStore,
    private readonly kpis: KpiStore,
    private readonly ledger: SupportLedger,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Checks the header (422 and nothing stored when it is not a treasury payments file), then reads in the background. */
  async start(req: StartSupportImportRequest, by: Principal | undefined): Promise<SupportImportReport> {
    authorize(by, 'import', 'EnterpriseImport');
    const body = await this.uploads.open(req.upload);
    if (!body) throw new DomainError('not_found', 'The uploaded file is no longer in the upload store', { upload: req.upload });
    let csv: OpenedCsv | null;
    try {
      csv = await openCsv(body, { maxRecordChars: 4096 });
    } catch (e) {
      body.destroy();
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', `The file is not readable CSV: ${(e as Error).message}`);
    }
    const header = (csv?.header ?? []).map((h) => h.trim().toLowerCase());
    const missing = TREASURY_COLUMNS.filter((c) => !header.includes(c));
    if (!csv || missing.length) {
      csv?.close();
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', `This is not a treasury payments file: the header lacks ${missing.join(', ')}`, { missingColumns: missing }, [
        { field: 'file', message: `missing columns: ${missing.join(', ')}` },
      ]);
    }
    const created = await this.imports.create({
      status: 'processing', rowsRead: 0, accepted: 0, inserted: 0, unchanged: 0, rejectedCount: 0, rejected: [], bytesRead: 0,
      ...(by?.keyId ? { startedBy: by.keyId } : {}), startedAt: new Date(), finishedAt: null,
    });
    const record = created.toObject() as SupportImportDoc;
    const run = this.run(record._id, csv, header, by, req.upload).finally(() => this.running.delete(run));
    this.running.add(run);
    return toReport(record);
  }

  async report(id: string): Promise<SupportImportReport> {
    const doc = Types.ObjectId.isValid(id) ? ((await this.imports.findById(id).lean().exec()) as SupportImportDoc | null) : null;
    if (!doc) throw DomainError.notFound('Import', id);
    return toReport(doc);
  }

  private async run(id: Types.ObjectId, csv: OpenedCsv, header: string[], by: Principal | undefined, upload: UploadRef): Promise<void> {
    const rejected: SupportImportDoc['rejected'] = [];
    let rejectedCount = 0;
    let rowsRead = 0;
    let inserted = 0;
    let unchanged = 0;
    const reject = (line: number, reason: string, field?: string) => {
      rejectedCount++;
      if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push({ line, reason, ...(field ? { field } : {}) });
    };
    const allowed = new Map<string, boolean>();
    const changed = new Map<string, Set<number>>();
    const stored: SupportDoc[] = [];
    // No progress is written while reading (the file is small); the meter counts at the end.
    const meter = new ImportMeter(this.metrics, 'treasury-support');
    try {
      for await (const { line, fields } of csv.records) {
        rowsRead++;
        const row = Object.fromEntries(header.map((h, i) => [h, (fields[i] ?? '').trim()]));
        const edrpou = row.recipient_edrpou;
        if (!EDRPOU_PATTERN.test(edrpou)) { reject(line, `recipient_edrpou "${edrpou}" is not 8 digits`, 'recipient_edrpou'); continue; }
        const checkError = edrpouCheckDigitError(edrpou);
        if (checkError) { reject(line, checkError, 'recipient_edrpou'); continue; }
        const kind = KIND_BY_KEKV[row.kekv];
        if (!kind) { reject(line, `KEKV ${row.kekv} is neither 2610 (subsidies) nor 3210 (capital transfers)`, 'kekv'); continue; }
        const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.date) ?? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(row.date);
        if (!date) { reject(line, `date "${row.date}" is not YYYY-MM-DD or DD.MM.YYYY`, 'date'); continue; }
        const iso = date[1].length === 4 ? `${date[1]}-${date[2]}-${date[3]}` : `${date[3]}-${date[2]}-${date[1]}`;
        if (!isCalendarDate(iso)) { reject(line, `date "${row.date}" is not a calendar date`, 'date'); continue; }
        const amount = toKopiykas(row.amount.replace(/\s/g, ''), 'UAH');
        if (amount === null || amount <= 0) { reject(line, `amount "${row.amount}" is not a positive amount in UAH`, 'amount'); continue; }
        if (!allowed.has(edrpou)) {
          const e = await this.enterprises.findOne(edrpou);
          allowed.set(edrpou, e ? can(by, 'update', 'Enterprise', authzRecord(e)) : false);
          if (!e) { reject(line, `recipient ${edrpou} is not a registered enterprise`, 'recipient_edrpou'); allowed.delete(edrpou); continue; }
        }
        if (!allowed.get(edrpou)) { reject(line, `this key may not change enterprise ${edrpou}`, 'recipient_edrpou'); continue; }
        const treasuryKey = [row.payer_budget, edrpou, row.kekv, row.programme, iso, amount].join('|');
        const entry = {
          edrpou, year: Number(iso.slice(0, 4)), kind, amount, date: iso, ...(row.programme ? { programme: row.programme } : {}), origin: 'treasury' as const,
          ...(row.payer_budget ? { payerBudget: row.payer_budget } : {}), treasuryKey, createdAt: new Date(),
        };
        const res = await this.support.updateOne({ treasuryKey }, { $setOnInsert: entry }, { upsert: true });
        if (res.upsertedCount) {
          inserted++;
          stored.push({ _id: res.upsertedId, ...entry } as SupportDoc);
          const years = changed.get(edrpou) ?? new Set<number>();
          changed.set(edrpou, years.add(Number(iso.slice(0, 4))));
        } else unchanged++;
      }
      // The enterprise-years' support documents, then the stored KPIs of every enterprise-year that received a
      // payment, before the import reports completion.
      await this.ledger.merge(stored);
      for (const [edrpou, years] of changed) await this.kpis.refresh(edrpou, [...years]);
      await this.imports.updateOne({ _id: id }, { $set: { status: 'completed', rowsRead, inserted, unchanged, accepted: inserted + unchanged, rejectedCount, rejected, finishedAt: new Date() } });
      meter.finish('completed', { rowsRead, accepted: inserted + unchanged, rejectedCount });
      this.logger.log({ msg: 'treasury payments imported', importId: String(id), rowsRead, inserted, unchanged, rejectedCount });
    } catch (e) {
      for (const [edrpou, years] of changed) await this.kpis.refresh(edrpou, [...years]);
      const failure = `The import stopped: ${(e as Error).message}`;
      meter.finish('failed', { rowsRead, accepted: inserted + unchanged, rejectedCount });
      await this.imports.updateOne({ _id: id }, { $set: { status: 'failed', failure, rowsRead, inserted, unchanged, rejectedCount, rejected, finishedAt: new Date() } }).catch(() => undefined);
    } finally {
      csv.close();
      await this.uploads.remove(upload).catch(() => undefined);
    }
  }
}

/** YYYY-MM-DD that names a real day (no 2023-13-10, no 2023-02-30). */
function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

function toReport(d: SupportImportDoc): SupportImportReport {
  return {
    id: String(d._id),
    status: d.status,
    rowsRead: d.rowsRead,
    accepted: d.accepted,
    inserted: d.inserted,
    unchanged: d.unchanged,
    rejectedCount: d.rejectedCount,
    rejected: d.rejected,
    progress: { bytesRead: d.bytesRead ?? 0, bytesTotal: null, percent: null },
    ...(d.failure ? { failure: d.failure } : {}),
    startedAt: new Date(d.startedAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
  };
}
