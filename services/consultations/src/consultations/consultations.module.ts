import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ResultsModule } from '../results/results.module';
import { CONSULTATION_MODEL, ConsultationSchema } from './consultation.schema';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CONSULTATION_MODEL, schema: ConsultationSchema }]), ResultsModule],
  controllers: [ConsultationsController],
  providers: [ConsultationsRepository, ConsultationsService],
  exports: [ConsultationsService],
})
export class ConsultationsModule {}
