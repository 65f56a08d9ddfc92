import { TextPage } from '@vidnova/contracts';

/**
 * Most bytes of one page of a paged text reply (`textPages`) as the reply's JSON carries it (quotes, line
 * ends and backslashes escaped): NATS refuses a message past 1 MiB, and the rest is the reply's envelope
 * and headroom.
 */
export const TEXT_PAGE_JSON_BYTES = 768 * 1024;

/** Bytes a string takes inside a JSON document. */
const jsonBytes = (s: string): number => Buffer.byteLength(JSON.stringify(s)) - 2;

/**
 * One page of a paged text reply from records read in order, up to `limit` + 1 of them (the one past
 * `limit` tells there is more): `head` (the first page's opening), then each record's text while the page
 * stays within TEXT_PAGE_JSON_BYTES (at least one record), then `tail` when no record is left for a next
 * page. `next` is the id of the last record on the page; the caller reads the next page after it.
 */
export function textPage<T>(records: T[], opts: { limit: number; render: (record: T) => string; idOf: (record: T) => string; head?: string; tail?: string }): TextPage {
  const parts = opts.head ? [opts.head] : [];
  let bytes = opts.head ? jsonBytes(opts.head) : 0;
  let count = 0;
  for (const record of records.slice(0, opts.limit)) {
    const text = opts.render(record);
    bytes += jsonBytes(text);
    if (count > 0 && bytes > TEXT_PAGE_JSON_BYTES) break;
    parts.push(text);
    count++;
  }
  if (count < records.length) return { text: parts.join(''), next: opts.idOf(records[count - 1]) };
  if (opts.tail) parts.push(opts.tail);
  return { text: parts.join('') };
}
