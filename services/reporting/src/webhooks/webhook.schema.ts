import { DeliveryStatus, WebhookEvent } from '@vidnova/contracts';
import { Schema, Types } from 'mongoose';

export const WEBHOOK_MODEL = 'Webhook';
export const DELIVERY_MODEL = 'WebhookDelivery';

export interface WebhookDoc {
  _id: Types.ObjectId;
  url: string;
  events: WebhookEvent[];
  /** HMAC key of the signatures. Never logged, never answered after creation. */
  secret: string;
  owner?: string;
  createdBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const WebhookSchema = new Schema<WebhookDoc>(
  {
    url: { type: String, required: true },
    events: { type: [String], required: true },
    secret: { type: String, required: true },
    owner: String,
    createdBy: String,
  },
  { timestamps: true, collection: 'webhooks' },
);

export interface DeliveryDoc {
  /** `<run id>-r<revision>-<event>-<webhook id>`: one delivery per event, webhook and run revision. */
  _id: string;
  webhookId: string;
  event: WebhookEvent;
  reportId: string;
  status: DeliveryStatus;
  /** The exact body sent on every attempt. */
  payload: string;
  attempts: { at: Date; responseStatus: number | null; error?: string; durationMs: number }[];
  createdAt: Date;
  updatedAt: Date;
}

export const DeliverySchema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    webhookId: { type: String, required: true, index: true },
    event: { type: String, required: true },
    reportId: { type: String, required: true },
    status: { type: String, required: true },
    payload: { type: String, required: true },
    attempts: { type: [{ _id: false, at: Date, responseStatus: Number, error: String, durationMs: Number }], default: [] },
  },
  { timestamps: true, collection: 'webhook_deliveries' },
);
