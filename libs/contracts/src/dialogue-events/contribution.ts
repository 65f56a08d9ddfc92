import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Nested, TextField } from '../fields';
import { CONTRIBUTION_KINDS, CONTRIBUTION_PHASES, ContributionKind, ContributionPhase } from './enums';

export class NewContribution {
  @ApiProperty({ enum: CONTRIBUTION_KINDS, example: 'question' }) @IsIn(CONTRIBUTION_KINDS)
  kind!: ContributionKind;

  @TextField({ min: 1, max: 5000, example: 'Коли відновлять подачу води на вул. Лісовій?' })
  text!: string;

  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5d1', description: 'The contribution this one answers (threads)' })
  @IsOptional() @IsString() @MaxLength(64)
  parentId?: string;
}

export class CreateContributionRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;

  @Nested(() => NewContribution)
  contribution!: NewContribution;
}

export class ContributionReport {
  @TextField({ min: 1, max: 500, example: 'Образливі висловлювання' })
  reason!: string;
}

export class ReportContributionRequest extends ContributionReport {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5d1' }) @IsString() @MaxLength(64)
  id!: string;
}

export class HideContribution {
  @TextField({ min: 3, max: 500, example: 'Порушує правила обговорення: образи' })
  reason!: string;
}

export class HideContributionRequest extends HideContribution {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5d1' }) @IsString() @MaxLength(64)
  id!: string;
}

export class ModerationEntry {
  @ApiProperty({ enum: ['hidden', 'restored'], example: 'hidden' }) action!: 'hidden' | 'restored';
  @ApiPropertyOptional({ example: 'Порушує правила' }) reason?: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b9', description: 'API key id of the editor' }) by!: string;
  @ApiProperty({ example: '2026-12-10T10:15:00.000Z' }) at!: string;
}

export class ContributionView {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5d1' }) id!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5d0' }) parentId?: string;
  @ApiProperty({ enum: CONTRIBUTION_KINDS, example: 'question' }) kind!: ContributionKind;
  @ApiProperty({ enum: CONTRIBUTION_PHASES, example: 'before', description: 'Before, during or after the event (by its start and end)' }) phase!: ContributionPhase;
  @ApiPropertyOptional({ example: 'Коли відновлять подачу води?', description: 'Absent while hidden (except for editors)' }) text?: string;
  @ApiProperty({ example: 4 }) upvotes!: number;
  @ApiProperty({ example: 0, description: 'Reports by readers' }) reports!: number;
  @ApiProperty({ example: false }) hidden!: boolean;
  @ApiPropertyOptional({ example: 'Порушує правила обговорення', description: 'Why it was hidden' }) hiddenReason?: string;
  @ApiPropertyOptional({ type: [ModerationEntry], description: 'Moderation history (editors of the event)' }) moderation?: ModerationEntry[];
  @ApiPropertyOptional({ example: 'shatsk-cso' }) owner?: string;
  @ApiProperty({ example: '2026-12-01T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: () => [ContributionView], description: 'Answers, oldest first' }) replies!: ContributionView[];
}

export class ContributionThreads {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiProperty({ type: [ContributionView], description: 'Top-level contributions, most up-voted first, each with its replies' }) items!: ContributionView[];
}

export class ContributionIdRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5d1' }) @IsString() @MaxLength(64)
  id!: string;
}
