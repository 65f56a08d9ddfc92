import { inflateSync } from 'node:zlib';

/**
 * Text of a PDF printed by Chromium (Skia), for tests: pdftotext (poppler-utils) is not installed on
 * this machine and no PDF library is a dependency, so this reads what Skia writes and nothing more —
 * Flate-compressed content streams, Type0 fonts with Identity-H encoding and a ToUnicode CMap
 * (bfchar/bfrange), text shown with Tj/TJ as hex glyph strings. Not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
  const streamOf = (body: string): string | null => {
    const m = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
    if (!m) return null;
    const raw = Buffer.from(m[1], 'latin1');
    try {
      return (/\/FlateDecode/.test(body) ? inflateSync(raw) : raw).toString('latin1');
    } catch {
      return null;
    }
  };
  // Font object id → glyph id → text, from each font's ToUnicode CMap.
  const cmaps = new Map<string, Map<number, string>>();
  const hexText = (h: string) => Buffer.from(h.length % 4 ? h.padStart(h.length + (4 - (h.length % 4)), '0') : h, 'hex').swap16().toString('utf16le');
  for (const [id, body] of objects) {
    const tu = /\/ToUnicode (\d+) 0 R/.exec(body);
    if (!tu) continue;
    const cmap = streamOf(objects.get(tu[1]) ?? '');
    if (!cmap) continue;
    const map = new Map<number, string>();
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1], 16), hexText(m[2]));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const [lo, hi, start] = [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
        for (let g = lo; g <= hi; g++) map.set(g, String.fromCodePoint(start + g - lo));
      }
    }
    cmaps.set(id, map);
  }
  // Font resource names (/F4) → font object ids, from every resource dictionary.
  const fontNames = new Map<string, string>();
  for (const body of objects.values()) {
    for (const dict of body.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const m of dict[1].matchAll(/\/(\w+) (\d+) 0 R/g)) fontNames.set(m[1], m[2]);
    }
  }
  const out: string[] = [];
  for (const body of objects.values()) {
    if (/\/ToUnicode|\/Subtype\s*\/(Image|CIDFontType|Type0)/.test(body)) continue;
    const content = streamOf(body);
    if (!content || !/\bBT\b/.test(content)) continue;
    let map: Map<number, string> | undefined;
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:[^\]]*))\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bET\b/g)) {
      if (m[1]) map = cmaps.get(fontNames.get(m[1]) ?? '');
      else if (m[0] === 'ET') out.push('\n');
      else {
        const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((h) => h[1]) : [m[3]];
        for (const h of hexes) for (let i = 0; i + 4 <= h.length; i += 4) out.push(map?.get(parseInt(h.slice(i, i + 4), 16)) ?? '');
        out.push(' ');
      }
    }
  }
  return out.join('').replace(/[ \t]+/g, ' ');
}
