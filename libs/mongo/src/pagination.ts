import { DomainError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page } from '@vidnova/contracts';
import { QueryFilter, Model, Types } from 'mongoose';

export function encodeCursor(id: Types.ObjectId | string): string {
  return Buffer.from(JSON.stringify({ id: String(id) })).toString('base64url');
}

export function decodeCursor(cursor: string): Types.ObjectId {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown };
    if (typeof parsed.id === 'string' && Types.ObjectId.isValid(parsed.id)) return new Types.ObjectId(parsed.id);
  } catch {
    // fall through
  }
  throw new DomainError('validation_failed', 'The cursor is not valid', undefined, [
    { field: 'cursor', message: 'cursor must be a value returned as nextCursor' },
  ]);
}

export const pageSize = (limit?: number): number => Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);

/**
 * Keyset pagination over `_id` descending (newest first): stable under inserts, no skip/offset.
 * Reads one extra document to know whether another page exists.
 */
export async function paginate<TDoc, TView>(
  model: Model<TDoc>,
  filter: QueryFilter<TDoc>,
  opts: { limit?: number; cursor?: string },
  toView: (doc: TDoc & { _id: Types.ObjectId }) => TView,
): Promise<Page<TView>> {
  const limit = pageSize(opts.limit);
  // The cursor joins the filter's own fields rather than wrapping it in `$and`, so a filter of plain
  // equalities stays one FerretDB can push down to its storage.
  const after = opts.cursor ? { _id: { $lt: decodeCursor(opts.cursor) } } : null;
  const query: QueryFilter<TDoc> = !after
    ? filter
    : '_id' in filter
      ? ({ $and: [filter, after] } as QueryFilter<TDoc>)
      : ({ ...filter, ...after } as QueryFilter<TDoc>);
  const docs = (await model
    .find(query)
    .sort({ _id: -1 })
    .limit(limit + 1)
    .lean()
    .exec()) as unknown as Array<TDoc & { _id: Types.ObjectId }>;
  const hasMore = docs.length > limit;
  const items = docs.slice(0, limit);
  return {
    items: items.map(toView),
    nextCursor: hasMore && items.length ? encodeCursor(items[items.length - 1]._id) : null,
  };
}

export const isObjectId = (id: string): boolean => /^[a-f0-9]{24}$/i.test(id);
