import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { Katottg } from '../fields';
import { DIALOGUE_LEVELS, DialogueLevel } from './enums';
import { GroupCount } from './registration';

/** The period of the involvement figures, for a community and for an oblast alike. */
export class InvolvementPeriod {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Events starting on or after this date' })
  @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Events starting on or before this date (whole day)' })
  @IsOptional() @IsISO8601()
  to?: string;
}

export class InvolvementRequest extends InvolvementPeriod {
  @Katottg()
  community!: string;
}

export class LevelCount {
  @ApiProperty({ enum: DIALOGUE_LEVELS, example: 'community' }) level!: DialogueLevel;
  @ApiProperty({ example: 4 }) events!: number;
}

export class InvolvementComponents {
  @ApiProperty({ example: 0.62, description: 'Civil-society share of attendance (0..1)' }) civilSocietyShare!: number;
  @ApiProperty({ example: 0.5, description: 'Distinct stakeholder groups attending / 12' }) groupDiversity!: number;
  @ApiProperty({ example: 0.8, description: 'Attendance per registration, capped at 1' }) turnout!: number;
  @ApiProperty({ example: 0.5, description: 'Events with at least one contribution / events held' }) deliberation!: number;
  @ApiProperty({ example: 0.3, description: 'Commitments done / commitments due' }) followThrough!: number;
}

export class InvolvementView {
  @ApiProperty({ example: 'UA07060450000051170' }) community!: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) to?: string;
  @ApiProperty({ example: 5, description: 'Events (not cancelled) in the period' }) events!: number;
  @ApiProperty({ example: 4, description: 'Events held (held or minutes published)' }) eventsHeld!: number;
  @ApiProperty({ type: [LevelCount] }) eventsByLevel!: LevelCount[];
  @ApiProperty({ example: 310 }) registrations!: number;
  @ApiProperty({ type: [GroupCount], description: 'Registrations (confirmed and waitlisted) by group; groups under 5 suppressed' }) registrationsByGroup!: GroupCount[];
  @ApiProperty({ example: 250 }) attendance!: number;
  @ApiProperty({ type: [GroupCount], description: 'Attendance of held events by group (minutes, else check-ins); groups under 5 suppressed' }) attendanceByGroup!: GroupCount[];
  @ApiProperty({ example: 0.62, description: 'Share of attendance from civil society (CSOs, residents, IDPs, veterans, diaspora organisations)' }) civilSocietyShare!: number;
  @ApiProperty({ example: 0.08, description: 'Share of attendance from diaspora organisations' }) diasporaShare!: number;
  @ApiProperty({ example: 37, description: 'Visible contributions (questions and comments)' }) contributions!: number;
  @ApiProperty({ example: 12 }) commitmentsMade!: number;
  @ApiProperty({ example: 4 }) commitmentsDone!: number;
  @ApiProperty({ example: 2 }) commitmentsOverdue!: number;
  @ApiProperty({ type: InvolvementComponents }) components!: InvolvementComponents;
  @ApiProperty({ example: 54.3, description: 'Involvement index 0..100 (docs/dialogue-methodology.md)' }) index!: number;
  @ApiProperty({ example: 'dialogue-involvement-v1' }) methodology!: string;
}


/** The same figures for one oblast: the events of any of its communities (libs/reference lists them), each counted once. */
export class OblastInvolvementRequest extends InvolvementPeriod {
  @Katottg({ description: 'KATOTTG code of the oblast (level 1)', example: 'UA07000000000024379' })
  oblast!: string;
}

/** Events of the period per community of the oblast (only communities with events). */
export class CommunityEventCount {
  @ApiProperty({ example: 'UA07060450000051170' }) community!: string;
  @ApiProperty({ example: 3, description: 'Events (not cancelled) concerning the community in the period' }) events!: number;
  @ApiProperty({ example: 2, description: 'Of them held (held or minutes published)' }) eventsHeld!: number;
}

export class OblastInvolvementView extends OmitType(InvolvementView, ['community'] as const) {
  @ApiProperty({ example: 'UA07000000000024379' }) oblast!: string;
  @ApiProperty({
    type: [CommunityEventCount],
    description: 'The oblast’s communities that had events in the period, by KATOTTG order; an event concerning two of them counts for each here but once in the totals',
  })
  communities!: CommunityEventCount[];
}
