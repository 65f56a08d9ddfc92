import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CommitmentView,
  CreateCommitmentRequest,
  DIALOGUE_EVENTS_OPS,
  DomainError,
  EscalateCommitmentRequest,
  EventRef,
  IdRequest,
  ListCommitmentsRequest,
  MinutesView,
  OverdueRunReport,
  OverdueRunRequest,
  Page,
  Principal,
  RecordMinutesRequest,
  UpdateCommitmentRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { OutcomesService } from './outcomes.service';
import { OverdueJob } from './overdue.job';

@Controller()
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly job: OverdueJob,
  ) {}

  @Handles(DIALOGUE_EVENTS_OPS.minutesRecord)
  recordMinutes(@Payload() req: RecordMinutesRequest, @CallerPrincipal() who: Principal | undefined): Promise<MinutesView> {
    return this.outcomes.recordMinutes(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.minutesGet)
  minutes(@Payload() req: EventRef): Promise<MinutesView> {
    return this.outcomes.getMinutes(req.eventId);
  }

  @Handles(DIALOGUE_EVENTS_OPS.commitmentCreate)
  create(@Payload() req: CreateCommitmentRequest, @CallerPrincipal() who: Principal | undefined): Promise<CommitmentView> {
    return this.outcomes.createCommitment(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.commitmentGet)
  get(@Payload() req: IdRequest): Promise<CommitmentView> {
    return this.outcomes.getCommitment(req.id);
  }

  @Handles(DIALOGUE_EVENTS_OPS.commitmentList)
  list(@Payload() req: ListCommitmentsRequest): Promise<Page<CommitmentView>> {
    return this.outcomes.listCommitments(req);
  }

  @Handles(DIALOGUE_EVENTS_OPS.commitmentUpdate)
  update(@Payload() req: UpdateCommitmentRequest, @CallerPrincipal() who: Principal | undefined): Promise<CommitmentView> {
    return this.outcomes.updateCommitment(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.commitmentEscalate)
  escalate(@Payload() req: EscalateCommitmentRequest, @CallerPrincipal() who: Principal | undefined): Promise<CommitmentView> {
    return this.outcomes.escalate(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.commitmentOverdueRun)
  async runOverdue(@Payload() req: OverdueRunRequest, @CallerPrincipal() who: Principal | undefined): Promise<OverdueRunReport> {
    if (who && who.role !== 'admin') throw new DomainError('forbidden', `The role "${who.role}" may not run the overdue job: it needs admin`);
    return this.job.runNow(req.day);
  }
}
