import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, GetStatementsRequest, PostStatementRequest, Principal, StatementList, StatementView } from '@vidnova/contracts';
import { Model } from 'mongoose';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { KpiStore } from '../kpis/kpi-store';
import { checkIdentities } from './identities';
import { readLines } from './lines';
import { STATEMENT_MODEL, StatementDoc, StatementVersion } from './statement.schema';

@Injectable()
export class StatementsService {
  constructor(
    @InjectModel(STATEMENT_MODEL) private readonly model: Model<StatementDoc>,
    private readonly enterprises: EnterprisesService,
    private readonly kpis: KpiStore,
  ) {}

  /**
   * Stores a year's statement in kopiykas. Broken accounting identities → 422 listing each with both
   * sides, unless `acceptWithWarnings` (then it is stored flagged). A second posting of the year replaces
   * it; the one it replaces moves into `history` in the same single-document write.
   */
  async post(req: PostStatementRequest, who: Principal | undefined): Promise<StatementView> {
    const enterprise = await this.enterprises.loadForChange(req.edrpou, who);
    const s = req.statement;
    const lines = readLines(s);
    const identities = checkIdentities(lines);
    const broken = identities.filter((i) => !i.holds);
    if (broken.length && !req.acceptWithWarnings) {
      throw new DomainError(
        'unprocessable',
        `${broken.length} accounting identit${broken.length === 1 ? 'y does' : 'ies do'} not hold; fix the statement or send it with acceptWithWarnings=true`,
        { broken },
        broken.map((b) => ({ field: b.key, message: `${b.rule}: left ${b.left} ≠ right ${b.right} (kopiykas)` })),
      );
    }
    const id = `${req.edrpou}:${s.year}`;
    const now: StatementVersion = {
      version: 1,
      unit: s.unit,
      lines,
      identities,
      flagged: broken.length > 0,
      ...(s.source ? { source: s.source } : {}),
      postedAt: new Date(),
      ...(who?.keyId ? { postedBy: who.keyId } : {}),
    };
    // Optimistic replace: read the current version, write the new one only if it is still that version.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = (await this.model.findById(id).lean().exec()) as StatementDoc | null;
      if (!current) {
        try {
          const created = await this.model.create({ _id: id, edrpou: req.edrpou, year: s.year, ...now, history: [] });
          await this.kpis.refresh(req.edrpou, [s.year], enterprise);
          return toView(created.toObject() as StatementDoc);
        } catch (e) {
          if ((e as { code?: number }).code === 11000) continue;
          throw e;
        }
      }
      const { _id, edrpou: _e, year: _y, history, ...previous } = current;
      const next = { ...now, version: current.version + 1 };
      const updated = (await this.model
        .findOneAndUpdate({ _id: id, version: current.version }, { $set: next, $push: { history: previous } }, { new: true })
        .lean()
        .exec()) as StatementDoc | null;
      if (updated) {
        await this.kpis.refresh(req.edrpou, [s.year], enterprise);
        return toView(updated);
      }
      void history;
      void _id;
    }
    throw new DomainError('conflict', `The ${s.year} statement of ${req.edrpou} is being changed by another request; send it again`);
  }

  async list(req: GetStatementsRequest): Promise<StatementList> {
    await this.enterprises.load(req.edrpou);
    const docs = (await this.model
      .find({ edrpou: req.edrpou, ...(req.year ? { year: req.year } : {}) })
      .sort({ year: 1 })
      .lean()
      .exec()) as StatementDoc[];
    if (req.year && !docs.length) throw new DomainError('not_found', `No ${req.year} statement of ${req.edrpou}`, { edrpou: req.edrpou, year: req.year });
    return { edrpou: req.edrpou, items: docs.map(toView) };
  }

  /** An enterprise's statements of the given years (those that exist), each read by its key, without history. */
  async ofYears(edrpou: string, years: number[]): Promise<StatementDoc[]> {
    const docs = await Promise.all(years.map((y) => this.one(edrpou, y)));
    return docs.filter((d): d is StatementDoc => !!d);
  }

  /** One enterprise's statement of a year, by its key (without history). */
  async one(edrpou: string, year: number): Promise<StatementDoc | null> {
    return (await this.model.findById(`${edrpou}:${year}`, { history: 0 }).lean().exec()) as unknown as StatementDoc | null;
  }
}

function toView(d: StatementDoc): StatementView {
  return {
    edrpou: d.edrpou,
    year: d.year,
    unit: d.unit,
    lines: d.lines,
    identities: d.identities,
    flagged: d.flagged,
    version: d.version,
    previousVersions: (d.history ?? []).map((h) => new Date(h.postedAt).toISOString()),
    ...(d.source ? { source: d.source } : {}),
    postedAt: new Date(d.postedAt).toISOString(),
  };
}
