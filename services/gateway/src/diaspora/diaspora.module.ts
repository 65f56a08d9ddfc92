import { Module } from '@nestjs/common';
import { OrganizationsController, OrganizationsGeoJsonController } from './organizations.controller';

@Module({ controllers: [OrganizationsController, OrganizationsGeoJsonController] })
export class DiasporaGatewayModule {}
