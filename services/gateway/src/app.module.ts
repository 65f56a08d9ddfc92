import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { MongoModule } from '@vidnova/mongo';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { GatewayConfig } from './config';
import { BudgetGatewayModule } from './budget/budget.module';
import { CommunitiesGatewayModule } from './communities/communities.module';
import { ConsultationsGatewayModule } from './consultations/consultations.module';
import { DiasporaGatewayModule } from './diaspora/diaspora.module';
import { EnterprisesGatewayModule } from './enterprises/enterprises.module';
import { ReportsGatewayModule } from './reports/reports.module';
import { DialogueGatewayModule } from './dialogue/dialogue.module';
import { GatewayReadiness } from './health/gateway-health';
import { BusModule, GATEWAY_CONFIG } from './platform/bus.module';
import { GatewayPlatformModule } from './platform/platform.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ service: config.SERVICE_NAME, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY }),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB, migrations: MIGRATIONS }),
        HealthModule.forService(config.SERVICE_NAME, { nats: false }),
        BusModule,
        AuthModule,
        GatewayPlatformModule,
        AuditModule,
        DiasporaGatewayModule,
        CommunitiesGatewayModule,
        ConsultationsGatewayModule,
        BudgetGatewayModule,
        EnterprisesGatewayModule,
        ReportsGatewayModule,
        DialogueGatewayModule,
      ],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, GatewayReadiness],
      exports: [GATEWAY_CONFIG],
    };
  }
}
