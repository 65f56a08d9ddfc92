import { Injectable } from '@nestjs/common';
import {
  authorize,
  CONCEPT_TRANSITIONS,
  ConceptContent,
  ConceptFields,
  ConceptTransitionRequest,
  ConceptVersionView,
  ConceptView,
  CreateConceptRequest,
  DomainError,
  ListConceptsRequest,
  Page,
  Principal,
  UpdateConceptRequest,
  ownerFor,
} from '@vidnova/contracts';
import { Types } from 'mongoose';
import { RECOVERY_CATEGORY_ID_SET, requireKnownCategories } from '../categories';
import { ConsultationsService, scopeOf } from '../consultations/consultations.service';
import { ConceptDoc, ConceptVersionDoc } from './concept.schema';
import { ConceptsRepository } from './concepts.repository';

const EDITABLE = new Set(['draft', 'under_discussion']);

/**
 * Recovery concepts drafted from a consultation's published results. Status
 * draft → under_discussion → adopted | rejected | withdrawn; every change (content or status) keeps
 * a version with who made it (the caller's API key id) and why.
 */
@Injectable()
export class ConceptsService {
  constructor(
    private readonly repo: ConceptsRepository,
    private readonly consultations: ConsultationsService,
  ) {}

  async create(req: CreateConceptRequest, by?: string, who?: Principal): Promise<ConceptView> {
    const c = await this.consultations.load(req.consultationId);
    authorize(who, 'create', 'Concept', scopeOf(c.communityCode));
    if (c.status !== 'results_published') {
      throw new DomainError('invalid_state', `Concepts are drafted from published results; this consultation is ${c.status}`, { currentStatus: c.status });
    }
    const f = req.concept;
    if (!f.title.uk && !f.title.en) {
      throw new DomainError('validation_failed', 'A title in uk or en is required', undefined, [{ field: 'concept.title', message: 'title needs uk or en' }]);
    }
    const content = this.merge(emptyContent(), f);
    const at = new Date();
    const doc = await this.repo.insert({
      consultationId: c._id,
      communityCode: c.communityCode,
      ...content,
      status: 'draft',
      ...(ownerFor(who) ? { owner: ownerFor(who) } : {}),
      version: 1,
      versions: [{ version: 1, status: 'draft', changedAt: at, changedBy: by, reason: 'created', content }],
    });
    return toView(doc);
  }

  async get(consultationId: string, id: string): Promise<ConceptView> {
    return toView(await this.load(consultationId, id));
  }

  async versions(consultationId: string, id: string): Promise<ConceptVersionView[]> {
    const d = await this.load(consultationId, id);
    return d.versions.map(versionView).reverse();
  }

  async list(req: ListConceptsRequest): Promise<Page<ConceptView>> {
    if (!Types.ObjectId.isValid(req.consultationId)) throw DomainError.notFound('Consultation', req.consultationId);
    await this.consultations.load(req.consultationId);
    return this.repo.list({ consultationId: new Types.ObjectId(req.consultationId), ...(req.status ? { status: req.status } : {}) }, req, toView);
  }

  async update(req: UpdateConceptRequest, by?: string, who?: Principal): Promise<ConceptView> {
    const d = await this.load(req.consultationId, req.id);
    authorize(who, 'update', 'Concept', scopeOf(d.communityCode));
    if (!EDITABLE.has(d.status)) throw new DomainError('invalid_state', `A concept that is ${d.status} can no longer be edited`, { currentStatus: d.status });
    const content = this.merge(contentOf(d), req.changes);
    return this.write(d, d.status, content, by, req.reason);
  }

  async transition(req: ConceptTransitionRequest, by?: string, who?: Principal): Promise<ConceptView> {
    const d = await this.load(req.consultationId, req.id);
    authorize(who, 'update', 'Concept', scopeOf(d.communityCode));
    const allowed = CONCEPT_TRANSITIONS[d.status];
    if (!allowed.includes(req.status)) {
      throw new DomainError('invalid_state', `A concept cannot go from ${d.status} to ${req.status}`, { currentStatus: d.status, allowed });
    }
    return this.write(d, req.status, contentOf(d), by, req.reason);
  }

  private async write(d: ConceptDoc, status: ConceptDoc['status'], content: ConceptContent, by?: string, reason?: string): Promise<ConceptView> {
    const version = d.version + 1;
    const entry: ConceptVersionDoc = { version, status, changedAt: new Date(), changedBy: by, ...(reason ? { reason } : {}), content };
    const updated = await this.repo.updateAtVersion(String(d._id), d.version, { $set: { ...content, status, version }, $push: { versions: entry } });
    if (!updated) throw new DomainError('conflict', 'The concept was changed by someone else meanwhile; reload and retry', { version: d.version });
    return toView(updated);
  }

  private async load(consultationId: string, id: string): Promise<ConceptDoc> {
    const d = await this.repo.find(consultationId, id);
    if (!d) throw DomainError.notFound('Concept', id);
    return d;
  }

  private merge(base: ConceptContent, f: ConceptFields): ConceptContent {
    const unknown = (f.categories ?? []).filter((c) => !RECOVERY_CATEGORY_ID_SET.has(c));
    requireKnownCategories(unknown.length ? [{ field: 'categories', message: `Unknown recovery categories: ${unknown.join(', ')}` }] : []);
    if (f.timeline && f.timeline.start > f.timeline.end) {
      throw new DomainError('unprocessable', 'The timeline ends before it starts', undefined, [{ field: 'timeline', message: 'end is before start' }]);
    }
    const out: ConceptContent = { ...base };
    if (f.title) out.title = { ...f.title };
    if (f.summary) out.summary = { ...f.summary };
    if (f.categories) out.categories = [...new Set(f.categories)];
    if (f.priorityListId !== undefined) out.priorityListId = f.priorityListId;
    if (f.estimatedCostKopiykas !== undefined) out.estimatedCostKopiykas = f.estimatedCostKopiykas;
    if (f.fundingSources) out.fundingSources = [...new Set(f.fundingSources)];
    if (f.responsibleBody !== undefined) out.responsibleBody = f.responsibleBody;
    if (f.timeline) out.timeline = { start: f.timeline.start, end: f.timeline.end };
    return out;
  }
}

const emptyContent = (): ConceptContent => ({ title: {}, summary: {}, categories: [], fundingSources: [] });

function contentOf(d: Pick<ConceptDoc, keyof ConceptContent>): ConceptContent {
  return {
    title: d.title ?? {},
    summary: d.summary ?? {},
    categories: d.categories ?? [],
    ...(d.priorityListId ? { priorityListId: d.priorityListId } : {}),
    ...(typeof d.estimatedCostKopiykas === 'number' ? { estimatedCostKopiykas: d.estimatedCostKopiykas } : {}),
    fundingSources: d.fundingSources ?? [],
    ...(d.responsibleBody ? { responsibleBody: d.responsibleBody } : {}),
    ...(d.timeline?.start ? { timeline: { start: d.timeline.start, end: d.timeline.end } } : {}),
  };
}

function versionView(v: ConceptVersionDoc): ConceptVersionView {
  return {
    version: v.version,
    status: v.status,
    changedAt: new Date(v.changedAt).toISOString(),
    ...(v.changedBy ? { changedBy: v.changedBy } : {}),
    ...(v.reason ? { reason: v.reason } : {}),
    content: contentOf(v.content),
  };
}

function toView(d: ConceptDoc): ConceptView {
  return {
    id: String(d._id),
    consultationId: String(d.consultationId),
    communityCode: d.communityCode ?? null,
    ...contentOf(d),
    status: d.status,
    version: d.version,
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
    ...(d.owner ? { owner: d.owner } : {}),
  };
}
