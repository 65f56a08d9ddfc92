import { IsString } from 'class-validator';
import { ConfigError, loadConfig, MongoServiceConfig } from './index';

class DemoConfig extends MongoServiceConfig {
  @IsString()
  DEMO_SECRET_KEY!: string;
}

describe('loadConfig', () => {
  it('fills defaults and converts numbers and booleans from strings', () => {
    const cfg = loadConfig(DemoConfig, { SERVICE_NAME: 'demo', DEMO_SECRET_KEY: 'x', HEALTH_PORT: '8081', LOG_PRETTY: 'true' });
    expect(cfg.HEALTH_PORT).toBe(8081);
    expect(cfg.LOG_PRETTY).toBe(true);
    expect(cfg.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(cfg.DEMO_SECRET_KEY).toBe('x');
    expect((cfg as unknown as Record<string, unknown>).PATH).toBeUndefined();
  });

  it('refuses to start and names every bad or missing variable', () => {
    let caught: unknown;
    try {
      loadConfig(DemoConfig, { SERVICE_NAME: 'demo', MONGO_URL: 'postgres://x', HEALTH_PORT: 'abc' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('MONGO_URL');
    expect(message).toContain('HEALTH_PORT');
    expect(message).toContain('DEMO_SECRET_KEY (missing)');
  });
});
