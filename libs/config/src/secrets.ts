import { randomBytes } from 'node:crypto';
import { ValidateBy, ValidationArguments } from 'class-validator';

/** Where a development default may stand in for a secret: only when NODE_ENV says so explicitly. */
export const DEVELOPMENT_ENVIRONMENTS = ['development', 'test'] as const;

/** Values that are plainly not secrets: shipped examples, placeholders, development defaults. */
const PLACEHOLDER = /(replace[-_ ]?me|change[-_ ]?me|changeit|placeholder|example|dev[-_]?only|do[-_]?not[-_]?use|your[-_ ]?(own|secret|key)|^x+$|^(secret|password|admin|test)\d*$)/i;

export function isPlaceholderSecret(value: string): boolean {
  return PLACEHOLDER.test(value) || new Set(value).size < 8;
}

const isDevelopment = (env: unknown) => (DEVELOPMENT_ENVIRONMENTS as readonly unknown[]).includes(env);

/**
 * A secret setting. Outside NODE_ENV=development|test (so also when NODE_ENV is unset) it must be set,
 * at least `minLength` characters long and not a placeholder or a development default; the process then
 * refuses to start and names the variable (its value is never printed). Inside development or test, the
 * class's default may stand in.
 */
export function Secret(minLength = 32): PropertyDecorator {
  return ValidateBy({
    name: 'secret',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const env = (args?.object as { NODE_ENV?: string } | undefined)?.NODE_ENV;
        if (value === undefined || value === null || value === '') return isDevelopment(env);
        if (typeof value !== 'string' || value.length < minLength) return false;
        return isDevelopment(env) || !isPlaceholderSecret(value);
      },
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be a secret of your own, at least ${minLength} characters, not a placeholder ` +
        `(a development default is accepted only with NODE_ENV=development or test)`,
    },
  });
}

/**
 * What a NATS password may look like: a letter, then letters, digits, `-` and `_`. nats-server reads the
 * passwords from its environment (`password: $NATS_PASSWORD_GATEWAY` in auth.conf) and parses each value
 * as a config value, not as a string: measured on nats-server 2.9, `-Babc…` ("Expected a digit"),
 * `9e5…` and `1kb…` (a number) and an all-digit value stop it from starting. A leading letter keeps every
 * value a string.
 */
export const NATS_PASSWORD_SHAPE = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A fresh NATS password in that shape (a letter, then 32 base64url characters). */
export function newNatsPassword(): string {
  return `n${randomBytes(24).toString('base64url')}`;
}

/** NATS_PASSWORD: when set, in NATS_PASSWORD_SHAPE (the length and placeholder checks are Secret's). */
export function NatsPasswordShape(): PropertyDecorator {
  return ValidateBy({
    name: 'natsPasswordShape',
    validator: {
      validate: (value: unknown) => value === undefined || value === null || value === '' || (typeof value === 'string' && NATS_PASSWORD_SHAPE.test(value)),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must start with a letter and hold only letters, digits, - and _: nats-server reads it ` +
        `from its environment as a config value, and a value such as -abc…, 9e5… or 1kb… stops it from starting`,
    },
  });
}
