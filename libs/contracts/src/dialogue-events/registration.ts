import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TextPageCursor } from '../common';
import { LanguageCode, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import { ACCESSIBILITY_SERVICES, AccessibilityService, REGISTRATION_STATUSES, RegistrationStatus, STAKEHOLDER_GROUPS, StakeholderGroup } from './enums';

/** A registration: name and email stored only with a recorded consent. */
export class NewRegistration {
  @TextField({ min: 1, max: 200, example: 'Олена Коваленко' })
  name!: string;

  @ApiProperty({ example: 'olena@example.org' }) @IsEmail() @MaxLength(200)
  email!: string;

  @ApiProperty({ example: '2026-11-25T09:00:00Z', description: 'When the person consented to their name and email being stored for this event (ISO 8601)' })
  @IsISO8601({ strict: true })
  consentRecordedAt!: string;

  @TextField({ optional: true, max: 500, example: 'Згода на сторінці реєстрації' })
  consentNote?: string;

  @ApiProperty({ enum: STAKEHOLDER_GROUPS, example: 'resident' }) @IsIn(STAKEHOLDER_GROUPS)
  stakeholderGroup!: StakeholderGroup;

  @TextField({ optional: true, max: 300, example: 'ГО «Шацькі ініціативи»' })
  organization?: string;

  @LanguageCode({ optional: true, description: 'Preferred language (ISO 639-1)' })
  language?: string;

  @ApiPropertyOptional({ enum: ACCESSIBILITY_SERVICES, isArray: true, example: ['captions'] })
  @IsOptional() @IsArray() @ArrayMaxSize(ACCESSIBILITY_SERVICES.length) @IsIn(ACCESSIBILITY_SERVICES, { each: true })
  accessibilityNeeds?: AccessibilityService[];
}

export class RegisterRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;

  @Nested(() => NewRegistration)
  registration!: NewRegistration;
}

/** What the registrant gets, once: the cancellation token is never shown again (only its hash is stored). */
export class RegistrationReceipt {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5c1' }) id!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiProperty({ enum: ['confirmed', 'waitlisted'], example: 'waitlisted' }) status!: 'confirmed' | 'waitlisted';
  @ApiPropertyOptional({ example: 3, description: 'Place on the waitlist (1 = next to get a seat)' }) waitlistPosition?: number;
  @ApiProperty({ example: 'ct_3q2Zx0n8d7kR5mB1vY6wPg', description: 'Keep it: it cancels this registration and is shown only now' })
  cancellationToken!: string;
}

export class CancellationToken {
  @ApiProperty({ example: 'ct_3q2Zx0n8d7kR5mB1vY6wPg' }) @IsString() @Matches(/^ct_[A-Za-z0-9_-]{16,64}$/, { message: 'token must be a cancellation token (ct_…)' })
  token!: string;
}

export class CancelRegistrationRequest extends CancellationToken {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;
}

export class CancellationResult {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5c1' }) id!: string;
  @ApiProperty({ enum: ['cancelled'], example: 'cancelled' }) status!: 'cancelled';
  @ApiProperty({ example: true, description: 'Whether the first person on the waitlist got the freed seat' }) promotedFromWaitlist!: boolean;
}

export class RegistrationRef {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;

  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5c1' }) @IsString() @MaxLength(64)
  registrationId!: string;
}

export class ListRegistrationsRequest extends PageQuery {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;

  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES }) @IsOptional() @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class EventRef {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;
}

/** One page of an event's registrations as CSV. */
export class RegistrationCsvRequest extends TextPageCursor {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  eventId!: string;
}

/** A registration as organisers see it (personal data). */
export class RegistrationView {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5c1' }) id!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiPropertyOptional({ example: 'Олена Коваленко', description: 'Absent once erased' }) name?: string;
  @ApiPropertyOptional({ example: 'olena@example.org', description: 'Absent once erased' }) email?: string;
  @ApiPropertyOptional({ example: '2026-11-25T09:00:00Z' }) consentRecordedAt?: string;
  @ApiPropertyOptional({ example: 'Згода на сторінці реєстрації' }) consentNote?: string;
  @ApiProperty({ enum: STAKEHOLDER_GROUPS, example: 'resident' }) stakeholderGroup!: StakeholderGroup;
  @ApiPropertyOptional({ example: 'ГО «Шацькі ініціативи»' }) organization?: string;
  @ApiPropertyOptional({ example: 'uk' }) language?: string;
  @ApiProperty({ enum: ACCESSIBILITY_SERVICES, isArray: true, example: [] }) accessibilityNeeds!: AccessibilityService[];
  @ApiProperty({ enum: REGISTRATION_STATUSES, example: 'confirmed' }) status!: RegistrationStatus;
  @ApiPropertyOptional({ example: 2 }) waitlistPosition?: number;
  @ApiPropertyOptional({ example: '2026-12-10T08:55:00.000Z' }) checkedInAt?: string;
  @ApiPropertyOptional({ example: '2026-12-01T08:55:00.000Z', description: 'When personal data was erased' }) personalDataErasedAt?: string;
  @ApiProperty({ example: '2026-11-25T09:00:00.000Z' }) createdAt!: string;
}

export class GroupCount {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS, example: 'resident' }) group!: StakeholderGroup;
  @ApiProperty({ nullable: true, type: Number, example: 12, description: 'null when suppressed' }) count!: number | null;
  @ApiProperty({ example: false, description: `Hidden because fewer than 5 people are in the group (or to keep a hidden group from being worked out)` }) suppressed!: boolean;
}

/** What everyone may see of an event's registrations: counts, small groups suppressed. */
export class RegistrationSummary {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) eventId!: string;
  @ApiProperty({ example: 125, description: 'Confirmed and waitlisted registrations' }) total!: number;
  @ApiProperty({ example: 118 }) confirmed!: number;
  @ApiProperty({ example: 7 }) waitlisted!: number;
  @ApiProperty({ example: 40 }) checkedIn!: number;
  @ApiProperty({ type: [GroupCount], description: 'Confirmed and waitlisted registrations by stakeholder group' }) byStakeholderGroup!: GroupCount[];
}
