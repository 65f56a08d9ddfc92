import { MongoServiceConfig } from '@vidnova/config';

/** Settings of diaspora-registry, validated at start and injected by this class. */
export class DiasporaConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'diaspora-registry';
}
