import { Module } from '@nestjs/common';
import { CommunitiesController, ReferenceController } from './communities.controller';

@Module({ controllers: [CommunitiesController, ReferenceController] })
export class CommunitiesGatewayModule {}
