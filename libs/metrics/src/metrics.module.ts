import { Controller, DynamicModule, Get, Module, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Metrics } from './metrics';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: string): void;
}

/** `GET /metrics`, Prometheus text (no API key: scrape it from inside the network). */
@ApiExcludeController()
@Controller()
export class MetricsHttpController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  async scrape(@Res() res: Reply): Promise<void> {
    const body = await this.metrics.render();
    res.header('content-type', this.metrics.contentType).send(body);
  }
}

/**
 * The service's `Metrics`, injected by its class anywhere in the application, and `GET /metrics`.
 * Imported by `HealthModule.forService`, so every service and worker has it on its health port
 * (the gateway on its own port).
 */
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsHttpController],
      providers: [{ provide: Metrics, useFactory: () => new Metrics(service) }],
      exports: [Metrics],
    };
  }
}
