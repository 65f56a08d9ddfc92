import Fastify from 'fastify';
import { AUDIT_MARK } from './audit.interceptor';
import { installAuditRecorder } from './audit.recorder';
import { AuditRepository } from './audit.repository';
import { AuditDoc } from './audit.schema';

/** The recorder against a stand-in repository whose database fails for a while (a unit boundary). */
function setup(failures: number) {
  const stored: AuditDoc[] = [];
  let calls = 0;
  const repo = {
    record: async (entry: AuditDoc) => {
      calls++;
      if (calls <= failures) throw new Error('not primary');
      stored.push(entry);
    },
  } as unknown as AuditRepository;
  const app = Fastify();
  app.addHook('preHandler', async (req) => {
    (req as unknown as Record<symbol, unknown>)[AUDIT_MARK] = { apiKeyId: 'k1', role: 'editor', correlationId: 'c1', kind: 'write' };
  });
  app.post('/w', async () => ({ ok: true }));
  installAuditRecorder(app, repo);
  return { app, stored, calls: () => calls };
}

describe('audit recorder', () => {
  it('retries an entry the database refused and stores it once it answers', async () => {
    const { app, stored, calls } = setup(2);
    expect((await app.inject({ method: 'POST', url: '/w' })).statusCode).toBe(200);
    for (let i = 0; i < 40 && stored.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(calls()).toBe(3);
    expect(stored).toEqual([expect.objectContaining({ apiKeyId: 'k1', method: 'POST', path: '/w', status: 200, kind: 'write' })]);
    await app.close();
  });
});
