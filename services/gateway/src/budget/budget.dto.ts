import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  BudgetCompareRequest,
  BudgetExpendituresRequest,
  BudgetOrCommunity,
  BudgetTrendsRequest,
  BudgetYearRequest,
  StartBudgetImportRequest,
} from '@vidnova/contracts';

// HTTP-only shapes of the budget routes: the path parameter, query strings, and the comma list of
// /compare. Every field rule comes from the contract classes.

export class BudgetPathDto {
  @BudgetOrCommunity()
  budgetCode!: string;
}

export class BudgetImportQueryDto extends PickType(StartBudgetImportRequest, ['dataset'] as const) {}

export class BudgetYearQueryDto extends OmitType(BudgetYearRequest, ['budget'] as const) {}

export class BudgetExpendituresQueryDto extends OmitType(BudgetExpendituresRequest, ['budget'] as const) {}

export class BudgetTrendsQueryDto extends OmitType(BudgetTrendsRequest, ['budget'] as const) {}

/** `?budgets=a,b,c&year=2022`: the codes come as one comma-separated string. */
export class BudgetCompareQueryDto extends BudgetCompareRequest {
  @ApiProperty({
    type: String,
    example: '0350700000,1954800000,2555100000',
    description: 'Comma-separated budget or KATOTTG codes (up to 20)',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  )
  override budgets!: string[];
}
