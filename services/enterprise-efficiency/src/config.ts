import { MongoServiceConfig } from '@vidnova/config';

/** Settings of enterprise-efficiency, validated at start (add yours with class-validator decorators and a default). */
export class EnterpriseEfficiencyConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'enterprise-efficiency';
}
