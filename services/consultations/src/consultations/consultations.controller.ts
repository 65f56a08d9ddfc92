import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CommunityPrioritiesRequest,
  CommunityPrioritiesView,
  ConsultationTransitionRequest,
  CONSULTATIONS_OPS,
  ConsultationView,
  CreateConsultationRequest,
  IdRequest,
  ListConsultationsRequest,
  Page,
  Principal,
  UpdateConsultationRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { ConsultationsService } from './consultations.service';

@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Handles(CONSULTATIONS_OPS.consultationCreate)
  create(@Payload() req: CreateConsultationRequest, @CallerPrincipal() caller?: Principal): Promise<ConsultationView> {
    return this.consultations.create(req.consultation, caller?.keyId, caller);
  }

  @Handles(CONSULTATIONS_OPS.consultationGet)
  get(@Payload() req: IdRequest): Promise<ConsultationView> {
    return this.consultations.get(req.id);
  }

  @Handles(CONSULTATIONS_OPS.consultationList)
  list(@Payload() req: ListConsultationsRequest): Promise<Page<ConsultationView>> {
    return this.consultations.list(req);
  }

  @Handles(CONSULTATIONS_OPS.consultationUpdate)
  update(@Payload() req: UpdateConsultationRequest, @CallerPrincipal() caller?: Principal): Promise<ConsultationView> {
    return this.consultations.update(req.id, req.changes, caller);
  }

  @Handles(CONSULTATIONS_OPS.consultationTransition)
  transition(@Payload() req: ConsultationTransitionRequest, @CallerPrincipal() caller?: Principal): Promise<ConsultationView> {
    return this.consultations.transition(req.id, req.action, caller?.keyId, caller);
  }

  @Handles(CONSULTATIONS_OPS.prioritiesGet)
  priorities(@Payload() req: CommunityPrioritiesRequest): Promise<CommunityPrioritiesView> {
    return this.consultations.priorities(req.communityCode);
  }
}
