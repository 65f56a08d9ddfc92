import pino from 'pino';
import { Writable } from 'node:stream';
import { acceptCorrelationId, currentCorrelationId, runWithContext } from './correlation';
import { pinoOptions } from './logging.module';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { lines, logger: pino(pinoOptions({ service: 'test-service', level: 'info' }), dest) };
}

describe('logging with correlation ids', () => {
  it('stamps every line written inside a request context with its correlation id', async () => {
    const { lines, logger } = capture();
    await runWithContext({ correlationId: 'corr-123' }, async () => {
      logger.info('first');
      await new Promise((r) => setTimeout(r, 1));
      logger.info({ organizationId: 'x' }, 'after an await');
    });
    logger.info('outside');
    expect(lines.map((l) => [l.msg, l.correlationId])).toEqual([
      ['first', 'corr-123'],
      ['after an await', 'corr-123'],
      ['outside', undefined],
    ]);
    expect(lines[0]).toMatchObject({ service: 'test-service', level: 'info' });
  });

  it('keeps concurrent contexts apart', async () => {
    const seen: Array<string | undefined> = [];
    await Promise.all(
      ['a', 'b', 'c'].map((id, i) =>
        runWithContext({ correlationId: id }, async () => {
          await new Promise((r) => setTimeout(r, 5 - i));
          seen.push(currentCorrelationId());
        }),
      ),
    );
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
  });

  it('redacts API keys and passwords', () => {
    const { lines, logger } = capture();
    logger.info({ req: { headers: { 'x-api-key': 'vdn_secret' } }, body: { password: 'p4ss' } }, 'request');
    expect(JSON.stringify(lines[0])).not.toMatch(/vdn_secret|p4ss/);
  });

  it('redacts secrets, personal data and client addresses at any depth, and keeps the rest', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { remoteAddress: '203.0.113.9', headers: { 'X-Forwarded-For': '198.51.100.4', 'user-agent': 'curl' } },
        reply: { body: { created: { key: 'vdn_abc_def', id: 'k1' } } },
        organization: { name: { original: 'Громада' }, contactPerson: { name: 'Олена Коваль', email: 'olena@example.org' } },
        deep: { a: { b: { c: { respondent_token: 'T-123', ip: '192.0.2.1' } } } },
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    for (const leaked of ['203.0.113.9', '198.51.100.4', 'vdn_abc_def', 'Олена Коваль', 'olena@example.org', 'T-123', '192.0.2.1']) {
      expect(text).not.toContain(leaked);
    }
    expect(lines[0]).toMatchObject({ organization: { name: { original: 'Громада' } }, reply: { body: { created: { id: 'k1' } } } });
    expect(text).toContain('curl');
  });
});

describe('acceptCorrelationId', () => {
  it('keeps a short, safe id from the caller', () => {
    expect(acceptCorrelationId('req-berezhany:42.a_b')).toBe('req-berezhany:42.a_b');
  });

  it('replaces a missing, overlong or unsafe id with a fresh UUID', () => {
    for (const bad of [undefined, '', 'x'.repeat(129), 'two words', 'crlf\r\ninjected', ['a', 'b']]) {
      expect(acceptCorrelationId(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
