import { Module } from '@nestjs/common';
import { HostStatsController } from './host-stats.controller';
import { CommunityInitiativesController, InitiativesController } from './initiatives.controller';
import { LinksController } from './links.controller';
import { OrganizationsController, OrganizationsGeoJsonController } from './organizations.controller';

@Module({
  controllers: [
    OrganizationsController,
    OrganizationsGeoJsonController,
    InitiativesController,
    CommunityInitiativesController,
    LinksController,
    HostStatsController,
  ],
})
export class DiasporaGatewayModule {}
