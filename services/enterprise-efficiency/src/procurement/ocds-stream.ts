/** What a package streams: the elements of its top-level `records` or `releases` array, each parsed. */
export interface PackageItem {
  /** The element's index in its array (0-based). */
  index: number;
  value: unknown;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Streams an OCDS record or release package: the bytes are scanned for the structure only (depth, strings, the
 * top-level keys), and each element of the top-level `records` or `releases` array is cut out and handed to
 * `JSON.parse` whole. Memory stays at one chunk plus one element; parsing is V8's native parser instead of a
 * token-by-token JavaScript one (stream-json), several times faster on Prozorro packages of tens of MB.
 *
 * `onArray` is told which array starts (`records` or `releases`); the elements of each chunk come back as one batch.
 * Throws (a SyntaxError) when an element is not JSON, when the top level is not an object, or when the package
 * ends before its top-level object is closed. Structural bytes are ASCII, so the multi-byte UTF-8 sequences of the
 * text never match them and chunks may split anywhere.
 */
export async function* packageItems(body: AsyncIterable<Buffer | string>, onArray: (key: 'records' | 'releases') => void): AsyncGenerator<PackageItem[]> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  let ended = false;
  /** At depth 1: the key just read, the bytes of the one being read, and whether a key (not a value) comes next. */
  let key: string | null = null;
  let keyParts: Buffer[] | null = null;
  let expectKey = false;
  /** Inside a picked array (depth 2 = its elements). */
  let picking = false;
  let index = 0;
  /** The current element's bytes: earlier chunks' pieces, and where it starts in this chunk (-1: not started here). */
  let pieces: Buffer[] = [];
  let inElement = false;

  for await (const raw of body) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const out: PackageItem[] = [];
    let start = inElement ? 0 : -1;
    let keyStart = keyParts ? 0 : -1;
    const finish = (end: number) => {
      const bytes = pieces.length ? Buffer.concat([...pieces, chunk.subarray(start, end)]) : chunk.subarray(start, end);
      out.push({ index: index++, value: JSON.parse(bytes.toString('utf8')) });
      pieces = [];
      inElement = false;
      start = -1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (keyParts) {
            keyParts.push(chunk.subarray(keyStart, i));
            key = Buffer.concat(keyParts).toString('utf8');
            keyParts = null;
            keyStart = -1;
          }
        }
        continue;
      }
      if (isSpace(b)) continue;
      if (ended) throw new SyntaxError(`Unexpected data after the package's top-level object at byte ${i}`);
      if (!started) {
        if (b !== OPEN_BRACE) throw new SyntaxError('The package is not a JSON object');
        started = true;
        depth = 1;
        expectKey = true;
        continue;
      }
      if (picking && depth === 2) {
        if (b === COMMA) {
          if (inElement) finish(i);
          continue;
        }
        if (b === CLOSE_BRACKET) {
          if (inElement) finish(i);
          picking = false;
          depth = 1;
          continue;
        }
        if (!inElement) {
          inElement = true;
          start = i;
        }
      }
      switch (b) {
        case QUOTE:
          inString = true;
          if (depth === 1 && expectKey) {
            keyParts = [];
            keyStart = i + 1;
            expectKey = false;
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (depth === 1 && b === OPEN_BRACKET && (key === 'records' || key === 'releases')) {
            picking = true;
            index = 0;
            onArray(key);
          }
          depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          depth--;
          if (depth === 0) ended = true;
          if (depth < 0) throw new SyntaxError(`Unbalanced ${String.fromCharCode(b)} at byte ${i}`);
          break;
        case COMMA:
          if (depth === 1) {
            expectKey = true;
            key = null;
          }
          break;
        case COLON:
          break;
        default:
          break;
      }
    }
    if (inElement && start >= 0) pieces.push(chunk.subarray(start));
    if (keyParts && keyStart >= 0) keyParts.push(chunk.subarray(keyStart));
    if (out.length) yield out;
  }
  if (!ended) throw new SyntaxError('Unexpected end of the package: its top-level object is not closed');
}
