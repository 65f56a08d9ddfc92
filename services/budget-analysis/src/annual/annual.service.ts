import { Injectable } from '@nestjs/common';
import { AnnualFiguresLoaded, DomainError, LoadAnnualFiguresRequest } from '@vidnova/contracts';
import { normalizeBudgetCode, normalizeCode } from '../imports/values';
import { AnnualRepository } from './annual.repository';

/** Loads published annual figures (KSE Local Data Hub) for one budget and year, replacing that source's earlier load. */
@Injectable()
export class AnnualService {
  constructor(private readonly repo: AnnualRepository) {}

  async load(req: LoadAnnualFiguresRequest): Promise<AnnualFiguresLoaded> {
    const code = normalizeBudgetCode(req.budgetCode);
    if (!code.ok)
      throw new DomainError('validation_failed', code.reason, undefined, [
        { field: 'budgetCode', message: code.reason },
      ]);
    const budgetCode = code.value;
    const key = { budgetCode, year: req.year, source: req.source };
    const seen = new Set<string>();
    const expenditures = [];
    for (const [i, e] of req.expenditures.entries()) {
      const c = normalizeCode(e.classification, e.code);
      if (!c.ok)
        throw new DomainError('validation_failed', c.reason, undefined, [
          { field: `expenditures.${i}.code`, message: c.reason },
        ]);
      const k = `${e.classification}/${c.value}`;
      if (seen.has(k))
        throw new DomainError('validation_failed', `code ${k} appears twice`, undefined, [
          { field: `expenditures.${i}.code`, message: 'duplicate' },
        ]);
      seen.add(k);
      expenditures.push({ ...key, classification: e.classification, code: c.value, executed: e.executed });
    }
    const income = req.incomes
      ? { ...key, ...(req.katottg ? { katottg: req.katottg } : {}), ...req.incomes }
      : null;
    await this.repo.replace(key, expenditures, income);
    return {
      budgetCode,
      year: req.year,
      source: req.source,
      expenditures: expenditures.length,
      incomes: income ? 1 : 0,
    };
  }
}
