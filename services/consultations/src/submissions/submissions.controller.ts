import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CONSULTATIONS_OPS,
  CreateSubmissionRequest,
  ImportSubmissionsRequest,
  IssuedRespondentTokens,
  IssueRespondentTokensRequest,
  Principal,
  SubmissionImportReport,
  SubmissionImportRequest,
  SubmissionReceipt,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { RespondentTokensService } from './respondent-tokens.service';
import { SubmissionImportsService } from './submission-imports.service';
import { SubmissionsService } from './submissions.service';

@Controller()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly imports: SubmissionImportsService,
    private readonly tokens: RespondentTokensService,
  ) {}

  @Handles(CONSULTATIONS_OPS.respondentTokensIssue)
  issueTokens(@Payload() req: IssueRespondentTokensRequest, @CallerPrincipal() caller?: Principal): Promise<IssuedRespondentTokens> {
    return this.tokens.issue(req, caller);
  }

  @Handles(CONSULTATIONS_OPS.submissionCreate)
  create(@Payload() req: CreateSubmissionRequest, @CallerPrincipal() caller?: Principal): Promise<SubmissionReceipt> {
    return this.submissions.create(req.consultationId, req.submission, caller);
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
