import { problemFromEnvelope } from './problem';

describe('problemFromEnvelope', () => {
  it('keeps the HTTP status when a service puts a detail named status (it once became a 500)', () => {
    const problem = problemFromEnvelope({
      code: 'invalid_state',
      status: 409,
      message: 'The event is held',
      details: { status: 'held', type: 'x', eventId: 'e1' },
    });
    expect(problem.status).toBe(409);
    expect(problem.type).toBe('https://vidnova.org/problems/invalid-state');
    expect(problem.eventId).toBe('e1');
  });

  it('carries the other details as extension members', () => {
    const problem = problemFromEnvelope({ code: 'service_unavailable', status: 503, message: 'down', details: { retryAfterSeconds: 5 } });
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable', detail: 'down', retryAfterSeconds: 5 });
  });
});
