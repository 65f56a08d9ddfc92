import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Edrpou, Kopiykas, Nested } from '../fields';
import { ImportReport, RejectedRow } from '../imports';
import { UploadRef } from '../common';
import { ReportYear } from './enterprise';

export class StartProcurementImportRequest {
  @Nested(() => UploadRef, { description: 'The stored file' }) upload!: UploadRef;
}

export class RejectedRelease extends RejectedRow {
  @ApiPropertyOptional({ example: 'UA-2018-06-22-001789-a' }) ocid?: string;
}

export class ProcurementImportReport extends ImportReport {
  @ApiProperty({ enum: ['record', 'release', 'unknown'], example: 'record', description: 'The package type found' }) packageType!: 'record' | 'release' | 'unknown';
  @ApiProperty({ example: 10, description: 'Releases stored (new ocid + release id)' }) inserted!: number;
  @ApiProperty({ example: 0, description: 'Releases already stored (idempotent by ocid and release id)' }) unchanged!: number;
  @ApiProperty({ type: [RejectedRelease], description: 'Refused records: `line` is the position in the package (1 = first), with the ocid and reason' })
  declare rejected: RejectedRelease[];
}

export class BuyerRequest {
  @Edrpou({ description: 'EDRPOU of the buyer' }) edrpou!: string;
  @ReportYear({ description: 'Year of the tender date' }) year!: number;
}

export class SupplierFigure {
  @ApiProperty({ example: '12345678', description: 'Supplier identifier (EDRPOU for Ukrainian firms)' }) id!: string;
  @ApiProperty({ example: 'ТОВ "Будсервіс"', nullable: true, type: String }) name!: string | null;
  @Kopiykas() contractedValue!: number;
  @ApiProperty({ example: 3 }) contracts!: number;
}

export class CpvFigure {
  @ApiProperty({ example: '45', description: 'CPV division (first two digits)' }) cpv!: string;
  @ApiProperty({ example: 4 }) procedures!: number;
  @Kopiykas() expectedValue!: number;
  @Kopiykas() contractedValue!: number;
}

export class BuyerSummary {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ example: 12, description: 'Procedures (one per ocid) whose tender date is in the year' }) procedures!: number;
  @ApiProperty({ example: 5, description: 'open and selective' }) competitive!: number;
  @ApiProperty({ example: 7, description: 'limited and direct' }) nonCompetitive!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.5833, description: 'nonCompetitive / (competitive + nonCompetitive); null without procedures' }) nonCompetitiveShare!: number | null;
  @Kopiykas({ description: 'Sum of tender.value' }) expectedValue!: number;
  @Kopiykas({ description: 'Sum of active and terminated contracts' }) contractedValue!: number;
  @Kopiykas({ description: 'expected − contracted over procedures that have both' }) savings!: number;
  @ApiProperty({ type: Number, nullable: true, example: 2.5, description: 'Mean numberOfTenderers (or bids) over competitive procedures that report them' }) averageTenderers!: number | null;
  @ApiProperty({ type: [SupplierFigure], description: 'Up to 10 suppliers by contracted value' }) topSuppliers!: SupplierFigure[];
  @ApiProperty({ type: [CpvFigure] }) byCpv!: CpvFigure[];
  @ApiProperty({ example: 'UAH', description: 'Only amounts in UAH are summed; procedures in other currencies are counted but their amounts left out' }) currency!: string;
}
