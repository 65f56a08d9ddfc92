import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ContributionIdRequest,
  ContributionThreads,
  ContributionView,
  CreateContributionRequest,
  DIALOGUE_EVENTS_OPS,
  EventRef,
  HideContributionRequest,
  Principal,
  ReportContributionRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { ContributionsService } from './contributions.service';

@Controller()
export class ContributionsController {
  constructor(private readonly contributions: ContributionsService) {}

  @Handles(DIALOGUE_EVENTS_OPS.contributionCreate)
  create(@Payload() req: CreateContributionRequest, @CallerPrincipal() who: Principal | undefined): Promise<ContributionView> {
    return this.contributions.create(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.contributionList)
  list(@Payload() req: EventRef, @CallerPrincipal() who: Principal | undefined): Promise<ContributionThreads> {
    return this.contributions.list(req.eventId, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.contributionUpvote)
  upvote(@Payload() req: ContributionIdRequest, @CallerPrincipal() who: Principal | undefined): Promise<ContributionView> {
    return this.contributions.upvote(req.id, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.contributionReport)
  report(@Payload() req: ReportContributionRequest, @CallerPrincipal() who: Principal | undefined): Promise<ContributionView> {
    return this.contributions.report(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.contributionHide)
  hide(@Payload() req: HideContributionRequest, @CallerPrincipal() who: Principal | undefined): Promise<ContributionView> {
    return this.contributions.hide(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.contributionRestore)
  restore(@Payload() req: ContributionIdRequest, @CallerPrincipal() who: Principal | undefined): Promise<ContributionView> {
    return this.contributions.restore(req.id, who);
  }
}
