import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { LocalizedText } from '../common';
import { Flag, IntField, Katottg, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import {
  COMMITMENT_OWNER_TYPES,
  COMMITMENT_STATUSES,
  CommitmentOwnerType,
  CommitmentStatus,
  DIALOGUE_LEVELS,
  DialogueLevel,
  STAKEHOLDER_GROUPS,
  StakeholderGroup,
} from './enums';

export class AttendanceCount {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS, example: 'resident' }) @IsIn(STAKEHOLDER_GROUPS)
  group!: StakeholderGroup;

  @IntField({ min: 0, max: 1_000_000, example: 42 })
  count!: number;
}

export class Minutes {
  @Nested(() => LocalizedText, { description: 'The minutes (Ukrainian required, English optional)' })
  text!: LocalizedText;

  @Nested(() => AttendanceCount, { optional: true, each: true, maxItems: STAKEHOLDER_GROUPS.length, description: 'Attendance by stakeholder group; when absent, counted from check-ins' })
  attendance?: AttendanceCount[];

  @Nested(() => LocalizedText, { optional: true, each: true, maxItems: 100, description: 'Decisions taken' })
  decisions?: LocalizedText[];
}

export class RecordMinutesRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;

  @Nested(() => Minutes)
  minutes!: Minutes;
}

export class MinutesView {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiProperty({ type: LocalizedText }) text!: LocalizedText;
  @ApiProperty({ type: [AttendanceCount] }) attendance!: AttendanceCount[];
  @ApiProperty({ enum: ['minutes', 'check_ins'], example: 'minutes', description: 'Where the attendance comes from' }) attendanceSource!: 'minutes' | 'check_ins';
  @ApiProperty({ type: [LocalizedText] }) decisions!: LocalizedText[];
  @ApiProperty({ example: '2026-12-11T10:00:00.000Z' }) recordedAt!: string;
}

export class CommitmentOwner {
  @TextField({ min: 1, max: 300, example: 'КП «Шацькводоканал»' })
  name!: string;

  @ApiProperty({ enum: COMMITMENT_OWNER_TYPES, example: 'communal_enterprise' }) @IsIn(COMMITMENT_OWNER_TYPES)
  type!: CommitmentOwnerType;
}

export class NewCommitment {
  @Nested(() => LocalizedText, { description: 'What was promised' })
  text!: LocalizedText;

  @Nested(() => CommitmentOwner, { description: 'Who promised it' })
  responsible!: CommitmentOwner;

  @ApiProperty({ example: '2027-03-31', description: 'Due date (YYYY-MM-DD, Europe/Kyiv)' })
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date: YYYY-MM-DD' })
  dueDate!: string;

  @ApiPropertyOptional({ enum: COMMITMENT_STATUSES, example: 'open', default: 'open' }) @IsOptional() @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @IntField({ optional: true, min: 0, max: 100, example: 0, description: 'Progress in percent' })
  progress?: number;

  @ApiPropertyOptional({ type: [String], example: ['https://shatsk-rada.gov.ua/news/vodogin'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUrl({ require_protocol: true }, { each: true }) @MaxLength(500, { each: true })
  evidence?: string[];
}

export class CommitmentChanges extends PartialType(NewCommitment) {
  @TextField({ optional: true, max: 1000, example: 'Підрядника обрано', description: 'A note kept in the update log' })
  note?: string;
}

export class CreateCommitmentRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;

  @Nested(() => NewCommitment)
  commitment!: NewCommitment;
}

export class UpdateCommitmentRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5e1' }) @IsString() @MaxLength(64)
  id!: string;

  @Nested(() => CommitmentChanges)
  changes!: CommitmentChanges;
}

export class Escalation {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b7', description: 'The follow-up event (at another level) that carries the commitment on' })
  @IsString() @MaxLength(64)
  toEventId!: string;

  @TextField({ optional: true, max: 1000, example: 'Потрібне рішення обласної ради' })
  reason?: string;
}

export class EscalateCommitmentRequest extends Escalation {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5e1' }) @IsString() @MaxLength(64)
  id!: string;
}

export class ListCommitmentsRequest extends PageQuery {
  @Katottg({ optional: true })
  community?: string;

  @ApiPropertyOptional({ enum: COMMITMENT_STATUSES }) @IsOptional() @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @Flag({ description: 'Only commitments past their due date and not done or dropped (true), or only the others (false)' })
  overdue?: boolean;

  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsOptional() @IsString() @MaxLength(64)
  eventId?: string;
}

export class CommitmentUpdate {
  @ApiProperty({ example: '2026-12-20T10:00:00.000Z' }) at!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b9', description: 'API key id (or `system` for the daily overdue job)' }) by!: string;
  @ApiProperty({ example: { progress: { from: 0, to: 40 } }, description: 'Field → { from, to }' }) changes!: Record<string, { from: unknown; to: unknown }>;
  @ApiPropertyOptional({ example: 'Підрядника обрано' }) note?: string;
}

export class CommitmentStep {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiProperty({ enum: DIALOGUE_LEVELS, example: 'community' }) level!: DialogueLevel;
  @ApiProperty({ example: '2026-12-10T10:00:00.000Z', description: 'When the commitment came to this event' }) at!: string;
  @ApiPropertyOptional({ example: 'Потрібне рішення обласної ради' }) reason?: string;
}

export class CommitmentView extends NewCommitment {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5e1' }) id!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6', description: 'The event that carries it now' }) eventId!: string;
  @ApiProperty({ type: [String], example: ['UA07060450000051170'] }) communities!: string[];
  @ApiProperty({ enum: COMMITMENT_STATUSES, example: 'open' }) declare status: CommitmentStatus;
  @ApiProperty({ example: 0 }) declare progress: number;
  @ApiProperty({ type: [String], example: [] }) declare evidence: string[];
  @ApiProperty({ example: false, description: 'Past its due date (Europe/Kyiv) and not done or dropped' }) overdue!: boolean;
  @ApiPropertyOptional({ example: '2027-04-01', description: 'The day the daily job marked it overdue' }) overdueSince?: string;
  @ApiProperty({ type: [CommitmentStep], description: 'The events that carried it, first to current (escalations)' }) path!: CommitmentStep[];
  @ApiProperty({ type: [CommitmentUpdate], description: 'Who changed what and when' }) updates!: CommitmentUpdate[];
  @ApiPropertyOptional({ example: 'shatsk-cso' }) owner?: string;
  @ApiProperty({ example: '2026-12-10T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-12-10T10:00:00.000Z' }) updatedAt!: string;
}

export class OverdueRunRequest {
  @ApiPropertyOptional({ example: '2027-04-01', description: 'The day (Europe/Kyiv) to mark for; default today' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date: YYYY-MM-DD' })
  day?: string;
}

export class OverdueRunReport {
  @ApiProperty({ example: '2027-04-01' }) day!: string;
  @ApiProperty({ example: 3, description: 'Commitments newly marked overdue' }) marked!: number;
  @ApiProperty({ type: [String] }) commitmentIds!: string[];
}
