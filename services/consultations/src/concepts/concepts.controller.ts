import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConceptRef, ConceptTransitionRequest, CONSULTATIONS_SUBJECTS, CreateConceptRequest, ListConceptsRequest, UpdateConceptRequest } from '@vidnova/contracts';
import { ConceptsService } from './concepts.service';

@Controller()
export class ConceptsController {
  constructor(private readonly concepts: ConceptsService) {}

  @MessagePattern(CONSULTATIONS_SUBJECTS.conceptCreate)
  create(@Payload() req: CreateConceptRequest) {
    return this.concepts.create(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.conceptGet)
  get(@Payload() req: ConceptRef) {
    return this.concepts.get(req.consultationId, req.id);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.conceptList)
  list(@Payload() req: ListConceptsRequest) {
    return this.concepts.list(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.conceptUpdate)
  update(@Payload() req: UpdateConceptRequest) {
    return this.concepts.update(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.conceptTransition)
  transition(@Payload() req: ConceptTransitionRequest) {
    return this.concepts.transition(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.conceptVersions)
  versions(@Payload() req: ConceptRef) {
    return this.concepts.versions(req.consultationId, req.id);
  }
}
