import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  authorize,
  CreateWebhookRequest,
  DeliveryView,
  DomainError,
  ListDeliveriesRequest,
  ListWebhooksRequest,
  ownerFor,
  Page,
  Principal,
  ReportView,
  WebhookCreated,
  WebhookEvent,
  WebhookView,
} from '@vidnova/contracts';
import { isObjectId, paginate, pageSize } from '@vidnova/mongo';
import { jobTrace } from '@vidnova/telemetry';
import { Queue } from 'bullmq';
import { Model } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { ReportingConfig } from '../config';
import { DeliveryJobData } from '../queue';
import { allowList, refusal } from './address';
import { DELIVERY_MODEL, DeliveryDoc, WEBHOOK_MODEL, WebhookDoc } from './webhook.schema';

export const WEBHOOK_QUEUE_TOKEN = Symbol('WEBHOOK_QUEUE');

const mineFilter = (who: Principal | undefined) => (!who || who.role === 'admin' ? {} : who.organization ? { owner: who.organization } : { createdBy: who.keyId });

@Injectable()
export class WebhooksService {
  constructor(
    @InjectModel(WEBHOOK_MODEL) private readonly hooks: Model<WebhookDoc>,
    @InjectModel(DELIVERY_MODEL) private readonly deliveries: Model<DeliveryDoc>,
    @Inject(WEBHOOK_QUEUE_TOKEN) private readonly queue: Queue<DeliveryJobData>,
    private readonly config: ReportingConfig,
  ) {}

  async create(req: CreateWebhookRequest, who: Principal | undefined): Promise<WebhookCreated> {
    const owner = ownerFor(who);
    authorize(who, 'create', 'Webhook', { owner, createdBy: who?.keyId });
    const why = await refusal(req.webhook.url, allowList(this.config.WEBHOOK_ALLOWED_HOSTS));
    if (why) throw new DomainError('validation_failed', `The webhook URL is refused: ${why}`, undefined, [{ field: 'url', message: why }]);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const doc = (await this.hooks.create({ url: req.webhook.url, events: [...new Set(req.webhook.events)], secret, ...(owner ? { owner } : {}), ...(who?.keyId ? { createdBy: who.keyId } : {}) })).toObject() as WebhookDoc;
    return { ...view(doc), secret };
  }

  async get(id: string, who: Principal | undefined): Promise<WebhookView> {
    return view(await this.load(id, who));
  }

  list(req: ListWebhooksRequest, who: Principal | undefined): Promise<Page<WebhookView>> {
    return paginate(this.hooks, mineFilter(who), { limit: req.limit, cursor: req.cursor }, (d) => view(d as WebhookDoc));
  }

  async delete(id: string, who: Principal | undefined): Promise<void> {
    const doc = await this.load(id, who);
    authorize(who, 'delete', 'Webhook', { owner: doc.owner, createdBy: doc.createdBy });
    await this.hooks.deleteOne({ _id: doc._id }).exec();
  }

  /** Newest first; the log of one webhook, visible to whoever may see the webhook. */
  async deliveriesOf(req: ListDeliveriesRequest, who: Principal | undefined): Promise<Page<DeliveryView>> {
    await this.load(req.id, who);
    const limit = pageSize(req.limit);
    const after = req.cursor ? new Date(Buffer.from(req.cursor, 'base64url').toString()) : null;
    const filter = { webhookId: req.id, ...(after && !Number.isNaN(after.getTime()) ? { createdAt: { $lt: after } } : {}) };
    const docs = (await this.deliveries.find(filter).sort({ createdAt: -1 }).limit(limit + 1).lean().exec()) as DeliveryDoc[];
    const items = docs.slice(0, limit);
    return {
      items: items.map((d) => ({
        id: d._id,
        event: d.event,
        reportId: d.reportId,
        status: d.status,
        attempts: d.attempts.map((a) => ({ at: new Date(a.at).toISOString(), responseStatus: a.responseStatus ?? null, ...(a.error ? { error: a.error } : {}), durationMs: a.durationMs })),
        createdAt: new Date(d.createdAt).toISOString(),
      })),
      nextCursor: docs.length > limit ? Buffer.from(new Date(items[items.length - 1].createdAt).toISOString()).toString('base64url') : null,
    };
  }

  /**
   * A run ended: one delivery per subscribed webhook, recorded (its id fixed by run revision, event and
   * webhook, so a job that runs twice records it once) and queued with retries and backoff.
   */
  async notify(event: WebhookEvent, report: ReportView): Promise<number> {
    const hooks = (await this.hooks.find({ events: event }).lean().exec()) as WebhookDoc[];
    const payload = JSON.stringify({ event, report });
    for (const h of hooks) {
      const id = `${report.id}-r${report.revision}-${event}-${h._id.toHexString()}`;
      await this.deliveries.create({ _id: id, webhookId: h._id.toHexString(), event, reportId: report.id, status: 'pending', payload, attempts: [] }).catch((e: { code?: number }) => {
        if (e.code !== 11000) throw e;
      });
      await this.queue.add('deliver', { deliveryId: id, ...jobTrace() }, {
        jobId: id,
        attempts: this.config.WEBHOOK_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.WEBHOOK_BACKOFF_MS },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 1000 },
      });
    }
    return hooks.length;
  }

  private async load(id: string, who: Principal | undefined): Promise<WebhookDoc> {
    const doc = isObjectId(id) ? ((await this.hooks.findOne({ _id: id, ...mineFilter(who) }).lean().exec()) as WebhookDoc | null) : null;
    if (!doc) throw new DomainError('not_found', `No webhook ${id}`, { id });
    return doc;
  }
}

function view(d: WebhookDoc): WebhookView {
  return { id: d._id.toHexString(), url: d.url, events: d.events, ...(d.owner ? { owner: d.owner } : {}), createdAt: new Date(d.createdAt).toISOString() };
}
