import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';

/**
 * Streams a document that the owning service sends a page at a time (BusClient.textPages) as one HTTP
 * response. The first page is awaited before anything is sent, so a refusal (403, 404) is still a problem
 * response; a later page that fails aborts the response, so a client never takes a truncated file for a
 * whole one.
 */
export async function sendTextPages(
  res: FastifyReply,
  pages: AsyncGenerator<string>,
  headers: { contentType: string; filename?: string },
): Promise<void> {
  const first = await pages.next();
  async function* all(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    yield* pages;
  }
  res.status(200).header('content-type', headers.contentType).header('x-content-type-options', 'nosniff');
  if (headers.filename) res.header('content-disposition', `attachment; filename="${headers.filename}"`);
  await res.send(Readable.from(all(), { objectMode: false }));
}
