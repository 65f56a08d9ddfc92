import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  correlationId: string;
  /** Authenticated caller, where known (gateway principal carried to services). */
  principal?: { keyId: string; role: string };
}

/** One store for the whole process: HTTP requests, NATS handlers and jobs all run inside it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentCorrelationId = (): string | undefined => requestContext.getStore()?.correlationId;

export const newCorrelationId = (): string => randomUUID();

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Accepts a caller-supplied id only when it is short and harmless; otherwise makes a new one. */
export const acceptCorrelationId = (candidate: unknown): string =>
  typeof candidate === 'string' && SAFE_ID.test(candidate) ? candidate : newCorrelationId();

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return requestContext.run(ctx, fn);
}
