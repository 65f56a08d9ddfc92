import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../platform/api-docs';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles';
import { PageQuery } from '@vidnova/contracts';
import { AuditRepository } from './audit.repository';

class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only writes made with this API key id' })
  @IsOptional() @IsString() @MaxLength(100)
  keyId?: string;

  @ApiPropertyOptional({ enum: ['write', 'read', 'refusal'], description: 'Writes, reads of personal data, or refused requests (401, 403, 429)' })
  @IsOptional() @IsIn(['write', 'read', 'refusal'])
  kind?: 'write' | 'read' | 'refusal';

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional() @Type(() => Date) @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional() @Type(() => Date) @IsDate()
  to?: Date;
}

class AuditEntryDto {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ description: 'Id of the API key that made the request', example: '6650f1c2a9e4b2d1c3f4a5b7' }) apiKeyId!: string;
  @ApiProperty({ example: 'partner' }) role!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/api/v1/diaspora/organizations' }) path!: string;
  @ApiProperty({ nullable: true, type: String, example: '/api/v1/diaspora/organizations/:id' }) route!: string | null;
  @ApiProperty({ example: 201 }) status!: number;
  @ApiProperty({ example: '0c7d7c1e-5f0a-4b8e-9a43-8f3f8f2b1c55' }) correlationId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) at!: string;
  @ApiProperty({ enum: ['write', 'read', 'refusal'], example: 'write' }) kind!: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Client address, for refusals only' }) ip!: string | null;
}

@ApiTags('audit-log')
@ApiSecurity('apiKey')
@Roles('admin')
@Controller('api/v1/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log',
    description:
      'Writes made through the API, reads of personal data, and refused requests (401, 403, 429; at most ' +
      '30 a minute per address are kept), with method, path, status, key, role and correlation id, newest first; ' +
      'filter by key, kind and time. Admin only.',
  })
  @ApiPage(AuditEntryDto)
  list(@Query() q: AuditQueryDto) {
    return this.audit.list(q);
  }
}
