import { EmptyRequest } from './common';
import { op, Operation } from './operation';

/**
 * Every NATS subject used by Vidnova. Subjects are versioned (`.v1`); a breaking payload
 * change gets a new version and both are served until callers move.
 * No subject string may be written inline anywhere else.
 */
export const SERVICE_NAMES = [
  'diaspora-registry',
  'consultations',
  'budget-analysis',
  'enterprise-efficiency',
  'reporting',
  'dialogue-events',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * The first token of a service's operation subjects, where it is not the service's own name (the
 * services that came first; a new service's subjects start with its name, as the generator writes them,
 * and need no entry). The NATS permissions are derived from it (libs/messaging/src/nats-permissions.ts):
 * a service may subscribe to `<root>.>` only, the gateway may publish to every root.
 */
export const SUBJECT_ROOTS: Readonly<Partial<Record<ServiceName, string>>> = {
  'diaspora-registry': 'diaspora',
  'budget-analysis': 'budget',
};

/** The first token of every operation subject a service answers (`diaspora` for diaspora-registry). */
export const subjectRoot = (service: string): string => SUBJECT_ROOTS[service as ServiceName] ?? service;

/** What a service answers to its health operation: whether its own dependencies are ready. */
export class HealthReply {
  service!: string;
  status!: 'ok' | 'unavailable';
  checks?: Record<string, unknown>;
}

/** The request/reply operation every service answers for readiness checks. */
export const healthCheck = (service: string): Operation<EmptyRequest, HealthReply> =>
  op(`${service}.health.ping.v1`, EmptyRequest, HealthReply);

/**
 * Broadcast (every gateway instance, no queue group) when an API key is revoked, so that each drops
 * its cache at once instead of within its cache time. Carries only the key id.
 */
export const API_KEY_REVOKED_SUBJECT = 'gateway.api-key.revoked.v1';

/** Durable events (JetStream). Stream `VIDNOVA_EVENTS` captures `evt.>`; a service publishes `evt.<service>.>` only. */
export const EVENT_STREAM = 'VIDNOVA_EVENTS';
export const EVENT_SUBJECTS = {
  diasporaPersonalDataErased: 'evt.diaspora-registry.personal-data.erased.v1',
  /** A registrant's name and email were erased (ids only). */
  dialogueRegistrationErased: 'evt.dialogue-events.registration.personal-data-erased.v1',
  /** The daily job marked commitments overdue (ids and the day only). */
  dialogueCommitmentsOverdue: 'evt.dialogue-events.commitments.overdue.v1',
  /** Someone on an event's waitlist got a seat (ids only). */
  dialogueWaitlistPromoted: 'evt.dialogue-events.registration.promoted.v1',
} as const;

/** Object store bucket through which large uploads (CSV files) reach services. */
export const UPLOAD_BUCKET = 'vidnova-uploads';

/**
 * BullMQ queues of the reporting service on Redis (keys under `<namespace>-vidnova-bull:`): its API
 * part adds, its workers consume, the gateway's queue dashboard shows them.
 */
export const REPORTING_QUEUES = { reports: 'reports', webhooks: 'webhook-deliveries' } as const;
export const QUEUE_KEY_PREFIX = 'vidnova-bull';

/** Object store bucket of report content (JSON, CSV, HTML, PDF), written by the reporting worker, streamed by the gateway. */
export const REPORT_BUCKET = 'vidnova-reports';

/** NATS header that carries the correlation id across the bus and into jobs. */
export const CORRELATION_HEADER = 'x-correlation-id';
/** NATS header with the authenticated principal (API key id and role) for audit and object checks. */
export const PRINCIPAL_HEADER = 'x-vidnova-principal';
/** NATS header with the sender's signature over subject, correlation id, principal and payload (libs/messaging/src/signing.ts). */
export const SIGNATURE_HEADER = 'x-vidnova-signature';
