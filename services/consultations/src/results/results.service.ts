import { Injectable } from '@nestjs/common';
import { BreakdownField, ConsultationResults, DomainError, MIN_GROUP_SIZE, Principal, ResultsGroup } from '@vidnova/contracts';
import { isStaff, STAFF_ROLES } from '../access/roles';
import { ResultsAccumulator } from './accumulator';
import { resultsToCsv } from './results-csv';
import { ResultsRepository, ResultsSubject } from './results.repository';
import { suppressedGroups } from './suppression';
import { TalliesService } from './tallies.service';
import { groupLabel } from './groups';

export { groupLabel, NOT_STATED, OTHER } from './groups';

@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly tallies: TalliesService,
  ) {}

  /**
   * Results as they stand. Before publication only editors and admins see them (403 for anyone else):
   * live figures read before and after one ballot would reveal how that respondent answered.
   */
  async results(id: string, by: BreakdownField | undefined, caller: Principal | undefined): Promise<ConsultationResults> {
    const c = await this.repo.findConsultation(id);
    if (!c) throw DomainError.notFound('Consultation', id);
    if (c.status !== 'results_published' && !isStaff(caller)) {
      throw new DomainError('forbidden', 'Results are available to editors and admins only until they are published', {
        currentStatus: c.status,
        requiredRoles: [...STAFF_ROLES],
      });
    }
    return this.compute(c, by);
  }

  async csv(id: string, by: BreakdownField | undefined, caller: Principal | undefined): Promise<string> {
    return resultsToCsv(await this.results(id, by, caller));
  }

  /**
   * Results from the consultation's tally, kept up to date as submissions are stored
   * (TalliesService): a few small documents read (one per service process that counted), O(questions
   * × options × groups) work, whatever the number of submissions.
   */
  async compute(c: ResultsSubject, by?: BreakdownField): Promise<ConsultationResults> {
    const shards = await this.tallies.read(c._id, by);
    const overall = ResultsAccumulator.fromStored(c.questions, shards.map((t) => t.all));
    const groups = new Map<string, ResultsAccumulator>();
    if (by) {
      const labels = new Set(shards.flatMap((t) => Object.keys(t.by?.[by] ?? {})));
      for (const value of labels) {
        const acc = ResultsAccumulator.fromStored(c.questions, shards.map((t) => t.by?.[by]?.[value]));
        if (acc.respondents) groups.set(value, acc);
      }
    }
    return this.assemble(c, by, overall, groups);
  }

  /**
   * The full recount for audit: streams every submission once through a cursor into fresh counters
   * (overall and per group); it must equal compute(). Done in TypeScript rather than an aggregation
   * pipeline: Borda points depend on each option's position in the ranking array ($unwind with
   * includeArrayIndex), which FerretDB v1 does not support; the cursor keeps memory flat all the same.
   */
  async recount(c: ResultsSubject, by?: BreakdownField): Promise<ConsultationResults> {
    const overall = new ResultsAccumulator(c.questions);
    const groups = new Map<string, ResultsAccumulator>();
    for await (const s of this.repo.answers(c._id)) {
      overall.add(s.answers);
      if (by) {
        const value = groupLabel(by, s.profile?.[by]);
        let acc = groups.get(value);
        if (!acc) groups.set(value, (acc = new ResultsAccumulator(c.questions)));
        acc.add(s.answers);
      }
    }
    return this.assemble(c, by, overall, groups);
  }

  /** The recount of a consultation by id, for audits run inside the service (not an operation on the bus). */
  async recountById(id: string, by: BreakdownField | undefined): Promise<ConsultationResults> {
    const c = await this.repo.findConsultation(id);
    if (!c) throw DomainError.notFound('Consultation', id);
    return this.recount(c, by);
  }

  private assemble(c: ResultsSubject, by: BreakdownField | undefined, overall: ResultsAccumulator, groups: Map<string, ResultsAccumulator>): ConsultationResults {
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
