import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSULTATIONS_OPS, ConsultationResults, Principal, ResultsRequest } from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { ResultsService } from './results.service';

@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Handles(CONSULTATIONS_OPS.resultsGet)
  get(@Payload() req: ResultsRequest, @CallerPrincipal() caller?: Principal): Promise<ConsultationResults> {
    return this.results.results(req.id, req.by, caller);
  }

  @Handles(CONSULTATIONS_OPS.resultsCsv)
  csv(@Payload() req: ResultsRequest, @CallerPrincipal() caller?: Principal): Promise<string> {
    return this.results.csv(req.id, req.by, caller);
  }
}
