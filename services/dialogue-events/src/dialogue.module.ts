import { Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import { BusClient, natsAuth } from '@vidnova/messaging';
import { Model } from 'mongoose';
import { DialogueEventsConfig } from './config';
import { CONTRIBUTION_MODEL, ContributionSchema, REPORT_MODEL, ReportSchema, VOTE_MODEL, VoteSchema } from './contributions/contribution.schema';
import { ContributionsController } from './contributions/contributions.controller';
import { ContributionsService } from './contributions/contributions.service';
import { EVENT_MODEL, EventSchema } from './events/event.schema';
import { EventsController } from './events/events.controller';
import { EventsRepository } from './events/events.repository';
import { EventsService } from './events/events.service';
import { InvolvementController } from './involvement/involvement.controller';
import { InvolvementService } from './involvement/involvement.service';
import { COMMITMENT_MODEL, CommitmentSchema, OVERDUE_RUN_MODEL, OverdueRunDoc, OverdueRunSchema } from './outcomes/commitment.schema';
import { OutcomesController } from './outcomes/outcomes.controller';
import { OutcomesService } from './outcomes/outcomes.service';
import { OverdueJob } from './outcomes/overdue.job';
import { EventLock } from './platform/event-lock';
import { OutboxRelay } from '@vidnova/mongo';
import { RegistrationRecovery } from './registrations/registration-recovery';
import { REGISTRATION_MODEL, RegistrationDoc, RegistrationSchema } from './registrations/registration.schema';
import { RegistrationsController } from './registrations/registrations.controller';
import { RegistrationsService } from './registrations/registrations.service';
import { SeatBatches } from './registrations/seat-batches';
import { WaitlistPromotions } from './registrations/waitlist-promotions';

/** Asks other services over the bus (the diaspora registry for organisers); closed with the service. */
class BusClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close().catch(() => undefined);
  }
}

/** Registers the collections whose documents carry outbox events with the relay. */
class OutboxWiring implements OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(getModelToken(REGISTRATION_MODEL)) private readonly registrations: Model<RegistrationDoc>,
    @Inject(getModelToken(OVERDUE_RUN_MODEL)) private readonly overdueRuns: Model<OverdueRunDoc>,
  ) {}
  onApplicationBootstrap(): void {
    this.relay.register(this.registrations as never);
    this.relay.register(this.overdueRuns as never);
  }
}

/**
 * The features of dialogue-events, one folder each (events, registrations, contributions, outcomes,
 * involvement), in one module because they share the event document (seats, minutes).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: EVENT_MODEL, schema: EventSchema },
      { name: REGISTRATION_MODEL, schema: RegistrationSchema },
      { name: CONTRIBUTION_MODEL, schema: ContributionSchema },
      { name: VOTE_MODEL, schema: VoteSchema },
      { name: REPORT_MODEL, schema: ReportSchema },
      { name: COMMITMENT_MODEL, schema: CommitmentSchema },
      { name: OVERDUE_RUN_MODEL, schema: OverdueRunSchema },
    ]),
  ],
  controllers: [EventsController, RegistrationsController, ContributionsController, OutcomesController, InvolvementController],
  providers: [
    {
      provide: BusClient,
      inject: [DialogueEventsConfig],
      useFactory: (config: DialogueEventsConfig) =>
        BusClient.connect(config.NATS_URL, `${config.SERVICE_NAME}-${process.pid}-bus`, { signingSecret: config.BUS_SIGNING_SECRET, unavailableRetryMs: 2000, auth: natsAuth(config) }),
    },
    BusClientLifecycle,
    OutboxRelay,
    OutboxWiring,
    EventLock,
    EventsRepository,
    EventsService,
    RegistrationsService,
    SeatBatches,
    WaitlistPromotions,
    RegistrationRecovery,
    ContributionsService,
    OutcomesService,
    OverdueJob,
    InvolvementService,
  ],
  exports: [EventsService, OutboxRelay],
})
export class DialogueModule {}
