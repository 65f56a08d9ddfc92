import { packageItems } from './ocds-stream';

async function collect(chunks: (Buffer | string)[]): Promise<{ key: string | null; items: { index: number; value: unknown }[] }> {
  let key: string | null = null;
  const items: { index: number; value: unknown }[] = [];
  for await (const batch of packageItems((async function* () { yield* chunks; })(), (k) => (key = k))) items.push(...batch);
  return { key, items };
}

describe('packageItems (OCDS package splitter)', () => {
  const pkg = {
    uri: 'x, "releases": [1]',
    publisher: { name: 'Прозорро {[', nested: { releases: [9, 9] } },
    releases: [
      { ocid: 'ocds-1', id: 'a', tender: { title: 'Закупівля "лот, 1" ]}' , value: { amount: 10.5 } }, tags: ['a', ['b']] },
      'text, with ] brackets',
      42,
      null,
      { ocid: 'ocds-2', id: 'b\\"q', escaped: 'a\\\\', unicode: 'ї\u0000' },
    ],
    extensions: [],
  };
  const text = JSON.stringify(pkg, null, 1);

  it('cuts the top-level array into elements equal to JSON.parse, however the bytes are chunked', async () => {
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const { key, items } = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(key).toBe('releases');
      expect(items).toEqual(pkg.releases.map((value, index) => ({ index, value })));
    }
    const single = await collect([...bytes].map((b) => Buffer.from([b])));
    expect(single.items.map((i) => i.value)).toEqual(pkg.releases);
  });

  it('reads a record package and an empty array', async () => {
    expect(await collect(['{"records": [{"ocid": "o"}]}'])).toEqual({ key: 'records', items: [{ index: 0, value: { ocid: 'o' } }] });
    expect(await collect(['{"records": [ ]}'])).toEqual({ key: 'records', items: [] });
    expect(await collect(['{"uri": "u"}'])).toEqual({ key: null, items: [] });
  });

  it('refuses a truncated package, a broken element and a top level that is not an object', async () => {
    await expect(collect(['{"records": [1, 2'])).rejects.toThrow(SyntaxError);
    await expect(collect(['{"releases": [{"a": }]}'])).rejects.toThrow(SyntaxError);
    await expect(collect(['[1, 2]'])).rejects.toThrow(SyntaxError);
    await expect(collect(['{"releases": []} x'])).rejects.toThrow(SyntaxError);
  });
});
