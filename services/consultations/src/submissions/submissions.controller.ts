import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CONSULTATIONS_OPS,
  CreateSubmissionRequest,
  ImportSubmissionsRequest,
  Principal,
  SubmissionImportReport,
  SubmissionImportRequest,
  SubmissionReceipt,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { SubmissionImportsService } from './submission-imports.service';
import { SubmissionsService } from './submissions.service';

@Controller()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly imports: SubmissionImportsService,
  ) {}

  @Handles(CONSULTATIONS_OPS.submissionCreate)
  create(@Payload() req: CreateSubmissionRequest): Promise<SubmissionReceipt> {
    return this.submissions.create(req.consultationId, req.submission);
  }

  @Handles(CONSULTATIONS_OPS.submissionImport)
  import(@Payload() req: ImportSubmissionsRequest, @CallerPrincipal() caller?: Principal): Promise<SubmissionImportReport> {
    return this.imports.start(req, caller?.keyId);
  }

  @Handles(CONSULTATIONS_OPS.submissionImportGet)
  importReport(@Payload() req: SubmissionImportRequest): Promise<SubmissionImportReport> {
    return this.imports.get(req.consultationId, req.id);
  }
}
