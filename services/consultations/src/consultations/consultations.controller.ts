import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CONSULTATIONS_SUBJECTS, CreateConsultationRequest, IdRequest, ListConsultationsRequest, UpdateConsultationRequest } from '@vidnova/contracts';
import { ConsultationsService } from './consultations.service';

@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @MessagePattern(CONSULTATIONS_SUBJECTS.consultationCreate)
  create(@Payload() req: CreateConsultationRequest) {
    return this.consultations.create(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.consultationGet)
  get(@Payload() req: IdRequest) {
    return this.consultations.get(req.id);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.consultationList)
  list(@Payload() req: ListConsultationsRequest) {
    return this.consultations.list(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.consultationUpdate)
  update(@Payload() req: UpdateConsultationRequest) {
    return this.consultations.update(req);
  }
}
