import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganizationsModule } from '../organizations/organizations.module';
import { INITIATIVE_MODEL, InitiativeSchema } from './initiative.schema';
import { InitiativesController } from './initiatives.controller';
import { InitiativesRepository } from './initiatives.repository';
import { InitiativesService } from './initiatives.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: INITIATIVE_MODEL, schema: InitiativeSchema }]), OrganizationsModule],
  controllers: [InitiativesController],
  providers: [InitiativesRepository, InitiativesService],
})
export class InitiativesModule {}
