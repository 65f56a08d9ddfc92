import { Readable } from 'node:stream';
import { CsvFieldTooLargeError, CsvRecordTooLargeError, openCsv } from './csv';

const read = async (text: string | Readable, opts = {}) => {
  const csv = await openCsv(typeof text === 'string' ? Readable.from([Buffer.from(text)]) : text, opts);
  const rows: string[][] = [];
  for await (const r of csv!.records) rows.push(r.fields);
  return { header: csv!.header, rows };
};

describe('openCsv bounds', () => {
  it('reads fields up to maxFieldChars', async () => {
    const { rows } = await read(`a,b\n1,${'x'.repeat(100)}\n`, { maxFieldChars: 100 });
    expect(rows[0][1]).toHaveLength(100);
  });

  it('fails the read on a field longer than maxFieldChars, naming its line and column', async () => {
    await expect(read(`a,b\n1,2\n3,${'x'.repeat(101)}\n`, { maxFieldChars: 100 })).rejects.toThrow(new CsvFieldTooLargeError(100, 3, 2));
  });

  it('refuses a long field in the header line at once', async () => {
    await expect(read(`a,${'h'.repeat(200)}\n1,2\n`, { maxFieldChars: 100 })).rejects.toBeInstanceOf(CsvFieldTooLargeError);
  });

  it('stops a 64 MiB single field at the record bound without buffering it whole', async () => {
    const MiB = 1024 * 1024;
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent === 0) this.push(Buffer.from('a,b\n1,"'));
        if (sent >= 64 * MiB) return this.push(null);
        sent += MiB;
        this.push(Buffer.alloc(MiB, 0x78));
      },
    });
    const before = process.memoryUsage().rss;
    await expect(read(source, { maxRecordChars: 64 * 1024 })).rejects.toBeInstanceOf(CsvRecordTooLargeError);
    expect(sent).toBeLessThan(64 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });
});
