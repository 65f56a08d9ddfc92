import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BudgetCode, Katottg, Kopiykas } from '../fields';
import {
  BUDGET_SOURCES,
  BudgetSource,
  EXPENDITURE_CLASSIFICATIONS,
  ExpenditureClassification,
} from './budget';

/**
 * Replies of the budget analyses. Amounts are integer kopiykas; `plan` and `amendedPlan` are null where
 * the source has no plans (annual KSE figures). Ratios are fractions rounded to 4 decimals, null when
 * the denominator is 0. Methodology: docs/budget-methodology.md.
 */

/** Text in Ukrainian and English, both always present. */
export class BudgetText {
  @ApiProperty({ example: 'Капітальні видатки' }) uk!: string;
  @ApiProperty({ example: 'Capital expenditure' }) en!: string;
}

const Ratio = (description: string, example = 0.1234, optional = false): PropertyDecorator =>
  (optional ? ApiPropertyOptional : ApiProperty)({ type: Number, nullable: true, example, description });

const Source = (optional = false): PropertyDecorator =>
  (optional ? ApiPropertyOptional : ApiProperty)({
    enum: BUDGET_SOURCES,
    example: 'open-budget',
    description: 'open-budget: the portal files; kse-annual: annual KSE figures (no plans, no funds)',
  });

const Period = (optional = false): PropertyDecorator =>
  (optional ? ApiPropertyOptional : ApiProperty)({
    type: String,
    nullable: true,
    example: '2025-12',
    description: 'Latest period used (YYYY-MM); null for annual sources',
  });

const Codes = (description: string, example: string[]): PropertyDecorator =>
  ApiProperty({ type: [String], example, description });

/** Plan, amended plan and executed of one thing, in kopiykas, each always present (internal sums). */
export class BudgetAmounts {
  @Kopiykas({ description: 'ZAT_AMT: annual schedule with amendments' }) plan!: number;
  @Kopiykas({ description: 'PLANS_AMT: estimate allocations with amendments' }) amendedPlan!: number;
  @Kopiykas({ description: 'FAKT_AMT: executed since January' }) executed!: number;
}

/** Amounts as shown: plans are null where the source has none. */
export class ShownAmounts {
  @Kopiykas({
    description: 'ZAT_AMT: annual schedule with amendments; null without plans',
    api: { nullable: true },
  })
  plan!: number | null;
  @Kopiykas({
    description: 'PLANS_AMT: estimate allocations with amendments; null without plans',
    api: { nullable: true },
  })
  amendedPlan!: number | null;
  @Kopiykas({ description: 'FAKT_AMT: executed since January' }) executed!: number;
}

export class ExecutionRate {
  @Ratio('executed / plan', 0.9312) againstPlan!: number | null;
  @Ratio('executed / amendedPlan', 0.9254) againstAmendedPlan!: number | null;
}

export class BudgetCommunity {
  @Katottg() katottg!: string;
  @ApiProperty({ type: BudgetText, nullable: true }) name!: BudgetText | null;
}

export class FundFigure extends ShownAmounts {
  @ApiProperty({ type: ExecutionRate, nullable: true }) executionRate!: ExecutionRate | null;
}

export class FundSplitFigures {
  @ApiProperty({ type: FundFigure, description: 'General fund (FUND_TYP C)' }) general!: FundFigure;
  @ApiProperty({ type: FundFigure, description: 'Special fund (FUND_TYP S)' }) special!: FundFigure;
}

export class Reconciliation {
  @ApiProperty({
    example: true,
    description: 'Whether the total fund (T) equals general + special in plan, amended plan and executed',
  })
  totalEqualsGeneralPlusSpecial!: boolean;

  @ApiProperty({ type: BudgetAmounts, description: 'Total − (general + special)' })
  difference!: BudgetAmounts;
}

/** A group of economic codes and its amounts. */
export class CodeGroupFigure extends ShownAmounts {
  @ApiProperty({ example: 'capital' }) id!: string;
  @ApiProperty({ type: BudgetText }) name!: BudgetText;
  @ApiProperty({ example: 'KEKV 3xxx', description: 'Which codes belong to the group' }) rule!: string;
  @Codes('The codes that fell in the group', ['3110', '3132']) codes!: string[];
}

export class EconomicGroupFigure extends CodeGroupFigure {
  @Ratio('executed / total executed', 0.0843) shareOfExecuted!: number | null;
}

export class CapitalPartFigure extends CodeGroupFigure {
  @Ratio('executed / capital executed', 0.3102) shareOfCapital!: number | null;
}

export class CapitalFigure extends ShownAmounts {
  @ApiProperty({ type: ExecutionRate, nullable: true }) executionRate!: ExecutionRate | null;
  @Ratio('capital executed / total executed', 0.0843) shareOfExecuted!: number | null;
  @ApiProperty({ type: [CapitalPartFigure], description: 'Parts of capital spending; they add up to it' })
  parts!: CapitalPartFigure[];
}

export class SummaryPerCapita {
  @ApiProperty({ example: 217315 }) population!: number;
  @ApiProperty({ type: Number, nullable: true, example: 2022 }) populationYear!: number | null;
  @Kopiykas({ description: 'Executed per resident', api: { nullable: true } }) executed!: number | null;
  @Kopiykas({ description: 'Capital executed per resident', api: { nullable: true } }) capital!:
    number | null;
}

export class BudgetSummary {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ type: BudgetCommunity, nullable: true }) community!: BudgetCommunity | null;
  @ApiProperty({ example: 2025 }) year!: number;
  @Period() period!: string | null;
  @ApiProperty({
    type: [String],
    example: ['2025-01', '2025-02'],
    description: 'Periods of the year with portal data up to `period`',
  })
  periodsAvailable!: string[];
  @Source() source!: BudgetSource;
  @ApiProperty({ type: BudgetText, description: 'Which columns the figures come from' }) basis!: BudgetText;
  @ApiProperty({ type: ShownAmounts }) totals!: ShownAmounts;
  @ApiProperty({ type: ExecutionRate, nullable: true }) executionRate!: ExecutionRate | null;
  @ApiProperty({ type: FundSplitFigures, nullable: true, description: 'null for annual sources' })
  byFund!: FundSplitFigures | null;
  @ApiProperty({ type: Reconciliation, nullable: true }) reconciliation!: Reconciliation | null;
  @ApiProperty({ type: [EconomicGroupFigure], description: 'Economic groups; they add up to the totals' })
  economicGroups!: EconomicGroupFigure[];
  @ApiProperty({ type: CapitalFigure }) capital!: CapitalFigure;
  @ApiProperty({
    type: SummaryPerCapita,
    nullable: true,
    description: 'null when the community or its population is not known',
  })
  perCapita!: SummaryPerCapita | null;
}

export class ExpenditureNode extends ShownAmounts {
  @ApiProperty({ example: '2110' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Оплата праці' }) name!: string | null;
  @ApiProperty({
    type: () => [ExpenditureNode],
    description: 'More detailed codes; their amounts add up to this node',
  })
  children!: ExpenditureNode[];
}

export class BudgetExpenditures {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ enum: EXPENDITURE_CLASSIFICATIONS, example: 'economic' })
  classification!: ExpenditureClassification;
  @Period() period!: string | null;
  @Source() source!: BudgetSource;
  @ApiProperty({ type: ShownAmounts }) totals!: ShownAmounts;
  @ApiProperty({ type: [ExpenditureNode], description: 'Classification tree; roll-ups add up' })
  tree!: ExpenditureNode[];
}

/** Which classification a recovery figure is read from. */
export const RECOVERY_BASES = ['economic', 'program', 'functional'] as const;
export type RecoveryBasisKind = (typeof RECOVERY_BASES)[number];

/** Spending of one recovery category on one basis. */
export class RecoveryCategoryLine {
  @ApiProperty({
    example: 'roads_transport',
    description:
      'Recovery category id of the shared taxonomy (GET /api/v1/reference/recovery-categories), the same ids consultation options are tagged with',
  })
  id!: string;

  @ApiProperty({ enum: RECOVERY_BASES, example: 'program' }) basis!: RecoveryBasisKind;
  @ApiProperty({ type: BudgetText }) name!: BudgetText;
  @ApiProperty({ type: BudgetText, description: 'Which codes count, in words' }) rule!: BudgetText;
  @ApiProperty({ example: true, description: 'false when the budget has no data of this basis for the year' })
  available!: boolean;
  @Codes('Codes that matched', ['0117461']) codes!: string[];
  @Kopiykas({ api: { nullable: true }, description: 'null without plans or data' }) plan!: number | null;
  @Kopiykas({ api: { nullable: true }, description: 'null without plans or data' }) amendedPlan!:
    number | null;
  @Kopiykas({ api: { nullable: true }, description: 'null without data' }) executed!: number | null;
  @Ratio('executed / total executed of the basis', 0.0412) shareOfExpenditure!: number | null;
}

/** Spending a basis counts that no category can be given to from its codes alone. */
export class RecoveryUnattributed extends ShownAmounts {
  @Codes('Codes without a category', ['3132', '3210']) codes!: string[];
  @ApiProperty({ type: BudgetText }) rule!: BudgetText;
}

export class RecoveryBasis {
  @Source() source!: BudgetSource;
  @Period() period!: string | null;
  @Kopiykas({ description: 'Everything this basis counts: its categories plus the unattributed part' })
  executed!: number;
  @Ratio('executed / total executed of the classification', 0.0621) shareOfExpenditure!: number | null;
  @ApiProperty({ type: RecoveryUnattributed }) unattributed!: RecoveryUnattributed;
}

export class BudgetRecovery {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ example: 'recovery-2025.2', description: 'Version of the taxonomy and its code mapping' })
  taxonomyVersion!: string;
  @ApiProperty({ type: BudgetText }) note!: BudgetText;
  @ApiProperty({
    type: RecoveryBasis,
    nullable: true,
    description: 'Recovery investment by economic code (KEKV 313x, 314x, 3210); null without economic data',
  })
  economicBasis!: RecoveryBasis | null;
  @ApiProperty({
    type: RecoveryBasis,
    nullable: true,
    description: 'All spending by programme code (TPKVKMB); null without a programme file',
  })
  programBasis!: RecoveryBasis | null;
  @ApiProperty({
    type: RecoveryBasis,
    nullable: true,
    description: 'All spending by functional code (FKVKB); null without a functional file',
  })
  functionalBasis!: RecoveryBasis | null;
  @ApiProperty({ type: [RecoveryCategoryLine], description: 'One line per category and basis' })
  categories!: RecoveryCategoryLine[];
}

export class IncomePart extends ShownAmounts {
  @ApiProperty({ example: 'income codes 41xxxxxx' }) rule!: string;
}

export class GrantsAndDonations {
  @Kopiykas({ description: 'foreign grants + institution grants and donations' }) executed!: number;
  @ApiProperty({ type: ShownAmounts, description: 'Income codes 42xxxxxx' }) foreignGrants!: ShownAmounts;
  @ApiProperty({ type: ShownAmounts, description: 'Income codes 2502xxxx' })
  institutionGrantsAndDonations!: ShownAmounts;
  @ApiProperty({ example: 'income codes 42xxxxxx + 2502xxxx' }) rule!: string;
}

export class IncomeRatios {
  @Ratio('official transfers / total', 0.4211) transferDependence!: number | null;
  @Ratio('own revenues / total', 0.5789) ownShare!: number | null;
  @Ratio('personal income tax / total', 0.3102) pitShareOfTotal!: number | null;
  @Ratio('personal income tax / own revenues', 0.5358) pitShareOfOwn!: number | null;
}

export class IncomeFundSplit {
  @ApiProperty({ type: ShownAmounts }) general!: ShownAmounts;
  @ApiProperty({ type: ShownAmounts }) special!: ShownAmounts;
}

export class IncomePerCapita {
  @ApiProperty({ example: 217315 }) population!: number;
  @Kopiykas({ description: 'Own revenues per resident', api: { nullable: true } }) own!: number | null;
  @Kopiykas({ description: 'Total income per resident', api: { nullable: true } }) total!: number | null;
}

export class BudgetIncomes {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @Period() period!: string | null;
  @Source() source!: BudgetSource;
  @ApiProperty({ type: ShownAmounts }) totals!: ShownAmounts;
  @ApiProperty({ type: IncomeFundSplit, nullable: true }) byFund!: IncomeFundSplit | null;
  @ApiProperty({ type: IncomePart, description: 'All income except class 4 (transfers)' }) own!: IncomePart;
  @ApiProperty({ type: IncomePart, description: 'Income codes 41xxxxxx' }) officialTransfers!: IncomePart;
  @ApiProperty({ type: IncomePart, description: 'Income codes 1101xxxx' }) personalIncomeTax!: IncomePart;
  @ApiProperty({ type: GrantsAndDonations, nullable: true, description: 'null for annual sources' })
  grantsAndDonations!: GrantsAndDonations | null;
  @ApiProperty({ type: IncomeRatios }) ratios!: IncomeRatios;
  @ApiProperty({ type: IncomePerCapita, nullable: true }) perCapita!: IncomePerCapita | null;
}

export class TrendIncome {
  @Kopiykas() total!: number;
  @Kopiykas() own!: number;
  @Kopiykas() officialTransfers!: number;
  @Ratio('official transfers / total', 0.4211) transferDependence!: number | null;
}

export class TrendChange {
  @Ratio('change of executed against the year before', -0.25) executed!: number | null;
  @Ratio('change of capital executed against the year before', 0.12) capital!: number | null;
}

export class TrendYear {
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({
    example: true,
    description: 'false when the year has no expenditure data (then only `year` is given)',
  })
  available!: boolean;
  @Source(true) source?: BudgetSource;
  @Period(true) period?: string | null;
  @Kopiykas({ optional: true }) executed?: number;
  @Kopiykas({ optional: true, api: { nullable: true } }) plan?: number | null;
  @Kopiykas({ optional: true }) capital?: number;
  @Ratio('capital / executed', 0.0843, true) capitalShare?: number | null;
  @ApiPropertyOptional({ type: TrendIncome, nullable: true }) income?: TrendIncome | null;
  @ApiPropertyOptional({
    type: TrendChange,
    nullable: true,
    description: 'null for the first available year',
  })
  change?: TrendChange | null;
}

export class BudgetTrends {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2021 }) from!: number;
  @ApiProperty({ example: 2025 }) to!: number;
  @ApiProperty({ type: BudgetText }) note!: BudgetText;
  @ApiProperty({ type: [TrendYear] }) years!: TrendYear[];
}

export class ComparedBudget {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({
    example: true,
    description:
      'false when the budget has no expenditure data for the year (then only `budgetCode` is given)',
  })
  available!: boolean;
  @ApiPropertyOptional({ type: BudgetCommunity, nullable: true }) community?: BudgetCommunity | null;
  @Source(true) source?: BudgetSource;
  @Period(true) period?: string | null;
  @ApiPropertyOptional({ type: ShownAmounts }) totals?: ShownAmounts;
  @Ratio('executed / plan', 0.9312, true) executionRate?: number | null;
  @Ratio('capital / executed', 0.0843, true) capitalShare?: number | null;
  @Ratio('wages and charges / executed', 0.4512, true) wagesShare?: number | null;
  @Ratio('utilities and energy / executed', 0.0612, true) utilitiesShare?: number | null;
  @Ratio('official transfers / total income', 0.4211, true) transferDependence?: number | null;
  @ApiPropertyOptional({ type: SummaryPerCapita, nullable: true }) perCapita?: SummaryPerCapita | null;
}

export class BudgetComparison {
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({ type: [ComparedBudget] }) budgets!: ComparedBudget[];
}

export const FINDING_SEVERITIES = ['high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export class FindingRule {
  @ApiProperty({ example: 'A1' }) id!: string;
  @ApiProperty({ example: 'budget-rules-2025.1' }) version!: string;
  @ApiProperty({ type: BudgetText }) description!: BudgetText;
}

const Evidence = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: 'object',
      additionalProperties: true,
      example: { capitalPlan: 12000000000, capitalExecuted: 4800000000, executionRate: 0.4 },
      description: 'The figures the finding was computed from (kopiykas, ratios, periods)',
    }),
  );

/** An anomaly: a flag with its rule, evidence and text. */
export class BudgetFinding {
  @ApiProperty({ example: 'capital_under_executed' }) id!: string;
  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'high' }) severity!: FindingSeverity;
  @ApiProperty({ type: FindingRule }) rule!: FindingRule;
  @Evidence() evidence!: Record<string, number | string | null | Array<Record<string, unknown>>>;
  @ApiProperty({ type: BudgetText }) text!: BudgetText;
}

/** A recommendation for the recovery budget, with the anomalies it is based on. */
export class BudgetGuideline extends BudgetFinding {
  @ApiProperty({
    type: [String],
    example: ['capital_under_executed'],
    description: 'Ids of the anomalies it follows from',
  })
  basedOn!: string[];
}

export class BudgetAnomalies {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @Period() period!: string | null;
  @Source() source!: BudgetSource;
  @ApiProperty({ example: 'budget-rules-2025.1' }) rulesVersion!: string;
  @ApiProperty({ type: [BudgetFinding] }) anomalies!: BudgetFinding[];
}

export class BudgetGuidelines {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @Period() period!: string | null;
  @Source() source!: BudgetSource;
  @ApiProperty({ example: 'budget-rules-2025.1' }) rulesVersion!: string;
  @ApiProperty({ type: [BudgetGuideline] }) guidelines!: BudgetGuideline[];
}
