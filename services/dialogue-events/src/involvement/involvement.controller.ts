import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DIALOGUE_EVENTS_OPS, InvolvementRequest, InvolvementView, OblastInvolvementRequest, OblastInvolvementView } from '@vidnova/contracts';
import { Handles } from '@vidnova/messaging';
import { InvolvementService } from './involvement.service';

@Controller()
export class InvolvementController {
  constructor(private readonly involvement: InvolvementService) {}

  @Handles(DIALOGUE_EVENTS_OPS.involvement)
  get(@Payload() req: InvolvementRequest): Promise<InvolvementView> {
    return this.involvement.involvement(req);
  }

  @Handles(DIALOGUE_EVENTS_OPS.oblastInvolvement)
  oblast(@Payload() req: OblastInvolvementRequest): Promise<OblastInvolvementView> {
    return this.involvement.oblastInvolvement(req);
  }
}
