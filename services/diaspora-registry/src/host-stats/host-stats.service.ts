import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from '@nats-io/transport-node';
import {
  COUNTRY_PATTERN,
  DomainError,
  GetHostStatsRequest,
  HostStatsSeries,
  ImportHostStatsReply,
  ImportHostStatsRequest,
} from '@vidnova/contracts';
import { UploadStore } from '@vidnova/messaging';
import { countryByAlpha2, countryByAlpha3 } from '@vidnova/reference';
import { parse } from 'csv-parse';
import { DiasporaConfig } from '../config';
import { DIASPORA_CONFIG } from '../tokens';
import { HostStatsRepository, HostStatValues } from './host-stats.repository';
import { missingColumns, Observation, parseRow, UNHCR_SOURCE } from './unhcr-csv';

/** Rejected rows listed in the report; beyond this only the count grows. */
const MAX_REJECTED_LISTED = 1000;
const WRITE_BATCH = 500;

@Injectable()
export class HostStatsService implements OnApplicationShutdown {
  private readonly logger = new Logger(HostStatsService.name);
  private uploads?: Promise<{ nc: NatsConnection; store: UploadStore }>;

  constructor(
    private readonly repo: HostStatsRepository,
    @Inject(DIASPORA_CONFIG) private readonly config: DiasporaConfig,
  ) {}

  /** The object store connection is opened on the first import, not at boot. */
  private store(): Promise<UploadStore> {
    this.uploads ??= (async () => {
      const nc = await connect({ servers: this.config.NATS_URL.split(','), name: `${this.config.SERVICE_NAME}-uploads`, maxReconnectAttempts: -1 });
      return { nc, store: await UploadStore.open(nc) };
    })().catch((e: unknown) => {
      this.uploads = undefined;
      throw e;
    });
    return this.uploads.then((u) => u.store);
  }

  /**
   * Reads the whole file before writing anything, so a file that turns out not to be this table
   * (wrong header, broken CSV) stores nothing. Memory stays bounded: observations are keyed by
   * (country, month), a few thousand at most, and the listed rejections are capped.
   */
  async import(req: ImportHostStatsRequest): Promise<ImportHostStatsReply> {
    const store = await this.store();
    const body = await store.open(req.upload);
    if (!body) throw new DomainError('not_found', 'The uploaded file is no longer in the upload store', { upload: req.upload });
    try {
      const parsed = await this.read(body);
      const report = await this.write(parsed.observations);
      const months = [...parsed.observations.values()].map((o) => o.month).sort();
      const reply: ImportHostStatsReply = {
        rowsRead: parsed.rowsRead,
        accepted: parsed.observations.size,
        ...report,
        rejected: parsed.rejected,
        rejectedCount: parsed.rejectedCount,
        countries: [...new Set([...parsed.observations.values()].map((o) => o.country))].sort(),
        periodFrom: months[0] ?? null,
        periodTo: months[months.length - 1] ?? null,
      };
      this.logger.log({ msg: 'host-country statistics imported', ...reply, rejected: reply.rejected.length });
      return reply;
    } finally {
      body.destroy();
      await store.remove(req.upload);
    }
  }

  private async read(body: NodeJS.ReadableStream) {
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
    body.on('error', (e: Error) => parser.destroy(e));
    body.pipe(parser);
    const observations = new Map<string, Observation & { line: number }>();
    const rejected: ImportHostStatsReply['rejected'] = [];
    let rejectedCount = 0;
    let rowsRead = 0;
    let header: string[] | undefined;
    const reject = (line: number, reason: string) => {
      rejectedCount++;
      if (rejected.length < MAX_REJECTED_LISTED) rejected.push({ line, reason });
    };
    const a3 = (code: string) => countryByAlpha3(code)?.alpha2;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (!header) {
          header = item.record.map((h) => h.trim());
          const missing = missingColumns(header);
          if (missing.length) {
            throw new DomainError(
              'unprocessable',
              `This is not the UNHCR refugees-by-country table: the header lacks ${missing.map((m) => `"${m}"`).join(', ')}`,
              { missingColumns: missing },
              [{ field: 'file', message: `missing columns: ${missing.join(', ')}` }],
            );
          }
          continue;
        }
        rowsRead++;
        const line = item.info.lines;
        const record = Object.fromEntries(header.map((h, i) => [h, item.record[i]]));
        const result = parseRow(record, a3);
        if (!result.ok) {
          reject(line, result.reason);
          continue;
        }
        const o = result.observation;
        const key = `${o.country}:${o.month}`;
        const earlier = observations.get(key);
        if (earlier) {
          if (earlier.refugees !== o.refugees) reject(line, `${o.country} ${o.month} already given on line ${earlier.line} with another figure`);
          else reject(line, `repeats line ${earlier.line}`);
          continue;
        }
        observations.set(key, { ...o, line });
      }
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw new DomainError('unprocessable', `The file is not readable CSV: ${(e as Error).message}`, undefined, [
        { field: 'file', message: (e as Error).message },
      ]);
    }
    if (!header) {
      throw new DomainError('unprocessable', 'The file is empty', undefined, [{ field: 'file', message: 'no header line' }]);
    }
    return { observations, rejected, rejectedCount, rowsRead };
  }

  /** Upserts what is new or different; observations already stored with the same figure are left alone. */
  private async write(observations: Map<string, Observation>): Promise<Pick<ImportHostStatsReply, 'inserted' | 'updated' | 'unchanged'>> {
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
    if (!COUNTRY_PATTERN.test(req.country) || !country) {
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

  async onApplicationShutdown(): Promise<void> {
    const u = await this.uploads?.catch(() => undefined);
    await u?.nc.drain().catch(() => undefined);
  }
}
