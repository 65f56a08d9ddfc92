import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles';
import { PageQueryDto } from '../platform/pagination.dto';
import { AuditRepository } from './audit.repository';

class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only writes made with this API key id' })
  @IsOptional() @IsString() @MaxLength(100)
  keyId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional() @Type(() => Date) @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional() @Type(() => Date) @IsDate()
  to?: Date;
}

class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Id of the API key that made the request' }) apiKeyId!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/api/v1/diaspora/organizations' }) path!: string;
  @ApiProperty({ nullable: true, type: String, example: '/api/v1/diaspora/organizations/:id' }) route!: string | null;
  @ApiProperty({ example: 201 }) status!: number;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

@ApiTags('audit-log')
@ApiSecurity('apiKey')
@Roles('admin')
@Controller('api/v1/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ApiOperation({ summary: 'Writes made through the API, newest first (admin only)' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() q: AuditQueryDto) {
    return this.audit.list(q);
  }
}
