import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CONSULTATIONS_SUBJECTS, CreateSubmissionRequest, ImportSubmissionsRequest } from '@vidnova/contracts';
import { SubmissionsService } from './submissions.service';

@Controller()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @MessagePattern(CONSULTATIONS_SUBJECTS.submissionCreate)
  create(@Payload() req: CreateSubmissionRequest) {
    return this.submissions.create(req);
  }

  @MessagePattern(CONSULTATIONS_SUBJECTS.submissionImport)
  import(@Payload() req: ImportSubmissionsRequest) {
    return this.submissions.import(req);
  }
}
