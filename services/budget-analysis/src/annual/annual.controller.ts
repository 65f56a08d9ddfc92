import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnnualFiguresLoaded, BUDGET_OPS, LoadAnnualFiguresRequest } from '@vidnova/contracts';
import { Handles } from '@vidnova/messaging';
import { AnnualService } from './annual.service';

@Controller()
export class AnnualController {
  constructor(private readonly annual: AnnualService) {}

  @Handles(BUDGET_OPS.annualLoad)
  load(@Payload() req: LoadAnnualFiguresRequest): Promise<AnnualFiguresLoaded> {
    return this.annual.load(req);
  }
}
