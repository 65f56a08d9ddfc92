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
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LocalizedText } from '../common';
import { PageQuery } from '../pagination';
import { INITIATIVE_STATUSES, INITIATIVE_TYPES, InitiativeStatus, InitiativeType } from './enums';
import { KATOTTG_PATTERN } from '../fields';

/** An amount in minor units (cents, kopiykas) of an ISO 4217 currency. */
export class MoneyAmount {
  @IsInt() @Min(0)
  amountMinor!: number;

  @Matches(/^[A-Z]{3}$/)
  currency!: string;
}

export class InitiativeFields {
  @IsOptional() @ValidateNested() @Type(() => LocalizedText)
  title?: LocalizedText;

  @IsOptional() @ValidateNested() @Type(() => LocalizedText)
  description?: LocalizedText;

  @IsOptional() @IsIn(INITIATIVE_TYPES)
  type?: InitiativeType;

  @IsOptional() @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  /** Ids of organising diaspora organisations (at least one). */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(64, { each: true })
  organizerIds?: string[];

  @IsOptional() @IsISO8601()
  startDate?: string;

  @IsOptional() @IsISO8601()
  endDate?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MoneyAmount)
  amountsRaised?: MoneyAmount[];

  @IsOptional() @Matches(KATOTTG_PATTERN)
  targetCommunityCode?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  url?: string;
}

export class CreateInitiativeRequest {
  @ValidateNested() @Type(() => InitiativeFields)
  initiative!: InitiativeFields;
}

export class UpdateInitiativeRequest {
  @IsString() @MaxLength(64)
  id!: string;

  @ValidateNested() @Type(() => InitiativeFields)
  changes!: InitiativeFields;
}

export class ListInitiativesRequest extends PageQuery {
  @IsOptional() @IsIn(INITIATIVE_TYPES)
  type?: InitiativeType;

  @IsOptional() @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @IsOptional() @IsString() @MaxLength(64)
  organizerId?: string;

  @IsOptional() @Matches(KATOTTG_PATTERN)
  targetCommunityCode?: string;
}

export interface InitiativeView {
  id: string;
  title: { uk?: string; en?: string };
  description?: { uk?: string; en?: string };
  type: InitiativeType;
  status: InitiativeStatus;
  organizerIds: string[];
  startDate?: string;
  endDate?: string;
  amountsRaised: Array<{ amountMinor: number; currency: string }>;
  targetCommunityCode?: string;
  url?: string;
  createdAt: string;
  updatedAt: string;
}
