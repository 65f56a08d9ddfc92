import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  authorize,
  DomainError,
  GetHostStatsRequest,
  HostStatsImportReport,
  HostStatsSeries,
  ImportHostStatsRequest,
  MAX_LISTED_REJECTIONS,
  Principal,
  UploadRef,
} from '@vidnova/contracts';
import { OpenedCsv, openCsv, UploadStore } from '@vidnova/messaging';
import { ImportMeter, Metrics } from '@vidnova/metrics';
import { countryByAlpha2, countryByAlpha3 } from '@vidnova/reference';
import { Readable } from 'node:stream';
import { HostStatsImportDoc } from './host-stats-import.schema';
import { HostStatsRepository, HostStatValues } from './host-stats.repository';
import { missingColumns, Observation, parseRow, UNHCR_SOURCE } from './unhcr-csv';

const WRITE_BATCH = 500;
/** A row of this table is well under 200 characters; anything this long is not the table. */
const MAX_RECORD_CHARS = 16 * 1024;
/** Progress is written to the import record at most this often while reading. */
const PROGRESS_EVERY_MS = 500;

@Injectable()
export class HostStatsService implements OnApplicationShutdown {
  private readonly logger = new Logger(HostStatsService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly repo: HostStatsRepository,
    private readonly uploads: UploadStore,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /**
   * Checks the header before answering (a file that is not the UNHCR table is refused with 422 and
   * stores nothing), then answers with the import record and reads the rest in the background.
   */
  async startImport(req: ImportHostStatsRequest, by: Principal | undefined): Promise<HostStatsImportReport> {
    // Overwrites public figures: editors and admins only, whatever reached the bus.
    authorize(by, 'import', 'HostStats');
    const body = await this.uploads.open(req.upload);
    if (!body) throw new DomainError('not_found', 'The uploaded file is no longer in the upload store', { upload: req.upload });
    const counted = countBytes(body);
    let csv: OpenedCsv | null;
    try {
      csv = await openCsv(counted.stream, { maxRecordChars: MAX_RECORD_CHARS });
    } catch (e) {
      body.destroy();
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', `The file is not readable CSV: ${(e as Error).message}`, undefined, [
        { field: 'file', message: (e as Error).message },
      ]);
    }
    if (!csv) {
      await this.uploads.remove(req.upload);
      throw new DomainError('unprocessable', 'The file is empty', undefined, [{ field: 'file', message: 'no header line' }]);
    }
    const header = csv.header.map((h) => h.trim());
    const missing = missingColumns(header);
    if (missing.length) {
      csv.close();
      await this.uploads.remove(req.upload);
      throw new DomainError(
        'unprocessable',
        `This is not the UNHCR refugees-by-country table: the header lacks ${missing.map((m) => `"${m}"`).join(', ')}`,
        { missingColumns: missing },
        [{ field: 'file', message: `missing columns: ${missing.join(', ')}` }],
      );
    }
    const record = await this.repo.createImport(by?.keyId);
    const run = this.run(record, csv, header, counted, req.upload).finally(() => this.running.delete(run));
    this.running.add(run);
    return toReport(record);
  }

  async importReport(id: string): Promise<HostStatsImportReport> {
    const doc = await this.repo.findImport(id);
    if (!doc) throw DomainError.notFound('Import', id);
    return toReport(doc);
  }

  /**
   * Reads the whole file before writing anything, so a file that turns out to be broken stores
   * nothing (the import ends `failed` with the reason). Memory stays bounded: observations are keyed
   * by (country, month), a few thousand at most, and the listed rejections are capped.
   */
  private async run(record: HostStatsImportDoc, csv: OpenedCsv, header: string[], counted: { bytes: () => number }, upload: UploadRef): Promise<void> {
    const id = record._id;
    const observations = new Map<string, Observation & { line: number }>();
    const rejected: HostStatsImportDoc['rejected'] = [];
    let rejectedCount = 0;
    let rowsRead = 0;
    const reject = (line: number, reason: string) => {
      rejectedCount++;
      if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push({ line, reason });
    };
    const a3 = (code: string) => countryByAlpha3(code)?.alpha2;
    const meter = new ImportMeter(this.metrics, 'host-stats');
    let lastProgress = Date.now();
    let reading = true;
    try {
      for await (const { line, fields } of csv.records) {
        rowsRead++;
        const result = parseRow(Object.fromEntries(header.map((h, i) => [h, fields[i]])), a3);
        if (!result.ok) reject(line, result.reason);
        else {
          const o = result.observation;
          const key = `${o.country}:${o.month}`;
          const earlier = observations.get(key);
          if (!earlier) observations.set(key, { ...o, line });
          else if (earlier.refugees !== o.refugees) reject(line, `${o.country} ${o.month} already given on line ${earlier.line} with another figure`);
          else reject(line, `repeats line ${earlier.line}`);
        }
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          const tally = { rowsRead, accepted: observations.size, rejectedCount, bytesRead: counted.bytes() };
          meter.progress(tally);
          await this.repo.updateImport(id, tally);
        }
      }
      reading = false;
      const outcome = await this.write(observations);
      const months = [...observations.values()].map((o) => o.month).sort();
      const done = {
        status: 'completed' as const,
        rowsRead,
        accepted: observations.size,
        rejectedCount,
        rejected,
        bytesRead: counted.bytes(),
        ...outcome,
        countries: [...new Set([...observations.values()].map((o) => o.country))].sort(),
        periodFrom: months[0] ?? null,
        periodTo: months[months.length - 1] ?? null,
        finishedAt: new Date(),
      };
      await this.repo.updateImport(id, done);
      meter.finish('completed', done);
      this.logger.log({ msg: 'host-country statistics imported', importId: String(id), ...done, rejected: rejected.length });
    } catch (e) {
      const failure = reading ? `The file is not readable CSV: ${(e as Error).message}` : `Storing the figures failed: ${(e as Error).message}`;
      this.logger.warn({ msg: 'host-country statistics import failed', importId: String(id), failure });
      meter.finish('failed', { rowsRead, accepted: 0, rejectedCount, bytesRead: counted.bytes() });
      await this.repo
        .updateImport(id, { status: 'failed', failure, rowsRead, rejectedCount, rejected, bytesRead: counted.bytes(), finishedAt: new Date() })
        .catch((err: unknown) => this.logger.error(`could not record the failure of import ${String(id)}: ${(err as Error).message}`));
    } finally {
      csv.close();
      await this.uploads.remove(upload);
    }
  }

  /** Upserts what is new or different; observations already stored with the same figure are left alone. */
  private async write(observations: Map<string, Observation>): Promise<{ inserted: number; updated: number; unchanged: number }> {
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    const importedAt = new Date();
    const keys = [...observations.keys()];
    for (let i = 0; i < keys.length; i += WRITE_BATCH) {
      const batch = keys.slice(i, i + WRITE_BATCH);
      const stored = new Map((await this.repo.byKeys(batch)).map((d) => [d.key, d.refugees]));
      const fresh: HostStatValues[] = [];
      const changed: HostStatValues[] = [];
      for (const key of batch) {
        const o = observations.get(key)!;
        const before = stored.get(key);
        if (before === o.refugees) {
          unchanged++;
          continue;
        }
        if (before === undefined) inserted++;
        else updated++;
        (before === undefined ? fresh : changed).push({
          key,
          country: o.country,
          month: o.month,
          refugees: o.refugees,
          ...(o.sourceCountryName ? { sourceCountryName: o.sourceCountryName } : {}),
          source: UNHCR_SOURCE,
          importedAt,
        });
      }
      await this.repo.write(fresh, changed);
    }
    return { inserted, updated, unchanged };
  }

  async series(req: GetHostStatsRequest): Promise<HostStatsSeries> {
    const country = countryByAlpha2(req.country);
    if (!country) {
      throw new DomainError('validation_failed', `${req.country} is not an ISO 3166-1 alpha-2 country code`, undefined, [
        { field: 'country', message: 'country must be an ISO 3166-1 alpha-2 code such as DE' },
      ]);
    }
    const from = req.from?.slice(0, 7);
    const to = req.to?.slice(0, 7);
    // Month bounds compared in TypeScript: the series of one country is at most a few hundred points.
    const points = (await this.repo.series(country.alpha2))
      .filter((p) => (!from || p.month >= from) && (!to || p.month <= to))
      .map((p) => ({ date: p.month, refugees: p.refugees }));
    if (!points.length) {
      throw new DomainError('not_found', `No host-country statistics for ${country.alpha2}${from || to ? ' in that period' : ''}`, {
        country: country.alpha2,
      });
    }
    return { country: country.alpha2, countryName: country.name, source: UNHCR_SOURCE, points };
  }

  /** Imports under way finish before the process stops. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.running]);
  }
}

/** The upload as a stream, counting the bytes read so far (for the progress of the import). */
function countBytes(body: Readable): { stream: Readable; bytes: () => number } {
  let bytes = 0;
  const stream = Readable.from(
    (async function* () {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        yield chunk;
      }
    })(),
  );
  return { stream, bytes: () => bytes };
}

function toReport(d: HostStatsImportDoc): HostStatsImportReport {
  return {
    id: String(d._id),
    status: d.status,
    rowsRead: d.rowsRead ?? 0,
    accepted: d.accepted ?? 0,
    rejectedCount: d.rejectedCount ?? 0,
    rejected: (d.rejected ?? []).map((r) => ({ line: r.line, reason: r.reason })),
    progress: {
      bytesRead: d.bytesRead ?? 0,
      // The upload store does not tell the size of a stored file, so there is no percentage.
      bytesTotal: null,
      percent: d.status === 'processing' ? null : 100,
    },
    ...(d.failure ? { failure: d.failure } : {}),
    inserted: d.inserted ?? 0,
    updated: d.updated ?? 0,
    unchanged: d.unchanged ?? 0,
    countries: d.countries ?? [],
    periodFrom: d.periodFrom ?? null,
    periodTo: d.periodTo ?? null,
    startedAt: new Date(d.startedAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
  };
}
