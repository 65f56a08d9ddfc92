import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { LINK_PARTY_KINDS, LINK_TYPES, LinkPartyKind, LinkType } from '@vidnova/contracts';
import { PageQueryDto } from '../platform/pagination.dto';

export class LinkPartyDto {
  @ApiProperty({ enum: LINK_PARTY_KINDS }) @IsIn(LINK_PARTY_KINDS)
  kind!: LinkPartyKind;

  @ApiPropertyOptional({ description: 'Organisation id (kind organization, must exist) or KATOTTG code (kind community)', example: 'UA74040030000093042' })
  @IsOptional() @IsString() @MaxLength(64)
  ref?: string;

  @ApiPropertyOptional({ description: 'Name of an institution (required for kind institution without a ref)', example: 'Ministry of Education and Science of Ukraine' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  name?: string;
}

export class CreateLinkDto {
  @ApiProperty({ type: LinkPartyDto }) @ValidateNested() @Type(() => LinkPartyDto)
  from!: LinkPartyDto;

  @ApiProperty({ type: LinkPartyDto }) @ValidateNested() @Type(() => LinkPartyDto)
  to!: LinkPartyDto;

  @ApiProperty({ enum: LINK_TYPES }) @IsIn(LINK_TYPES)
  type!: LinkType;

  @ApiPropertyOptional({ example: '2022-09-01', description: 'Since when the cooperation exists' }) @IsOptional() @IsISO8601()
  since?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ListLinksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Links where this organisation is either party' }) @IsOptional() @IsString() @MaxLength(64)
  organizationId?: string;

  @ApiPropertyOptional({ enum: LINK_TYPES }) @IsOptional() @IsIn(LINK_TYPES)
  type?: LinkType;
}

export class LinkDto extends CreateLinkDto {
  @ApiProperty() id!: string;
  @ApiProperty() createdAt!: string;
}

export class LinkPageDto {
  @ApiProperty({ type: [LinkDto] }) items!: LinkDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
