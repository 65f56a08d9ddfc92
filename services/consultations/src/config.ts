import { MongoServiceConfig } from '@vidnova/config';
import { IsString, MinLength, ValidateBy, ValidationArguments } from 'class-validator';

/** Known only to developers: accepted outside production so tests and local runs need no setup. */
export const DEV_RESPONDENT_TOKEN_SECRET = 'dev-only-respondent-token-secret-do-not-use-in-production';

export class ConsultationsConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'consultations';

  /** Only `production` changes anything here: it refuses the development secret below. */
  @IsString()
  NODE_ENV: string = 'development';

  /**
   * Key of the HMAC that turns a respondent token into the stored hash. Without the key a stolen
   * database cannot be matched against a list of form numbers. The development default is refused
   * when NODE_ENV=production.
   */
  @IsString()
  @MinLength(32)
  @ValidateBy({
    name: 'notDevSecretInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        !((args?.object as { NODE_ENV?: string } | undefined)?.NODE_ENV === 'production' && value === DEV_RESPONDENT_TOKEN_SECRET),
      defaultMessage: () => 'RESPONDENT_TOKEN_SECRET must be set to a secret of your own when NODE_ENV=production',
    },
  })
  RESPONDENT_TOKEN_SECRET: string = DEV_RESPONDENT_TOKEN_SECRET;
}
