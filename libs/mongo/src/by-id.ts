import type { mongo } from 'mongoose';

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Document = mongo.Document;

/** How many single-document lookups go at a time. */
const IN_FLIGHT = 16;

async function eachId<R>(ids: readonly unknown[], work: (id: unknown) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += IN_FLIGHT) out.push(...(await Promise.all(ids.slice(i, i + IN_FLIGHT).map(work))));
  return out;
}

/**
 * The documents with these `_id`s, by one equality lookup each (a few in flight), in no set order.
 *
 * Why not `{ _id: { $in: ids } }`: FerretDB v1 pushes down no `$in`, so it decodes and matches every
 * document of the collection itself (measured: 1.4 s at 20k documents on its PostgreSQL backend), while
 * an `_id` equality is pushed down to the storage on both backends (still a scan there, see decision
 * 0002, but far cheaper). MongoDB serves both from the `_id` index. Meant for the few ids of one
 * request (the periods of a budget).
 */
export async function findByIds<T extends Document>(collection: Collection<T>, ids: readonly unknown[], projection?: Document): Promise<T[]> {
  const docs = await eachId(ids, (id) => collection.findOne({ _id: id } as never, projection ? { projection } : {}) as Promise<T | null>);
  return docs.filter((d): d is T => d !== null);
}

/** Deletes the documents with these `_id`s, one equality delete each (see findByIds); how many went. */
export async function deleteByIds(collection: Collection<Document>, ids: readonly unknown[]): Promise<number> {
  const counts = await eachId(ids, async (id) => (await collection.deleteOne({ _id: id } as never)).deletedCount);
  return counts.reduce((a, b) => a + b, 0);
}
