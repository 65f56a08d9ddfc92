import { canonicalJson, requestFingerprint } from './fingerprint';

describe('request fingerprint', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(requestFingerprint('', { a: 1, b: 2 })).toBe(requestFingerprint('', { b: 2, a: 1 }));
  });

  it('tells apart bodies that differ in a value, in array order, or in the query string', () => {
    const base = requestFingerprint('', { name: 'Lviv', tags: ['a', 'b'] });
    expect(requestFingerprint('', { name: 'Lviv ', tags: ['a', 'b'] })).not.toBe(base);
    expect(requestFingerprint('', { name: 'Lviv', tags: ['b', 'a'] })).not.toBe(base);
    expect(requestFingerprint('allowDuplicate=true', { name: 'Lviv', tags: ['a', 'b'] })).not.toBe(base);
  });

  it('treats a missing body and an explicit undefined field like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
