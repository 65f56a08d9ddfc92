import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { detectEncoding, detectSeparator } from './format';

const SAMPLE_BYTES = 64 * 1024;

export interface CsvRecord {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  fields: string[];
}

export interface OpenedCsv {
  encoding: 'utf8' | 'utf8-bom' | 'win1251';
  separator: ';' | ',';
  header: string[];
  /** The records after the header, streamed. */
  records: AsyncIterableIterator<CsvRecord>;
  close(): void;
}

/**
 * Opens a CSV byte stream of unknown encoding and separator: sniffs the first 64 KiB, then decodes and
 * parses as a stream (backpressure all the way to the object store), so memory stays bounded.
 * Returns null when there is no header line at all.
 */
export async function openCsv(source: Readable): Promise<OpenedCsv | null> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SAMPLE_BYTES) {
    const { value, done } = await iterator.next();
    if (done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
    head.push(chunk);
    size += chunk.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample);
  const decodedSample = iconv.decode(sample, encoding === 'win1251' ? 'win1251' : 'utf8');
  const firstLine = decodedSample.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) return null;
  const separator = detectSeparator(firstLine);

  async function* bytes(): AsyncGenerator<Buffer> {
    yield sample;
    if (ended) return;
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      yield Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
    }
  }
  const decoder = iconv.decodeStream(encoding === 'win1251' ? 'win1251' : 'utf8', { stripBOM: true });
  const parser = parse({
    delimiter: separator,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: false,
    info: true,
  });
  const byteStream = Readable.from(bytes());
  byteStream.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e: Error) => parser.destroy(e));
  byteStream.pipe(decoder).pipe(parser);

  const records = (async function* (): AsyncGenerator<CsvRecord> {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: item.info.lines, fields: item.record };
    }
  })();
  const first = await records.next().catch((e: unknown) => {
    throw e;
  });
  if (first.done) return null;
  return {
    encoding,
    separator,
    header: first.value.fields,
    records,
    close: () => {
      byteStream.destroy();
      parser.destroy();
    },
  };
}
