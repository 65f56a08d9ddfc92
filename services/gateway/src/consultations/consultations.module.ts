import { Module } from '@nestjs/common';
import { UploadForwarder } from '../platform/upload';
import { CommunityPrioritiesController, ConsultationsController } from './consultations.controller';

@Module({ controllers: [ConsultationsController, CommunityPrioritiesController], providers: [UploadForwarder] })
export class ConsultationsGatewayModule {}
