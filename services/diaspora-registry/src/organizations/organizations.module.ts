import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from './outbox.relay';
import { ORGANIZATION_KEY_MODEL, ORGANIZATION_MODEL, OrganizationKeySchema, OrganizationSchema } from './organization.schema';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ORGANIZATION_MODEL, schema: OrganizationSchema },
      { name: ORGANIZATION_KEY_MODEL, schema: OrganizationKeySchema },
    ]),
  ],
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService, OutboxRelay],
  exports: [OrganizationsRepository],
})
export class OrganizationsModule {}
