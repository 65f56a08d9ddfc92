import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CreateSubmissionRequest,
  DomainError,
  PaperImportReport,
  ImportSubmissionsRequest,
  SubmissionFields,
  SubmissionReceipt,
  SubmissionReply,
} from '@vidnova/contracts';
import { parse } from 'csv-parse';
import { UploadStore } from '@vidnova/messaging';
import { Types } from 'mongoose';
import { ConsultationsConfig } from '../config';
import { ConsultationDoc } from '../consultations/consultation.schema';
import { ConsultationsService } from '../consultations/consultations.service';
import { CONSULTATIONS_CONFIG } from '../tokens';
import { ColumnPlan, planColumns, readRow } from './csv-row';
import { requestFingerprint, respondentHash } from './respondent-token';
import { NewSubmission, SubmissionsRepository, isDuplicateKey } from './submissions.repository';
import { SubmissionDoc } from './submission.schema';
import { answersError, checkAnswers } from './validate-answers';
import { UploadsProvider } from './uploads.provider';

const IMPORT_BATCH = 200;
const MAX_LISTED_REJECTIONS = 1000;

@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    private readonly repo: SubmissionsRepository,
    private readonly consultations: ConsultationsService,
    private readonly uploads: UploadsProvider,
    @Inject(CONSULTATIONS_CONFIG) private readonly config: ConsultationsConfig,
  ) {}

  /**
   * One submission. With an Idempotency-Key, the first reply is stored (keyed by consultation and
   * key) and a retry gets the same status and body; the same key with a different body is refused.
   */
  async create(req: CreateSubmissionRequest): Promise<SubmissionReply> {
    const consultation = await this.consultations.load(req.consultationId);
    const key = req.idempotencyKey;
    const fingerprint = key ? requestFingerprint(req.submission) : '';
    if (key) {
      const replay = await this.replay(req.consultationId, key, fingerprint);
      if (replay) return replay;
    }
    const doc = this.prepare(consultation, req.submission, 'online');
    let saved: SubmissionDoc;
    try {
      saved = await this.repo.insert(doc);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // A concurrent retry with the same key may have won the race: give its reply.
      const replay = key ? await this.replay(req.consultationId, key, fingerprint) : null;
      if (replay) return replay;
      throw new DomainError('duplicate', 'This respondent has already answered this consultation');
    }
    const reply: SubmissionReply = { status: 201, body: receipt(saved), replayed: false };
    if (key && !(await this.repo.saveReply({ consultationId: saved.consultationId, key, fingerprint, status: reply.status, body: { ...reply.body } }))) {
      const replay = await this.replay(req.consultationId, key, fingerprint);
      if (replay) return replay;
    }
    return reply;
  }

  private async replay(consultationId: string, key: string, fingerprint: string): Promise<SubmissionReply | null> {
    const stored = await this.repo.findReply(consultationId, key);
    if (!stored) return null;
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError('unprocessable', 'This Idempotency-Key was already used for a different submission', { idempotencyKey: key });
    }
    return { status: stored.status, body: stored.body as unknown as SubmissionReceipt, replayed: true };
  }

  /** Validates a submission against the consultation; throws the 409/422 a caller should see. */
  private prepare(c: ConsultationDoc, s: SubmissionFields, defaultChannel: 'online' | 'paper', importName?: string): NewSubmission {
    if (c.status !== 'open') {
      throw new DomainError('invalid_state', `Submissions are accepted only while the consultation is open; it is ${c.status}`, { currentStatus: c.status });
    }
    const channel = s.channel ?? defaultChannel;
    if (!c.channels.includes(channel)) {
      throw new DomainError('unprocessable', `This consultation does not collect answers by ${channel}`, { channels: c.channels }, [
        { field: 'channel', message: `channel must be one of ${c.channels.join(', ')}` },
      ]);
    }
    const { answers, problems } = checkAnswers(c.questions, s.answers);
    if (problems.length) throw answersError(problems);
    const profile = Object.fromEntries(Object.entries(s.profile ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    return {
      consultationId: c._id,
      respondentHash: respondentHash(this.config.RESPONDENT_TOKEN_SECRET, String(c._id), s.respondentToken),
      channel,
      profile,
      answers,
      ...(importName ? { importName } : {}),
    };
  }

  /**
   * Imports paper or meeting forms from a CSV in the object store, streaming it row by row. Each row
   * is one submission: a bad row is reported with its line and reason and stores nothing; good rows
   * are kept. Rows go in by batches after their respondents were checked against the database.
   */
  async import(req: ImportSubmissionsRequest): Promise<PaperImportReport> {
    const store = await this.uploads.get();
    try {
      return await this.importFrom(store, req);
    } finally {
      // The upload is single-use whatever happened (it would expire after a day anyway).
      await store.remove(req.upload);
    }
  }

  private async importFrom(store: UploadStore, req: ImportSubmissionsRequest): Promise<PaperImportReport> {
    const consultation = await this.consultations.load(req.consultationId);
    if (consultation.status !== 'open') {
      throw new DomainError('invalid_state', `Submissions are accepted only while the consultation is open; it is ${consultation.status}`, { currentStatus: consultation.status });
    }
    const input = await store.open(req.upload);
    if (!input) throw new DomainError('not_found', 'The uploaded file is no longer available; upload it again');
    const report: PaperImportReport = { consultationId: req.consultationId, rows: 0, accepted: 0, rejectedCount: 0, rejected: [] };
    const reject = (line: number, reason: string, questionId?: string) => {
      report.rejectedCount++;
      if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push({ line, reason, ...(questionId ? { questionId } : {}) });
    };
    let plan: ColumnPlan | undefined;
    const parser = input.pipe(
      parse({
        bom: true,
        columns: (headers: string[]) => {
          plan = planColumns(headers, consultation.questions);
          return headers;
        },
        info: true,
        skip_empty_lines: true,
        relax_column_count: true,
        trim: false,
      }),
    );
    let batch: Array<{ line: number; doc: NewSubmission }> = [];
    const flush = async () => {
      const current = batch;
      batch = [];
      const existing = await this.repo.existingHashes(req.consultationId, current.map((b) => b.doc.respondentHash));
      const fresh: typeof current = [];
      const seen = new Set<string>();
      for (const b of current) {
        if (existing.has(b.doc.respondentHash) || seen.has(b.doc.respondentHash)) reject(b.line, 'this respondent token has already been used');
        else {
          seen.add(b.doc.respondentHash);
          fresh.push(b);
        }
      }
      try {
        report.accepted += await this.repo.insertMany(fresh.map((b) => b.doc));
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // An online submission raced this batch. The ordered insert stopped at the clashing row: rows
        // before it are in; that row is rejected; the rest go in one by one.
        const clash = (e as { writeErrors?: Array<{ index?: number }>; index?: number }).writeErrors?.[0]?.index ?? (e as { index?: number }).index;
        const from = typeof clash === 'number' ? clash : 0;
        report.accepted += from;
        for (const b of fresh.slice(from)) {
          try {
            await this.repo.insert(b.doc);
            report.accepted++;
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            reject(b.line, 'this respondent token has already been used');
          }
        }
      }
    };
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        report.rows++;
        const line = info.lines;
        const row = readRow(record, plan!);
        if (!row.ok) {
          reject(line, row.reason, row.questionId);
          continue;
        }
        try {
          batch.push({ line, doc: this.prepare(consultation, { respondentToken: row.token, channel: row.channel, profile: row.profile, answers: row.answers }, 'paper', req.upload.name) });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          reject(line, e.message, e.details?.questionId as string | undefined);
        }
        if (batch.length >= IMPORT_BATCH) await flush();
      }
      await flush();
    } catch (e) {
      if (e instanceof DomainError) throw e;
      const err = e as { code?: string; message?: string; lines?: number };
      if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
        throw new DomainError('unprocessable', `The CSV could not be read near line ${err.lines ?? '?'}: ${err.message}`, { accepted: report.accepted, rows: report.rows });
      }
      throw e;
    }
    report.rejected.sort((a, b) => a.line - b.line);
    this.logger.log({ msg: 'paper submissions imported', consultationId: req.consultationId, rows: report.rows, accepted: report.accepted, rejected: report.rejectedCount });
    return report;
  }
}

function receipt(d: SubmissionDoc): SubmissionReceipt {
  return { id: String(d._id), consultationId: String(d.consultationId as Types.ObjectId), channel: d.channel, receivedAt: new Date(d.createdAt).toISOString() };
}
