// The restart policy of `npm start` (tools/platform/start.mjs): when a service or worker exits without
// being asked to, it is started again after a delay that doubles with each crash (base, 2·base, 4·base, …
// up to a cap); a process that crashes `maxCrashes` times within `windowMs` is given up on, with a
// reason, while the rest of the platform keeps running. Crashes older than the window are forgotten, so
// a process that has run well for a while starts again from the base delay.
// Plain CommonJS on purpose: start.mjs imports it before anything is built (it must run on Node 20 until
// it has re-run itself under Node 24), and the unit test (supervisor.spec.ts) requires it under jest.
'use strict';

/** The settings, their environment variables and defaults (docs/operations.md, "Running and supervision"). */
const RESTART_SETTINGS = {
  baseDelayMs: { env: 'VIDNOVA_RESTART_DELAY_MS', default: 500, min: 0 },
  maxDelayMs: { env: 'VIDNOVA_RESTART_MAX_DELAY_MS', default: 30000, min: 0 },
  maxCrashes: { env: 'VIDNOVA_RESTART_MAX_CRASHES', default: 5, min: 1 },
  windowMs: { env: 'VIDNOVA_RESTART_WINDOW_MS', default: 60000, min: 1 },
};

/**
 * The policy settings from the environment; a value that is not a whole number at or above its minimum
 * throws an Error naming the variable (start.mjs stops before it starts anything).
 */
function restartSettingsFromEnv(env) {
  const out = {};
  for (const [key, s] of Object.entries(RESTART_SETTINGS)) {
    const raw = env[s.env];
    if (raw === undefined || raw === '') {
      out[key] = s.default;
      continue;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < s.min)
      throw new Error(`${s.env}=${raw} is not valid: a whole number ≥ ${s.min} is expected (default ${s.default})`);
    out[key] = n;
  }
  if (out.maxDelayMs < out.baseDelayMs)
    throw new Error(
      `${RESTART_SETTINGS.maxDelayMs.env}=${out.maxDelayMs} is below ${RESTART_SETTINGS.baseDelayMs.env}=${out.baseDelayMs}`,
    );
  return out;
}

const seconds = (ms) => `${Number((ms / 1000).toFixed(1))} s`;

/** One process's restart history and the decision after each of its crashes. */
class RestartPolicy {
  constructor(settings = restartSettingsFromEnv({})) {
    this.settings = settings;
    /** Times (ms) of the crashes still inside the window. */
    this.crashes = [];
    /** Restarts decided so far (all time), for the log lines. */
    this.restarts = 0;
  }

  /**
   * Records a crash at `now` (ms) and decides: `{ action: 'restart', attempt, delayMs, crashesInWindow }`
   * or `{ action: 'give-up', reason, crashesInWindow }`.
   */
  onCrash(now) {
    const { baseDelayMs, maxDelayMs, maxCrashes, windowMs } = this.settings;
    this.crashes = this.crashes.filter((t) => now - t < windowMs);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n >= maxCrashes) {
      return {
        action: 'give-up',
        crashesInWindow: n,
        reason:
          `it crashed ${n} time${n === 1 ? '' : 's'} within ${seconds(windowMs)} ` +
          `(the limit: VIDNOVA_RESTART_MAX_CRASHES=${maxCrashes} crashes per VIDNOVA_RESTART_WINDOW_MS=${windowMs})`,
      };
    }
    this.restarts += 1;
    // The n-th crash in the window waits base·2^(n-1), capped.
    const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
    return { action: 'restart', attempt: this.restarts, delayMs, crashesInWindow: n };
  }
}

/** How a child ended, for a log line: `exit code 1` or `signal SIGKILL`. */
function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/** The log line for a decision of RestartPolicy.onCrash. */
function crashLine(name, code, signal, decision, settings) {
  const how = describeExit(code, signal);
  if (decision.action === 'give-up')
    return `${name} exited unexpectedly (${how}); giving up on it: ${decision.reason}. The rest of the platform keeps running; fix the cause and restart npm start`;
  return (
    `${name} exited unexpectedly (${how}); restart attempt ${decision.attempt} in ${seconds(decision.delayMs)} ` +
    `(crash ${decision.crashesInWindow} of ${settings.maxCrashes} allowed within ${seconds(settings.windowMs)})`
  );
}

exports.RESTART_SETTINGS = RESTART_SETTINGS;
exports.restartSettingsFromEnv = restartSettingsFromEnv;
exports.RestartPolicy = RestartPolicy;
exports.describeExit = describeExit;
exports.crashLine = crashLine;
