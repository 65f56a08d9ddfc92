import { Injectable } from '@nestjs/common';
import { authorize, CreateLinkRequest, DomainError, FieldError, LinkParty, LinkView, ListLinksRequest, ownerFor, Page, Principal } from '@vidnova/contracts';
import { communityByKatottg } from '@vidnova/reference';
import { QueryFilter } from 'mongoose';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { linkKey, partyProblems, sameParty } from './link-rules';
import { LinkDoc } from './link.schema';
import { LinksRepository } from './links.repository';

@Injectable()
export class LinksService {
  constructor(
    private readonly repo: LinksRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async create(req: CreateLinkRequest, who: Principal | undefined): Promise<LinkView> {
    const invalid = [...partyProblems(req.from, 'from'), ...partyProblems(req.to, 'to')];
    if (invalid.length) throw new DomainError('validation_failed', 'The link failed validation', undefined, invalid);
    const from = cleanParty(req.from);
    const to = cleanParty(req.to);
    const owner = ownerFor(who);
    authorize(who, 'create', 'Link', authzRecord({ owner, from, to }));
    const unprocessable: FieldError[] = [];
    if (sameParty(from, to)) unprocessable.push({ field: 'to', message: 'a link needs two different parties' });
    for (const [side, p] of [['from', from], ['to', to]] as const) {
      if (p.kind === 'organization' && !(await this.organizations.findById(p.ref!))) {
        unprocessable.push({ field: `${side}.ref`, message: `No organisation ${p.ref} is registered` });
      }
      if (p.kind === 'community' && !communityByKatottg(p.ref!)) {
        unprocessable.push({ field: `${side}.ref`, message: `No hromada has the KATOTTG code ${p.ref}` });
      }
    }
    if (unprocessable.length) throw new DomainError('unprocessable', unprocessable.map((e) => e.message).join('; '), undefined, unprocessable);

    const key = linkKey(from, to, req.type);
    const existing = await this.repo.findByKey(key);
    if (existing) throw conflict(String(existing._id));
    try {
      const doc = await this.repo.insert({
        from,
        to,
        type: req.type,
        since: req.since,
        note: req.note,
        ...(owner ? { owner } : {}),
        organizationIds: [from, to].filter((p) => p.kind === 'organization').map((p) => p.ref!),
        key,
      });
      return toView(doc);
    } catch (e) {
      // Two identical links created at the same moment: the unique index keeps one.
      if ((e as { code?: number }).code === 11000) {
        const winner = await this.repo.findByKey(key);
        throw conflict(winner ? String(winner._id) : undefined);
      }
      throw e;
    }
  }

  async get(id: string): Promise<LinkView> {
    const doc = await this.repo.findById(id);
    if (!doc) throw DomainError.notFound('Link', id);
    return toView(doc);
  }

  async delete(id: string, who: Principal | undefined): Promise<void> {
    const current = await this.repo.findById(id);
    if (!current) throw DomainError.notFound('Link', id);
    authorize(who, 'delete', 'Link', authzRecord(current));
    if (!(await this.repo.delete(id))) throw DomainError.notFound('Link', id);
  }

  list(req: ListLinksRequest): Promise<Page<LinkView>> {
    const filter: QueryFilter<LinkDoc> = {};
    if (req.organizationId) filter.organizationIds = req.organizationId;
    if (req.type) filter.type = req.type;
    return this.repo.list(filter, { limit: req.limit, cursor: req.cursor }, toView);
  }
}

/** A link concerns the communities among its parties. */
function authzRecord(d: { owner?: string; from: LinkParty; to: LinkParty }): { owner?: string; communities: string[] } {
  return { owner: d.owner, communities: [d.from, d.to].filter((p) => p.kind === 'community' && p.ref).map((p) => p.ref!) };
}

function conflict(existingId?: string): DomainError {
  return new DomainError('conflict', 'This link is already recorded', existingId ? { existingId } : undefined);
}

function cleanParty(p: LinkParty): LinkParty {
  return { kind: p.kind, ...(p.ref ? { ref: p.ref.trim() } : {}), ...(p.name?.trim() ? { name: p.name.trim() } : {}) };
}

export function toView(d: LinkDoc): LinkView {
  return {
    id: String(d._id),
    from: cleanParty(d.from),
    to: cleanParty(d.to),
    type: d.type,
    ...(d.since ? { since: d.since } : {}),
    ...(d.note ? { note: d.note } : {}),
    ...(d.owner ? { owner: d.owner } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
  };
}
