import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BudgetCode, Katottg, Kopiykas, Nested } from '../fields';
import { EXPENDITURE_CLASSIFICATIONS, ExpenditureClassification } from './budget';

/** One row of an annual figure set (KSE Local Data Hub), already in kopiykas. */
export class AnnualExpenditureRow {
  @ApiProperty({ enum: EXPENDITURE_CLASSIFICATIONS, example: 'program' })
  @IsIn(EXPENDITURE_CLASSIFICATIONS)
  classification!: ExpenditureClassification;

  @ApiProperty({
    example: '0117461',
    description: 'Programme, functional or economic code (leading zeros may be missing)',
  })
  @IsString()
  @Matches(/^\d{1,8}$/)
  code!: string;

  @Kopiykas({ description: 'Executed in the year' })
  executed!: number;
}

export class AnnualIncomeFigures {
  @Kopiykas() total!: number;
  @Kopiykas() transfers!: number;
  @Kopiykas() own!: number;
  @Kopiykas() personalIncomeTax!: number;
  @Kopiykas({ optional: true }) militaryPersonalIncomeTax?: number;
  @Kopiykas({ optional: true }) baseSubsidy?: number;
}

/** Loads the annual figures of one budget and year from a published source (replaces that source's earlier load). */
export class LoadAnnualFiguresRequest {
  @BudgetCode()
  budgetCode!: string;

  @ApiProperty({ example: 2021 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 'KSE Local Data Hub (MIT)' })
  @IsString()
  @MaxLength(200)
  source!: string;

  @Katottg({ optional: true })
  katottg?: string;

  @Nested(() => AnnualExpenditureRow, { each: true, maxItems: 20000 })
  expenditures!: AnnualExpenditureRow[];

  @Nested(() => AnnualIncomeFigures, { optional: true })
  incomes?: AnnualIncomeFigures;
}

export class AnnualFiguresLoaded {
  @BudgetCode() budgetCode!: string;
  @ApiProperty({ example: 2021 }) year!: number;
  @ApiProperty({ example: 'KSE Local Data Hub (MIT)' }) source!: string;
  @ApiProperty({ example: 412, description: 'Expenditure figures stored' }) expenditures!: number;
  @ApiProperty({ example: 1, description: 'Income sets stored (0 or 1)' }) incomes!: number;
}
