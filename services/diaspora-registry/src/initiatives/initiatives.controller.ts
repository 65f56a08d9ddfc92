import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateInitiativeRequest, DIASPORA_SUBJECTS, IdRequest, ListInitiativesRequest, UpdateInitiativeRequest } from '@vidnova/contracts';
import { InitiativesService } from './initiatives.service';

@Controller()
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @MessagePattern(DIASPORA_SUBJECTS.initiativeCreate)
  create(@Payload() req: CreateInitiativeRequest) {
    return this.initiatives.create(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.initiativeGet)
  get(@Payload() req: IdRequest) {
    return this.initiatives.get(req.id);
  }

  @MessagePattern(DIASPORA_SUBJECTS.initiativeList)
  list(@Payload() req: ListInitiativesRequest) {
    return this.initiatives.list(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.initiativeUpdate)
  update(@Payload() req: UpdateInitiativeRequest) {
    return this.initiatives.update(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.initiativeDelete)
  delete(@Payload() req: IdRequest) {
    return this.initiatives.delete(req.id);
  }
}
