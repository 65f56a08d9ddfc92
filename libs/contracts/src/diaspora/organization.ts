import { Type } from 'class-transformer';
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
import { PageQuery } from '../pagination';
import { COUNTRY_PATTERN, KATOTTG_PATTERN } from '../fields';
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
  /** The name as the organisation writes it, in any language. */
  @IsString() @MinLength(2) @MaxLength(300)
  original!: string;

  @IsOptional() @IsString() @MaxLength(300)
  uk?: string;

  @IsOptional() @IsString() @MaxLength(300)
  en?: string;
}

export class CityLocation {
  @IsLatitude()
  lat!: number;

  @IsLongitude()
  lon!: number;
}

export class PublicContacts {
  @IsOptional() @IsEmail() @MaxLength(200)
  email?: string;

  @IsOptional() @IsString() @MaxLength(50)
  phone?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUrl({ require_protocol: true }, { each: true })
  social?: string[];
}

/** A named contact person: stored only with a recorded consent, erasable on request. */
export class ContactPerson {
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @IsOptional() @IsEmail() @MaxLength(200)
  email?: string;

  /** When the person consented to their name and email being stored (ISO 8601). */
  @IsISO8601()
  consentRecordedAt!: string;

  @IsOptional() @IsString() @MaxLength(500)
  consentNote?: string;
}

export class RecordSource {
  @IsString() @MaxLength(200)
  name!: string;

  @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  url?: string;

  @IsOptional() @IsISO8601()
  retrievedAt?: string;
}

export class OrganizationFields {
  @IsOptional() @ValidateNested() @Type(() => OrganizationName)
  name?: OrganizationName;

  @IsOptional() @Matches(COUNTRY_PATTERN)
  country?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  city?: string;

  @IsOptional() @ValidateNested() @Type(() => CityLocation)
  cityLocation?: CityLocation;

  @IsOptional() @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @IsOptional() @IsArray() @ArrayMaxSize(FOCUS_AREAS.length) @IsIn(FOCUS_AREAS, { each: true })
  focusAreas?: FocusArea[];

  @IsOptional() @IsInt() @Min(1800) @Max(2100)
  foundedYear?: number;

  /** Exact founding date when known; decides `foundedAfterInvasion` for organisations founded in 2022. */
  @IsOptional() @IsISO8601()
  foundedOn?: string;

  @IsOptional() @IsUrl({ require_protocol: true }) @MaxLength(500)
  website?: string;

  @IsOptional() @ValidateNested() @Type(() => PublicContacts)
  contacts?: PublicContacts;

  @IsOptional() @ValidateNested() @Type(() => ContactPerson)
  contactPerson?: ContactPerson;

  /** ISO 639-1 codes. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(/^[a-z]{2}$/, { each: true })
  languages?: string[];

  @IsOptional() @IsIn(SIZE_BANDS)
  sizeBand?: SizeBand;

  @IsOptional() @IsIn(VERIFICATION_STATUSES)
  verificationStatus?: VerificationStatus;

  @IsOptional() @ValidateNested() @Type(() => RecordSource)
  source?: RecordSource;

  /** KATOTTG codes of the Ukrainian communities the organisation works with. */
  @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(KATOTTG_PATTERN, { each: true })
  communityCodes?: string[];
}

export class CreateOrganizationRequest {
  @ValidateNested() @Type(() => OrganizationFields)
  organization!: OrganizationFields;

  @IsOptional() @IsBoolean()
  allowDuplicate?: boolean;
}

export class UpdateOrganizationRequest {
  @IsString() @MaxLength(64)
  id!: string;

  @ValidateNested() @Type(() => OrganizationFields)
  changes!: OrganizationFields;
}

export class ListOrganizationsRequest extends PageQuery {
  @IsOptional() @Matches(COUNTRY_PATTERN)
  country?: string;

  @IsOptional() @IsString() @MaxLength(120)
  city?: string;

  @IsOptional() @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @IsOptional() @IsIn(FOCUS_AREAS)
  focus?: FocusArea;

  @IsOptional() @IsBoolean()
  foundedAfterInvasion?: boolean;

  @IsOptional() @Matches(KATOTTG_PATTERN)
  communityCode?: string;

  @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}

export interface OrganizationView {
  id: string;
  name: { original: string; uk?: string; en?: string };
  country: string;
  city: string;
  cityLocation?: { lat: number; lon: number };
  type: OrganizationType;
  focusAreas: FocusArea[];
  foundedYear?: number;
  foundedOn?: string;
  /** null when the founding date is not known precisely enough to tell. */
  foundedAfterInvasion: boolean | null;
  website?: string;
  contacts?: { email?: string; phone?: string; social?: string[] };
  contactPerson?: { name: string; email?: string; consentRecordedAt: string; consentNote?: string };
  languages: string[];
  sizeBand?: SizeBand;
  verificationStatus: VerificationStatus;
  source?: { name: string; url?: string; retrievedAt?: string };
  communityCodes: string[];
  personalDataErasedAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, unknown>;
  }>;
}
