import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength } from 'class-validator';
import { OneOf } from '../consultations/enums';
import { Nested } from '../fields';
import { PageQuery } from '../pagination';

export const WEBHOOK_EVENTS = ['report.completed', 'report.failed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Headers of every delivery (docs/reporting.md#webhooks has a verification example). */
export const WEBHOOK_HEADERS = {
  signature: 'x-vidnova-signature',
  timestamp: 'x-vidnova-timestamp',
  event: 'x-vidnova-event',
  delivery: 'x-vidnova-delivery',
} as const;

export class WebhookFields {
  @ApiProperty({ example: 'https://partner.example.org/vidnova/hooks', description: 'http(s) URL; addresses that resolve to private, loopback or link-local networks are refused unless the operator allow-list names the host' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: '$property must be an http(s) URL' })
  url!: string;

  @OneOf(WEBHOOK_EVENTS, { each: true, minItems: 1, example: ['report.completed', 'report.failed'] })
  events!: WebhookEvent[];
}

export class CreateWebhookRequest {
  @Nested(() => WebhookFields)
  webhook!: WebhookFields;
}

export class ListWebhooksRequest extends PageQuery {}

export class ListDeliveriesRequest extends PageQuery {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  id!: string;
}

export class WebhookView extends WebhookFields {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiPropertyOptional({ example: 'partner-org' }) owner?: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) createdAt!: string;
}

/** The answer to creating a webhook: the only time the signing secret is shown. */
export class WebhookCreated extends WebhookView {
  @ApiProperty({ example: 'whsec_3q2+7w…', description: 'HMAC-SHA256 key of the signatures; shown once, keep it' })
  secret!: string;
}

export class DeliveryAttempt {
  @ApiProperty({ example: '2026-11-29T10:00:05.000Z' }) at!: string;
  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'HTTP status of the answer; null when none came' }) responseStatus!: number | null;
  @ApiPropertyOptional({ example: 'connect ECONNREFUSED' }) error?: string;
  @ApiProperty({ example: 42 }) durationMs!: number;
}

export class DeliveryView {
  @ApiProperty({ example: 'a1fd36981ed2c79baed50add-r1-report.completed-6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, example: 'report.completed' }) event!: WebhookEvent;
  @ApiProperty({ example: 'a1fd36981ed2c79baed50add' }) reportId!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'delivered' }) status!: DeliveryStatus;
  @ApiProperty({ type: [DeliveryAttempt] }) attempts!: DeliveryAttempt[];
  @ApiProperty({ example: '2026-11-29T10:00:04.000Z' }) createdAt!: string;
}
