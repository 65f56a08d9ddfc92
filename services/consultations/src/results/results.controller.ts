import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CommunityPrioritiesRequest, CONSULTATIONS_SUBJECTS, ConsultationTransitionRequest, ResultsRequest } from '@vidnova/contracts';
import { ResultsService } from './results.service';

@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @MessagePattern(CONSULTATIONS_SUBJECTS.resultsGet)
  get(@Payload() req: ResultsRequest) {
    return this.results.results(req.id, req.by);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.resultsCsv)
  csv(@Payload() req: ResultsRequest) {
    return this.results.csv(req.id, req.by);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.consultationTransition)
  transition(@Payload() req: ConsultationTransitionRequest) {
    return this.results.transition(req.id, req.action);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.prioritiesGet)
  priorities(@Payload() req: CommunityPrioritiesRequest) {
    return this.results.priorities(req.communityCode);
  }
}
