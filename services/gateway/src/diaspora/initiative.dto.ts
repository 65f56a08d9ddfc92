import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { INITIATIVE_STATUSES, INITIATIVE_TYPES, InitiativeStatus, InitiativeType } from '@vidnova/contracts';
import { PageQueryDto } from '../platform/pagination.dto';

export class LocalizedTextDto {
  @ApiPropertyOptional({ example: 'Генератори для Бахмацької громади' }) @IsOptional() @IsString() @MaxLength(2000) uk?: string;
  @ApiPropertyOptional({ example: 'Generators for Bakhmach hromada' }) @IsOptional() @IsString() @MaxLength(2000) en?: string;
}

export class LongTextDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) uk?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) en?: string;
}

export class MoneyAmountDto {
  @ApiProperty({ example: 1250000, description: 'Integer amount in minor units (cents, kopiykas); never a float' })
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  amountMinor!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}

/** Fields of an initiative; all optional here so PATCH can reuse them. */
export class InitiativePatchDto {
  @ApiPropertyOptional({ type: LocalizedTextDto, description: 'Title in Ukrainian and/or English' })
  @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto)
  title?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LongTextDto }) @IsOptional() @ValidateNested() @Type(() => LongTextDto)
  description?: LongTextDto;

  @ApiPropertyOptional({ enum: INITIATIVE_TYPES }) @IsOptional() @IsIn(INITIATIVE_TYPES)
  type?: InitiativeType;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES, default: 'planned' }) @IsOptional() @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @ApiPropertyOptional({ type: [String], description: 'Ids of the organising registry organisations (each must exist)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(64, { each: true })
  organizerIds?: string[];

  @ApiPropertyOptional({ example: '2023-01-15' }) @IsOptional() @IsISO8601()
  startDate?: string;

  @ApiPropertyOptional({ example: '2023-06-30' }) @IsOptional() @IsISO8601()
  endDate?: string;

  @ApiPropertyOptional({ type: [MoneyAmountDto], description: 'Totals raised, one per currency' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MoneyAmountDto)
  amountsRaised?: MoneyAmountDto[];

  @ApiPropertyOptional({ example: 'UA74040030000093042', description: 'KATOTTG code of the target hromada, when there is one' })
  @IsOptional() @Matches(/^UA\d{17}$/, { message: 'targetCommunityCode must be a KATOTTG code such as UA74040030000093042' })
  targetCommunityCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  url?: string;
}

export class CreateInitiativeDto extends InitiativePatchDto {
  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto)
  declare title: LocalizedTextDto;

  @ApiProperty({ enum: INITIATIVE_TYPES }) @IsIn(INITIATIVE_TYPES)
  declare type: InitiativeType;

  @ApiProperty({ type: [String] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(64, { each: true })
  declare organizerIds: string[];
}

export class ListInitiativesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INITIATIVE_TYPES }) @IsOptional() @IsIn(INITIATIVE_TYPES) type?: InitiativeType;
  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES }) @IsOptional() @IsIn(INITIATIVE_STATUSES) status?: InitiativeStatus;
  @ApiPropertyOptional({ description: 'Initiatives this organisation organises' }) @IsOptional() @IsString() @MaxLength(64) organizerId?: string;
  @ApiPropertyOptional({ description: 'KATOTTG code of the target hromada' })
  @IsOptional() @Matches(/^UA\d{17}$/) targetCommunityCode?: string;
}

export class CommunityParamDto {
  @ApiProperty({ example: 'UA74040030000093042', description: 'KATOTTG code' })
  @Matches(/^UA\d{17}$/, { message: 'katottg must be a KATOTTG code such as UA74040030000093042' })
  katottg!: string;
}

export class CommunityInitiativesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INITIATIVE_TYPES }) @IsOptional() @IsIn(INITIATIVE_TYPES) type?: InitiativeType;
  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES }) @IsOptional() @IsIn(INITIATIVE_STATUSES) status?: InitiativeStatus;
}

export class InitiativeDto extends CreateInitiativeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: INITIATIVE_STATUSES }) declare status: InitiativeStatus;
  @ApiProperty({ type: [MoneyAmountDto] }) declare amountsRaised: MoneyAmountDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class InitiativePageDto {
  @ApiProperty({ type: [InitiativeDto] }) items!: InitiativeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
