import { Controller, DynamicModule, Get, HttpCode, Module, OnApplicationBootstrap, Res } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { ApiExcludeController } from '@nestjs/swagger';
import { EmptyRequest, healthCheck, HealthReply } from '@vidnova/contracts';
import { Handles } from '@vidnova/messaging';
import { MetricsModule } from '@vidnova/metrics';
import { ModuleRef } from '@nestjs/core';
import type { Connection } from 'mongoose';
import { HealthRegistry } from './health.registry';

interface Reply {
  status(code: number): Reply;
  send(body: unknown): void;
}

@ApiExcludeController()
@Controller('health')
export class HealthHttpController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() res: Reply): Promise<void> {
    const report = await this.registry.readiness();
    res.status(report.status === 'ok' ? 200 : 503).send(report);
  }
}

function natsHealthController(service: string) {
  @Controller()
  class HealthNatsController {
    constructor(readonly registry: HealthRegistry) {}

    /** Answering at all proves NATS works; the body says whether the service's own deps are ready. */
    @Handles(healthCheck(service))
    async ping(_req: EmptyRequest): Promise<HealthReply> {
      const report = await this.registry.readiness();
      return { service, ...report };
    }
  }
  return HealthNatsController;
}

/** Registers the MongoDB check when the service has a mongoose connection. */
class MongoHealthRegistrar implements OnApplicationBootstrap {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    let connection: Connection | undefined;
    try {
      connection = this.moduleRef.get<Connection>(getConnectionToken(), { strict: false });
    } catch {
      return;
    }
    if (!connection) return;
    this.registry.register('mongodb', async () => {
      if (connection.readyState !== 1 || !connection.db) throw new Error('not connected');
      await connection.db.admin().ping();
    });
  }
}

@Module({})
export class HealthModule {
  /**
   * HTTP /health endpoints plus the NATS health subject of `service`, and the service's metrics
   * (`Metrics`, `GET /metrics` on the same port: libs/metrics).
   */
  static forService(service: string, opts: { nats?: boolean } = { nats: true }): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      imports: [MetricsModule.forService(service)],
      controllers: [HealthHttpController, ...(opts.nats === false ? [] : [natsHealthController(service)])],
      providers: [
        HealthRegistry,
        { provide: MongoHealthRegistrar, useFactory: (r: HealthRegistry, m: ModuleRef) => new MongoHealthRegistrar(r, m), inject: [HealthRegistry, ModuleRef] },
      ],
      exports: [HealthRegistry, MetricsModule],
    };
  }
}
