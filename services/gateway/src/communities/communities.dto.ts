import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RECOVERY_CATEGORY_IDS } from '@vidnova/reference';
import { PageQuery } from '@vidnova/contracts';

export class ReferenceNameDto {
  @ApiProperty({ example: 'Шацька' }) uk!: string;
  @ApiProperty({ example: 'Shatska' }) en!: string;
}

export class AdministrativeUnitDto {
  @ApiProperty({ example: 'UA07060000000092268', description: 'KATOTTG code' }) katottg!: string;
  @ApiProperty({ type: ReferenceNameDto }) name!: ReferenceNameDto;
}

export class CommunityDto {
  @ApiProperty({ example: 'UA07060450000051170', description: 'KATOTTG code of the hromada' })
  katottg!: string;
  @ApiProperty({
    type: ReferenceNameDto,
    description: 'Ukrainian name and its national (2010) transliteration',
  })
  name!: ReferenceNameDto;
  @ApiPropertyOptional({
    enum: ['city', 'settlement', 'village'],
    description: 'міська / селищна / сільська (unknown for Crimea)',
  })
  type?: string;
  @ApiProperty({ type: AdministrativeUnitDto }) raion!: AdministrativeUnitDto;
  @ApiProperty({ type: AdministrativeUnitDto }) oblast!: AdministrativeUnitDto;
  @ApiPropertyOptional({ example: 16245, description: 'Population in 2022 (KSE), where known' })
  population2022?: number;
  @ApiPropertyOptional({ example: '0350700000', description: '10-digit local budget code, where known' })
  budgetCode?: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['Lutsk'],
    description: 'Other names, e.g. the centre city as Open Budget spells it',
  })
  aliases?: string[];
}

export class CommunityPageDto {
  @ApiProperty({ type: [CommunityDto] }) items!: CommunityDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CommunitiesQueryDto extends PageQuery {
  @ApiPropertyOptional({
    example: 'Berezhany',
    description: 'Part of the name, in Ukrainian or Latin letters, case-insensitive',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    example: 'Volyn',
    description: 'Oblast KATOTTG code, or its name in Ukrainian or Latin letters',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  oblast?: string;
}

export class KatottgParamDto {
  @ApiProperty({ example: 'UA07060450000051170', description: 'KATOTTG code' })
  @Matches(/^UA\d{17}$/i, { message: 'katottg must be a KATOTTG code such as UA07060450000051170' })
  katottg!: string;
}

export class CountryDto {
  @ApiProperty({ example: 'UA' }) alpha2!: string;
  @ApiProperty({ example: 'UKR' }) alpha3!: string;
  @ApiProperty({ example: '804', description: 'ISO 3166-1 numeric, zero-padded' }) numeric!: string;
  @ApiProperty({ type: ReferenceNameDto }) name!: ReferenceNameDto;
  @ApiPropertyOptional({
    description: 'True for a user-assigned code that is not part of ISO 3166-1 (XK, Kosovo)',
  })
  userAssigned?: boolean;
}

export class CountryListDto {
  @ApiProperty({ type: [CountryDto] }) items!: CountryDto[];
  @ApiProperty({ description: 'Where the list comes from' }) source!: string;
}

export class RecoveryCategoryDto {
  @ApiProperty({ enum: RECOVERY_CATEGORY_IDS }) id!: string;
  @ApiProperty({ type: ReferenceNameDto }) name!: ReferenceNameDto;
  @ApiProperty({
    type: [String],
    example: ['7461', '7462'],
    description: 'Programme codes (TPKVKMB, 4 digits)',
  })
  programCodes!: string[];
  @ApiProperty({ type: [String], example: ['0456'], description: 'Functional codes (FKVKB, 4 digits)' })
  functionalCodes!: string[];
}

export class RecoveryCategoryListDto {
  @ApiProperty({ type: [RecoveryCategoryDto] }) items!: RecoveryCategoryDto[];
  @ApiProperty({ example: '2025.1', description: 'Version of the taxonomy' }) version!: string;
}
