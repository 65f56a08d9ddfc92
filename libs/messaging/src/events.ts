import { NatsConnection, headers as natsHeaders } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamClient } from '@nats-io/jetstream';
import { CORRELATION_HEADER, EVENT_STREAM } from '@vidnova/contracts';
import { currentCorrelationId } from '@vidnova/logging';
import { injectTraceContext } from '@vidnova/telemetry';
import { busName, busSubject } from './namespace';

const encoder = new TextEncoder();

/**
 * Durable domain events on JetStream. `msgId` makes the publish idempotent inside the stream's
 * duplicate window, so a service that republishes from its outbox after a crash does not double-post.
 */
export class EventPublisher {
  private constructor(private readonly js: JetStreamClient) {}

  /** `replicas`: of the event stream when this call creates it (JETSTREAM_REPLICAS); default 1. */
  static async create(nc: NatsConnection, opts: { replicas?: number } = {}): Promise<EventPublisher> {
    const jsm = await jetstreamManager(nc);
    const stream = busName(EVENT_STREAM);
    try {
      await jsm.streams.info(stream);
    } catch {
      try {
        await jsm.streams.add({ name: stream, subjects: [busSubject('evt.>')], duplicate_window: 2 * 60 * 1_000_000_000, num_replicas: opts.replicas ?? 1 });
      } catch (e) {
        // Another instance may have created it at the same moment.
        await jsm.streams.info(stream).catch(() => {
          throw e;
        });
      }
    }
    return new EventPublisher(jetstream(nc));
  }

  async publish(subject: string, payload: unknown, msgId: string): Promise<void> {
    const h = natsHeaders();
    const cid = currentCorrelationId();
    if (cid) h.set(CORRELATION_HEADER, cid);
    // A consumer can continue the trace of the work that published (when that work is traced).
    injectTraceContext((k, v) => h.set(k, v));
    await this.js.publish(busSubject(subject), encoder.encode(JSON.stringify(payload)), { msgID: msgId, headers: h });
  }
}
