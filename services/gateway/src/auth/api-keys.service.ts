import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, Page } from '@vidnova/contracts';
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
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const CACHE_MS = 5000;

@Injectable()
export class ApiKeysService {
  private readonly adminHash?: Buffer;
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    @InjectModel(API_KEY_MODEL) private readonly model: Model<ApiKeyDoc>,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    if (config.VIDNOVA_ADMIN_API_KEY) this.adminHash = Buffer.from(sha256(config.VIDNOVA_ADMIN_API_KEY), 'hex');
  }

  /** Resolves a presented key to its principal, or null. Revocation takes effect within CACHE_MS. */
  async authenticate(key: string): Promise<Principal | null> {
    const hash = sha256(key);
    if (this.adminHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminHash)) {
      return { keyId: 'bootstrap-admin', role: 'admin' };
    }
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const doc = await this.model.findOne({ hash }).lean().exec();
    const principal = doc && !doc.revokedAt ? { keyId: doc.keyId, role: doc.role } : null;
    if (this.cache.size > 10000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  async create(name: string, role: Role, createdBy: string): Promise<ApiKeyView & { key: string }> {
    const keyId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const key = `vdn_${keyId}_${secret}`;
    const doc = await this.model.create({
      keyId,
      hash: sha256(key),
      prefix: key.slice(0, 12),
      name,
      role,
      createdBy,
      createdAt: new Date(),
    });
    return { ...toView(doc.toObject()), key };
  }

  async list(opts: { limit?: number; cursor?: string }): Promise<Page<ApiKeyView>> {
    return paginate(this.model, {}, opts, toView);
  }

  async revoke(id: string): Promise<ApiKeyView> {
    const doc = await this.model
      .findOneAndUpdate({ keyId: id, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } }, { returnDocument: 'after' })
      .lean()
      .exec();
    if (!doc) {
      const exists = await this.model.exists({ keyId: id });
      if (!exists) throw DomainError.notFound('API key', id);
      throw new DomainError('conflict', `API key ${id} is already revoked`);
    }
    this.cache.clear();
    return toView(doc);
  }
}

function toView(d: ApiKeyDoc): ApiKeyView {
  return {
    id: d.keyId,
    name: d.name,
    role: d.role,
    prefix: d.prefix,
    createdAt: new Date(d.createdAt).toISOString(),
    createdBy: d.createdBy,
    revokedAt: d.revokedAt ? new Date(d.revokedAt).toISOString() : null,
  };
}
