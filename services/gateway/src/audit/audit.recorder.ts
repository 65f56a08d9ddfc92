import { Logger } from '@nestjs/common';
import { currentCorrelationId } from '@vidnova/logging';
import type { FastifyInstance } from 'fastify';
import { LocalSlidingWindow } from '../platform/rate-limit';
import { AUDIT_MARK, AuditMark } from './audit.interceptor';
import { AuditRepository } from './audit.repository';
import { AuditDoc } from './audit.schema';

const REFUSALS = new Set([401, 403, 429]);
/** Refusals recorded per client address and minute; a flood beyond it is counted in the log, not stored. */
export const REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE = 30;
/** Attempts to store one entry before it is written to the error log in full instead. */
const ATTEMPTS = 5;

/**
 * Writes an audit entry once a reply has gone out, with the status sent: every marked request (writes,
 * reads of personal data) and every refusal (401, 403, 429, rate-limited per address so that a flood
 * cannot fill the disk). A failed write is retried with backoff; one that still fails is logged in full
 * at error level, never dropped silently.
 */
export function installAuditRecorder(fastify: FastifyInstance, repo: AuditRepository): void {
  const logger = new Logger('AuditLog');
  const refusals = new LocalSlidingWindow(60_000);
  const pending = new Set<Promise<void>>();
  let suppressed = 0;
  let closing = false;

  const write = async (entry: AuditDoc): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await repo.record(entry);
        return;
      } catch (e) {
        if (attempt >= ATTEMPTS || closing) {
          logger.error({ auditEntry: entry, err: (e as Error).message }, `audit entry not stored after ${ATTEMPTS} attempts`);
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  };

  const store = (entry: AuditDoc): void => {
    const p = write(entry).finally(() => pending.delete(p));
    pending.add(p);
  };

  // A stopping gateway first finishes the entries it owes (the database is closed after the HTTP server).
  fastify.addHook('onClose', async () => {
    closing = true;
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 5000).unref())]);
  });

  fastify.addHook('onResponse', (req, reply, done) => {
    const mark = (req as { [AUDIT_MARK]?: AuditMark })[AUDIT_MARK];
    const base = { method: req.method, path: req.url, route: req.routeOptions.url, status: reply.statusCode, at: new Date() };
    if (mark) {
      store({ ...mark, ...base });
    } else if (REFUSALS.has(reply.statusCode)) {
      const [allowed] = refusals.hit(req.ip, REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE, 1, false);
      if (allowed) {
        const principal = (req as { principal?: { keyId: string; role: string } }).principal;
        store({
          ...base,
          apiKeyId: principal?.keyId ?? 'unauthenticated',
          role: principal?.role ?? 'none',
          correlationId: currentCorrelationId() ?? String(req.id ?? ''),
          kind: 'refusal',
          ip: req.ip,
        });
      } else if (++suppressed % 1000 === 1) {
        logger.warn(`refusals beyond ${REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE}/min from one address are not stored (${suppressed} so far)`);
      }
    }
    done();
  });
}
