import { ConfigError, loadConfig, newNatsPassword } from '@vidnova/config';
import { randomBytes } from 'node:crypto';
import { ConsultationsConfig, DEV_RESPONDENT_TOKEN_SECRET } from './config';

describe('consultations config', () => {
  it('uses the development respondent-token secret only with NODE_ENV=development or test', () => {
    expect(loadConfig(ConsultationsConfig, { NODE_ENV: 'development' }).RESPONDENT_TOKEN_SECRET).toBe(DEV_RESPONDENT_TOKEN_SECRET);
    expect(loadConfig(ConsultationsConfig, { NODE_ENV: 'test' }).RESPONDENT_TOKEN_SECRET).toBe(DEV_RESPONDENT_TOKEN_SECRET);
  });

  it('refuses to start with the development secret in production, and when NODE_ENV is not set at all', () => {
    expect(() => loadConfig(ConsultationsConfig, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(ConsultationsConfig, { NODE_ENV: 'production' })).toThrow(/RESPONDENT_TOKEN_SECRET/);
    expect(() => loadConfig(ConsultationsConfig, {})).toThrow(/RESPONDENT_TOKEN_SECRET/);
  });

  it('refuses the placeholder shipped in deploy/k8s, without printing it', () => {
    const placeholder = 'replace-me-with-at-least-32-characters-of-secret';
    const err = (() => {
      try {
        loadConfig(ConsultationsConfig, { NODE_ENV: 'production', RESPONDENT_TOKEN_SECRET: placeholder });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted a placeholder');
    })();
    expect(err.message).toMatch(/RESPONDENT_TOKEN_SECRET/);
    expect(err.message).not.toContain(placeholder);
  });

  it('starts in production with a secret of its own', () => {
    const secret = randomBytes(32).toString('base64url');
    const env = {
      NODE_ENV: 'production',
      RESPONDENT_TOKEN_SECRET: secret,
      BUS_SIGNING_SECRET: randomBytes(32).toString('base64url'),
      NATS_PASSWORD: newNatsPassword(),
    };
    expect(loadConfig(ConsultationsConfig, env).RESPONDENT_TOKEN_SECRET).toBe(secret);
  });

  it('refuses a short secret', () => {
    expect(() => loadConfig(ConsultationsConfig, { NODE_ENV: 'production', RESPONDENT_TOKEN_SECRET: 'short' })).toThrow(/RESPONDENT_TOKEN_SECRET/);
  });
});
