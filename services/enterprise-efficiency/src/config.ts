import { MongoServiceConfig } from '@vidnova/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Settings of enterprise-efficiency, validated at start (add yours with class-validator decorators and a default). */
export class EnterpriseEfficiencyConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'enterprise-efficiency';

  /**
   * How often (ms) the precomputed KPIs of a year are checked against their sources (statements, budget support,
   * the registry) before that year's peers are read again: the safety net for a recomputation lost to a crash or
   * to two instances racing (kpis/kpi-store.ts). Each year is also checked on its first use after a start.
   */
  @Type(() => Number) @IsInt() @Min(1000) @Max(24 * 60 * 60 * 1000)
  KPI_RECONCILE_MS: number = 15 * 60 * 1000;
}
