import { DomainError } from '@vidnova/contracts';
import { nextStatus } from './lifecycle';

describe('consultation lifecycle', () => {
  it('moves draft → open → closed → results_published', () => {
    expect(nextStatus('draft', 'open')).toBe('open');
    expect(nextStatus('open', 'close')).toBe('closed');
    expect(nextStatus('closed', 'publish-results')).toBe('results_published');
  });

  it('refuses skipping or going back with invalid_state', () => {
    for (const [from, action] of [['draft', 'close'], ['draft', 'publish-results'], ['open', 'open'], ['results_published', 'open'], ['open', 'publish-results']] as const) {
      try {
        nextStatus(from, action);
        throw new Error('expected a refusal');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe('invalid_state');
      }
    }
  });
});
