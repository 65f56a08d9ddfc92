import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

export const RATE_WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a slot frees up (the oldest counted request leaves the window). */
  resetSeconds: number;
}

/**
 * Sliding-window log in one Redis sorted set per key: drop entries older than the window, count, and
 * add this request only when under the limit (refused requests do not count, so a client that backs
 * off recovers). Redis's own clock keeps several gateway instances in agreement.
 * A request may cost more than one slot (an upload costs one per MiB); `force` records the cost even
 * over the limit (bytes that already arrived). Returns [allowed, count, msUntilOldestLeaves].
 */
const SLIDING_WINDOW_LUA = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
local force = ARGV[5] == '1'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if force or count + cost <= limit then
  for i = 1, cost do redis.call('ZADD', key, now, now .. '-' .. ARGV[3] .. '-' .. i) end
  count = count + cost
  allowed = 1
end
redis.call('PEXPIRE', key, window)
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local resetMs = window
if oldest[2] then resetMs = tonumber(oldest[2]) + window - now end
return { allowed, count, resetMs }
`;

/** Header values for a decision (IETF draft RateLimit header fields, plus Retry-After on refusal). */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const h: Record<string, string> = {
    'ratelimit-limit': String(d.limit),
    'ratelimit-remaining': String(d.remaining),
    'ratelimit-reset': String(d.resetSeconds),
    'ratelimit-policy': `${d.limit};w=${RATE_WINDOW_MS / 1000}`,
  };
  if (!d.allowed) h['retry-after'] = String(Math.max(1, d.resetSeconds));
  return h;
}

export function decisionFrom(limit: number, reply: [number, number, number]): RateDecision {
  const [allowed, count, resetMs] = reply;
  return {
    allowed: allowed === 1,
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(0, Math.ceil(resetMs / 1000)),
  };
}

/**
 * The same sliding window kept in this process, used while Redis does not answer: each gateway instance
 * then limits on its own (a client spread over N instances gets up to N times the limit, never unlimited).
 */
export class LocalSlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    /** Most subjects remembered; the oldest are forgotten first. */
    private readonly maxSubjects = 50_000,
  ) {}

  hit(subject: string, limit: number, cost: number, force: boolean, now = Date.now()): [number, number, number] {
    const times = (this.hits.get(subject) ?? []).filter((t) => t > now - this.windowMs);
    let allowed = 0;
    if (force || times.length + cost <= limit) {
      for (let i = 0; i < cost; i++) times.push(now);
      allowed = 1;
    }
    this.hits.delete(subject);
    this.hits.set(subject, times);
    if (this.hits.size > this.maxSubjects) this.hits.delete(this.hits.keys().next().value as string);
    const resetMs = times.length ? times[0] + this.windowMs - now : this.windowMs;
    return [allowed, times.length, resetMs];
  }
}

/**
 * Per-key request limit in Redis, shared by every gateway instance. When Redis cannot answer, the same
 * limit is kept in this process's memory (and a warning logged at most every 30 s), never switched off.
 */
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private lastWarning = 0;
  private seq = 0;
  private readonly local = new LocalSlidingWindow(RATE_WINDOW_MS);

  constructor(
    readonly redis: Redis,
    readonly limitPerMinute: number,
    /** Namespaces the counters: gateways sharing a key store (database) share limits, others do not. */
    private readonly prefix: string,
  ) {
    redis.defineCommand('vidnovaSlidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_LUA });
    // ioredis reports connection errors as events; without a listener they would be thrown.
    redis.on('error', (e: Error) => this.warn(`Redis error: ${e.message}`));
  }

  static create(url: string, limitPerMinute: number, namespace: string): RateLimiter {
    const redis = new Redis(url, {
      lazyConnect: false,
      // Never queue commands while disconnected: a request must not wait for Redis to come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    return new RateLimiter(redis, limitPerMinute, `vidnova:${namespace}:ratelimit:`);
  }

  /** Counts `cost` slots for the subject and says whether the request may go ahead. */
  async hit(subject: string, cost = 1, force = false): Promise<RateDecision> {
    const units = Math.max(1, Math.ceil(cost));
    try {
      const member = `${process.pid}-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`;
      const reply = (await (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<[number, number, number]>>)
        .vidnovaSlidingWindow(this.prefix + subject, RATE_WINDOW_MS, this.limitPerMinute, member, units, force ? '1' : '0'));
      return decisionFrom(this.limitPerMinute, reply);
    } catch (e) {
      this.warn(`Redis did not answer; rate limits are kept in this process's memory meanwhile: ${(e as Error).message}`);
      return decisionFrom(this.limitPerMinute, this.local.hit(subject, this.limitPerMinute, units, force));
    }
  }

  /** Records slots already used (bytes of an upload that arrived beyond what was declared). */
  async charge(subject: string, cost: number): Promise<void> {
    if (cost >= 1) await this.hit(subject, cost, true);
  }

  async ping(): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error(`not connected (${this.redis.status})`);
    await this.redis.ping();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  /** At most one warning per 30 s: a Redis outage must not flood the logs. */
  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.logger.warn(message);
  }
}
