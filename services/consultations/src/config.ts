import { MongoServiceConfig, Secret } from '@vidnova/config';

/** Known only to developers: accepted with NODE_ENV=development or test, so tests and local runs need no setup. */
export const DEV_RESPONDENT_TOKEN_SECRET = 'dev-only-respondent-token-secret-do-not-use-in-production';

export class ConsultationsConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'consultations';

  /**
   * Key of the HMAC that turns a respondent token into the stored hash. Without the key a stolen
   * database cannot be matched against a list of form numbers. The development default (and any
   * placeholder) is refused unless NODE_ENV is development or test.
   */
  @Secret(32)
  RESPONDENT_TOKEN_SECRET: string = DEV_RESPONDENT_TOKEN_SECRET;
}
