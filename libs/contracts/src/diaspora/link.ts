import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import { LINK_PARTY_KINDS, LINK_TYPES, LinkPartyKind, LinkType } from './enums';

/** One side of a cooperation link: a registry organisation, a community (KATOTTG) or a named institution. */
export class LinkParty {
  @ApiProperty({ enum: LINK_PARTY_KINDS, example: 'community' }) @IsIn(LINK_PARTY_KINDS)
  kind!: LinkPartyKind;

  @TextField({
    optional: true,
    max: 64,
    example: 'UA74040030000093042',
    description: 'Organisation id (kind organization, must exist) or KATOTTG code (kind community); absent for an institution known only by name',
  })
  ref?: string;

  @TextField({
    optional: true,
    min: 1,
    max: 300,
    example: 'Ministry of Education and Science of Ukraine',
    description: 'Name of an institution (required for kind institution without a ref)',
  })
  name?: string;
}

export class CreateLinkRequest {
  @Nested(() => LinkParty)
  from!: LinkParty;

  @Nested(() => LinkParty)
  to!: LinkParty;

  @ApiProperty({ enum: LINK_TYPES, example: 'partnership' }) @IsIn(LINK_TYPES)
  type!: LinkType;

  @ApiPropertyOptional({ example: '2022-09-01', description: 'Since when the cooperation exists' }) @IsOptional() @IsISO8601()
  since?: string;

  @TextField({ optional: true, max: 2000, example: 'Twinning agreement signed in Munich' })
  note?: string;
}

export class ListLinksRequest extends PageQuery {
  @TextField({ optional: true, max: 64, example: '6650f1c2a9e4b2d1c3f4a5b6', description: 'Links where this organisation is either party' })
  organizationId?: string;

  @ApiPropertyOptional({ enum: LINK_TYPES }) @IsOptional() @IsIn(LINK_TYPES)
  type?: LinkType;
}

/** A cooperation link as the registry answers it. */
export class LinkView extends CreateLinkRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  id!: string;

  @ApiPropertyOptional({
    example: 'berezhany-cso',
    description: 'The organisation of the key that wrote the record; only its partner keys (and editors, admins) change it. Absent for records written by keys without an organisation, or before ownership was recorded.',
  })
  owner?: string;

  @ApiProperty({ example: '2024-03-01T10:00:00.000Z' })
  createdAt!: string;
}
