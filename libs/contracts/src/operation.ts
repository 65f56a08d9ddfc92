/**
 * A bus operation: its versioned subject, the class of its request (validated by the service that
 * handles it) and the shape of its reply. One definition serves both sides: the gateway calls
 * `bus.send(op, payload)` and gets the reply type; the service handles it with `@Handles(op)`, whose
 * method signature must take the request class and return the reply type, so a drift between the
 * two sides is a compile error.
 */
import type { TextPage } from './common';
import type { Page } from './pagination';

export type Class<T = unknown> = abstract new (...args: never[]) => T;

/** How a reply is shaped, for typing on both sides and for the OpenAPI response of a route. */
export type ReplySpec<R> =
  | { readonly kind: 'one'; readonly type: Class; readonly __reply?: R }
  | { readonly kind: 'page'; readonly type: Class; readonly __reply?: R }
  | { readonly kind: 'list'; readonly type: Class; readonly __reply?: R }
  | { readonly kind: 'none'; readonly __reply?: R }
  | { readonly kind: 'text'; readonly mediaType: string; readonly __reply?: R }
  | { readonly kind: 'textPages'; readonly mediaType: string; readonly __reply?: R };

export interface Operation<Req, Res> {
  /** Versioned NATS subject, e.g. `diaspora.organization.update.v1`. */
  readonly subject: string;
  readonly request: Class<Req>;
  readonly reply: ReplySpec<Res>;
}

/** Reply markers: `op(subject, Req, OrganizationView)` or `op(subject, Req, pageOf(OrganizationView))`. */
export const pageOf = <T>(type: Class<T>): ReplySpec<Page<T>> => ({ kind: 'page', type });
export const listOf = <T>(type: Class<T>): ReplySpec<T[]> => ({ kind: 'list', type });
/** The operation answers nothing (a delete): the gateway answers 204. */
export const noContent: ReplySpec<void> = { kind: 'none' };
/** The reply is a document in another format (CSV, GeoJSON) carried as a string. */
export const textReply = (mediaType: string): ReplySpec<string> => ({ kind: 'text', mediaType });
/**
 * A document in another format that can be larger than one bus message, sent a page at a time
 * (TextPage; the request takes `after`): the gateway streams the pages as one HTTP response.
 */
export const textPages = (mediaType: string): ReplySpec<TextPage> => ({ kind: 'textPages', mediaType });

const SUBJECT = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+\.v\d+$/;

export function op<Req, Res>(subject: string, request: Class<Req>, reply: Class<Res> | ReplySpec<Res>): Operation<Req, Res> {
  if (!SUBJECT.test(subject)) throw new Error(`bus subject "${subject}" is not <service>.<thing>.<verb>.v<N>`);
  const spec: ReplySpec<Res> = typeof reply === 'function' ? { kind: 'one', type: reply } : reply;
  return Object.freeze({ subject, request, reply: spec });
}

export type RequestOf<O> = O extends Operation<infer Req, unknown> ? Req : never;
export type ReplyOf<O> = O extends Operation<unknown, infer Res> ? Res : never;
