import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WEBHOOK_HEADERS } from '@vidnova/contracts';
import { Metrics, observeJobs } from '@vidnova/metrics';
import { inJobSpan, Tracing } from '@vidnova/telemetry';
import { Job, Worker } from 'bullmq';
import { Model } from 'mongoose';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ReportingConfig } from '../config';
import { DeliveryJobData, queuePrefix, redisConnection, WEBHOOK_QUEUE } from '../queue';
import { allowList, isAllowListed, isForbiddenAddress } from './address';
import { sign } from './signature';
import { workerName } from '../worker/worker-name';
import { DELIVERY_MODEL, DeliveryDoc, WEBHOOK_MODEL, WebhookDoc } from './webhook.schema';

/** A lookup that refuses to connect to a forbidden address, whatever the name resolved to at creation. */
function guardedLookup(hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isForbiddenAddress(a.address));
    if (bad) return callback(new Error(`${hostname} resolves to ${bad.address}, a private, loopback or link-local address`), []);
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

/**
 * Sends webhook deliveries (queue `webhook-deliveries`, in the worker process): the stored body,
 * signed, POSTed with a time limit; a non-2xx answer or no answer is logged and retried with backoff
 * by BullMQ; after the last attempt the delivery is `failed`.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WebhookDeliverer');
  private worker?: Worker<DeliveryJobData>;

  constructor(
    private readonly config: ReportingConfig,
    @InjectModel(WEBHOOK_MODEL) private readonly hooks: Model<WebhookDoc>,
    @InjectModel(DELIVERY_MODEL) private readonly deliveries: Model<DeliveryDoc>,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const connection = redisConnection(this.config.REDIS_URL);
    connection.on('error', () => undefined);
    const tracing = Tracing.of(workerName(this.config));
    this.worker = new Worker<DeliveryJobData>(WEBHOOK_QUEUE, (job) => inJobSpan(tracing, WEBHOOK_QUEUE, job, () => this.deliver(job)), { connection, prefix: queuePrefix(), concurrency: 4 });
    this.worker.on('error', (e) => this.log.warn(`webhook queue: ${e.message}`));
    observeJobs(this.metrics, WEBHOOK_QUEUE, this.worker);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async deliver(job: Job<DeliveryJobData>): Promise<string> {
    const d = (await this.deliveries.findById(job.data.deliveryId).lean().exec()) as DeliveryDoc | null;
    if (!d || d.status !== 'pending') return 'nothing to do';
    const hook = (await this.hooks.findById(d.webhookId).lean().exec()) as WebhookDoc | null;
    if (!hook) {
      await this.deliveries.updateOne({ _id: d._id }, { $set: { status: 'failed' } }).exec();
      return 'webhook deleted';
    }
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const started = Date.now();
    const timestamp = Math.floor(started / 1000);
    let responseStatus: number | null = null;
    let error: string | undefined;
    try {
      responseStatus = await this.post(hook.url, d.payload, {
        'content-type': 'application/json',
        'user-agent': 'Vidnova-Webhooks/1',
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: sign(hook.secret, timestamp, d.payload),
        [WEBHOOK_HEADERS.event]: d.event,
        [WEBHOOK_HEADERS.delivery]: d._id,
      });
    } catch (e) {
      error = (e as Error).message.slice(0, 300);
    }
    const ok = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
    const attempt = { at: new Date(started), responseStatus, ...(error ? { error } : {}), durationMs: Date.now() - started };
    const attempts = [...d.attempts, attempt].slice(-50);
    await this.deliveries.updateOne({ _id: d._id }, { $set: { attempts, status: ok ? 'delivered' : final ? 'failed' : 'pending' } }).exec();
    if (!ok) throw new Error(error ?? `the receiver answered ${responseStatus}`);
    return 'delivered';
  }

  private post(raw: string, body: string, headers: Record<string, string>): Promise<number> {
    const url = new URL(raw);
    const trusted = isAllowListed(url, allowList(this.config.WEBHOOK_ALLOWED_HOSTS));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: this.config.WEBHOOK_TIMEOUT_MS, ...(trusted ? {} : { lookup: guardedLookup as never }) },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      // An address literal skips lookup(): check it here.
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!trusted && isForbiddenAddress(host) && /^[\d.]+$|:/.test(host)) {
        req.destroy(new Error(`${host} is a private, loopback or link-local address`));
        return;
      }
      req.end(body);
    });
  }
}
