import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { CountryCode, Flag, IntField, Katottg, LanguageCode, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import {
  FOCUS_AREAS,
  FocusArea,
  ORGANIZATION_TYPES,
  OrganizationType,
  SIZE_BANDS,
  SizeBand,
  VERIFICATION_STATUSES,
  VerificationStatus,
} from './enums';

export class OrganizationName {
  @TextField({ min: 2, max: 300, description: 'The name as the organisation writes it, in any language', example: 'Українська громада в Мюнхені e.V.' })
  original!: string;

  @TextField({ optional: true, max: 300, example: 'Українська громада в Мюнхені' })
  uk?: string;

  @TextField({ optional: true, max: 300, example: 'Ukrainian Community in Munich' })
  en?: string;
}

/** A city-level point for maps: never a street address. */
export class CityLocation {
  @ApiProperty({ example: 48.137 }) @IsLatitude()
  lat!: number;

  @ApiProperty({ example: 11.575 }) @IsLongitude()
  lon!: number;
}

export class PublicContacts {
  @ApiPropertyOptional({ example: 'info@ukrainians-munich.de' }) @IsOptional() @IsEmail() @MaxLength(200)
  email?: string;

  @TextField({ optional: true, max: 50, example: '+49 89 1234567' })
  phone?: string;

  @ApiPropertyOptional({ type: [String], example: ['https://www.facebook.com/ukrainians.munich'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUrl({ require_protocol: true }, { each: true })
  social?: string[];
}

/** A named contact person: stored only with a recorded consent, erasable on request. */
export class ContactPerson {
  @TextField({ min: 1, max: 200, example: 'Olena Kovalenko' })
  name!: string;

  @ApiPropertyOptional({ example: 'olena@example.org' }) @IsOptional() @IsEmail() @MaxLength(200)
  email?: string;

  @ApiProperty({ example: '2024-03-01T10:00:00Z', description: 'When the person consented to their name and email being stored (ISO 8601)' })
  @IsISO8601()
  consentRecordedAt!: string;

  @TextField({ optional: true, max: 500, example: 'Consent given by e-mail' })
  consentNote?: string;
}

export class RecordSource {
  @TextField({ max: 200, example: 'Field survey 2023' })
  name!: string;

  @ApiPropertyOptional({ example: 'https://example.org/survey-2023' }) @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  url?: string;

  @ApiPropertyOptional({ example: '2023-11-01' }) @IsOptional() @IsISO8601()
  retrievedAt?: string;
}

/** A new organisation: name, country, city and type are required; everything else may follow later. */
export class NewOrganization {
  @Nested(() => OrganizationName)
  name!: OrganizationName;

  @CountryCode({ description: 'Host country (ISO 3166-1 alpha-2)' })
  country!: string;

  @TextField({ min: 1, max: 120, example: 'München' })
  city!: string;

  @Nested(() => CityLocation, { optional: true, description: 'City-level point for maps (never a street address)' })
  cityLocation?: CityLocation;

  @ApiProperty({ enum: ORGANIZATION_TYPES, example: 'association' }) @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @ApiPropertyOptional({ enum: FOCUS_AREAS, isArray: true, example: ['humanitarian_aid', 'culture'] })
  @IsOptional() @IsArray() @ArrayMaxSize(FOCUS_AREAS.length) @IsIn(FOCUS_AREAS, { each: true })
  focusAreas?: FocusArea[];

  @IntField({ optional: true, min: 1800, max: 2100, example: 2022 })
  foundedYear?: number;

  @ApiPropertyOptional({ example: '2022-03-15', description: 'Exact founding date when known; decides `foundedAfterInvasion` for organisations founded in 2022' })
  @IsOptional() @IsISO8601()
  foundedOn?: string;

  @ApiPropertyOptional({ example: 'https://ukrainians-munich.de' }) @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  website?: string;

  @Nested(() => PublicContacts, { optional: true })
  contacts?: PublicContacts;

  @Nested(() => ContactPerson, { optional: true, description: 'Stored only with recorded consent; erasable on request' })
  contactPerson?: ContactPerson;

  @LanguageCode({ optional: true, each: true, maxItems: 20, example: ['uk', 'de'], description: 'Languages the organisation works in (ISO 639-1)' })
  languages?: string[];

  @ApiPropertyOptional({ enum: SIZE_BANDS, example: '11-50' }) @IsOptional() @IsIn(SIZE_BANDS)
  sizeBand?: SizeBand;

  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES, example: 'self_reported' }) @IsOptional() @IsIn(VERIFICATION_STATUSES)
  verificationStatus?: VerificationStatus;

  @Nested(() => RecordSource, { optional: true })
  source?: RecordSource;

  @Katottg({ optional: true, each: true, example: ['UA61040030000060956'], description: 'KATOTTG codes of the Ukrainian communities the organisation works with' })
  communityCodes?: string[];
}

/** Fields of an organisation, every one optional: the body of a change. */
export class OrganizationFields extends PartialType(NewOrganization) {}

const DUPLICATE_FLAG = 'Store it even if it is a likely duplicate (same normalised name, country and city) of another organisation';

export class CreateOrganizationRequest {
  @Nested(() => NewOrganization)
  organization!: NewOrganization;

  @Flag({ description: DUPLICATE_FLAG })
  allowDuplicate?: boolean;
}

export class UpdateOrganizationRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  id!: string;

  @Nested(() => OrganizationFields)
  changes!: OrganizationFields;

  @Flag({ description: DUPLICATE_FLAG })
  allowDuplicate?: boolean;
}

export class ListOrganizationsRequest extends PageQuery {
  @CountryCode({ optional: true })
  country?: string;

  @TextField({ optional: true, max: 120, example: 'München' })
  city?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES }) @IsOptional() @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @ApiPropertyOptional({ enum: FOCUS_AREAS }) @IsOptional() @IsIn(FOCUS_AREAS)
  focus?: FocusArea;

  @Flag({ description: 'Only organisations founded after (true) or before (false) 24 February 2022' })
  foundedAfterInvasion?: boolean;

  @Katottg({ optional: true, description: 'KATOTTG code of a community the organisations work with' })
  communityCode?: string;

  @TextField({ optional: true, max: 200, example: 'мюнхен', description: 'Full-text search over names and city, Ukrainian or Latin spelling' })
  q?: string;
}

/** An organisation as the registry answers it. */
export class OrganizationView extends NewOrganization {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  id!: string;

  @ApiProperty({ required: true, enum: FOCUS_AREAS, isArray: true, example: ['humanitarian_aid', 'culture'] })
  declare focusAreas: FocusArea[];

  @ApiProperty({ nullable: true, type: Boolean, example: true, description: 'null when the founding date is not known precisely enough to tell' })
  foundedAfterInvasion!: boolean | null;

  @ApiProperty({ required: true, type: [String], example: ['uk', 'de'] })
  declare languages: string[];

  @ApiProperty({ required: true, enum: VERIFICATION_STATUSES, example: 'unverified' })
  declare verificationStatus: VerificationStatus;

  @ApiProperty({ required: true, type: [String], example: ['UA61040030000060956'] })
  declare communityCodes: string[];

  @ApiPropertyOptional({
    example: 'berezhany-cso',
    description: 'The organisation of the key that wrote the record; only its partner keys (and editors, admins) change it. Absent for records written by keys without an organisation, or before ownership was recorded.',
  })
  owner?: string;

  @ApiPropertyOptional({ example: '2024-05-02T09:30:00.000Z', description: 'When the contact person was erased' })
  personalDataErasedAt?: string;

  @ApiProperty({ example: '2024-03-01T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2024-03-01T10:00:00.000Z' })
  updatedAt!: string;

  @ApiProperty({ example: 1, description: 'Grows by one with every change' })
  version!: number;
}

export class GeoJsonPoint {
  @ApiProperty({ enum: ['Point'], example: 'Point' })
  type!: 'Point';

  @ApiProperty({ type: [Number], example: [11.575, 48.137], description: '[longitude, latitude], rounded to city level' })
  coordinates!: [number, number];
}

/** What a map shows of an organisation. */
export class OrganizationMapProperties {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ example: 'Українська громада в Мюнхені e.V.' }) name!: string;
  @ApiPropertyOptional({ example: 'Українська громада в Мюнхені' }) nameUk?: string;
  @ApiPropertyOptional({ example: 'Ukrainian Community in Munich' }) nameEn?: string;
  @ApiProperty({ example: 'DE' }) country!: string;
  @ApiProperty({ example: 'München' }) city!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES, example: 'association' }) type!: OrganizationType;
  @ApiProperty({ enum: FOCUS_AREAS, isArray: true, example: ['culture'] }) focusAreas!: FocusArea[];
  @ApiProperty({ nullable: true, type: Boolean, example: true }) foundedAfterInvasion!: boolean | null;
}

export class GeoJsonFeature {
  @ApiProperty({ enum: ['Feature'], example: 'Feature' })
  type!: 'Feature';

  @ApiProperty({ type: GeoJsonPoint })
  geometry!: GeoJsonPoint;

  @ApiProperty({ type: OrganizationMapProperties })
  properties!: OrganizationMapProperties;
}

/** Organisations as GeoJSON (RFC 7946) points at city level. */
export class GeoJsonFeatureCollection {
  @ApiProperty({ enum: ['FeatureCollection'], example: 'FeatureCollection' })
  type!: 'FeatureCollection';

  @ApiProperty({ type: [GeoJsonFeature], description: 'At most 2000 features' })
  features!: GeoJsonFeature[];
}
