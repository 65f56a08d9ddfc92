import { decisionFrom, rateLimitHeaders } from './rate-limit';

describe('rate limit decisions', () => {
  it('reports the remaining allowance and when the oldest request leaves the window', () => {
    const d = decisionFrom(600, [1, 42, 12_345]);
    expect(d).toEqual({ allowed: true, limit: 600, remaining: 558, resetSeconds: 13 });
    expect(rateLimitHeaders(d)).toEqual({
      'ratelimit-limit': '600',
      'ratelimit-remaining': '558',
      'ratelimit-reset': '13',
      'ratelimit-policy': '600;w=60',
    });
  });

  it('adds Retry-After of at least one second when a request is refused', () => {
    const d = decisionFrom(3, [0, 3, 200]);
    expect(d.allowed).toBe(false);
    expect(d.remaining).toBe(0);
    expect(rateLimitHeaders(d)['retry-after']).toBe('1');
  });
});
