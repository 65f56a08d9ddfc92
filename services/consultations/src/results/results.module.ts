import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CONSULTATION_MODEL, ConsultationSchema } from '../consultations/consultation.schema';
import { SUBMISSION_MODEL, SubmissionSchema } from '../submissions/submission.schema';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';
import { TalliesService } from './tallies.service';
import { TALLY_LOCK_MODEL, TALLY_MODEL, TallyLockSchema, TallySchema } from './tally.schema';

/** Results of a consultation, from the tallies kept as submissions arrive; also used when results are published. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CONSULTATION_MODEL, schema: ConsultationSchema },
      { name: SUBMISSION_MODEL, schema: SubmissionSchema },
      { name: TALLY_MODEL, schema: TallySchema },
      { name: TALLY_LOCK_MODEL, schema: TallyLockSchema },
    ]),
  ],
  controllers: [ResultsController],
  providers: [ResultsRepository, ResultsService, TalliesService],
  exports: [ResultsService, TalliesService],
})
export class ResultsModule {}
