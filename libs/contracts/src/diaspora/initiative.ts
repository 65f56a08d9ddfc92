import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { LocalizedText } from '../common';
import { IntField, Katottg, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import { INITIATIVE_STATUSES, INITIATIVE_TYPES, InitiativeStatus, InitiativeType } from './enums';

/** An amount in minor units (cents, kopiykas) of an ISO 4217 currency. */
export class MoneyAmount {
  @IntField({ min: 0, max: Number.MAX_SAFE_INTEGER, example: 1250000, description: 'Integer amount in minor units (cents, kopiykas); never a float' })
  amountMinor!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}

/** A short title in Ukrainian and/or English. */
export class InitiativeTitle {
  @TextField({ optional: true, max: 2000, example: 'Генератори для Бахмацької громади' })
  uk?: string;

  @TextField({ optional: true, max: 2000, example: 'Generators for Bakhmach hromada' })
  en?: string;
}

/** A new initiative: title, type and at least one organiser are required. */
export class NewInitiative {
  @Nested(() => InitiativeTitle, { description: 'Title in Ukrainian and/or English (at least one)' })
  title!: InitiativeTitle;

  @Nested(() => LocalizedText, { optional: true })
  description?: LocalizedText;

  @ApiProperty({ enum: INITIATIVE_TYPES, example: 'humanitarian_delivery' }) @IsIn(INITIATIVE_TYPES)
  type!: InitiativeType;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES, default: 'planned', example: 'active' }) @IsOptional() @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @TextField({ each: true, maxItems: 50, max: 64, example: ['6650f1c2a9e4b2d1c3f4a5b6'], description: 'Ids of the organising registry organisations (each must exist)' })
  @ArrayMinSize(1)
  organizerIds!: string[];

  @ApiPropertyOptional({ example: '2023-01-15' }) @IsOptional() @IsISO8601()
  startDate?: string;

  @ApiPropertyOptional({ example: '2023-06-30' }) @IsOptional() @IsISO8601()
  endDate?: string;

  @Nested(() => MoneyAmount, { optional: true, each: true, maxItems: 20, description: 'Totals raised, one per currency' })
  amountsRaised?: MoneyAmount[];

  @Katottg({ optional: true, example: 'UA74040030000093042', description: 'KATOTTG code of the target hromada, when there is one' })
  targetCommunityCode?: string;

  @ApiPropertyOptional({ example: 'https://example.org/generators-bakhmach' }) @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  url?: string;
}

/** Fields of an initiative, every one optional: the body of a change. */
export class InitiativeFields extends PartialType(NewInitiative) {}

export class CreateInitiativeRequest {
  @Nested(() => NewInitiative)
  initiative!: NewInitiative;
}

export class UpdateInitiativeRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  id!: string;

  @Nested(() => InitiativeFields)
  changes!: InitiativeFields;
}

export class ListInitiativesRequest extends PageQuery {
  @ApiPropertyOptional({ enum: INITIATIVE_TYPES }) @IsOptional() @IsIn(INITIATIVE_TYPES)
  type?: InitiativeType;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES }) @IsOptional() @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @TextField({ optional: true, max: 64, example: '6650f1c2a9e4b2d1c3f4a5b6', description: 'Initiatives this organisation organises' })
  organizerId?: string;

  @Katottg({ optional: true, description: 'KATOTTG code of the target hromada' })
  targetCommunityCode?: string;
}

/** An initiative as the registry answers it. */
export class InitiativeView extends NewInitiative {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  id!: string;

  @ApiProperty({ required: true, enum: INITIATIVE_STATUSES, example: 'active' })
  declare status: InitiativeStatus;

  @ApiProperty({ required: true, type: [MoneyAmount] })
  declare amountsRaised: MoneyAmount[];

  @ApiPropertyOptional({
    example: 'berezhany-cso',
    description: 'The organisation of the key that wrote the record; only its partner keys (and editors, admins) change it. Absent for records written by keys without an organisation, or before ownership was recorded.',
  })
  owner?: string;

  @ApiProperty({ example: '2024-03-01T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2024-03-01T10:00:00.000Z' })
  updatedAt!: string;
}
