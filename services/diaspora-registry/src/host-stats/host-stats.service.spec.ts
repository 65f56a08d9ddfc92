import { DomainError, HostStatsImportReport, UploadRef } from '@vidnova/contracts';
import { UploadStore } from '@vidnova/messaging';
import { Types } from 'mongoose';
import { Readable } from 'node:stream';
import { HostStatsImportDoc } from './host-stats-import.schema';
import { HostStatsRepository, HostStatValues } from './host-stats.repository';
import { HostStatsService } from './host-stats.service';

const HEADER = 'iso_code,Country,Data Date,Refugees from Ukraine recorded in country as of date';

/** Stands in for the repository: import records and observations in memory. */
class MemoryRepository {
  imports = new Map<string, HostStatsImportDoc>();
  stats = new Map<string, HostStatValues>();
  writes = 0;
  async createImport(startedBy?: string) {
    const doc = { _id: new Types.ObjectId(), status: 'processing', rowsRead: 0, accepted: 0, rejectedCount: 0, rejected: [], bytesRead: 0, inserted: 0, updated: 0, unchanged: 0, countries: [], periodFrom: null, periodTo: null, startedBy, startedAt: new Date(), finishedAt: null } as HostStatsImportDoc;
    this.imports.set(String(doc._id), doc);
    return { ...doc };
  }
  async updateImport(id: Types.ObjectId, changes: Partial<HostStatsImportDoc>) {
    Object.assign(this.imports.get(String(id))!, changes);
  }
  async findImport(id: string) {
    return this.imports.get(id) ?? null;
  }
  async byKeys(keys: string[]) {
    return keys.flatMap((key) => (this.stats.has(key) ? [{ key, refugees: this.stats.get(key)!.refugees }] : []));
  }
  async write(fresh: HostStatValues[], changed: HostStatValues[]) {
    this.writes++;
    for (const v of [...fresh, ...changed]) this.stats.set(v.key, v);
  }
}

class MemoryUploads {
  removed: string[] = [];
  constructor(private readonly files: Record<string, string>) {}
  async open(ref: UploadRef) {
    const text = this.files[ref.name];
    if (text === undefined) return null;
    // Small chunks, as the object store streams them.
    const buf = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(buf.length / 8192) }, (_, i) => buf.subarray(i * 8192, (i + 1) * 8192));
    return Readable.from(chunks);
  }
  async remove(ref: UploadRef) {
    this.removed.push(ref.name);
  }
}

function setup(files: Record<string, string>) {
  const repo = new MemoryRepository();
  const uploads = new MemoryUploads(files);
  const service = new HostStatsService(repo as unknown as HostStatsRepository, uploads as unknown as UploadStore);
  const start = (name: string) => service.startImport({ upload: { bucket: 'b', name } }, { keyId: 'k1', role: 'editor' });
  /** Waits for the background part of every import started so far, then shows the report. */
  const finished = async (report: HostStatsImportReport) => {
    await service.onApplicationShutdown();
    return service.importReport(report.id);
  };
  return { repo, uploads, service, start, finished };
}

describe('host-country statistics import', () => {
  it('refuses another table with 422 before creating an import, and removes the upload', async () => {
    const { repo, uploads, start } = setup({ other: 'name,country,city\nUkrainian House,DE,Berlin\n', empty: '' });
    const err = await start('other').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'unprocessable', details: { missingColumns: expect.arrayContaining(['iso_code', 'Data Date']) } });
    await expect(start('empty')).rejects.toMatchObject({ code: 'unprocessable' });
    expect(repo.imports.size).toBe(0);
    expect(uploads.removed).toEqual(['other', 'empty']);
  });

  it('answers processing at once, then completes with counts; importing the same file again changes nothing', async () => {
    const csv = [HEADER, 'DEU,Germany,07-2022,10', 'POL,Poland,07-2022,20', 'XYZ,Nowhere,07-2022,5', 'DEU,Germany,07-2022,10', ''].join('\n');
    const { repo, uploads, start, finished } = setup({ a: csv, b: csv });
    const accepted = await start('a');
    expect(accepted).toMatchObject({ status: 'processing', finishedAt: null });
    expect(await finished(accepted)).toMatchObject({
      status: 'completed',
      rowsRead: 4,
      accepted: 2,
      inserted: 2,
      unchanged: 0,
      rejectedCount: 2,
      rejected: [
        { line: 4, reason: 'unknown country code XYZ' },
        { line: 5, reason: 'repeats line 2' },
      ],
      countries: ['DE', 'PL'],
      periodFrom: '2022-07',
      periodTo: '2022-07',
      progress: { bytesRead: Buffer.byteLength(csv), percent: 100 },
    });
    expect(repo.imports.get(accepted.id)?.startedBy).toBe('k1');
    const again = await finished(await start('b'));
    expect(again).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 2 });
    expect(uploads.removed).toEqual(['a', 'b']);
  });

  it('ends failed and stores nothing when the file breaks after the header was accepted', async () => {
    const rows = Array.from({ length: 8000 }, () => 'DEU,Germany,07-2022,10');
    const csv = [HEADER, ...rows, `POL,"${'x'.repeat(20000)}`, ''].join('\n');
    const { repo, uploads, start, finished } = setup({ big: csv });
    const report = await finished(await start('big'));
    expect(report).toMatchObject({ status: 'failed', failure: expect.stringContaining('not readable CSV'), inserted: 0 });
    expect(report.finishedAt).not.toBeNull();
    expect(repo.writes).toBe(0);
    expect(uploads.removed).toEqual(['big']);
  });

  it('404 for an unknown import', async () => {
    await expect(setup({}).service.importReport('ffffffffffffffffffffffff')).rejects.toMatchObject({ code: 'not_found' });
  });
});
