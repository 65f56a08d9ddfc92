import { isForbiddenAddress, refusal } from './address';

describe('webhook address guard (OWASP API7)', () => {
  it('refuses private, loopback, link-local, unique-local and mapped addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::']) {
      expect([a, isForbiddenAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111']) expect([a, isForbiddenAddress(a)]).toEqual([a, false]);
  });

  it('refuses such URLs unless the allow-list names the host (and port)', async () => {
    expect(await refusal('http://127.0.0.1:9000/hook', [])).toMatch(/loopback/);
    expect(await refusal('http://localhost:9000/hook', [])).toMatch(/resolves to/);
    expect(await refusal('http://[::1]/hook', [])).toMatch(/::1/);
    expect(await refusal('http://169.254.169.254/latest/meta-data', ['127.0.0.1'])).toMatch(/169\.254\.169\.254/);
    expect(await refusal('http://127.0.0.1:9000/hook', ['127.0.0.1'])).toBeNull();
    expect(await refusal('http://127.0.0.1:9000/hook', ['127.0.0.1:9001'])).toMatch(/loopback/);
    expect(await refusal('http://127.0.0.1:9000/hook', ['127.0.0.1:9000'])).toBeNull();
    expect(await refusal('ftp://example.org/', [])).toMatch(/http/);
    expect(await refusal('http://user:pw@8.8.8.8/', [])).toMatch(/credentials/);
    expect(await refusal('http://8.8.8.8/hook', [])).toBeNull();
  });
});
