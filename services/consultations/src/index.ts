// Public surface of the service for end-to-end tests and tooling (not for other services).
export { AppModule } from './app.module';
export { ConsultationsConfig } from './config';
export { MIGRATIONS as CONSULTATIONS_MIGRATIONS } from './migrations';
export { SUBMISSION_MODEL, SubmissionSchema } from './submissions/submission.schema';
export { ResultsService } from './results/results.service';
export { tallyIncrements, TalliesService } from './results/tallies.service';
export { TALLY_MODEL } from './results/tally.schema';
