// Public surface of the service for end-to-end tests and tooling (not for other services).
export { AppModule } from './app.module';
export { DialogueEventsConfig } from './config';
export { MIGRATIONS as DIALOGUE_MIGRATIONS } from './migrations';
export { OutboxRelay } from '@vidnova/mongo';
export { RegistrationRecovery, STALE_AFTER_MS } from './registrations/registration-recovery';
export { OverdueJob } from './outcomes/overdue.job';
// Schemas for benchmark set-up (insertMany straight into the service's database).
export { EVENT_MODEL, EventSchema } from './events/event.schema';
export { REGISTRATION_MODEL, RegistrationSchema } from './registrations/registration.schema';
export { COMMITMENT_MODEL, CommitmentSchema } from './outcomes/commitment.schema';
export { CSV_PAGE_ROWS } from './registrations/registrations.service';
