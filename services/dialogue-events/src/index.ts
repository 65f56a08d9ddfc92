// Public surface of the service for end-to-end tests and tooling (not for other services).
export { AppModule } from './app.module';
export { DialogueEventsConfig } from './config';
export { OutboxRelay } from './platform/outbox';
export { OverdueJob } from './outcomes/overdue.job';
