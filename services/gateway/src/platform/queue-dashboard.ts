import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { QUEUE_KEY_PREFIX, REPORTING_QUEUES } from '@vidnova/contracts';
import { busName } from '@vidnova/messaging';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import type { ApiKeysService } from '../auth/api-keys.service';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

/**
 * The queue dashboard (bull-board) of the reporting queues at /admin/queues, for admin keys only
 * (`X-API-Key`; anything else is 401/403 before bull-board sees the request). It reads Redis
 * directly, like the workers, and can retry or remove jobs — an operator's tool, not an API.
 */
export async function installQueueDashboard(fastify: FastifyInstance, keys: ApiKeysService, redisUrl: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  connection.on('error', () => undefined);
  const queues = Object.values(REPORTING_QUEUES).map((name) => new Queue(name, { connection, prefix: busName(QUEUE_KEY_PREFIX) }));
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board as never, options: { uiConfig: { boardTitle: 'Vidnova queues' } } });
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        const presented = req.headers['x-api-key'];
        const principal = typeof presented === 'string' && presented ? await keys.authenticate(presented) : null;
        if (!principal) return reply.status(401).type('application/problem+json').send(problem(401, 'Unauthorized', 'The queue dashboard needs an admin API key in X-API-Key'));
        if (principal.role !== 'admin') return reply.status(403).type('application/problem+json').send(problem(403, 'Forbidden', 'The queue dashboard is for admin keys only'));
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
  fastify.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    connection.disconnect();
  });
}
