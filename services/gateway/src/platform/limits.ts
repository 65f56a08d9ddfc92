import rateLimit from '@fastify/rate-limit';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@vidnova/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from './bus.module';

// The stores of @fastify/rate-limit: Redis (shared by every gateway instance) and an in-process LRU.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as StoreClass;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as StoreClass;

type StoreResult = { current: number; ttl: number };
type StoreCallback = (err: Error | null, res: StoreResult | null) => void;
interface Store {
  incr(key: string, cb: StoreCallback, timeWindow: number, max: number): void;
  read(key: string, cb: StoreCallback, timeWindow: number, max: number): void;
}
type StoreClass = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => Store;

const WINDOW_MS = 60_000;

/**
 * A counter store that uses Redis while it answers and this process's memory while it does not, so a
 * Redis outage narrows limits to one instance instead of switching them off.
 */
export class FallbackStore implements Store {
  private readonly shared: Store;
  private readonly local: Store;
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis | null,
    prefix: string,
  ) {
    this.shared = redis ? new RedisStore(false, false, redis, prefix) : new LocalStore(false, false);
    this.local = new LocalStore(false, false, 50_000);
  }

  incr(key: string, cb: StoreCallback, timeWindow: number, max: number): void {
    this.call('incr', key, cb, timeWindow, max);
  }

  read(key: string, cb: StoreCallback, timeWindow: number, max: number): void {
    this.call('read', key, cb, timeWindow, max);
  }

  /** The plugin asks for a store per route; one store for all routes keeps the limit per address. */
  child(): FallbackStore {
    return this;
  }

  private call(method: 'incr' | 'read', key: string, cb: StoreCallback, timeWindow: number, max: number): void {
    if (this.redis && this.redis.status !== 'ready') {
      this.warn(`Redis is ${this.redis.status}`);
      return this.local[method](key, cb, timeWindow, max);
    }
    this.shared[method](
      key,
      (err, res) => {
        if (!err) return cb(null, res);
        this.warn(err.message);
        this.local[method](key, cb, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`address limits kept in this process's memory: ${message}`);
  }
}

const promisify = (store: Store, method: 'incr' | 'read', key: string, max: number) =>
  new Promise<StoreResult>((resolve, reject) =>
    store[method](key, (err, res) => (err || !res ? reject(err ?? new Error('no result')) : resolve(res)), WINDOW_MS, max),
  );

const isProbe = (req: FastifyRequest) => req.url.startsWith('/health/');

/**
 * Limits that apply to a client address before any work is done, even before its API key is checked:
 * a request rate per address, and a slowdown for addresses that keep presenting wrong keys (after
 * AUTH_FAILURES_PER_MINUTE failures an address gets 429 until the minute is over, so keys cannot be
 * guessed at full speed). The address is the socket's, or the one TRUST_PROXY_HOPS trusted proxies
 * report; a made-up X-Forwarded-For from the client counts for nothing.
 */
@Injectable()
export class AddressLimits implements OnApplicationShutdown {
  private readonly redis: Redis | null;
  private readonly requests: FallbackStore;
  private readonly authFailures: FallbackStore;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    const on = config.RATE_LIMIT_PER_IP_PER_MINUTE > 0 || config.AUTH_FAILURES_PER_MINUTE > 0;
    this.redis = on
      ? new Redis(config.REDIS_URL, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          commandTimeout: 500,
          connectTimeout: 2000,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        })
      : null;
    this.redis?.on('error', () => undefined); // reported by FallbackStore when it matters
    const prefix = `vidnova:${config.MONGO_DB}:`;
    this.requests = new FallbackStore(this.redis, `${prefix}ip:`);
    this.authFailures = new FallbackStore(this.redis, `${prefix}auth-failures:`);
  }

  /** Registers the per-address request limit (runs on every request before body parsing and auth). */
  async install(fastify: FastifyInstance): Promise<void> {
    const max = this.config.RATE_LIMIT_PER_IP_PER_MINUTE;
    if (max > 0) {
      const store = this.requests;
      await fastify.register(rateLimit, {
        global: true,
        hook: 'onRequest',
        max,
        timeWindow: WINDOW_MS,
        store: function Store() {
          return store;
        } as never,
        allowList: (req) => isProbe(req),
        keyGenerator: (req) => req.ip,
        errorResponseBuilder: (_req, ctx) =>
          new DomainError('rate_limited', `More than ${ctx.max} requests in a minute from this address`, {
            limit: ctx.max,
            retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)),
          }),
      });
    }
    if (this.config.AUTH_FAILURES_PER_MINUTE > 0) {
      fastify.addHook('onRequest', async (req) => {
        if (isProbe(req)) return;
        await this.refuseIfGuessing(req.ip);
      });
    }
  }

  /** Counts a failed authentication from this address. */
  async recordAuthFailure(ip: string | undefined): Promise<void> {
    if (this.config.AUTH_FAILURES_PER_MINUTE <= 0) return;
    await promisify(this.authFailures, 'incr', ip ?? 'unknown', this.config.AUTH_FAILURES_PER_MINUTE).catch(() => undefined);
  }

  private async refuseIfGuessing(ip: string): Promise<void> {
    const max = this.config.AUTH_FAILURES_PER_MINUTE;
    const state = await promisify(this.authFailures, 'read', ip, max).catch(() => ({ current: 0, ttl: 0 }));
    if (state.current >= max) {
      throw new DomainError('rate_limited', `Too many failed authentications from this address; wait before trying again`, {
        retryAfterSeconds: Math.max(1, Math.ceil(state.ttl / 1000)),
      });
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
