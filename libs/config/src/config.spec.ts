import { IsString } from 'class-validator';
import { BaseServiceConfig, ConfigError, loadConfig, MongoServiceConfig, NATS_PASSWORD_SHAPE, newNatsPassword, Secret } from './index';

class DemoConfig extends MongoServiceConfig {
  @IsString()
  DEMO_SECRET_KEY!: string;
}

describe('loadConfig', () => {
  it('fills defaults and converts numbers and booleans from strings', () => {
    const cfg = loadConfig(DemoConfig, { NODE_ENV: 'test', SERVICE_NAME: 'demo', DEMO_SECRET_KEY: 'x', HEALTH_PORT: '8081', LOG_PRETTY: 'true' });
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

  it('takes JETSTREAM_REPLICAS as a whole number from 1 to 5, 1 when unset', () => {
    const base = { NODE_ENV: 'test', SERVICE_NAME: 'demo', DEMO_SECRET_KEY: 'x' };
    expect(loadConfig(DemoConfig, base).JETSTREAM_REPLICAS).toBe(1);
    expect(loadConfig(DemoConfig, { ...base, JETSTREAM_REPLICAS: '3' }).JETSTREAM_REPLICAS).toBe(3);
    for (const bad of ['0', '6', 'three', '2.5']) {
      expect(() => loadConfig(DemoConfig, { ...base, JETSTREAM_REPLICAS: bad })).toThrow(/JETSTREAM_REPLICAS/);
    }
  });
});

describe('secret settings', () => {
  class WithSecret extends BaseServiceConfig {
    override SERVICE_NAME = 'x-service';
    @Secret(32)
    SIGNING_SECRET: string = 'dev-only-signing-secret-for-local-runs-0000';
  }

  it('accepts the development default only when NODE_ENV is development or test', () => {
    expect(loadConfig(WithSecret, { NODE_ENV: 'development' }).SIGNING_SECRET).toContain('dev-only');
    expect(loadConfig(WithSecret, { NODE_ENV: 'test' }).SIGNING_SECRET).toContain('dev-only');
    expect(() => loadConfig(WithSecret, {})).toThrow(/SIGNING_SECRET/);
    expect(() => loadConfig(WithSecret, { NODE_ENV: 'production' })).toThrow(/SIGNING_SECRET/);
  });

  it.each(['change-me-change-me-change-me-change-me', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'your-secret-key-goes-here-please-000000', 'abababababababababababababababababab'])(
    'refuses the placeholder %s outside development',
    (value) => {
      expect(() => loadConfig(WithSecret, { NODE_ENV: 'production', SIGNING_SECRET: value })).toThrow(/SIGNING_SECRET \(set \(hidden\)\)/);
    },
  );

  it('accepts a real secret in production and refuses a NODE_ENV it does not know', () => {
    const secret = 'q7Vt2LmZ9xKc4RbN8sWe1HyA6uJd3FgP0oTi';
    const bus = 'Zr4Kp8Wq2Ny6Tb0Lm3Vc7Xs1Hd5Gj9Fa2Ue8';
    const nats = 'Hq3Lx8Rv1Td6Wm0Ke5Nb9Yc2Pz7Js4Ga';
    expect(loadConfig(WithSecret, { NODE_ENV: 'production', SIGNING_SECRET: secret, BUS_SIGNING_SECRET: bus, NATS_PASSWORD: nats }).SIGNING_SECRET).toBe(secret);
    expect(() => loadConfig(WithSecret, { NODE_ENV: 'staging', SIGNING_SECRET: secret, BUS_SIGNING_SECRET: bus, NATS_PASSWORD: nats })).toThrow(/NODE_ENV/);
    // Every service has the bus signing secret: its development default is refused in production too.
    expect(() => loadConfig(WithSecret, { NODE_ENV: 'production', SIGNING_SECRET: secret, NATS_PASSWORD: nats })).toThrow(/BUS_SIGNING_SECRET/);
  });

  it('needs a NATS password of its own in production, and none in development or test', () => {
    const secret = 'q7Vt2LmZ9xKc4RbN8sWe1HyA6uJd3FgP0oTi';
    const bus = 'Zr4Kp8Wq2Ny6Tb0Lm3Vc7Xs1Hd5Gj9Fa2Ue8';
    const production = { NODE_ENV: 'production', SIGNING_SECRET: secret, BUS_SIGNING_SECRET: bus };
    expect(() => loadConfig(WithSecret, production)).toThrow(/NATS_PASSWORD \(missing\)/);
    expect(() => loadConfig(WithSecret, { ...production, NATS_PASSWORD: 'replace-me-with-a-nats-password' })).toThrow(/NATS_PASSWORD \(set \(hidden\)\)/);
    expect(loadConfig(WithSecret, { NODE_ENV: 'test' }).NATS_PASSWORD).toBeUndefined();
    const cfg = loadConfig(WithSecret, { ...production, NATS_USER: 'x-service', NATS_PASSWORD: 'Hq3Lx8Rv1Td6Wm0Ke5Nb9Yc2Pz7Js4Ga' });
    expect(cfg.NATS_USER).toBe('x-service');
    expect(() => loadConfig(WithSecret, { NODE_ENV: 'test', NATS_USER: 'Not A User' })).toThrow(/NATS_USER/);
  });

  it('refuses a NATS password nats-server would not start with, and accepts one it generates', () => {
    const secret = 'q7Vt2LmZ9xKc4RbN8sWe1HyA6uJd3FgP0oTi';
    const bus = 'Zr4Kp8Wq2Ny6Tb0Lm3Vc7Xs1Hd5Gj9Fa2Ue8';
    for (const nats of ['-Bq3Lx8Rv1Td6Wm0Ke5Nb9Yc2Pz7Js4Ga', '9e5q3Lx8Rv1Td6Wm0Ke5Nb9Yc2Pz7Js4', '1kbq3Lx8Rv1Td6Wm0Ke5Nb9Yc2Pz7Js4', 'Hq3Lx8Rv1Td6Wm0Ke5Nb9Yc2Pz7J s4Ga']) {
      expect(() => loadConfig(WithSecret, { NODE_ENV: 'production', SIGNING_SECRET: secret, BUS_SIGNING_SECRET: bus, NATS_PASSWORD: nats })).toThrow(/NATS_PASSWORD must start with a letter/);
    }
    for (let i = 0; i < 50; i++) {
      const nats = newNatsPassword();
      expect(nats).toMatch(NATS_PASSWORD_SHAPE);
      expect(loadConfig(WithSecret, { NODE_ENV: 'production', SIGNING_SECRET: secret, BUS_SIGNING_SECRET: bus, NATS_PASSWORD: nats }).NATS_PASSWORD).toBe(nats);
    }
  });
});
