import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ImportReport } from '../imports';
import { Kopiykas, Nested, TextField } from '../fields';
import { UploadRef } from '../common';
import { EdrpouRequest, ReportYear } from './enterprise';
import { SUPPORT_KIND_KEYS, SupportKind } from './enums';

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** One payment from the community's budget to an enterprise. */
export class SupportEntryFields {
  @ReportYear({ description: 'Budget year of the payment' })
  year!: number;

  @ApiProperty({ enum: SUPPORT_KIND_KEYS, example: 'operating_subsidy', description: 'operating_subsidy (KEKV 2610), capital_transfer (KEKV 3210), charter_capital' })
  @IsIn(SUPPORT_KIND_KEYS)
  kind!: SupportKind;

  @Kopiykas({ min: 1, example: 250000000 })
  amount!: number;

  @ApiPropertyOptional({ example: '2024-03-15', pattern: ISO_DATE_PATTERN.source })
  @IsOptional() @Matches(ISO_DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @TextField({ optional: true, max: 10, example: '0116030', description: 'Programme code (КПКВК)' })
  programme?: string;

  @TextField({ optional: true, max: 500, example: 'Рішення сесії №12/3' })
  note?: string;
}

export class AddSupportRequest extends EdrpouRequest {
  @Nested(() => SupportEntryFields)
  entry!: SupportEntryFields;
}

export class SupportRequest extends EdrpouRequest {
  @ReportYear()
  year!: number;
}

export class SupportEntry extends SupportEntryFields {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ enum: ['entered', 'treasury'], example: 'entered' }) origin!: 'entered' | 'treasury';
  @ApiPropertyOptional({ example: '0350700000', description: 'Payer budget code (treasury imports)' }) payerBudget?: string;
}

export class CommunityBudgetShare {
  @ApiProperty({ example: '0350700000' }) budgetCode!: string;
  @Kopiykas({ description: 'The community budget\'s executed expenditure for the year (budget-analysis)' }) expenditure!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.0312, description: 'support total / expenditure' }) share!: number | null;
}

export class SupportSummary {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @Kopiykas({ description: 'KEKV 2610' }) operatingSubsidies!: number;
  @Kopiykas({ description: 'KEKV 3210' }) capitalTransfers!: number;
  @Kopiykas() charterCapital!: number;
  @Kopiykas() total!: number;
  @ApiProperty({ type: [SupportEntry] }) entries!: SupportEntry[];
  @ApiProperty({ type: CommunityBudgetShare, nullable: true, description: 'null when budget-analysis has no data for the community and year (see shareReason)' })
  communityBudget!: CommunityBudgetShare | null;
  @ApiPropertyOptional({ example: 'budget-analysis has no data for UA07060450000051170 in 2024' }) shareReason?: string;
}

export class StartSupportImportRequest {
  @Nested(() => UploadRef, { description: 'The stored file' }) upload!: UploadRef;
}

export class SupportImportReport extends ImportReport {
  @ApiProperty({ example: 12, description: 'Payments stored (new)' }) inserted!: number;
  @ApiProperty({ example: 0, description: 'Payments already stored (the same file again)' }) unchanged!: number;
}
