import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  authorize,
  BuyerSummary,
  DomainError,
  MAX_LISTED_REJECTIONS,
  Principal,
  ProcurementImportReport,
  StartProcurementImportRequest,
  UploadRef,
} from '@vidnova/contracts';
import { UploadStore } from '@vidnova/messaging';
import { ImportMeter, Metrics } from '@vidnova/metrics';
import { Model, Types } from 'mongoose';
import { Readable } from 'node:stream';
import { buyerSummary } from './buyer-summary';
import { parseRelease } from './ocds';
import { packageItems } from './ocds-stream';
import { randomUUID } from 'node:crypto';
import {
  BUYER_PROCUREMENT_MODEL,
  BuyerProcurementDoc,
  mergeLatest,
  PROCUREMENT_IMPORT_MODEL,
  ProcurementImportDoc,
  RELEASE_MODEL,
  ReleaseDoc,
  ReleaseFacts,
} from './release.schema';

const WRITE_BATCH = 500;
const PROGRESS_EVERY_MS = 500;
/** Releases held for the buyers' documents before they are merged (memory bound of a large import). */
const MERGE_EVERY = 50_000;
/** Buyers' documents read at once. */
const MERGE_CONCURRENCY = 8;
/** Buyers' documents per bulk write. */
const BUYER_WRITE_BATCH = 200;

@Injectable()
export class ProcurementService implements OnApplicationShutdown {
  private readonly logger = new Logger(ProcurementService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectModel(RELEASE_MODEL) private readonly releases: Model<ReleaseDoc>,
    @InjectModel(PROCUREMENT_IMPORT_MODEL) private readonly imports: Model<ProcurementImportDoc>,
    @InjectModel(BUYER_PROCUREMENT_MODEL) private readonly buyers: Model<BuyerProcurementDoc>,
    private readonly uploads: UploadStore,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Answers at once with the import record; the package is streamed (stream-json) in the background. */
  async startImport(req: StartProcurementImportRequest, by: Principal | undefined): Promise<ProcurementImportReport> {
    authorize(by, 'import', 'EnterpriseImport');
    const body = await this.uploads.open(req.upload);
    if (!body) throw new DomainError('not_found', 'The uploaded file is no longer in the upload store', { upload: req.upload });
    const created = await this.imports.create({
      status: 'processing',
      packageType: 'unknown',
      rowsRead: 0,
      accepted: 0,
      inserted: 0,
      unchanged: 0,
      rejectedCount: 0,
      rejected: [],
      bytesRead: 0,
      bytesTotal: null,
      ...(by?.keyId ? { startedBy: by.keyId } : {}),
      startedAt: new Date(),
      finishedAt: null,
    });
    const record = created.toObject() as ProcurementImportDoc;
    const run = this.run(record._id, body, req.upload).finally(() => this.running.delete(run));
    this.running.add(run);
    return toReport(record);
  }

  async importReport(id: string): Promise<ProcurementImportReport> {
    const doc = Types.ObjectId.isValid(id) ? ((await this.imports.findById(id).lean().exec()) as ProcurementImportDoc | null) : null;
    if (!doc) throw DomainError.notFound('Import', id);
    return toReport(doc);
  }

  /** The summary from the buyer's procedures document, read by `_id` (no buyer yet: an empty summary). */
  async buyer(edrpou: string, year: number): Promise<BuyerSummary> {
    const doc = (await this.buyers.findById(edrpou, { procedures: 1 }).lean().exec()) as Pick<BuyerProcurementDoc, 'procedures'> | null;
    return buyerSummary(edrpou, year, doc?.procedures ?? []);
  }

  /** The summary, or null when the buyer has no procedure in the year (used by assessments). */
  async buyerOrNull(edrpou: string, year: number): Promise<BuyerSummary | null> {
    const s = await this.buyer(edrpou, year);
    return s.procedures ? s : null;
  }

  /**
   * Merges releases into their buyers' documents (latest release per ocid): the documents are read by `_id` a few
   * at a time, and the changed ones written in one unordered bulk write (one request: concurrent single writes
   * queue on FerretDB's SQLite lock and took far longer). A document is replaced only if its `rev` is still the one
   * read, so two imports of one buyer at once both land: a buyer whose write did not apply (another import wrote it
   * meanwhile) is merged again on its own. FerretDB v1 does not make that check atomic (docs/decisions/0005); a merge
   * lost there, or to a crash between storing the releases and this merge, is repaired by importing the package
   * again (its releases are merged whether new or unchanged).
   */
  private async mergeBuyers(pending: Map<string, ReleaseFacts[]>): Promise<void> {
    const all = [...pending];
    pending.clear();
    // First as new documents, in unordered bulk inserts: no read for a buyer seen for the first time; those
    // already stored fail alone (duplicate key) and are merged below.
    const entries: [string, ReleaseFacts[]][] = [];
    for (let i = 0; i < all.length; i += BUYER_WRITE_BATCH) {
      const slice = all.slice(i, i + BUYER_WRITE_BATCH);
      const docs = slice.map(([edrpou, fresh]) => ({ _id: edrpou, procedures: mergeLatest([], fresh).procedures, rev: randomUUID(), updatedAt: new Date() }));
      try {
        await this.buyers.collection.insertMany(docs as never[], { ordered: false });
      } catch (e) {
        const err = e as { writeErrors?: { code?: number; index?: number }[] | { code?: number; index?: number } };
        const errors = Array.isArray(err.writeErrors) ? err.writeErrors : err.writeErrors ? [err.writeErrors] : [];
        if (!errors.length || errors.some((w) => w.code !== 11000)) throw e;
        // Without the failed positions, every buyer of the slice goes through the merge (which writes nothing for
        // a document that already holds its releases).
        if (errors.every((w) => typeof w.index === 'number')) for (const w of errors) entries.push(slice[w.index!]);
        else entries.push(...slice);
      }
    }
    const current = new Map<string, BuyerProcurementDoc | null>();
    let next = 0;
    const reader = async () => {
      while (next < entries.length) {
        const [edrpou] = entries[next++];
        current.set(edrpou, (await this.buyers.findById(edrpou).lean().exec()) as BuyerProcurementDoc | null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MERGE_CONCURRENCY, entries.length) }, reader));
    const ops: object[] = [];
    const written: [string, ReleaseFacts[]][] = [];
    for (const [edrpou, fresh] of entries) {
      const doc = current.get(edrpou) ?? null;
      const { procedures, changed } = mergeLatest(doc?.procedures ?? [], fresh);
      if (doc && !changed) continue;
      const next = { procedures, rev: randomUUID(), updatedAt: new Date() };
      ops.push(doc ? { replaceOne: { filter: { _id: edrpou, rev: doc.rev }, replacement: next } } : { insertOne: { document: { _id: edrpou, ...next } } });
      written.push([edrpou, fresh]);
    }
    for (let i = 0; i < ops.length; i += BUYER_WRITE_BATCH) {
      const slice = ops.slice(i, i + BUYER_WRITE_BATCH);
      let applied: number;
      try {
        const r = await this.buyers.collection.bulkWrite(slice as never, { ordered: false });
        applied = r.insertedCount + r.matchedCount;
      } catch (e) {
        const err = e as { writeErrors?: { code?: number }[] | { code?: number }; result?: { insertedCount?: number; matchedCount?: number } };
        const errors = Array.isArray(err.writeErrors) ? err.writeErrors : err.writeErrors ? [err.writeErrors] : [];
        if (!errors.length || errors.some((w) => w.code !== 11000)) throw e;
        applied = -1;
      }
      // Some did not apply (another writer first): merge this slice's buyers again one by one (a merge that did
      // apply finds nothing new and writes nothing).
      if (applied !== slice.length) for (const [edrpou, fresh] of written.slice(i, i + BUYER_WRITE_BATCH)) await this.mergeBuyer(edrpou, fresh);
    }
  }

  private async mergeBuyer(edrpou: string, fresh: ReleaseFacts[]): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = (await this.buyers.findById(edrpou).lean().exec()) as BuyerProcurementDoc | null;
      const { procedures, changed } = mergeLatest(current?.procedures ?? [], fresh);
      if (current && !changed) return;
      const doc = { procedures, rev: randomUUID(), updatedAt: new Date() };
      if (!current) {
        try {
          await this.buyers.collection.insertOne({ _id: edrpou, ...doc } as never);
          return;
        } catch (e) {
          if ((e as { code?: number }).code === 11000) continue;
          throw e;
        }
      }
      const r = await this.buyers.collection.replaceOne({ _id: edrpou, rev: current.rev } as never, doc);
      if (r.matchedCount) return;
    }
    throw new Error(`the procedures of buyer ${edrpou} kept changing while this import merged into them`);
  }

  /**
   * Streams `records[]` (record package: each record's compiledRelease, else its embedded full releases) or
   * `releases[]` (release package). A release already stored (same ocid and id) is left as it is.
   */
  private async run(id: Types.ObjectId, body: Readable, upload: UploadRef): Promise<void> {
    let bytesRead = 0;
    let packageType = 'unknown' as ProcurementImportDoc['packageType'];
    const rejected: ProcurementImportDoc['rejected'] = [];
    let rejectedCount = 0;
    let rowsRead = 0;
    let inserted = 0;
    let unchanged = 0;
    let batch: Omit<ReleaseDoc, 'importedAt'>[] = [];
    /** Accepted releases by buyer, for the buyers' documents (merged every MERGE_EVERY releases and at the end). */
    const pending = new Map<string, ReleaseFacts[]>();
    let pendingCount = 0;
    const reject = (line: number, reason: string, ocid?: string) => {
      rejectedCount++;
      if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push({ line, reason, ...(ocid ? { ocid } : {}) });
    };
    // One batch written while the next is parsed (the parser and the database work in parallel), as the raw-driver
    // ceiling of the benchmark does; never more than one in flight, so memory stays at two batches.
    let inFlight: Promise<void> | null = null;
    const write = async (fresh: ReleaseDoc[]) => {
      // Unordered insert: a release already stored (same ocid + id) fails alone with a duplicate key and counts as
      // unchanged. No lookup first: FerretDB v1 answers `_id: { $in: [...] }` by scanning the collection.
      try {
        const r = await this.releases.collection.insertMany(fresh as never[], { ordered: false });
        inserted += r.insertedCount;
      } catch (e) {
        const err = e as { code?: number; writeErrors?: { code?: number }[] | { code?: number }; result?: { insertedCount?: number }; insertedCount?: number };
        const errors = Array.isArray(err.writeErrors) ? err.writeErrors : err.writeErrors ? [err.writeErrors] : [];
        if (!errors.length || errors.some((w) => w.code !== 11000)) throw e;
        const written = err.insertedCount ?? err.result?.insertedCount ?? fresh.length - errors.length;
        inserted += written;
        unchanged += fresh.length - written;
      }
    };
    const flush = async () => {
      if (!batch.length) return;
      const unique = new Map(batch.map((d) => [d._id, d]));
      unchanged += batch.length - unique.size;
      const importedAt = new Date();
      const fresh = [...unique.values()].map((d) => ({ ...d, importedAt }));
      batch = [];
      for (const d of unique.values()) {
        const list = pending.get(d.buyerEdrpou!);
        if (list) list.push(d);
        else pending.set(d.buyerEdrpou!, [d]);
      }
      pendingCount += unique.size;
      await inFlight;
      if (pendingCount >= MERGE_EVERY) {
        pendingCount = 0;
        await this.mergeBuyers(pending);
      }
      inFlight = write(fresh);
      // Handled here so that a failure does not count as unhandled before the next flush awaits (and rethrows) it.
      inFlight.catch(() => undefined);
    };
    let last = Date.now();

    const meter = new ImportMeter(this.metrics, 'procurement');
    const tally = () => ({ rowsRead, accepted: inserted + unchanged, rejectedCount, bytesRead });
    try {
      // The package's top-level array cut into elements, each parsed by JSON.parse (ocds-stream.ts).
      const counted = async function* () {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          bytesRead += chunk.length;
          yield chunk;
        }
      };
      for await (const items of packageItems(counted(), (key) => (packageType = key === 'records' ? 'record' : 'release'))) {
        for (const item of items) {
          rowsRead++;
          const position = item.index + 1;
          const releases = packageType === 'record' ? releasesOfRecord(item.value) : [item.value];
          if (!releases.length) reject(position, 'the record has neither a compiledRelease nor embedded releases', ocidOf(item.value));
          for (const rel of releases) {
            const parsed = parseRelease(rel);
            if (!parsed.ok) reject(position, parsed.reason, parsed.ocid ?? ocidOf(item.value));
            else if (!parsed.doc.buyerEdrpou) reject(position, 'no buyer identifier', parsed.doc.ocid);
            else if (parsed.doc.tenderYear === null) reject(position, 'no tender date', parsed.doc.ocid);
            else batch.push(parsed.doc);
          }
          if (batch.length >= WRITE_BATCH) await flush();
        }
        if (Date.now() - last > PROGRESS_EVERY_MS) {
          last = Date.now();
          meter.progress(tally());
          await this.imports.updateOne({ _id: id }, { $set: { rowsRead, inserted, unchanged, accepted: inserted + unchanged, rejectedCount, bytesRead, packageType } });
        }
      }
      await flush();
      // The buyers' documents (merged while the last batch is written) before the import reports completion: its
      // summaries count it from then on.
      await Promise.all([inFlight, this.mergeBuyers(pending)]);
      const done = { status: 'completed', packageType, rowsRead, inserted, unchanged, accepted: inserted + unchanged, rejectedCount, rejected, bytesRead, finishedAt: new Date() };
      if (packageType === 'unknown') Object.assign(done, { status: 'failed', failure: 'not an OCDS record or release package: no top-level "records" or "releases" array' });
      await this.imports.updateOne({ _id: id }, { $set: done });
      meter.finish(done.status === 'completed' ? 'completed' : 'failed', tally());
      this.logger.log({ msg: 'OCDS package imported', importId: String(id), packageType, rowsRead, inserted, unchanged, rejectedCount });
    } catch (e) {
      await (inFlight as Promise<void> | null)?.catch(() => undefined);
      // What was stored before the failure counts in its buyers' summaries too (best effort).
      await this.mergeBuyers(pending).catch((err: unknown) => this.logger.warn({ msg: 'buyer procedures not merged', importId: String(id), error: (err as Error).message }));
      const failure = `The package is not readable JSON: ${(e as Error).message}`;
      this.logger.warn({ msg: 'OCDS import failed', importId: String(id), failure });
      meter.finish('failed', tally());
      await this.imports
        .updateOne({ _id: id }, { $set: { status: 'failed', failure, packageType, rowsRead, inserted, unchanged, accepted: inserted + unchanged, rejectedCount, rejected, bytesRead, finishedAt: new Date() } })
        .catch(() => undefined);
    } finally {
      body.destroy();
      await this.uploads.remove(upload).catch(() => undefined);
    }
  }
}

function ocidOf(v: unknown): string | undefined {
  const o = v && typeof v === 'object' ? (v as { ocid?: unknown }).ocid : undefined;
  return typeof o === 'string' ? o : undefined;
}

/** A record's compiled release, else its embedded full releases (linked releases, which are only a URL, are skipped). */
function releasesOfRecord(v: unknown): unknown[] {
  if (!v || typeof v !== 'object') return [];
  const r = v as { ocid?: string; compiledRelease?: unknown; releases?: unknown[] };
  if (r.compiledRelease && typeof r.compiledRelease === 'object') return [{ ocid: r.ocid, ...(r.compiledRelease as object) }];
  return (Array.isArray(r.releases) ? r.releases : []).filter((x) => x && typeof x === 'object' && 'id' in (x as object));
}

function toReport(d: ProcurementImportDoc): ProcurementImportReport {
  const percent = d.bytesTotal ? Math.min(100, Math.round((100 * d.bytesRead) / d.bytesTotal)) : null;
  return {
    id: String(d._id),
    status: d.status,
    packageType: d.packageType,
    rowsRead: d.rowsRead,
    accepted: d.accepted,
    inserted: d.inserted,
    unchanged: d.unchanged,
    rejectedCount: d.rejectedCount,
    rejected: d.rejected,
    progress: { bytesRead: d.bytesRead, bytesTotal: d.bytesTotal, percent },
    ...(d.failure ? { failure: d.failure } : {}),
    startedAt: new Date(d.startedAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
  };
}
