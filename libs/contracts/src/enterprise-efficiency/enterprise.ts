import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Edrpou, IntField, Katottg, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import { LEGAL_FORM_KEYS, LegalForm, Sector, SECTOR_KEYS } from './enums';

/** A reporting year (statements, support, KPIs), also from a query string. */
export const ReportYear = (opts: { optional?: boolean; description?: string } = {}): PropertyDecorator => {
  const decorators = [
    (opts.optional ? ApiPropertyOptional : ApiProperty)({
      type: 'integer',
      minimum: 2000,
      maximum: 2100,
      example: 2024,
      description: opts.description ?? 'Reporting year',
    }),
    ...(opts.optional ? [IsOptional()] : []),
    Type(() => Number),
    IsInt({ message: '$property must be a year such as 2024' }),
    Min(2000),
    Max(2100),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

export class EnterpriseName {
  @TextField({ min: 1, max: 300, description: 'Name in Ukrainian', example: 'КП "Шацькводоканал"' })
  uk!: string;

  @TextField({ optional: true, max: 300, description: 'Name in English', example: 'Shatsk Water Utility' })
  en?: string;
}

export class StaffCount {
  @IntField({ min: 2000, max: 2100, example: 2024 })
  year!: number;

  @IntField({ min: 0, max: 1000000, example: 48, description: 'Average number of staff in the year' })
  count!: number;
}

/** An enterprise as it is registered (the body of POST /api/v1/enterprises). */
export class NewEnterprise {
  @Edrpou({ description: 'EDRPOU code: 8 digits with a valid check digit (a wrong check digit → 422)', example: '32501397' })
  edrpou!: string;

  @Nested(() => EnterpriseName)
  name!: EnterpriseName;

  @ApiProperty({ enum: LEGAL_FORM_KEYS, example: 'communal_enterprise' })
  @IsIn(LEGAL_FORM_KEYS)
  legalForm!: LegalForm;

  @ApiProperty({ enum: SECTOR_KEYS, example: 'water_sewerage' })
  @IsIn(SECTOR_KEYS)
  sector!: Sector;

  @Katottg({ description: 'KATOTTG code of the owner community (hromada)', example: 'UA07060450000051170' })
  community!: string;

  @Nested(() => StaffCount, { optional: true, each: true, maxItems: 50, description: 'Staff count by year' })
  staff?: StaffCount[];
}

/** The fields a change may send (PATCH): everything but the EDRPOU, which identifies the enterprise. */
export class EnterpriseChanges extends PartialType(PickType(NewEnterprise, ['name', 'legalForm', 'sector', 'community', 'staff'] as const)) {}

export class EdrpouRequest {
  @Edrpou()
  edrpou!: string;
}

export class CreateEnterpriseRequest {
  @Nested(() => NewEnterprise)
  enterprise!: NewEnterprise;
}

export class UpdateEnterpriseRequest extends EdrpouRequest {
  @Nested(() => EnterpriseChanges)
  changes!: EnterpriseChanges;
}

export class ListEnterprisesRequest extends PageQuery {
  @Katottg({ optional: true, description: 'KATOTTG code of the owner community' })
  community?: string;

  @ApiPropertyOptional({ enum: SECTOR_KEYS }) @IsOptional() @IsIn(SECTOR_KEYS)
  sector?: Sector;

  @TextField({ optional: true, max: 200, example: 'водоканал', description: 'Search in the names (Ukrainian or English) and the EDRPOU' })
  q?: string;
}

export class EnterpriseView extends NewEnterprise {
  @ApiProperty({ required: true, type: [StaffCount] })
  declare staff: StaffCount[];

  @ApiProperty({ example: 'Shatska', description: 'Name of the owner community (from the KATOTTG register)', nullable: true, type: String })
  communityName!: string | null;

  @ApiProperty({ example: 'UA07000000000024379', nullable: true, type: String, description: 'KATOTTG of the oblast' })
  oblast!: string | null;

  @ApiPropertyOptional({ example: 'ngo-volyn-watch', description: 'Organisation that owns the record (the key that created it)' })
  owner?: string;

  @ApiProperty({ type: [String], example: ['UA07060450000051170'], description: 'Communities the record concerns (the owner community)' })
  communities!: string[];

  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' })
  updatedAt!: string;
}
