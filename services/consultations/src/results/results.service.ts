import { Injectable } from '@nestjs/common';
import {
  CommunityPrioritiesView,
  ConsultationResults,
  ConsultationView,
  DomainError,
  MIN_GROUP_SIZE,
  PriorityListView,
  ProfileField,
  ResultsGroup,
} from '@vidnova/contracts';
import { categoryFacts } from '../categories';
import { ConsultationDoc } from '../consultations/consultation.schema';
import { ConsultationsRepository } from '../consultations/consultations.repository';
import { ConsultationsService, principalId, toView } from '../consultations/consultations.service';
import { ConsultationAction, nextStatus } from '../consultations/lifecycle';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import type { StoredAnswer } from '../submissions/validate-answers';
import { ResultsAccumulator } from './accumulator';
import { computePriorities } from './priorities';
import { resultsToCsv } from './results-csv';
import { suppressedGroups } from './suppression';

export const NOT_STATED = 'not_stated';
const PRIORITY_HISTORY = 50;

@Injectable()
export class ResultsService {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly consultationsRepo: ConsultationsRepository,
    private readonly submissions: SubmissionsRepository,
  ) {}

  async results(id: string, by?: ProfileField): Promise<ConsultationResults> {
    return this.compute(await this.consultations.load(id), by);
  }

  async csv(id: string, by?: ProfileField): Promise<{ csv: string }> {
    return { csv: resultsToCsv(await this.results(id, by)) };
  }

  /**
   * Streams the submissions once through a cursor into running tallies (overall and per group).
   * Done in TypeScript rather than an aggregation pipeline: Borda points depend on each option's
   * position in the ranking array ($unwind with includeArrayIndex), which FerretDB v1 does not
   * support; the cursor keeps memory flat all the same.
   */
  private async compute(c: ConsultationDoc, by?: ProfileField): Promise<ConsultationResults> {
    const overall = new ResultsAccumulator(c.questions);
    const groups = new Map<string, ResultsAccumulator>();
    for await (const doc of this.submissions.streamForResults(String(c._id))) {
      const s = doc as unknown as { profile?: Record<string, string>; answers: StoredAnswer[] };
      overall.add(s.answers);
      if (by) {
        const value = s.profile?.[by] || NOT_STATED;
        let acc = groups.get(value);
        if (!acc) groups.set(value, (acc = new ResultsAccumulator(c.questions)));
        acc.add(s.answers);
      }
    }
    const result: ConsultationResults = {
      consultationId: String(c._id),
      status: c.status,
      respondents: overall.respondents,
      questions: overall.results(),
      computedAt: new Date().toISOString(),
    };
    if (by) {
      const sizes = [...groups].map(([value, acc]) => ({ value, respondents: acc.respondents }));
      const hidden = suppressedGroups(sizes, MIN_GROUP_SIZE);
      result.by = by;
      result.groups = [...groups]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([value, acc]): ResultsGroup => {
          const reason = hidden.get(value);
          // A hidden group carries no figures at all, not even its size.
          if (reason) return { field: by, value, suppressed: true, suppressionReason: reason };
          return { field: by, value, suppressed: false, respondents: acc.respondents, questions: acc.results() };
        });
    }
    return result;
  }

  /**
   * Consultation transitions. Publishing results computes them from the closed consultation and
   * records the community's priority list in the same single-document write as the status change.
   */
  async transition(id: string, action: ConsultationAction): Promise<ConsultationView> {
    if (action !== 'publish-results') return this.consultations.transition(id, action);
    const c = await this.consultations.load(id);
    const to = nextStatus(c.status, action);
    const results = await this.compute(c);
    const at = new Date();
    const by = principalId();
    const update: Record<string, unknown> = { status: to };
    if (c.communityCode) {
      update.priorities = { publishedAt: at, publishedBy: by, respondents: results.respondents, categories: computePriorities(c.questions, results.questions) };
    }
    const updated = await this.consultationsRepo.updateIfStatus(id, 'closed', {
      $set: update,
      $push: { statusHistory: { status: to, at, by } },
      $inc: { version: 1 },
    });
    if (!updated) throw new DomainError('invalid_state', 'The consultation changed state concurrently; reload and retry');
    return toView(updated);
  }

  async priorities(communityCode: string): Promise<CommunityPrioritiesView> {
    const docs = await this.consultationsRepo.publishedFor(communityCode, PRIORITY_HISTORY);
    const lists = docs.map(priorityView);
    return { communityCode, latest: lists[0] ?? null, history: lists };
  }
}

function priorityView(d: ConsultationDoc): PriorityListView {
  const p = d.priorities!;
  return {
    id: String(d._id),
    communityCode: d.communityCode!,
    consultationId: String(d._id),
    publishedAt: new Date(p.publishedAt).toISOString(),
    ...(p.publishedBy ? { publishedBy: p.publishedBy } : {}),
    respondents: p.respondents,
    categories: p.categories.map((x) => {
      const facts = categoryFacts(x.category);
      return { category: x.category, rank: x.rank, score: x.score, ...(facts ?? {}) };
    }),
  };
}
