import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../platform/pagination.dto';
import { ApiKeysService, Principal } from './api-keys.service';
import { Role, Roles, ROLES } from './roles';

class CreateApiKeyDto {
  @ApiProperty({ example: 'Berezhany CSO data team' })
  @IsString() @MinLength(2) @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

class ApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'First characters of the key, to recognise it' }) prefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown only in this reply; store it now.' })
  key!: string;
}

class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

@ApiTags('api-keys')
@ApiSecurity('apiKey')
@Roles('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key with a role (admin only). The key is shown once.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Body() dto: CreateApiKeyDto, @Req() req: { principal: Principal }) {
    return this.keys.create(dto.name, dto.role, req.principal.keyId);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  list(@Query() q: PageQueryDto) {
    return this.keys.list(q);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key; it stops working within seconds' })
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@Param('id') id: string) {
    return this.keys.revoke(id);
  }
}
