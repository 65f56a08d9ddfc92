import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsultationsModule } from '../consultations/consultations.module';
import { IDEMPOTENCY_MODEL, IdempotencySchema, SUBMISSION_MODEL, SubmissionSchema } from './submission.schema';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';
import { UploadsProvider } from './uploads.provider';

@Module({
  imports: [
    ConsultationsModule,
    MongooseModule.forFeature([
      { name: SUBMISSION_MODEL, schema: SubmissionSchema },
      { name: IDEMPOTENCY_MODEL, schema: IdempotencySchema },
    ]),
  ],
  controllers: [SubmissionsController],
  providers: [SubmissionsRepository, SubmissionsService, UploadsProvider],
  exports: [SubmissionsRepository],
})
export class SubmissionsModule {}
