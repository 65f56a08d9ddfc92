import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/**
 * The one import policy of the platform: a file is streamed by the gateway into the upload store,
 * the owning service answers at once with an import record (`202 Accepted`, `Location` of the import),
 * reads the file in the background, and `GET` of the import shows status and progress until done.
 * Every import reply extends `ImportReport` with its own outcome counts.
 */
export const IMPORT_STATUSES = ['processing', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Rejected rows listed in a report at most; `rejectedCount` counts them all. */
export const MAX_LISTED_REJECTIONS = 1000;

export class RejectedRow {
  @ApiProperty({ example: 7, description: 'Line in the file; the header is line 1' })
  line!: number;

  @ApiProperty({ example: 'FAKT_AMT "12,3,4" is not an amount' })
  reason!: string;

  @ApiPropertyOptional({ example: 'q2', description: 'The field or question the reason is about, where there is one' })
  field?: string;
}

export class ImportProgress {
  @ApiProperty({ example: 120000, description: 'Bytes of the file read so far' })
  bytesRead!: number;

  @ApiProperty({ type: Number, example: 5242880, nullable: true, description: 'Size of the file, when known' })
  bytesTotal!: number | null;

  @ApiProperty({ type: Number, example: 42, nullable: true, description: 'Percent done, when the size is known' })
  percent!: number | null;
}

export class ImportReport {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  id!: string;

  @ApiProperty({ enum: IMPORT_STATUSES, example: 'completed' })
  status!: ImportStatus;

  @ApiProperty({ example: 341, description: 'Data rows read so far (the header not counted)' })
  rowsRead!: number;

  @ApiProperty({ example: 339, description: 'Rows stored' })
  accepted!: number;

  @ApiProperty({ example: 2, description: 'Rows refused' })
  rejectedCount!: number;

  @ApiProperty({ type: [RejectedRow], description: `Refused rows with line and reason; the first ${MAX_LISTED_REJECTIONS} are listed` })
  rejected!: RejectedRow[];

  @ApiProperty({ type: ImportProgress })
  progress!: ImportProgress;

  @ApiPropertyOptional({ example: 'not an Open Budget file: missing column(s) FAKT_AMT', description: 'Why the import failed (status failed)' })
  failure?: string;

  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' })
  startedAt!: string;

  @ApiProperty({ example: '2026-11-29T10:00:04.210Z', nullable: true, type: String })
  finishedAt!: string | null;
}

/** Addresses one import record. */
export class ImportIdRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  id!: string;
}
