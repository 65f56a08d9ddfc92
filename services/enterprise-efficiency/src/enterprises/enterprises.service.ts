import { Injectable } from '@nestjs/common';
import {
  authorize,
  CreateEnterpriseRequest,
  DomainError,
  edrpouCheckDigitError,
  EnterpriseView,
  ListEnterprisesRequest,
  ownerFor,
  Page,
  Principal,
  UpdateEnterpriseRequest,
} from '@vidnova/contracts';
import { communityByKatottg } from '@vidnova/reference';
import { QueryFilter } from 'mongoose';
import { EnterpriseDoc } from './enterprise.schema';
import { KpiStore } from '../kpis/kpi-store';
import { EnterprisesRepository } from './enterprises.repository';

@Injectable()
export class EnterprisesService {
  constructor(
    private readonly repo: EnterprisesRepository,
    private readonly kpis: KpiStore,
  ) {}

  async create(req: CreateEnterpriseRequest, who: Principal | undefined): Promise<EnterpriseView> {
    const f = req.enterprise;
    checkEdrpou(f.edrpou);
    const community = knownCommunity(f.community);
    const owner = ownerFor(who);
    authorize(who, 'create', 'Enterprise', { owner, communities: [f.community] });
    const doc = await this.repo.insert({
      edrpou: f.edrpou,
      name: { uk: f.name.uk.trim(), ...(f.name.en ? { en: f.name.en.trim() } : {}) },
      legalForm: f.legalForm,
      sector: f.sector,
      community: f.community,
      oblast: community.oblast.katottg,
      staff: staffByYear(f.staff ?? []),
      ...(owner ? { owner } : {}),
      communities: [f.community],
      searchText: searchText(f.edrpou, f.name),
    });
    if (!doc) throw new DomainError('duplicate', `Enterprise ${f.edrpou} is already registered`, { edrpou: f.edrpou });
    // Statements of a code registered before (and deleted) count again, as they did when they were read each time.
    await this.kpis.refresh(f.edrpou, undefined, doc);
    return toView(doc);
  }

  async get(edrpou: string): Promise<EnterpriseView> {
    return toView(await this.load(edrpou));
  }

  /** The stored enterprise or 404 (a wrong check digit is 422 first). */
  async load(edrpou: string): Promise<EnterpriseDoc> {
    checkEdrpou(edrpou);
    const doc = await this.repo.findByEdrpou(edrpou);
    if (!doc) throw DomainError.notFound('Enterprise', edrpou);
    return doc;
  }

  /** 403 unless the principal may change this enterprise (and what hangs on it: statements, support). */
  async loadForChange(edrpou: string, who: Principal | undefined): Promise<EnterpriseDoc> {
    const doc = await this.load(edrpou);
    authorize(who, 'update', 'Enterprise', authzRecord(doc));
    return doc;
  }

  async update(req: UpdateEnterpriseRequest, who: Principal | undefined): Promise<EnterpriseView> {
    const current = await this.loadForChange(req.edrpou, who);
    const c = req.changes;
    const set: Partial<EnterpriseDoc> = {};
    if (c.name) Object.assign(set, { name: c.name, searchText: searchText(current.edrpou, c.name) });
    if (c.legalForm) set.legalForm = c.legalForm;
    if (c.sector) set.sector = c.sector;
    if (c.staff) set.staff = staffByYear(c.staff);
    if (c.community) {
      const community = knownCommunity(c.community);
      // A scoped editor can neither change nor move an enterprise out of its communities.
      authorize(who, 'update', 'Enterprise', { owner: current.owner, communities: [c.community] });
      Object.assign(set, { community: c.community, communities: [c.community], oblast: community.oblast.katottg });
    }
    const updated = await this.repo.update(req.edrpou, set);
    if (!updated) throw DomainError.notFound('Enterprise', req.edrpou);
    // Sector, oblast and staff enter the stored KPIs (revenue per employee) and say whose peers they are.
    if (c.sector || c.community || c.staff) await this.kpis.refresh(req.edrpou, undefined, updated);
    return toView(updated);
  }

  async delete(edrpou: string, who: Principal | undefined): Promise<void> {
    const current = await this.load(edrpou);
    authorize(who, 'delete', 'Enterprise', authzRecord(current));
    if (!(await this.repo.delete(edrpou))) throw DomainError.notFound('Enterprise', edrpou);
    await this.kpis.refresh(edrpou, undefined, null);
  }

  list(req: ListEnterprisesRequest): Promise<Page<EnterpriseView>> {
    const filter: QueryFilter<EnterpriseDoc> = {};
    if (req.community) filter.community = req.community;
    if (req.sector) filter.sector = req.sector;
    if (req.q?.trim()) filter.searchText = { $regex: escapeRegex(req.q.trim().toLocaleLowerCase('uk')) };
    return this.repo.list(filter, { limit: req.limit, cursor: req.cursor }, toView);
  }

  /** The stored enterprise or null, by its key (no check-digit check). */
  findOne(edrpou: string): Promise<EnterpriseDoc | null> {
    return this.repo.findByEdrpou(edrpou);
  }

  find(filter: QueryFilter<EnterpriseDoc>): Promise<EnterpriseDoc[]> {
    return this.repo.find(filter);
  }
}

/** 422 for a well-formed EDRPOU whose check digit is wrong (the rule: libs/contracts fields.ts). */
export function checkEdrpou(edrpou: string): void {
  const error = edrpouCheckDigitError(edrpou);
  if (error) throw new DomainError('unprocessable', error, { edrpou }, [{ field: 'edrpou', message: error }]);
}

function knownCommunity(katottg: string) {
  const community = communityByKatottg(katottg);
  if (!community) {
    throw new DomainError('unprocessable', `${katottg} is not a community (hromada) of the KATOTTG register`, undefined, [
      { field: 'community', message: 'unknown KATOTTG code' },
    ]);
  }
  return community;
}

function staffByYear(staff: { year: number; count: number }[]): { year: number; count: number }[] {
  const byYear = new Map(staff.map((s) => [s.year, s.count]));
  return [...byYear].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
}

const searchText = (edrpou: string, name: { uk: string; en?: string }) => `${edrpou} ${name.uk} ${name.en ?? ''}`.toLocaleLowerCase('uk');
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function authzRecord(d: Pick<EnterpriseDoc, 'owner' | 'communities'>): { owner?: string; communities: string[] } {
  return { owner: d.owner, communities: d.communities ?? [] };
}

export function toView(d: EnterpriseDoc): EnterpriseView {
  const community = communityByKatottg(d.community);
  return {
    edrpou: d.edrpou,
    name: { uk: d.name.uk, ...(d.name.en ? { en: d.name.en } : {}) },
    legalForm: d.legalForm,
    sector: d.sector,
    community: d.community,
    communityName: community?.name.en ?? null,
    oblast: d.oblast ?? null,
    staff: (d.staff ?? []).map((s) => ({ year: s.year, count: s.count })),
    ...(d.owner ? { owner: d.owner } : {}),
    communities: d.communities ?? [],
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
