// The restart policy of `npm start` (supervisor.cjs), at its boundary: crash times in, decisions out.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RestartPolicy, restartSettingsFromEnv, crashLine } = require('./supervisor.cjs');

const settings = { baseDelayMs: 500, maxDelayMs: 4000, maxCrashes: 6, windowMs: 60_000 };

describe('npm start restart policy', () => {
  it('doubles the delay with each crash inside the window, up to the cap', () => {
    const policy = new RestartPolicy(settings);
    const delays = [0, 1000, 2000, 3000, 4000].map((t) => policy.onCrash(t));
    expect(delays.map((d: { action: string }) => d.action)).toEqual(['restart', 'restart', 'restart', 'restart', 'restart']);
    expect(delays.map((d: { delayMs: number }) => d.delayMs)).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(delays.map((d: { attempt: number }) => d.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives up on the crash that reaches the limit within the window, and says why', () => {
    const policy = new RestartPolicy({ ...settings, maxCrashes: 3 });
    expect(policy.onCrash(0).action).toBe('restart');
    expect(policy.onCrash(10_000).action).toBe('restart');
    const third = policy.onCrash(59_999);
    expect(third.action).toBe('give-up');
    expect(third.reason).toContain('crashed 3 times within 60 s');
    expect(third.reason).toContain('VIDNOVA_RESTART_MAX_CRASHES=3');
  });

  it('forgets crashes older than the window: a process that ran well starts again from the base delay', () => {
    const policy = new RestartPolicy({ ...settings, maxCrashes: 3 });
    policy.onCrash(0);
    policy.onCrash(1000);
    // Both earlier crashes are more than a window ago.
    const later = policy.onCrash(61_001);
    expect(later).toMatchObject({ action: 'restart', delayMs: 500, crashesInWindow: 1, attempt: 3 });
    // A process crashing steadily but slower than the limit is never given up on.
    const steady = new RestartPolicy({ ...settings, maxCrashes: 3 });
    const actions = Array.from({ length: 20 }, (_, i) => steady.onCrash(i * 30_001).action);
    expect(new Set(actions)).toEqual(new Set(['restart']));
  });

  it('reads its settings from the environment and refuses values that are not whole numbers', () => {
    expect(restartSettingsFromEnv({})).toEqual({ baseDelayMs: 500, maxDelayMs: 30000, maxCrashes: 5, windowMs: 60000 });
    expect(restartSettingsFromEnv({ VIDNOVA_RESTART_DELAY_MS: '200', VIDNOVA_RESTART_MAX_CRASHES: '2' })).toMatchObject({ baseDelayMs: 200, maxCrashes: 2 });
    expect(() => restartSettingsFromEnv({ VIDNOVA_RESTART_MAX_CRASHES: '0' })).toThrow(/VIDNOVA_RESTART_MAX_CRASHES=0/);
    expect(() => restartSettingsFromEnv({ VIDNOVA_RESTART_DELAY_MS: '1.5' })).toThrow(/VIDNOVA_RESTART_DELAY_MS/);
    expect(() => restartSettingsFromEnv({ VIDNOVA_RESTART_WINDOW_MS: 'soon' })).toThrow(/VIDNOVA_RESTART_WINDOW_MS/);
    expect(() => restartSettingsFromEnv({ VIDNOVA_RESTART_DELAY_MS: '5000', VIDNOVA_RESTART_MAX_DELAY_MS: '1000' })).toThrow(/below/);
  });

  it('writes a log line naming the process, how it ended, the attempt and the next delay', () => {
    const policy = new RestartPolicy(settings);
    expect(crashLine('diaspora-registry', null, 'SIGKILL', policy.onCrash(0), settings)).toBe(
      'diaspora-registry exited unexpectedly (signal SIGKILL); restart attempt 1 in 0.5 s (crash 1 of 6 allowed within 60 s)',
    );
    expect(crashLine('reporting-worker', 1, null, policy.onCrash(100), settings)).toContain('(exit code 1); restart attempt 2 in 1 s');
    const gaveUp = new RestartPolicy({ ...settings, maxCrashes: 1 });
    expect(crashLine('gateway', 1, null, gaveUp.onCrash(0), settings)).toMatch(/^gateway exited unexpectedly \(exit code 1\); giving up on it: it crashed 1 time within/);
  });
});
