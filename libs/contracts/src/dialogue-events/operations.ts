import { IdRequest } from '../common';
import { op, pageOf, textPages } from '../operation';
import {
  ContributionIdRequest,
  ContributionThreads,
  ContributionView,
  CreateContributionRequest,
  HideContributionRequest,
  ReportContributionRequest,
} from './contribution';
import { CalendarRequest, ChangeEventStatusRequest, CreateEventRequest, EventView, ListEventsRequest, UpdateEventRequest } from './event';
import { InvolvementRequest, InvolvementView, OblastInvolvementRequest, OblastInvolvementView } from './involvement';
import {
  CommitmentView,
  CreateCommitmentRequest,
  EscalateCommitmentRequest,
  ListCommitmentsRequest,
  MinutesView,
  OverdueRunReport,
  OverdueRunRequest,
  RecordMinutesRequest,
  UpdateCommitmentRequest,
} from './outcome';
import {
  CancellationResult,
  CancelRegistrationRequest,
  EventRef,
  ListRegistrationsRequest,
  RegisterRequest,
  RegistrationCsvRequest,
  RegistrationReceipt,
  RegistrationRef,
  RegistrationSummary,
  RegistrationView,
} from './registration';

/** The bus operations of dialogue-events (queue group `dialogue-events`). */
export const DIALOGUE_EVENTS_OPS = {
  eventCreate: op('dialogue-events.event.create.v1', CreateEventRequest, EventView),
  eventGet: op('dialogue-events.event.get.v1', IdRequest, EventView),
  eventList: op('dialogue-events.event.list.v1', ListEventsRequest, pageOf(EventView)),
  eventUpdate: op('dialogue-events.event.update.v1', UpdateEventRequest, EventView),
  eventStatus: op('dialogue-events.event.status.v1', ChangeEventStatusRequest, EventView),
  calendar: op('dialogue-events.event.calendar.v2', CalendarRequest, textPages('text/calendar')),
  register: op('dialogue-events.registration.create.v1', RegisterRequest, RegistrationReceipt),
  registrationCancel: op('dialogue-events.registration.cancel.v1', CancelRegistrationRequest, CancellationResult),
  registrationCheckIn: op('dialogue-events.registration.check-in.v1', RegistrationRef, RegistrationView),
  registrationList: op('dialogue-events.registration.list.v1', ListRegistrationsRequest, pageOf(RegistrationView)),
  registrationCsv: op('dialogue-events.registration.csv.v2', RegistrationCsvRequest, textPages('text/csv')),
  registrationSummary: op('dialogue-events.registration.summary.v1', EventRef, RegistrationSummary),
  registrationErase: op('dialogue-events.registration.erase-personal-data.v1', RegistrationRef, RegistrationView),
  contributionCreate: op('dialogue-events.contribution.create.v1', CreateContributionRequest, ContributionView),
  contributionList: op('dialogue-events.contribution.list.v1', EventRef, ContributionThreads),
  contributionUpvote: op('dialogue-events.contribution.upvote.v1', ContributionIdRequest, ContributionView),
  contributionReport: op('dialogue-events.contribution.report.v1', ReportContributionRequest, ContributionView),
  contributionHide: op('dialogue-events.contribution.hide.v1', HideContributionRequest, ContributionView),
  contributionRestore: op('dialogue-events.contribution.restore.v1', ContributionIdRequest, ContributionView),
  minutesRecord: op('dialogue-events.minutes.record.v1', RecordMinutesRequest, MinutesView),
  minutesGet: op('dialogue-events.minutes.get.v1', EventRef, MinutesView),
  commitmentCreate: op('dialogue-events.commitment.create.v1', CreateCommitmentRequest, CommitmentView),
  commitmentGet: op('dialogue-events.commitment.get.v1', IdRequest, CommitmentView),
  commitmentList: op('dialogue-events.commitment.list.v1', ListCommitmentsRequest, pageOf(CommitmentView)),
  commitmentUpdate: op('dialogue-events.commitment.update.v1', UpdateCommitmentRequest, CommitmentView),
  commitmentEscalate: op('dialogue-events.commitment.escalate.v1', EscalateCommitmentRequest, CommitmentView),
  /** Runs the daily overdue marking now (the scheduled job does the same); admin only. */
  commitmentOverdueRun: op('dialogue-events.commitment.overdue-run.v1', OverdueRunRequest, OverdueRunReport),
  involvement: op('dialogue-events.involvement.get.v1', InvolvementRequest, InvolvementView),
  /** The same figures over every community of an oblast (events counted once). */
  oblastInvolvement: op('dialogue-events.involvement.oblast.v1', OblastInvolvementRequest, OblastInvolvementView),
} as const;
