import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { Flag, Nested, TextField } from '../fields';
import { EdrpouRequest, ReportYear } from './enterprise';
import { STATEMENT_UNITS, StatementUnit } from './enums';

/**
 * A financial statement of a small enterprise: Form 1 (balance, lines 1010–1900) and Form 2 (income
 * statement, lines 2000–2465), written as `R<line>G<column>`: for Form 1 G3 is the start and G4 the end of
 * the year; for Form 2 G3 is the reporting year and G4 the year before.
 */
export const STATEMENT_CODE_PATTERN = /^R(1\d{3}|2[0-4]\d{2})G[34]$/;

export class StatementFields {
  @ReportYear({ description: 'The year the statement reports (Form 1 end of period, Form 2 reporting period)' })
  year!: number;

  @ApiProperty({ enum: STATEMENT_UNITS, example: 'thousand UAH', description: 'Unit of the figures as sent; they are stored in kopiykas' })
  @IsIn(STATEMENT_UNITS)
  unit!: StatementUnit;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }] },
    example: { R1095G4: 7, R1195G4: 958.2, R1300G4: 965.2, R1495G4: 566.7, R1695G4: 398.5, R1900G4: 965.2, R2000G3: '2767' },
    description:
      'The lines as `R<line>G<column>` → amount in the declared unit; a decimal string is read exactly (a JSON number is read from its ' +
      'shortest decimal form). Either `lines` or `csv`.',
  })
  @IsOptional()
  @IsObject()
  lines?: Record<string, number | string>;

  @TextField({
    optional: true,
    max: 200000,
    example: 'line,G3,G4\n1095,9.5,7\n1195,767.3,958.2\n',
    description:
      'The same lines as CSV (`,` or `;`): a header `line,G3,G4` with one form line per row, or `code,value` with `R<line>G<column>` codes. Either `lines` or `csv`.',
  })
  csv?: string;

  @TextField({ optional: true, max: 300, example: 'ЄДРПОУ, фінансова звітність малого підприємства 2024', description: 'Where the figures come from' })
  source?: string;
}

export class PostStatementRequest extends EdrpouRequest {
  @Nested(() => StatementFields)
  statement!: StatementFields;

  @Flag({ description: 'Store a statement whose accounting identities do not hold, flagged, instead of refusing it with 422' })
  acceptWithWarnings?: boolean;
}

export class GetStatementsRequest extends EdrpouRequest {
  @ReportYear({ optional: true, description: 'Only this year (every year when absent)' })
  year?: number;
}

export class IdentityCheck {
  @ApiProperty({ example: 'assets_total', description: 'Key of the identity' })
  key!: string;

  @ApiProperty({ example: '1095 + 1195 + 1200 = 1300 (G4)', description: 'The identity with its lines and column' })
  rule!: string;

  @ApiProperty({ example: 96520000, description: 'Left side, kopiykas' })
  left!: number;

  @ApiProperty({ example: 96520000, description: 'Right side, kopiykas' })
  right!: number;

  @ApiProperty({ example: true })
  holds!: boolean;
}

export class StatementView {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ enum: STATEMENT_UNITS, example: 'thousand UAH', description: 'Unit the figures were sent in' }) unit!: StatementUnit;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { R1300G4: 96520000, R1900G4: 96520000 },
    description: 'Every line sent, in kopiykas (integers)',
  })
  lines!: Record<string, number>;

  @ApiProperty({ type: [IdentityCheck], description: 'Every accounting identity whose lines the statement has' })
  identities!: IdentityCheck[];

  @ApiProperty({ example: false, description: 'Stored with broken identities (`acceptWithWarnings=true`)' })
  flagged!: boolean;

  @ApiProperty({ example: 2, description: 'Version of this year (1 = first posting); earlier versions are kept' })
  version!: number;

  @ApiProperty({ type: [String], example: ['2026-11-28T09:00:00.000Z'], description: 'When each earlier version was posted' })
  previousVersions!: string[];

  @ApiPropertyOptional({ example: 'ЄДРПОУ, фінансова звітність 2024' }) source?: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) postedAt!: string;
}

export class StatementList {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ type: [StatementView] }) items!: StatementView[];
}
