import { Injectable } from '@nestjs/common';
import {
  authorize,
  CreateInitiativeRequest,
  DomainError,
  FieldError,
  InitiativeFields,
  InitiativeView,
  ListInitiativesRequest,
  Page,
  Principal,
  UpdateInitiativeRequest,
  ownerFor,
} from '@vidnova/contracts';
import { communityByKatottg } from '@vidnova/reference';
import { QueryFilter } from 'mongoose';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { initiativeProblems } from './initiative-rules';
import { InitiativeDoc } from './initiative.schema';
import { InitiativesRepository } from './initiatives.repository';

@Injectable()
export class InitiativesService {
  constructor(
    private readonly repo: InitiativesRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async create(req: CreateInitiativeRequest, who: Principal | undefined): Promise<InitiativeView> {
    const f = req.initiative;
    const owner = ownerFor(who);
    authorize(who, 'create', 'Initiative', authzRecord({ owner, targetCommunityCode: f.targetCommunityCode }));
    await this.check(f, f.organizerIds);
    const doc = await this.repo.insert({
      title: pickText(f.title)!,
      ...(f.description ? { description: pickText(f.description) } : {}),
      type: f.type,
      status: f.status ?? 'planned',
      organizerIds: dedupe(f.organizerIds),
      startDate: f.startDate,
      endDate: f.endDate,
      amountsRaised: (f.amountsRaised ?? []).map((a) => ({ amountMinor: a.amountMinor, currency: a.currency })),
      targetCommunityCode: f.targetCommunityCode,
      url: f.url,
      ...(owner ? { owner } : {}),
    });
    return toView(doc);
  }

  async get(id: string): Promise<InitiativeView> {
    const doc = await this.repo.findById(id);
    if (!doc) throw DomainError.notFound('Initiative', id);
    return toView(doc);
  }

  async update(req: UpdateInitiativeRequest, who: Principal | undefined): Promise<InitiativeView> {
    const current = await this.repo.findById(req.id);
    if (!current) throw DomainError.notFound('Initiative', req.id);
    const c = stripUndefined(req.changes);
    const merged = { ...current, ...c };
    authorize(who, 'update', 'Initiative', authzRecord(current));
    authorize(who, 'update', 'Initiative', authzRecord(merged));
    // Only organisers named in this change are looked up: one deleted since creation does not block other edits.
    await this.check(merged, c.organizerIds ?? []);
    const set: Record<string, unknown> = { ...c };
    if (c.organizerIds) set.organizerIds = dedupe(c.organizerIds);
    if (c.title) set.title = pickText(c.title);
    if (c.description) set.description = pickText(c.description);
    const updated = await this.repo.update(req.id, { $set: set });
    if (!updated) throw DomainError.notFound('Initiative', req.id);
    return toView(updated);
  }

  async delete(id: string, who: Principal | undefined): Promise<void> {
    const current = await this.repo.findById(id);
    if (!current) throw DomainError.notFound('Initiative', id);
    authorize(who, 'delete', 'Initiative', authzRecord(current));
    if (!(await this.repo.delete(id))) throw DomainError.notFound('Initiative', id);
  }

  list(req: ListInitiativesRequest): Promise<Page<InitiativeView>> {
    const filter: QueryFilter<InitiativeDoc> = {};
    if (req.type) filter.type = req.type;
    if (req.status) filter.status = req.status;
    if (req.organizerId) filter.organizerIds = req.organizerId;
    if (req.targetCommunityCode) filter.targetCommunityCode = req.targetCommunityCode;
    return this.repo.list(filter, { limit: req.limit, cursor: req.cursor }, toView);
  }

  /** Field rules first (400), then facts about other records (422): every organiser registered, the target hromada known. */
  private async check(f: InitiativeFields, organizerIds: string[]): Promise<void> {
    const { invalid, unprocessable } = initiativeProblems(f);
    if (invalid.length) throw new DomainError('validation_failed', 'The initiative failed validation', undefined, invalid);
    const found = await Promise.all(organizerIds.map((id) => this.organizations.findById(id)));
    const unknown: FieldError[] = organizerIds.flatMap((id, n) =>
      found[n] ? [] : [{ field: `organizerIds.${n}`, message: `No organisation ${id} is registered` }],
    );
    if (f.targetCommunityCode && !communityByKatottg(f.targetCommunityCode)) {
      unknown.push({ field: 'targetCommunityCode', message: `No hromada has the KATOTTG code ${f.targetCommunityCode}` });
    }
    const all = [...unprocessable, ...unknown];
    if (all.length) throw new DomainError('unprocessable', all.map((e) => e.message).join('; '), undefined, all);
  }
}

/** An initiative concerns its target community. */
function authzRecord(d: { owner?: string; targetCommunityCode?: string }): { owner?: string; communities: string[] } {
  return { owner: d.owner, communities: d.targetCommunityCode ? [d.targetCommunityCode] : [] };
}

function pickText(t: { uk?: string; en?: string }): { uk?: string; en?: string } | undefined {
  const out: { uk?: string; en?: string } = {};
  if (t.uk?.trim()) out.uk = t.uk.trim();
  if (t.en?.trim()) out.en = t.en.trim();
  return out.uk || out.en ? out : undefined;
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toView(d: InitiativeDoc): InitiativeView {
  return {
    id: String(d._id),
    title: { ...(d.title?.uk ? { uk: d.title.uk } : {}), ...(d.title?.en ? { en: d.title.en } : {}) },
    ...(d.description && (d.description.uk || d.description.en)
      ? { description: { ...(d.description.uk ? { uk: d.description.uk } : {}), ...(d.description.en ? { en: d.description.en } : {}) } }
      : {}),
    type: d.type,
    status: d.status,
    organizerIds: d.organizerIds ?? [],
    ...(d.startDate ? { startDate: d.startDate } : {}),
    ...(d.endDate ? { endDate: d.endDate } : {}),
    amountsRaised: (d.amountsRaised ?? []).map((a) => ({ amountMinor: a.amountMinor, currency: a.currency })),
    ...(d.targetCommunityCode ? { targetCommunityCode: d.targetCommunityCode } : {}),
    ...(d.url ? { url: d.url } : {}),
    ...(d.owner ? { owner: d.owner } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}
