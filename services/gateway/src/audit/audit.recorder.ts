import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { AUDIT_MARK, AuditMark } from './audit.interceptor';
import { AuditRepository } from './audit.repository';

/** Writes an audit entry for every marked request once its reply has gone out, with the status sent. */
export function installAuditRecorder(fastify: FastifyInstance, repo: AuditRepository): void {
  const logger = new Logger('AuditLog');
  fastify.addHook('onResponse', (req, reply, done) => {
    const mark = (req as { [AUDIT_MARK]?: AuditMark })[AUDIT_MARK];
    if (mark) {
      repo
        .record({
          ...mark,
          method: req.method,
          path: req.url,
          route: req.routeOptions.url,
          status: reply.statusCode,
          at: new Date(),
        })
        .catch((e: Error) => logger.error(`audit entry lost for ${req.method} ${req.url} (${mark.correlationId}): ${e.message}`));
    }
    done();
  });
}
