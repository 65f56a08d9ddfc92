import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems } from '../platform/api-docs';
import { ReplyNotStored } from '../platform/idempotency.interceptor';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { DomainError, Katottg, MAX_KEY_COMMUNITIES } from '@vidnova/contracts';
import { PageQuery } from '@vidnova/contracts';
import { ApiKeysService, Principal } from './api-keys.service';
import { Role, Roles, ROLES } from './roles';

class CreateApiKeyDto {
  @ApiProperty({ example: 'Berezhany CSO data team' })
  @IsString() @MinLength(2) @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({
    required: false,
    description:
      'The partner organisation the key belongs to (a free id or name). Required for `partner` keys: records they write are owned ' +
      'by it, and they change only what it owns.',
    example: 'berezhany-cso',
  })
  @ValidateIf((o: CreateApiKeyDto) => o.role === 'partner' || o.organization !== undefined)
  @IsString() @MinLength(2) @MaxLength(100)
  organization?: string;

  @Katottg({
    optional: true,
    each: true,
    maxItems: MAX_KEY_COMMUNITIES,
    description: 'For `editor` keys: the communities (KATOTTG) whose records the key may change. Empty or absent: every community.',
    example: ['UA07060450000051170'],
  })
  communities?: string[];
}

class ApiKeyDto {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ example: 'Berezhany CSO data team' }) name!: string;
  @ApiProperty({ enum: ROLES, example: 'editor' }) role!: Role;
  @ApiProperty({ required: false, description: 'The organisation the key belongs to', example: 'berezhany-cso' }) organization?: string;
  @ApiProperty({ required: false, type: [String], description: 'Communities an editor key is limited to', example: ['UA07060450000051170'] })
  communities?: string[];
  @ApiProperty({ description: 'First characters of the key, to recognise it', example: 'vn_4f9a' }) prefix!: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: 'bootstrap' }) createdBy!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) revokedAt!: string | null;
}

class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown only in this reply; store it now.', example: 'vn_4f9a0c1e7b2d4e8f9a0b1c2d3e4f5a6b' })
  key!: string;
}

@ApiTags('api-keys')
@ApiSecurity('apiKey')
@Roles('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'Creates a key with a role (admin, editor, analyst, partner, reader), the organisation it belongs to (required for partner keys) and, for editor keys, the communities it may change (docs/security.md). Admin only. The key itself is in this reply only: it is stored as a hash and cannot be shown again.',
  })
  @ApiProblems(400)
  @ReplyNotStored('a new API key')
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Body() dto: CreateApiKeyDto, @Req() req: { principal: Principal }) {
    if (dto.communities?.length && dto.role !== 'editor') {
      throw new DomainError('validation_failed', 'Only editor keys can be limited to communities', undefined, [
        { field: 'communities', message: 'communities applies to editor keys only' },
      ]);
    }
    return this.keys.create(dto.name, dto.role, req.principal.keyId, { organization: dto.organization, communities: dto.communities });
  }

  @Get()
  @ApiOperation({ summary: 'List API keys', description: 'Every key with its name, role, prefix and whether it is revoked, newest first; never the keys themselves. Admin only.' })
  @ApiPage(ApiKeyDto)
  list(@Query() q: PageQuery) {
    return this.keys.list(q);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'The key stops working at once on every gateway instance. Admin only. `bootstrap-admin` disables the key configured by ' +
      'VIDNOVA_ADMIN_API_KEY for good; refused with 409 while no other admin key is active. Revoking a revoked key answers 409.',
  })
  @ApiProblems(404, 409)
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@Param('id') id: string, @Req() req: { principal: Principal }) {
    return this.keys.revoke(id, req.principal.keyId);
  }
}
