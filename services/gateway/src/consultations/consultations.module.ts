import { Module } from '@nestjs/common';
import { CommunityPrioritiesController, ConsultationsController } from './consultations.controller';

@Module({ controllers: [ConsultationsController, CommunityPrioritiesController] })
export class ConsultationsGatewayModule {}
