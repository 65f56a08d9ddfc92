import { MongoNetworkError, MongoNotConnectedError, MongoServerSelectionError } from 'mongodb';
import { toEnvelope } from './errors';

describe('toEnvelope', () => {
  // Found by test/e2e/faults.e2e-spec.ts: while the database restarted, writes answered 500.
  it('turns "database unreachable" driver errors into a 503 with a retry delay, not a 500', () => {
    const errors = [
      new MongoNetworkError('read ECONNRESET'),
      new MongoServerSelectionError('connection 2 to 127.0.0.1:27017 closed', { type: 'Unknown', servers: new Map() } as never),
      new MongoNotConnectedError('Client must be connected before running operations'),
      // What the driver lets through unwrapped when it writes to a socket the database has just closed.
      Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }),
    ];
    for (const err of errors) {
      const envelope = toEnvelope(err);
      expect(envelope).toMatchObject({ code: 'service_unavailable', status: 503, details: { retryAfterSeconds: 5 } });
      // No driver text (host names, ports) reaches the caller, and the gateway does not retry it on its own.
      expect(envelope.message).not.toMatch(/127\.0\.0\.1|ECONNRESET|EPIPE|socket|connection/);
      expect(envelope.details?.retryable).toBeUndefined();
    }
  });

  it('keeps other unexpected errors internal', () => {
    expect(toEnvelope(new Error('boom'))).toEqual({ code: 'internal', status: 500, message: 'Internal error' });
  });
});

describe('toEnvelope with a document the database schema refuses', () => {
  it('answers 400 naming the fields (a required field the contract let through), never 500', () => {
    const err = Object.assign(new Error('Consultation validation failed'), { name: 'ValidationError', errors: { title: { path: 'title', message: 'Path `title` is required.' } } });
    expect(toEnvelope(err)).toMatchObject({ code: 'validation_failed', status: 400, errors: [{ field: 'title' }] });
  });
});
