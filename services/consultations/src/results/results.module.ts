import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CONSULTATION_MODEL, ConsultationSchema } from '../consultations/consultation.schema';
import { SUBMISSION_MODEL, SubmissionSchema } from '../submissions/submission.schema';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';

/** Results of a consultation, computed from its submissions; also used when results are published. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CONSULTATION_MODEL, schema: ConsultationSchema },
      { name: SUBMISSION_MODEL, schema: SubmissionSchema },
    ]),
  ],
  controllers: [ResultsController],
  providers: [ResultsRepository, ResultsService],
  exports: [ResultsService],
})
export class ResultsModule {}
