import { ConfigError, loadConfig } from '@vidnova/config';
import { ConsultationsConfig, DEV_RESPONDENT_TOKEN_SECRET } from './config';

describe('consultations config', () => {
  it('uses the development respondent-token secret outside production', () => {
    expect(loadConfig(ConsultationsConfig, { NODE_ENV: 'development' }).RESPONDENT_TOKEN_SECRET).toBe(DEV_RESPONDENT_TOKEN_SECRET);
  });

  it('refuses to start in production with the development secret', () => {
    expect(() => loadConfig(ConsultationsConfig, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(ConsultationsConfig, { NODE_ENV: 'production' })).toThrow(/RESPONDENT_TOKEN_SECRET/);
  });

  it('starts in production with a secret of its own', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig(ConsultationsConfig, { NODE_ENV: 'production', RESPONDENT_TOKEN_SECRET: secret }).RESPONDENT_TOKEN_SECRET).toBe(secret);
  });

  it('refuses a short secret', () => {
    expect(() => loadConfig(ConsultationsConfig, { RESPONDENT_TOKEN_SECRET: 'short' })).toThrow(/RESPONDENT_TOKEN_SECRET/);
  });
});
