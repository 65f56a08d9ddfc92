import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateInitiativeRequest,
  DIASPORA_OPS,
  IdRequest,
  InitiativeView,
  ListInitiativesRequest,
  Page,
  Principal,
  UpdateInitiativeRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { InitiativesService } from './initiatives.service';

@Controller()
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Handles(DIASPORA_OPS.initiativeCreate)
  create(@Payload() req: CreateInitiativeRequest, @CallerPrincipal() who: Principal | undefined): Promise<InitiativeView> {
    return this.initiatives.create(req, who);
  }

  @Handles(DIASPORA_OPS.initiativeGet)
  get(@Payload() req: IdRequest): Promise<InitiativeView> {
    return this.initiatives.get(req.id);
  }

  @Handles(DIASPORA_OPS.initiativeList)
  list(@Payload() req: ListInitiativesRequest): Promise<Page<InitiativeView>> {
    return this.initiatives.list(req);
  }

  @Handles(DIASPORA_OPS.initiativeUpdate)
  update(@Payload() req: UpdateInitiativeRequest, @CallerPrincipal() who: Principal | undefined): Promise<InitiativeView> {
    return this.initiatives.update(req, who);
  }

  @Handles(DIASPORA_OPS.initiativeDelete)
  delete(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<void> {
    return this.initiatives.delete(req.id, who);
  }
}
