import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../pagination';
import { LINK_PARTY_KINDS, LINK_TYPES, LinkPartyKind, LinkType } from './enums';

/** One side of a cooperation link: a registry organisation, a community (KATOTTG) or a named institution. */
export class LinkParty {
  @IsIn(LINK_PARTY_KINDS)
  kind!: LinkPartyKind;

  /** Organisation id or KATOTTG code; absent for an institution known only by name. */
  @IsOptional() @IsString() @MaxLength(64)
  ref?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  name?: string;
}

export class CreateLinkRequest {
  @ValidateNested() @Type(() => LinkParty)
  from!: LinkParty;

  @ValidateNested() @Type(() => LinkParty)
  to!: LinkParty;

  @IsIn(LINK_TYPES)
  type!: LinkType;

  @IsOptional() @IsISO8601()
  since?: string;

  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ListLinksRequest extends PageQuery {
  /** Links where this organisation is either side. */
  @IsOptional() @IsString() @MaxLength(64)
  organizationId?: string;

  @IsOptional() @IsIn(LINK_TYPES)
  type?: LinkType;
}

export interface LinkView {
  id: string;
  from: { kind: LinkPartyKind; ref?: string; name?: string };
  to: { kind: LinkPartyKind; ref?: string; name?: string };
  type: LinkType;
  since?: string;
  note?: string;
  createdAt: string;
}
