import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from './outbox.relay';
import { ORGANIZATION_MODEL, OrganizationSchema } from './organization.schema';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: ORGANIZATION_MODEL, schema: OrganizationSchema }])],
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService, OutboxRelay],
  exports: [OrganizationsRepository],
})
export class OrganizationsModule {}
