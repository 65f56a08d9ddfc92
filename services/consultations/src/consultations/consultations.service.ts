import { Injectable } from '@nestjs/common';
import {
  ConsultationFields,
  ConsultationView,
  CreateConsultationRequest,
  DomainError,
  ListConsultationsRequest,
  Page,
  Question,
  QuestionView,
  UpdateConsultationRequest,
} from '@vidnova/contracts';
import { requestContext } from '@vidnova/logging';
import { QueryFilter } from 'mongoose';
import { RECOVERY_CATEGORY_ID_SET } from '../categories';
import { ConsultationDoc } from './consultation.schema';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationAction, nextStatus } from './lifecycle';
import { checkQuestions, DEFAULT_TEXT_MAX_LENGTH } from './question-rules';

@Injectable()
export class ConsultationsService {
  constructor(private readonly repo: ConsultationsRepository) {}

  async create(req: CreateConsultationRequest): Promise<ConsultationView> {
    const c = req.consultation;
    const missing = (['title', 'audience', 'channels'] as const).filter((k) => c[k] === undefined);
    if (missing.length) {
      throw new DomainError('validation_failed', 'Required fields are missing', undefined, missing.map((m) => ({ field: `consultation.${m}`, message: `${m} is required` })));
    }
    requireText(c);
    const questions = this.questions(c.questions ?? []);
    const by = principalId();
    const doc = await this.repo.insert({
      communityCode: c.communityCode ?? null,
      title: c.title!,
      description: c.description ?? {},
      topic: c.topic,
      audience: c.audience!,
      channels: [...new Set(c.channels!)],
      status: 'draft',
      questions,
      statusHistory: [{ status: 'draft', at: new Date(), by }],
      createdBy: by,
      version: 1,
    });
    return toView(doc);
  }

  async get(id: string): Promise<ConsultationView> {
    return toView(await this.load(id));
  }

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
  async update(req: UpdateConsultationRequest): Promise<ConsultationView> {
    const current = await this.load(req.id);
    if (current.status !== 'draft') {
      throw new DomainError('invalid_state', `A consultation can be edited only while draft; this one is ${current.status}`, { currentStatus: current.status });
    }
    const c = req.changes;
    requireText(c);
    const set: Record<string, unknown> = {};
    for (const k of ['communityCode', 'title', 'description', 'topic', 'audience'] as const) if (c[k] !== undefined) set[k] = c[k];
    if (c.channels) set.channels = [...new Set(c.channels)];
    if (c.questions) set.questions = this.questions(c.questions);
    const updated = await this.repo.updateIfStatus(req.id, 'draft', { $set: set, $inc: { version: 1 } });
    if (!updated) throw new DomainError('invalid_state', 'The consultation left draft while being edited');
    return toView(updated);
  }

  /** open and close; publishing results goes through PublicationService, which records priorities. */
  async transition(id: string, action: Exclude<ConsultationAction, 'publish-results'>): Promise<ConsultationView> {
    const current = await this.load(id);
    const to = nextStatus(current.status, action);
    if (action === 'open' && !current.questions.length) {
      throw new DomainError('invalid_state', 'A consultation needs at least one question before it opens');
    }
    const updated = await this.repo.updateIfStatus(id, current.status, {
      $set: { status: to },
      $push: { statusHistory: { status: to, at: new Date(), by: principalId() } },
      $inc: { version: 1 },
    });
    if (!updated) throw new DomainError('invalid_state', 'The consultation changed state concurrently; reload and retry');
    return toView(updated);
  }

  private questions(qs: Question[]): QuestionView[] {
    const errors = checkQuestions(qs, RECOVERY_CATEGORY_ID_SET);
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

function requireText(c: ConsultationFields): void {
  if (c.title && !c.title.uk && !c.title.en) {
    throw new DomainError('validation_failed', 'A title in uk or en is required', undefined, [{ field: 'consultation.title', message: 'title needs uk or en' }]);
  }
}

export const principalId = (): string | undefined => requestContext.getStore()?.principal?.keyId;

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
  };
}
