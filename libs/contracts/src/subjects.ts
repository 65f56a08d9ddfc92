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
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** What a service answers to its health operation: whether its own dependencies are ready. */
export class HealthReply {
  service!: string;
  status!: 'ok' | 'unavailable';
  checks?: Record<string, unknown>;
}

/** The request/reply operation every service answers for readiness checks. */
export const healthCheck = (service: string): Operation<EmptyRequest, HealthReply> =>
  op(`${service}.health.ping.v1`, EmptyRequest, HealthReply);

export const DIASPORA_SUBJECTS = {
  organizationCreate: 'diaspora.organization.create.v1',
  organizationGet: 'diaspora.organization.get.v1',
  organizationList: 'diaspora.organization.list.v1',
  organizationUpdate: 'diaspora.organization.update.v1',
  organizationDelete: 'diaspora.organization.delete.v1',
  organizationErasePersonalData: 'diaspora.organization.erase-personal-data.v1',
  organizationGeoJson: 'diaspora.organization.geojson.v1',
  initiativeCreate: 'diaspora.initiative.create.v1',
  initiativeGet: 'diaspora.initiative.get.v1',
  initiativeList: 'diaspora.initiative.list.v1',
  initiativeUpdate: 'diaspora.initiative.update.v1',
  initiativeDelete: 'diaspora.initiative.delete.v1',
  linkCreate: 'diaspora.link.create.v1',
  linkGet: 'diaspora.link.get.v1',
  linkList: 'diaspora.link.list.v1',
  linkDelete: 'diaspora.link.delete.v1',
  hostStatsImport: 'diaspora.host-country-statistics.import.v1',
  hostStatsGet: 'diaspora.host-country-statistics.get.v1',
} as const;

export const CONSULTATIONS_SUBJECTS = {
  consultationCreate: 'consultations.consultation.create.v1',
  consultationGet: 'consultations.consultation.get.v1',
  consultationList: 'consultations.consultation.list.v1',
  consultationUpdate: 'consultations.consultation.update.v1',
  consultationTransition: 'consultations.consultation.transition.v1',
  submissionCreate: 'consultations.submission.create.v1',
  submissionImport: 'consultations.submission.import.v1',
  resultsGet: 'consultations.results.get.v1',
  resultsCsv: 'consultations.results.csv.v1',
  prioritiesGet: 'consultations.priorities.get.v1',
  conceptCreate: 'consultations.concept.create.v1',
  conceptGet: 'consultations.concept.get.v1',
  conceptList: 'consultations.concept.list.v1',
  conceptUpdate: 'consultations.concept.update.v1',
  conceptTransition: 'consultations.concept.transition.v1',
  conceptVersions: 'consultations.concept.versions.v1',
} as const;

/** Durable events (JetStream). Stream `VIDNOVA_EVENTS` captures `evt.>`. */
export const EVENT_STREAM = 'VIDNOVA_EVENTS';
export const EVENT_SUBJECTS = {
  diasporaPersonalDataErased: 'evt.diaspora-registry.personal-data.erased.v1',
} as const;

/** Object store bucket through which large uploads (CSV files) reach services. */
export const UPLOAD_BUCKET = 'vidnova-uploads';

/** NATS header that carries the correlation id across the bus and into jobs. */
export const CORRELATION_HEADER = 'x-correlation-id';
/** NATS header with the authenticated principal (API key id and role) for audit and object checks. */
export const PRINCIPAL_HEADER = 'x-vidnova-principal';
