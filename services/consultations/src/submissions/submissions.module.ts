import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsultationsModule } from '../consultations/consultations.module';
import { ResultsModule } from '../results/results.module';
import { RESPONDENT_TOKEN_MODEL, RespondentTokenSchema } from './respondent-token.schema';
import { RespondentTokensRepository } from './respondent-tokens.repository';
import { RespondentTokensService } from './respondent-tokens.service';
import { SUBMISSION_IMPORT_MODEL, SubmissionImportSchema } from './submission-import.schema';
import { SubmissionImportsRepository } from './submission-imports.repository';
import { SubmissionImportsService } from './submission-imports.service';
import { SUBMISSION_MODEL, SubmissionSchema } from './submission.schema';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [
    ConsultationsModule,
    ResultsModule,
    MongooseModule.forFeature([
      { name: SUBMISSION_MODEL, schema: SubmissionSchema },
      { name: SUBMISSION_IMPORT_MODEL, schema: SubmissionImportSchema },
      { name: RESPONDENT_TOKEN_MODEL, schema: RespondentTokenSchema },
    ]),
  ],
  controllers: [SubmissionsController],
  providers: [SubmissionsRepository, SubmissionsService, SubmissionImportsRepository, SubmissionImportsService, RespondentTokensRepository, RespondentTokensService],
})
export class SubmissionsModule {}
