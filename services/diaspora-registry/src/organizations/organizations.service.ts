import { Injectable, Logger } from '@nestjs/common';
import {
  authorize,
  can,
  CreateOrganizationRequest,
  DomainError,
  EVENT_SUBJECTS,
  GeoJsonFeatureCollection,
  ListOrganizationsRequest,
  NewOrganization,
  OrganizationFields,
  OrganizationView,
  Page,
  Principal,
  UpdateOrganizationRequest,
  ownerFor,
} from '@vidnova/contracts';
import { currentCorrelationId } from '@vidnova/logging';
import { QueryFilter } from 'mongoose';
import { OutboxRelay, pendingEvent } from '@vidnova/mongo';
import { foundedAfterInvasion } from './founded';
import { escapeRegex, nameKey, normalizeText, SEARCH_PREFIX_MAX, searchPrefixes, searchTokens } from './normalize';
import { ORGANIZATIONS_COLLECTION, OrganizationDoc } from './organization.schema';
import { NewOrganizationDoc, OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  private readonly logger = new Logger(OrganizationsService.name);

  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly outbox: OutboxRelay,
  ) {}

  async create(req: CreateOrganizationRequest, who: Principal | undefined): Promise<OrganizationView> {
    const f: NewOrganization = req.organization;
    const owner = ownerFor(who);
    authorize(who, 'create', 'Organization', { owner, communities: f.communityCodes ?? [] });
    if (f.verificationStatus && f.verificationStatus !== 'unverified') authorize(who, 'verify', 'Organization', { owner, communities: f.communityCodes ?? [] });
    const derived = derive(f);
    if (!req.allowDuplicate) {
      const existing = await this.repo.findLikelyDuplicate(f.country, derived.cityKey, derived.nameKeys);
      if (existing) throw duplicateError(existing);
    }
    const doc: NewOrganizationDoc = {
      name: f.name,
      country: f.country,
      city: f.city.trim(),
      cityLocation: f.cityLocation,
      type: f.type,
      focusAreas: dedupe(f.focusAreas ?? []),
      foundedYear: f.foundedYear ?? (f.foundedOn ? Number(f.foundedOn.slice(0, 4)) : undefined),
      foundedOn: f.foundedOn,
      foundedAfterInvasion: foundedAfterInvasion(f.foundedYear, f.foundedOn),
      website: f.website,
      contacts: f.contacts,
      contactPerson: f.contactPerson,
      languages: dedupe(f.languages ?? []),
      sizeBand: f.sizeBand,
      verificationStatus: f.verificationStatus ?? 'unverified',
      source: f.source,
      communityCodes: dedupe(f.communityCodes ?? []),
      ...(owner ? { owner } : {}),
      ...derived,
      erasures: [],
      pendingEvents: [],
      version: 1,
    };
    return visibleTo(who, toView(await this.repo.insert(doc)));
  }

  async get(id: string, who: Principal | undefined): Promise<OrganizationView> {
    const doc = await this.repo.findById(id);
    if (!doc) throw DomainError.notFound('Organization', id);
    return visibleTo(who, toView(doc));
  }

  async update(req: UpdateOrganizationRequest, who: Principal | undefined): Promise<OrganizationView> {
    const current = await this.repo.findById(req.id);
    if (!current) throw DomainError.notFound('Organization', req.id);
    const c = req.changes;
    const merged = { ...current, ...stripUndefined(c) } as OrganizationDoc;
    // The record as it is and as it would be: a scoped editor can neither change nor move records out of its communities.
    authorize(who, 'update', 'Organization', authzRecord(current));
    authorize(who, 'update', 'Organization', authzRecord(merged));
    if (c.verificationStatus !== undefined && c.verificationStatus !== (current.verificationStatus ?? 'unverified')) {
      authorize(who, 'verify', 'Organization', authzRecord(current));
    }
    const derived = derive(merged);
    if (!req.allowDuplicate && (c.name || c.city || c.country)) {
      const existing = await this.repo.findLikelyDuplicate(merged.country, derived.cityKey, derived.nameKeys, req.id);
      if (existing) throw duplicateError(existing);
    }
    const set: Record<string, unknown> = { ...stripUndefined(c), ...derived };
    if (c.foundedYear !== undefined || c.foundedOn !== undefined) {
      set.foundedAfterInvasion = foundedAfterInvasion(merged.foundedYear, merged.foundedOn);
    }
    if (c.focusAreas) set.focusAreas = dedupe(c.focusAreas);
    if (c.languages) set.languages = dedupe(c.languages);
    if (c.communityCodes) set.communityCodes = dedupe(c.communityCodes);
    const updated = await this.repo.update(req.id, { $set: set, $inc: { version: 1 } });
    if (!updated) throw DomainError.notFound('Organization', req.id);
    return visibleTo(who, toView(updated));
  }

  async delete(id: string, who: Principal | undefined): Promise<void> {
    const current = await this.repo.findById(id);
    if (!current) throw DomainError.notFound('Organization', id);
    authorize(who, 'delete', 'Organization', authzRecord(current));
    if (!(await this.repo.delete(id))) throw DomainError.notFound('Organization', id);
  }

  async list(req: ListOrganizationsRequest, who: Principal | undefined): Promise<Page<OrganizationView>> {
    return this.repo.list(buildFilter(req), { limit: req.limit, cursor: req.cursor }, (d) => visibleTo(who, toView(d)));
  }

  /**
   * Removes the contact person's name and email, records that it happened (when, by whom, under
   * which correlation id) and queues a durable event in the same document write.
   */
  async erasePersonalData(id: string, by: Principal | undefined): Promise<OrganizationView> {
    const current = await this.repo.findById(id);
    if (!current) throw DomainError.notFound('Organization', id);
    authorize(by, 'erase', 'Organization', authzRecord(current));
    const at = new Date();
    const fields = current.contactPerson ? ['contactPerson.name', 'contactPerson.email'] : [];
    const event = pendingEvent(EVENT_SUBJECTS.diasporaPersonalDataErased, {
      organizationId: id,
      erasedAt: at.toISOString(),
      fields,
      by: by?.keyId ?? null,
    });
    const updated = await this.repo.update(id, {
      $unset: { contactPerson: 1 },
      $set: { personalDataErasedAt: at },
      $push: { erasures: { at, by: by?.keyId, correlationId: currentCorrelationId(), fields }, pendingEvents: event },
      $inc: { version: 1 },
    });
    if (!updated) throw DomainError.notFound('Organization', id);
    this.logger.log({ msg: 'personal data erased', organizationId: id, fields, by: by?.keyId });
    this.outbox.kick(ORGANIZATIONS_COLLECTION, id);
    return visibleTo(by, toView(updated));
  }

  async geoJson(req: ListOrganizationsRequest): Promise<GeoJsonFeatureCollection> {
    const filter = { ...buildFilter(req), 'cityLocation.lat': { $exists: true } } as QueryFilter<OrganizationDoc>;
    const features: GeoJsonFeatureCollection['features'] = [];
    // Capped so a map export stays well under the bus message limit.
    for await (const doc of this.repo.cursor(filter)) {
      const d = doc as unknown as OrganizationDoc;
      if (!d.cityLocation) continue;
      features.push({
        type: 'Feature',
        // City-level point only: never a street address.
        geometry: { type: 'Point', coordinates: [round(d.cityLocation.lon), round(d.cityLocation.lat)] },
        properties: {
          id: String(d._id),
          name: d.name.original,
          nameUk: d.name.uk,
          nameEn: d.name.en,
          country: d.country,
          city: d.city,
          type: d.type,
          focusAreas: d.focusAreas,
          foundedAfterInvasion: d.foundedAfterInvasion,
        },
      });
      if (features.length >= 2000) break;
    }
    return { type: 'FeatureCollection', features };
  }
}

/** What the authorisation rules look at in an organisation: its owner and the communities it works with. */
function authzRecord(d: Pick<OrganizationDoc, 'owner' | 'communityCodes'>): { owner?: string; communities: string[] } {
  return { owner: d.owner, communities: d.communityCodes ?? [] };
}

/** The view without personal fields (contactPerson) unless the caller may read them: editors, admins, the owner. */
export function visibleTo(who: Principal | undefined, v: OrganizationView): OrganizationView {
  if (!v.contactPerson || can(who, 'readPersonal', 'Organization', { owner: v.owner, communities: v.communityCodes })) return v;
  const { contactPerson: _hidden, ...rest } = v;
  return rest;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function derive(f: Pick<OrganizationFields, 'name' | 'city'>): { nameKeys: string[]; cityKey: string; searchText: string; searchPrefixes: string[]; searchPrefixes2: string[] } {
  const names = [f.name?.original, f.name?.uk, f.name?.en].filter((n): n is string => !!n && n.trim().length > 0);
  const text = normalizeText([...names, f.city ?? ''].join(' '));
  const prefixes = searchPrefixes(text);
  return {
    nameKeys: dedupe(names.map(nameKey).filter((k) => k.length > 0)),
    cityKey: nameKey(f.city ?? ''),
    searchText: ` ${text} `,
    searchPrefixes: prefixes,
    searchPrefixes2: prefixes,
  };
}

/**
 * The list filter as one flat document of equalities (no top-level `$and`), the shape FerretDB pushes
 * down to its storage (PostgreSQL) instead of filtering every document in FerretDB itself; only the
 * second and later `q` words go into `$and`.
 */
function buildFilter(req: ListOrganizationsRequest): QueryFilter<OrganizationDoc> {
  const filter: QueryFilter<OrganizationDoc> = {};
  if (req.country) filter.country = req.country;
  if (req.city) filter.cityKey = nameKey(req.city);
  if (req.type) filter.type = req.type;
  if (req.focus) filter.focusAreas = req.focus;
  if (req.foundedAfterInvasion !== undefined) filter.foundedAfterInvasion = req.foundedAfterInvasion;
  if (req.communityCode) filter.communityCodes = req.communityCode;
  if (req.q) {
    // Every query word must start a word of a name or the city, in any script. The two longest words are
    // equalities on searchPrefixes and searchPrefixes2, which the storage answers together; every word is
    // then checked on those candidates with an anchored regex (also what a word past SEARCH_PREFIX_MAX
    // letters needs).
    const tokens = searchTokens(req.q);
    if (tokens.length) {
      const [first, second] = [...tokens].sort((a, b) => b.length - a.length);
      filter.searchPrefixes = first.slice(0, SEARCH_PREFIX_MAX);
      if (second) filter.searchPrefixes2 = second.slice(0, SEARCH_PREFIX_MAX);
      filter.$and = tokens.map((token) => ({ searchText: { $regex: ` ${escapeRegex(token)}` } }));
    }
  }
  return filter;
}

function duplicateError(existing: OrganizationDoc): DomainError {
  return new DomainError(
    'duplicate',
    `A likely duplicate exists: "${existing.name.original}" in ${existing.city}, ${existing.country}. Repeat with allowDuplicate=true to create it anyway.`,
    { existingId: String(existing._id) },
  );
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toView(d: OrganizationDoc): OrganizationView {
  return {
    id: String(d._id),
    name: { original: d.name.original, ...(d.name.uk ? { uk: d.name.uk } : {}), ...(d.name.en ? { en: d.name.en } : {}) },
    country: d.country,
    city: d.city,
    ...(d.cityLocation ? { cityLocation: { lat: d.cityLocation.lat, lon: d.cityLocation.lon } } : {}),
    type: d.type,
    focusAreas: d.focusAreas ?? [],
    ...(d.foundedYear !== undefined && d.foundedYear !== null ? { foundedYear: d.foundedYear } : {}),
    ...(d.foundedOn ? { foundedOn: d.foundedOn } : {}),
    foundedAfterInvasion: d.foundedAfterInvasion ?? null,
    ...(d.website ? { website: d.website } : {}),
    ...(d.contacts ? { contacts: d.contacts } : {}),
    ...(d.contactPerson?.name ? { contactPerson: d.contactPerson } : {}),
    languages: d.languages ?? [],
    ...(d.sizeBand ? { sizeBand: d.sizeBand } : {}),
    verificationStatus: d.verificationStatus ?? 'unverified',
    ...(d.source ? { source: d.source } : {}),
    communityCodes: d.communityCodes ?? [],
    ...(d.owner ? { owner: d.owner } : {}),
    ...(d.personalDataErasedAt ? { personalDataErasedAt: new Date(d.personalDataErasedAt).toISOString() } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
    version: d.version ?? 1,
  };
}
