import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import { BusClient, busSubject } from '@vidnova/messaging';
import { InjectModel } from '@nestjs/mongoose';
import { API_KEY_REVOKED_SUBJECT, DomainError, Page } from '@vidnova/contracts';
import { paginate } from '@vidnova/mongo';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Model } from 'mongoose';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../platform/bus.module';
import { API_KEY_MODEL, ApiKeyDoc } from './api-key.schema';
import { Role } from './roles';

export interface Principal {
  keyId: string;
  role: Role;
  organization?: string;
  communities?: string[];
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  organization?: string;
  communities?: string[];
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Longest a revocation can take to reach an instance that missed the broadcast (NATS was down). */
const CACHE_MS = 5000;
/** Id of the admin key configured by VIDNOVA_ADMIN_API_KEY. */
export const BOOTSTRAP_KEY_ID = 'bootstrap-admin';

@Injectable()
export class ApiKeysService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private readonly adminHash?: Buffer;
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private subscription?: Subscription;

  constructor(
    @InjectModel(API_KEY_MODEL) private readonly model: Model<ApiKeyDoc>,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Optional() private readonly bus?: BusClient,
  ) {
    if (config.VIDNOVA_ADMIN_API_KEY) this.adminHash = Buffer.from(sha256(config.VIDNOVA_ADMIN_API_KEY), 'hex');
  }

  /** Every instance listens for revocations made on any instance and forgets what it cached. */
  onApplicationBootstrap(): void {
    this.subscription = this.bus?.connection.subscribe(busSubject(API_KEY_REVOKED_SUBJECT), { callback: () => this.cache.clear() });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /**
   * Resolves a presented key to its principal, or null. A revocation reaches every instance at once
   * over NATS, and within CACHE_MS at worst.
   */
  async authenticate(key: string): Promise<Principal | null> {
    const hash = sha256(key);
    if (this.adminHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminHash)) {
      return (await this.bootstrapRevoked()) ? null : { keyId: BOOTSTRAP_KEY_ID, role: 'admin' };
    }
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const doc = await this.model.findOne({ hash }).lean().exec();
    const principal = doc && !doc.revokedAt ? toPrincipal(doc) : null;
    if (this.cache.size > 10000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  async create(
    name: string,
    role: Role,
    createdBy: string,
    scope: { organization?: string; communities?: string[] } = {},
  ): Promise<ApiKeyView & { key: string }> {
    const keyId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const key = `vdn_${keyId}_${secret}`;
    const doc = await this.model.create({
      keyId,
      hash: sha256(key),
      prefix: key.slice(0, 12),
      name,
      role,
      ...(scope.organization ? { organization: scope.organization.trim() } : {}),
      ...(scope.communities?.length ? { communities: [...new Set(scope.communities)] } : {}),
      createdBy,
      createdAt: new Date(),
    });
    return { ...toView(doc.toObject()), key };
  }

  async list(opts: { limit?: number; cursor?: string }): Promise<Page<ApiKeyView>> {
    return paginate(this.model, {}, opts, toView);
  }

  async revoke(id: string, by: string): Promise<ApiKeyView> {
    if (id === BOOTSTRAP_KEY_ID) return this.revokeBootstrap(by);
    const doc = await this.model
      .findOneAndUpdate({ keyId: id, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } }, { returnDocument: 'after' })
      .lean()
      .exec();
    if (!doc) {
      const exists = await this.model.exists({ keyId: id });
      if (!exists) throw DomainError.notFound('API key', id);
      throw new DomainError('conflict', `API key ${id} is already revoked`);
    }
    this.revoked(id);
    return toView(doc);
  }

  /**
   * Disables the key from VIDNOVA_ADMIN_API_KEY for good (recorded in the database, so a restart with
   * the same environment does not bring it back). Refused while no other admin key is active, so the
   * platform is never left without an administrator.
   */
  private async revokeBootstrap(by: string): Promise<ApiKeyView> {
    if (!this.adminHash) throw DomainError.notFound('API key', BOOTSTRAP_KEY_ID);
    const admins = await this.model.countDocuments({ role: 'admin', revokedAt: { $exists: false }, keyId: { $ne: BOOTSTRAP_KEY_ID } });
    if (admins === 0) {
      throw new DomainError('conflict', 'Create another admin key before disabling the bootstrap key: the platform would have no administrator');
    }
    const now = new Date();
    const doc = await this.model
      .findOneAndUpdate(
        { keyId: BOOTSTRAP_KEY_ID },
        {
          $setOnInsert: { hash: this.adminHash.toString('hex'), prefix: '(environment)', name: 'bootstrap admin (VIDNOVA_ADMIN_API_KEY)', role: 'admin', createdBy: 'config', createdAt: now },
          $set: { revokedAt: now, revokedBy: by },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean()
      .exec();
    this.revoked(BOOTSTRAP_KEY_ID);
    return toView(doc!);
  }

  private bootstrapState?: { revoked: boolean; until: number };

  private async bootstrapRevoked(): Promise<boolean> {
    if (this.bootstrapState && this.bootstrapState.until > Date.now()) return this.bootstrapState.revoked;
    const doc = await this.model.findOne({ keyId: BOOTSTRAP_KEY_ID }, { revokedAt: 1 }).lean().exec();
    this.bootstrapState = { revoked: !!doc?.revokedAt, until: Date.now() + CACHE_MS };
    return this.bootstrapState.revoked;
  }

  /** Forgets cached keys here and tells every other gateway instance to do the same. */
  private revoked(keyId: string): void {
    this.cache.clear();
    this.bootstrapState = undefined;
    try {
      this.bus?.connection.publish(busSubject(API_KEY_REVOKED_SUBJECT), keyId);
    } catch (e) {
      this.logger.warn(`revocation of ${keyId} not broadcast (other instances pick it up within ${CACHE_MS} ms): ${(e as Error).message}`);
    }
  }
}

/** What travels with every request of this key (kept small: it is a NATS header). */
function toPrincipal(d: ApiKeyDoc): Principal {
  return {
    keyId: d.keyId,
    role: d.role,
    ...(d.organization ? { organization: d.organization } : {}),
    ...(d.communities?.length ? { communities: d.communities } : {}),
  };
}

function toView(d: ApiKeyDoc): ApiKeyView {
  return {
    id: d.keyId,
    name: d.name,
    role: d.role,
    ...(d.organization ? { organization: d.organization } : {}),
    ...(d.communities?.length ? { communities: d.communities } : {}),
    prefix: d.prefix,
    createdAt: new Date(d.createdAt).toISOString(),
    createdBy: d.createdBy,
    revokedAt: d.revokedAt ? new Date(d.revokedAt).toISOString() : null,
  };
}
