import { MongoServiceConfig } from '@vidnova/config';

export class DiasporaConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'diaspora-registry';
}
