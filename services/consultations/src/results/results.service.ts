import { Injectable } from '@nestjs/common';
import { ConsultationResults, DomainError, MIN_GROUP_SIZE, ProfileField, ResultsGroup } from '@vidnova/contracts';
import { ResultsAccumulator } from './accumulator';
import { resultsToCsv } from './results-csv';
import { ResultsRepository, ResultsSubject } from './results.repository';
import { suppressedGroups } from './suppression';

export const NOT_STATED = 'not_stated';

@Injectable()
export class ResultsService {
  constructor(private readonly repo: ResultsRepository) {}

  async results(id: string, by?: ProfileField): Promise<ConsultationResults> {
    const c = await this.repo.findConsultation(id);
    if (!c) throw DomainError.notFound('Consultation', id);
    return this.compute(c, by);
  }

  async csv(id: string, by?: ProfileField): Promise<string> {
    return resultsToCsv(await this.results(id, by));
  }

  /**
   * Streams the submissions once through a cursor into running tallies (overall and per group).
   * Done in TypeScript rather than an aggregation pipeline: Borda points depend on each option's
   * position in the ranking array ($unwind with includeArrayIndex), which FerretDB v1 does not
   * support; the cursor keeps memory flat all the same.
   */
  async compute(c: ResultsSubject, by?: ProfileField): Promise<ConsultationResults> {
    const overall = new ResultsAccumulator(c.questions);
    const groups = new Map<string, ResultsAccumulator>();
    for await (const s of this.repo.answers(c._id)) {
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
}
