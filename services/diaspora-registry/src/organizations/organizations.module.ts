import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@vidnova/mongo';
import { Model } from 'mongoose';
import { ORGANIZATION_KEY_MODEL, ORGANIZATION_MODEL, OrganizationDoc, OrganizationKeySchema, OrganizationSchema } from './organization.schema';
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
export class OrganizationsModule implements OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(getModelToken(ORGANIZATION_MODEL)) private readonly organizations: Model<OrganizationDoc>,
  ) {}

  /** Organisation documents carry their outbox events; every write that adds one increments `version`. */
  onApplicationBootstrap(): void {
    this.relay.register(this.organizations as never, 'version');
  }
}
