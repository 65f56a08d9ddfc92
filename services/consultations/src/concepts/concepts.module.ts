import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsultationsModule } from '../consultations/consultations.module';
import { CONCEPT_MODEL, ConceptSchema } from './concept.schema';
import { ConceptsController } from './concepts.controller';
import { ConceptsRepository } from './concepts.repository';
import { ConceptsService } from './concepts.service';

@Module({
  imports: [ConsultationsModule, MongooseModule.forFeature([{ name: CONCEPT_MODEL, schema: ConceptSchema }])],
  controllers: [ConceptsController],
  providers: [ConceptsRepository, ConceptsService],
})
export class ConceptsModule {}
