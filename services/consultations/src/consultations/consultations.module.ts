import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CONSULTATION_MODEL, ConsultationSchema } from './consultation.schema';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CONSULTATION_MODEL, schema: ConsultationSchema }])],
  controllers: [ConsultationsController],
  providers: [ConsultationsRepository, ConsultationsService],
  exports: [ConsultationsRepository, ConsultationsService],
})
export class ConsultationsModule {}
