import { Injectable } from '@nestjs/common';
import {
  authorize,
  CommunityPrioritiesView,
  ConsultationAction,
  ConsultationChanges,
  ConsultationView,
  DomainError,
  ListConsultationsRequest,
  NewConsultation,
  Page,
  Principal,
  PriorityListView,
  Question,
  QuestionView,
  ownerFor,
} from '@vidnova/contracts';
import { QueryFilter } from 'mongoose';
import { categoryFacts, RECOVERY_CATEGORY_ID_SET, requireKnownCategories } from '../categories';
import { computePriorities } from '../results/priorities';
import { ResultsService } from '../results/results.service';
import { ConsultationDoc, PriorityListDoc } from './consultation.schema';
import { ConsultationsRepository } from './consultations.repository';
import { nextStatus } from './lifecycle';
import { checkQuestions, DEFAULT_TEXT_MAX_LENGTH, unknownCategories } from './question-rules';

/** Published priority lists shown per community. */
const PRIORITY_HISTORY = 50;

/**
 * Consultations and their lifecycle draft → open → closed → results_published. Publishing computes
 * the results once and records the community priority list in the same write as the status change.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly results: ResultsService,
  ) {}

  async create(c: NewConsultation, by?: string, who?: Principal): Promise<ConsultationView> {
    authorize(who, 'create', 'Consultation', scopeOf(c.communityCode));
    requireText(c);
    const questions = this.questions(c.questions ?? []);
    const doc = await this.repo.insert({
      communityCode: c.communityCode ?? null,
      title: c.title,
      description: c.description ?? {},
      topic: c.topic,
      audience: c.audience,
      channels: [...new Set(c.channels)],
      status: 'draft',
      questions,
      statusHistory: [{ status: 'draft', at: new Date(), by }],
      createdBy: by,
      ...(ownerFor(who) ? { owner: ownerFor(who) } : {}),
      version: 1,
    });
    return toView(doc);
  }

  async get(id: string): Promise<ConsultationView> {
    return toView(await this.load(id));
  }

  /** The consultation document, or 404. */
  async load(id: string): Promise<ConsultationDoc> {
    const doc = await this.repo.findById(id);
    if (!doc) throw DomainError.notFound('Consultation', id);
    return doc;
  }

  async list(req: ListConsultationsRequest): Promise<Page<ConsultationView>> {
    const filter: QueryFilter<ConsultationDoc> = {};
    if (req.communityCode) filter.communityCode = req.communityCode;
    if (req.status) filter.status = req.status;
    return this.repo.list(filter, { limit: req.limit, cursor: req.cursor }, toView);
  }

  /** Everything, questions included, can be edited only while the consultation is a draft. */
  async update(id: string, c: ConsultationChanges, who?: Principal): Promise<ConsultationView> {
    const current = await this.load(id);
    authorize(who, 'update', 'Consultation', scopeOf(current.communityCode));
    if (c.communityCode !== undefined) authorize(who, 'update', 'Consultation', scopeOf(c.communityCode));
    if (current.status !== 'draft') {
      throw new DomainError('invalid_state', `A consultation can be edited only while draft; this one is ${current.status}`, { currentStatus: current.status });
    }
    requireText(c);
    const set: Record<string, unknown> = {};
    for (const k of ['communityCode', 'title', 'description', 'topic', 'audience'] as const) if (c[k] !== undefined) set[k] = c[k];
    if (c.channels) set.channels = [...new Set(c.channels)];
    if (c.questions) set.questions = this.questions(c.questions);
    const updated = await this.repo.updateIfStatus(id, 'draft', { $set: set, $inc: { version: 1 } });
    if (!updated) throw new DomainError('invalid_state', 'The consultation left draft while being edited');
    return toView(updated);
  }

  /** open, close, publish-results; anything not allowed from the current status is 409. */
  async transition(id: string, action: ConsultationAction, by?: string, who?: Principal): Promise<ConsultationView> {
    const current = await this.load(id);
    authorize(who, 'update', 'Consultation', scopeOf(current.communityCode));
    const to = nextStatus(current.status, action);
    if (action === 'open' && !current.questions.length) {
      throw new DomainError('invalid_state', 'A consultation needs at least one question before it opens');
    }
    const at = new Date();
    const set: Record<string, unknown> = { status: to };
    if (action === 'publish-results' && current.communityCode) set.priorities = await this.priorityList(current, at, by);
    const updated = await this.repo.updateIfStatus(id, current.status, {
      $set: set,
      $push: { statusHistory: { status: to, at, by } },
      $inc: { version: 1 },
    });
    if (!updated) throw new DomainError('invalid_state', 'The consultation changed state concurrently; reload and retry');
    return toView(updated);
  }

  /** The latest published priority list of a community and the history, newest first. */
  async priorities(communityCode: string): Promise<CommunityPrioritiesView> {
    const lists = (await this.repo.publishedFor(communityCode, PRIORITY_HISTORY)).map(priorityView);
    return { communityCode, latest: lists[0] ?? null, history: lists };
  }

  private async priorityList(c: ConsultationDoc, at: Date, by?: string): Promise<PriorityListDoc> {
    const results = await this.results.compute(c);
    return { publishedAt: at, publishedBy: by, respondents: results.respondents, categories: computePriorities(c.questions, results.questions) };
  }

  private questions(qs: Question[]): QuestionView[] {
    requireKnownCategories(unknownCategories(qs, RECOVERY_CATEGORY_ID_SET));
    const errors = checkQuestions(qs);
    if (errors.length) throw new DomainError('unprocessable', errors[0].message, undefined, errors);
    return qs.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      required: q.required ?? false,
      options: (q.options ?? []).map((o) => ({ id: o.id, label: o.label, ...(o.category ? { category: o.category } : {}) })),
      ...(q.type === 'multiple_choice' ? { maxChoices: q.maxChoices ?? q.options!.length } : {}),
      ...(q.type === 'scale' ? { min: q.min, max: q.max } : {}),
      ...(q.type === 'ranking' && q.topN !== undefined ? { topN: q.topN } : {}),
      ...(q.type === 'text' ? { maxLength: q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH } : {}),
    }));
  }
}

function requireText(c: ConsultationChanges): void {
  if (c.title && !c.title.uk && !c.title.en) {
    throw new DomainError('validation_failed', 'A title in uk or en is required', undefined, [{ field: 'consultation.title', message: 'title needs uk or en' }]);
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toView(d: ConsultationDoc): ConsultationView {
  return {
    id: String(d._id),
    communityCode: d.communityCode ?? null,
    title: d.title,
    description: d.description ?? {},
    ...(d.topic ? { topic: d.topic } : {}),
    audience: d.audience,
    channels: d.channels,
    status: d.status,
    questions: d.questions.map((q) => {
      const { options, ...rest } = q;
      const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null)) as Omit<QuestionView, 'options'>;
      return { ...clean, options: (options ?? []).map((o) => ({ id: o.id, label: o.label, ...(o.category ? { category: o.category } : {}) })) };
    }),
    statusHistory: (d.statusHistory ?? []).map((h) => ({ status: h.status, at: iso(h.at), ...(h.by ? { by: h.by } : {}) })),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    version: d.version ?? 1,
    ...(d.owner ? { owner: d.owner } : {}),
  };
}

function priorityView(d: ConsultationDoc): PriorityListView {
  const p = d.priorities!;
  return {
    id: String(d._id),
    communityCode: d.communityCode!,
    consultationId: String(d._id),
    publishedAt: iso(p.publishedAt),
    ...(p.publishedBy ? { publishedBy: p.publishedBy } : {}),
    respondents: p.respondents,
    categories: p.categories.map((x) => ({ category: x.category, rank: x.rank, score: x.score, ...(categoryFacts(x.category) ?? {}) })),
  };
}

/** A consultation concerns its community (an editor key scoped to communities changes only those). */
export function scopeOf(communityCode: string | null | undefined): { communities: string[] } {
  return { communities: communityCode ? [communityCode] : [] };
}
