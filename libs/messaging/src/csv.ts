import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';

const SAMPLE_BYTES = 64 * 1024;
/** Default longest record (characters): a line longer than this is refused, never buffered whole. */
export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024;
/** Default longest field (characters): a longer cell fails the read with CsvFieldTooLargeError. */
export const DEFAULT_MAX_FIELD_CHARS = 16 * 1024;

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

export interface CsvOptions {
  /** Longest record in characters; a longer one fails the stream with CsvRecordTooLargeError. */
  maxRecordChars?: number;
  /** Longest field in characters (at most maxRecordChars); a longer one fails the stream with CsvFieldTooLargeError. */
  maxFieldChars?: number;
}

/** A record longer than the reader accepts (a missing closing quote, or not a CSV file at all). */
export class CsvRecordTooLargeError extends Error {
  constructor(readonly limitChars: number, readonly line?: number) {
    super(`a CSV record${line ? ` near line ${line}` : ''} is longer than ${limitChars} characters`);
    this.name = 'CsvRecordTooLargeError';
  }
}

/** A field (cell) longer than the reader accepts. */
export class CsvFieldTooLargeError extends Error {
  constructor(
    readonly limitChars: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`field ${column} of line ${line} is longer than ${limitChars} characters`);
    this.name = 'CsvFieldTooLargeError';
  }
}

/**
 * The one CSV reader of the platform, for every import. Opens a CSV byte stream of unknown encoding
 * (UTF-8 with or without BOM, windows-1251) and separator (`;` or `,`): sniffs the first 64 KiB, then
 * decodes and parses as a stream (backpressure all the way to the object store), so memory stays
 * bounded by the largest record allowed. Returns null when there is no header line at all.
 */
export async function openCsv(source: Readable, opts: CsvOptions = {}): Promise<OpenedCsv | null> {
  const maxRecordChars = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const maxFieldChars = Math.min(opts.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS, maxRecordChars);
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
    max_record_size: maxRecordChars,
  });
  const byteStream = Readable.from(bytes());
  byteStream.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e: Error) => parser.destroy(e));
  byteStream.pipe(decoder).pipe(parser);

  const records = (async function* (): AsyncGenerator<CsvRecord> {
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // The parser bounds the whole record (so memory stays bounded); each field is bounded here.
        const long = item.record.findIndex((f) => f.length > maxFieldChars);
        if (long >= 0) throw new CsvFieldTooLargeError(maxFieldChars, item.info.lines, long + 1);
        yield { line: item.info.lines, fields: item.record };
      }
    } catch (e) {
      const err = e as { code?: string; lines?: number };
      if (err.code === 'CSV_MAX_RECORD_SIZE') throw new CsvRecordTooLargeError(maxRecordChars, err.lines);
      throw e;
    }
  })();
  const first = await records.next();
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

/** `;` or `,`, whichever separates more fields of the header line (outside quotes). */
export function detectSeparator(headerLine: string): ';' | ',' {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semi++;
    else if (!quoted && ch === ',') comma++;
  }
  return semi > comma ? ';' : ',';
}

/**
 * UTF-8 (with or without BOM) or windows-1251, from the first bytes of the file. Bytes that are not
 * valid UTF-8 mean windows-1251 (the portal's other encoding); a multi-byte character cut at the end
 * of the sample is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): 'utf8' | 'utf8-bom' | 'win1251' {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8-bom';
  let end = sample.length;
  // Drop an incomplete trailing sequence (at most 3 bytes) before the strict check.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf8';
  } catch {
    return 'win1251';
  }
}
