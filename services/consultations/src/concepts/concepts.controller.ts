import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ConceptRef,
  ConceptTransitionRequest,
  ConceptVersionView,
  ConceptView,
  CONSULTATIONS_OPS,
  CreateConceptRequest,
  ListConceptsRequest,
  Page,
  Principal,
  UpdateConceptRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { ConceptsService } from './concepts.service';

@Controller()
export class ConceptsController {
  constructor(private readonly concepts: ConceptsService) {}

  @Handles(CONSULTATIONS_OPS.conceptCreate)
  create(@Payload() req: CreateConceptRequest, @CallerPrincipal() caller?: Principal): Promise<ConceptView> {
    return this.concepts.create(req, caller?.keyId, caller);
  }

  @Handles(CONSULTATIONS_OPS.conceptGet)
  get(@Payload() req: ConceptRef): Promise<ConceptView> {
    return this.concepts.get(req.consultationId, req.id);
  }

  @Handles(CONSULTATIONS_OPS.conceptList)
  list(@Payload() req: ListConceptsRequest): Promise<Page<ConceptView>> {
    return this.concepts.list(req);
  }

  @Handles(CONSULTATIONS_OPS.conceptUpdate)
  update(@Payload() req: UpdateConceptRequest, @CallerPrincipal() caller?: Principal): Promise<ConceptView> {
    return this.concepts.update(req, caller?.keyId, caller);
  }

  @Handles(CONSULTATIONS_OPS.conceptTransition)
  transition(@Payload() req: ConceptTransitionRequest, @CallerPrincipal() caller?: Principal): Promise<ConceptView> {
    return this.concepts.transition(req, caller?.keyId, caller);
  }

  @Handles(CONSULTATIONS_OPS.conceptVersions)
  versions(@Payload() req: ConceptRef): Promise<ConceptVersionView[]> {
    return this.concepts.versions(req.consultationId, req.id);
  }
}
