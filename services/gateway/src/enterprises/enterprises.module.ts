import { Module } from '@nestjs/common';
import { CommunityEnterprisesController } from './community-enterprises.controller';
import { EnterprisesController } from './enterprises.controller';
import { ProcurementController } from './procurement.controller';

@Module({
  controllers: [EnterprisesController, CommunityEnterprisesController, ProcurementController],
})
export class EnterprisesGatewayModule {}
