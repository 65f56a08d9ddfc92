import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({
  imports: [ConsultationsModule, SubmissionsModule],
  controllers: [ResultsController],
  providers: [ResultsService],
})
export class ResultsModule {}
