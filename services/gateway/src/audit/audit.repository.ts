import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { paginate } from '@vidnova/mongo';
import { Model, QueryFilter } from 'mongoose';
import { AUDIT_MODEL, AuditDoc } from './audit.schema';

export interface AuditEntryView {
  id: string;
  apiKeyId: string;
  role: string;
  method: string;
  path: string;
  route: string | null;
  status: number;
  correlationId: string;
  at: string;
  kind: 'write' | 'read' | 'refusal';
  ip: string | null;
}

export interface AuditQuery {
  keyId?: string;
  kind?: 'write' | 'read' | 'refusal';
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
}

/** The only code touching audit_log. Entries are only ever appended. */
@Injectable()
export class AuditRepository {
  constructor(@InjectModel(AUDIT_MODEL) private readonly model: Model<AuditDoc>) {}

  async record(entry: AuditDoc): Promise<void> {
    await this.model.create(entry);
  }

  list(q: AuditQuery): Promise<Page<AuditEntryView>> {
    const filter: QueryFilter<AuditDoc> = {};
    if (q.keyId) filter.apiKeyId = q.keyId;
    // Entries written before kinds were recorded carry `write` since migration 1 (src/migrations).
    if (q.kind) filter.kind = q.kind;
    if (q.from || q.to) filter.at = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
    return paginate(this.model, filter, q, (d) => ({
      id: String(d._id),
      apiKeyId: d.apiKeyId,
      role: d.role,
      method: d.method,
      path: d.path,
      route: d.route ?? null,
      status: d.status,
      correlationId: d.correlationId,
      at: new Date(d.at).toISOString(),
      kind: d.kind ?? 'write',
      ip: d.ip ?? null,
    }));
  }
}
