import { Schema, Types } from 'mongoose';
import type { ExpenditureClassification } from '@vidnova/contracts';

/**
 * Annual executed figures from a published source (the KSE Local Data Hub): one year's total per
 * code, no plans and no funds. Kept apart from the portal's monthly rows because their meaning
 * differs (annual, executed only).
 */
export const ANNUAL_EXPENDITURE_MODEL = 'AnnualExpenditure';
export const ANNUAL_INCOME_MODEL = 'AnnualIncome';

export interface AnnualExpenditureDoc {
  _id: Types.ObjectId;
  budgetCode: string;
  year: number;
  source: string;
  classification: ExpenditureClassification;
  code: string;
  executed: number;
}

export interface AnnualIncomeDoc {
  _id: Types.ObjectId;
  budgetCode: string;
  year: number;
  source: string;
  katottg?: string;
  total: number;
  transfers: number;
  own: number;
  personalIncomeTax: number;
  militaryPersonalIncomeTax?: number;
  baseSubsidy?: number;
}

export const AnnualExpenditureSchema = new Schema<AnnualExpenditureDoc>(
  {
    budgetCode: { type: String, required: true },
    year: { type: Number, required: true },
    source: { type: String, required: true },
    classification: { type: String, required: true },
    code: { type: String, required: true },
    executed: { type: Number, required: true },
  },
  { collection: 'budget_annual_expenditures', versionKey: false },
);
AnnualExpenditureSchema.index({ budgetCode: 1, year: 1, source: 1, classification: 1, code: 1 }, { unique: true });

export const AnnualIncomeSchema = new Schema<AnnualIncomeDoc>(
  {
    budgetCode: { type: String, required: true },
    year: { type: Number, required: true },
    source: { type: String, required: true },
    katottg: String,
    total: { type: Number, required: true },
    transfers: { type: Number, required: true },
    own: { type: Number, required: true },
    personalIncomeTax: { type: Number, required: true },
    militaryPersonalIncomeTax: Number,
    baseSubsidy: Number,
  },
  { collection: 'budget_annual_incomes', versionKey: false },
);
AnnualIncomeSchema.index({ budgetCode: 1, year: 1, source: 1 }, { unique: true });
