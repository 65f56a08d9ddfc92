import { TEXT_PAGE_JSON_BYTES, textPage } from './text-pages';

/** Pages through `records` as the gateway does (after = previous next) and answers the pages. */
function pageThrough(records: Array<{ id: string; text: string }>, limit: number) {
  const pages: Array<{ text: string; next?: string }> = [];
  let after: string | undefined;
  for (;;) {
    const from = after === undefined ? 0 : records.findIndex((r) => r.id === after) + 1;
    const page = textPage(records.slice(from, from + limit + 1), { limit, render: (r) => r.text, idOf: (r) => r.id, head: after ? undefined : 'HEAD\r\n', tail: 'END\r\n' });
    pages.push(page);
    if (!page.next) return pages;
    after = page.next;
  }
}

describe('textPage', () => {
  const records = (n: number, text: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ id: String(i).padStart(6, '0'), text: text(i) }));

  it('pages end to end are the whole document: head once, every record once in order, tail once', () => {
    const all = records(5000, (i) => `"Громада ${i}", "${'"'.repeat(i % 300)}"\r\n`);
    const pages = pageThrough(all, 4000);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map((p) => p.text).join('')).toBe(`HEAD\r\n${all.map((r) => r.text).join('')}END\r\n`);
    for (const p of pages) expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThan(TEXT_PAGE_JSON_BYTES + 1024);
  });

  it('stops at `limit` records and says where to go on; the last page closes', () => {
    const pages = pageThrough(records(25, (i) => `${i}\n`), 10);
    expect(pages.map((p) => p.next)).toEqual(['000009', '000019', undefined]);
    expect(pages[2].text).toBe('20\n21\n22\n23\n24\nEND\r\n');
  });

  it('a record larger than a page still goes out, alone', () => {
    const big = 'я'.repeat(TEXT_PAGE_JSON_BYTES);
    const pages = pageThrough([{ id: 'a', text: 'x' }, { id: 'b', text: big }, { id: 'c', text: 'z' }], 10);
    expect(pages.map((p) => p.text)).toEqual(['HEAD\r\nx', big, 'zEND\r\n']);
  });

  it('an empty document is its head and tail', () => {
    expect(textPage([], { limit: 10, render: String, idOf: String, head: 'H', tail: 'T' })).toEqual({ text: 'HT' });
  });
});
