import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  FOCUS_AREAS,
  FocusArea,
  ORGANIZATION_TYPES,
  OrganizationType,
  SIZE_BANDS,
  SizeBand,
  VERIFICATION_STATUSES,
  VerificationStatus,
} from '@vidnova/contracts';
import { PageQueryDto, queryBoolean } from '../platform/pagination.dto';

export class OrganizationNameDto {
  @ApiProperty({ example: 'Українська громада в Мюнхені e.V.', description: 'Name as the organisation writes it' })
  @IsString() @MinLength(2) @MaxLength(300)
  original!: string;

  @ApiPropertyOptional({ example: 'Українська громада в Мюнхені' })
  @IsOptional() @IsString() @MaxLength(300)
  uk?: string;

  @ApiPropertyOptional({ example: 'Ukrainian Community in Munich' })
  @IsOptional() @IsString() @MaxLength(300)
  en?: string;
}

export class CityLocationDto {
  @ApiProperty({ example: 48.137 }) @IsLatitude() lat!: number;
  @ApiProperty({ example: 11.575 }) @IsLongitude() lon!: number;
}

export class PublicContactsDto {
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUrl({ require_protocol: true }, { each: true })
  social?: string[];
}

export class ContactPersonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiProperty({ description: 'When the person consented to their name and email being stored' })
  @IsISO8601()
  consentRecordedAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) consentNote?: string;
}

export class RecordSourceDto {
  @ApiProperty({ example: 'Field survey 2023' }) @IsString() @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() retrievedAt?: string;
}

/** Fields of an organisation; all optional here so PATCH can reuse them. */
export class OrganizationPatchDto {
  @ApiPropertyOptional({ type: OrganizationNameDto }) @IsOptional() @ValidateNested() @Type(() => OrganizationNameDto)
  name?: OrganizationNameDto;

  @ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2' }) @IsOptional() @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ example: 'München' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  city?: string;

  @ApiPropertyOptional({ type: CityLocationDto, description: 'City-level point for maps (never a street address)' })
  @IsOptional() @ValidateNested() @Type(() => CityLocationDto)
  cityLocation?: CityLocationDto;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES }) @IsOptional() @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @ApiPropertyOptional({ enum: FOCUS_AREAS, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(FOCUS_AREAS.length) @IsIn(FOCUS_AREAS, { each: true })
  focusAreas?: FocusArea[];

  @ApiPropertyOptional({ example: 2022 }) @IsOptional() @IsInt() @Min(1800) @Max(2100)
  foundedYear?: number;

  @ApiPropertyOptional({ example: '2022-03-15' }) @IsOptional() @IsISO8601()
  foundedOn?: string;

  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  website?: string;

  @ApiPropertyOptional({ type: PublicContactsDto }) @IsOptional() @ValidateNested() @Type(() => PublicContactsDto)
  contacts?: PublicContactsDto;

  @ApiPropertyOptional({ type: ContactPersonDto, description: 'Stored only with recorded consent' })
  @IsOptional() @ValidateNested() @Type(() => ContactPersonDto)
  contactPerson?: ContactPersonDto;

  @ApiPropertyOptional({ type: [String], example: ['uk', 'de'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(/^[a-z]{2}$/, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ enum: SIZE_BANDS }) @IsOptional() @IsIn(SIZE_BANDS)
  sizeBand?: SizeBand;

  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES }) @IsOptional() @IsIn(VERIFICATION_STATUSES)
  verificationStatus?: VerificationStatus;

  @ApiPropertyOptional({ type: RecordSourceDto }) @IsOptional() @ValidateNested() @Type(() => RecordSourceDto)
  source?: RecordSourceDto;

  @ApiPropertyOptional({ type: [String], example: ['UA61040030000060956'], description: 'KATOTTG codes of communities it works with' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(/^UA\d{17}$/, { each: true })
  communityCodes?: string[];
}

export class CreateOrganizationDto extends OrganizationPatchDto {
  @ApiProperty({ type: OrganizationNameDto }) @ValidateNested() @Type(() => OrganizationNameDto)
  declare name: OrganizationNameDto;

  @ApiProperty({ example: 'DE' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DE' })
  declare country: string;

  @ApiProperty({ example: 'München' }) @IsString() @MinLength(1) @MaxLength(120)
  declare city: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES }) @IsIn(ORGANIZATION_TYPES)
  declare type: OrganizationType;
}

export class DuplicateQueryDto {
  @ApiPropertyOptional({ description: 'Create even if a likely duplicate exists' })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  allowDuplicate?: boolean;
}

export class ListOrganizationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'DE' }) @IsOptional() @Matches(/^[A-Z]{2}$/) country?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES }) @IsOptional() @IsIn(ORGANIZATION_TYPES) type?: OrganizationType;
  @ApiPropertyOptional({ enum: FOCUS_AREAS }) @IsOptional() @IsIn(FOCUS_AREAS) focus?: FocusArea;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBoolean) @IsBoolean() foundedAfterInvasion?: boolean;
  @ApiPropertyOptional({ description: 'KATOTTG code of a community the organisations work with' })
  @IsOptional() @Matches(/^UA\d{17}$/) communityCode?: string;
  @ApiPropertyOptional({ description: 'Full-text search over names and city, Ukrainian or Latin spelling' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class OrganizationDto extends OrganizationPatchDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: Boolean }) foundedAfterInvasion!: boolean | null;
  @ApiPropertyOptional() personalDataErasedAt?: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() version!: number;
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items!: OrganizationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
