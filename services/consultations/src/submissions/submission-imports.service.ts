import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DomainError, ImportSubmissionsRequest, MAX_LISTED_REJECTIONS, RejectedRow, SubmissionImportReport } from '@vidnova/contracts';
import { CsvRecord, openCsv, OpenedCsv, UploadStore } from '@vidnova/messaging';
import { ImportMeter, Metrics } from '@vidnova/metrics';
import { Readable, Transform } from 'node:stream';
import { Types } from 'mongoose';
import { ConsultationDoc } from '../consultations/consultation.schema';
import { ConsultationsService } from '../consultations/consultations.service';
import { ColumnPlan, planColumns, readRow, rowOf } from './csv-row';
import { SubmissionImportDoc } from './submission-import.schema';
import { SubmissionImportChanges, SubmissionImportsRepository } from './submission-imports.repository';
import { NewSubmission, SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

/** Rows checked against the database and written together; also how often progress is recorded. */
const IMPORT_BATCH = 200;
const DUPLICATE = 'this respondent token has already been used';
/**
 * Bounds of one paper form as read: a cell holds at most a text answer (5000 characters at most) with
 * room to spare, a row at most a few dozen such cells. Anything longer fails the import with the
 * reason, and memory never holds more than one such row.
 */
export const PAPER_FORM_LIMITS = { maxFieldChars: 8 * 1024, maxRecordChars: 64 * 1024 } as const;

/** Running counts of one import, written to its record as the file is read. */
interface Tally {
  rowsRead: number;
  accepted: number;
  rejectedCount: number;
  rejected: RejectedRow[];
  bytesRead: number;
}

/**
 * Paper and meeting forms from CSV, the platform's one import pipeline: the header is checked before
 * answering (a file that is not this consultation's form is refused with 422 and stores nothing), then
 * the service answers at once with the import record (`processing`) and reads the rows in the
 * background. Each row is one submission, checked like an online one: a bad row is reported with its
 * line and reason (and the question as `field`) and stores nothing; good rows are kept. The upload is
 * removed from the store when the import ends.
 */
@Injectable()
export class SubmissionImportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(SubmissionImportsService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly imports: SubmissionImportsRepository,
    private readonly submissions: SubmissionsRepository,
    private readonly checker: SubmissionsService,
    private readonly consultations: ConsultationsService,
    private readonly uploads: UploadStore,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async start(req: ImportSubmissionsRequest, byKeyId?: string): Promise<SubmissionImportReport> {
    const consultation = await this.consultations.load(req.consultationId);
    if (consultation.status !== 'open') {
      throw new DomainError('invalid_state', `Submissions are accepted only while the consultation is open; it is ${consultation.status}`, { currentStatus: consultation.status });
    }
    const source = await this.uploads.open(req.upload);
    if (!source) throw new DomainError('not_found', 'The uploaded file is no longer available; upload it again');
    const tally: Tally = { rowsRead: 0, accepted: 0, rejectedCount: 0, rejected: [], bytesRead: 0 };
    const { csv, plan } = await this.openForm(counted(source, (n) => (tally.bytesRead += n)), consultation).catch(async (e: unknown) => {
      source.destroy();
      await this.uploads.remove(req.upload);
      throw e;
    });
    const record = await this.imports
      .insert({
        consultationId: consultation._id,
        status: 'processing',
        uploadName: req.upload.name,
        ...tally,
        bytesTotal: null,
        ...(byKeyId ? { byKeyId } : {}),
        startedAt: new Date(),
        finishedAt: null,
      })
      .catch((e: unknown) => {
        // Nothing was started: the gateway removes the upload when the error answer reaches it.
        csv.close();
        source.destroy();
        throw e;
      });
    const work = this.finish(record._id, (meter) => this.run(record._id, consultation, csv.records, plan, req.upload.name, tally, meter), tally, async () => {
      csv.close();
      source.destroy();
      await this.uploads.remove(req.upload);
    });
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return toReport(record);
  }

  async get(consultationId: string, id: string): Promise<SubmissionImportReport> {
    const doc = await this.imports.find(consultationId, id);
    if (!doc) throw DomainError.notFound('Submission import', id);
    return toReport(doc);
  }

  /** Lets imports in flight finish (bounded by the shutdown timeout of the process). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /**
   * Runs an import to its end, then removes the upload and only then records the outcome, so a
   * client that sees `completed` or `failed` also sees the upload gone.
   */
  private async finish(importId: Types.ObjectId, work: (meter: ImportMeter) => Promise<void>, tally: Tally, cleanUp: () => Promise<void>): Promise<void> {
    let outcome: SubmissionImportChanges;
    const meter = new ImportMeter(this.metrics, 'submissions');
    try {
      await work(meter);
      tally.rejected.sort((a, b) => a.line - b.line);
      outcome = { ...progressOf(tally), bytesTotal: tally.bytesRead, status: 'completed', finishedAt: new Date() };
      meter.finish('completed', tally);
    } catch (e) {
      this.logger.error({ err: e, importId: String(importId) }, 'paper submission import failed');
      outcome = { ...progressOf(tally), status: 'failed', failure: failureOf(e), finishedAt: new Date() };
      meter.finish('failed', tally);
    }
    await cleanUp().catch((e: unknown) => this.logger.warn({ err: e, importId: String(importId) }, 'removing the upload of an import failed'));
    await this.imports
      .update(importId, outcome)
      .catch((e: unknown) => this.logger.error({ err: e, importId: String(importId) }, 'recording the outcome of an import failed'));
  }

  /** Opens the CSV and checks its header against the questionnaire: 422 for anything else. */
  private async openForm(input: Readable, consultation: ConsultationDoc): Promise<{ csv: OpenedCsv; plan: ColumnPlan }> {
    let csv: OpenedCsv | null;
    try {
      csv = await openCsv(input, PAPER_FORM_LIMITS);
    } catch (e) {
      throw new DomainError('unprocessable', `The file cannot be read as CSV: ${(e as Error).message}`);
    }
    if (!csv) throw new DomainError('unprocessable', 'The file is empty: a header line with respondentToken and question columns is required');
    try {
      return { csv, plan: planColumns(csv.header, consultation.questions) };
    } catch (e) {
      csv.close();
      throw e;
    }
  }

  private async run(importId: Types.ObjectId, consultation: ConsultationDoc, records: AsyncIterable<CsvRecord>, plan: ColumnPlan, uploadName: string, tally: Tally, meter: ImportMeter): Promise<void> {
    const consultationId = String(consultation._id);
    const reject = (line: number, reason: string, field?: string) => {
      tally.rejectedCount++;
      if (tally.rejected.length < MAX_LISTED_REJECTIONS) tally.rejected.push({ line, reason, ...(field ? { field } : {}) });
    };
    let batch: Array<{ line: number; doc: NewSubmission }> = [];
    const flush = async () => {
      const current = batch;
      batch = [];
      const fresh: typeof current = [];
      const seen = new Set<string>();
      for (const b of current) {
        if (seen.has(b.doc.respondentHash)) reject(b.line, DUPLICATE);
        else {
          seen.add(b.doc.respondentHash);
          fresh.push(b);
        }
      }
      // Respondents who answered already (online, or earlier in this file) are refused by the unique
      // index, row by row, in the same unordered insert that stores the rest.
      const repeated = await this.submissions.insertManyRefusingRepeats(fresh.map((b) => b.doc));
      const stored: NewSubmission[] = [];
      fresh.forEach((b, i) => {
        if (repeated.has(i)) reject(b.line, DUPLICATE);
        else stored.push(b.doc);
      });
      tally.accepted += stored.length;
      // Counted before progress is recorded, so a completed import's rows are in the results.
      await this.checker.countStored(consultation, stored);
      meter.progress(tally);
      await this.imports.update(importId, progressOf(tally));
    };
    for await (const { line, fields } of records) {
      tally.rowsRead++;
      const row = readRow(rowOf(plan, fields), plan);
      if (!row.ok) {
        reject(line, row.reason, row.questionId);
        continue;
      }
      try {
        batch.push({ line, doc: this.checker.prepare(consultation, { respondentToken: row.token, channel: row.channel, profile: row.profile, answers: row.answers }, 'paper', uploadName) });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        reject(line, e.message, e.details?.questionId as string | undefined);
      }
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    this.logger.log({ msg: 'paper submissions imported', consultationId, rows: tally.rowsRead, accepted: tally.accepted, rejected: tally.rejectedCount });
  }
}

const progressOf = (t: Tally) => ({ rowsRead: t.rowsRead, accepted: t.accepted, rejectedCount: t.rejectedCount, rejected: [...t.rejected], bytesRead: t.bytesRead });

function failureOf(e: unknown): string {
  if (e instanceof DomainError) return e.message;
  const err = e as { code?: string; message?: string; lines?: number; name?: string };
  if (err.name === 'CsvRecordTooLargeError' || err.name === 'CsvFieldTooLargeError' || (typeof err.code === 'string' && err.code.startsWith('CSV_'))) {
    return `The CSV could not be read${err.lines ? ` near line ${err.lines}` : ''}: ${err.message}`;
  }
  return `The import stopped: ${err.message ?? String(e)}`;
}

/** Counts the bytes read from the upload, for the progress of the import. */
function counted(source: Readable, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  source.on('error', (e) => counter.destroy(e));
  return source.pipe(counter);
}

function toReport(d: SubmissionImportDoc): SubmissionImportReport {
  const total = d.bytesTotal ?? null;
  return {
    id: String(d._id),
    consultationId: String(d.consultationId),
    status: d.status,
    rowsRead: d.rowsRead,
    accepted: d.accepted,
    rejectedCount: d.rejectedCount,
    rejected: (d.rejected ?? []).map((r) => ({ line: r.line, reason: r.reason, ...(r.field ? { field: r.field } : {}) })),
    progress: {
      bytesRead: d.bytesRead,
      bytesTotal: total,
      percent: d.status === 'completed' ? 100 : total ? Math.min(99, Math.floor((100 * d.bytesRead) / total)) : null,
    },
    ...(d.failure ? { failure: d.failure } : {}),
    startedAt: new Date(d.startedAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
  };
}
