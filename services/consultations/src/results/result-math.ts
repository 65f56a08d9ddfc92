import { ConfidenceInterval } from '@vidnova/contracts';

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion k/n: well-behaved for small n and shares near 0 or 1,
 * unlike the normal approximation. n = 0 gives [0, 0].
 */
export function wilson(k: number, n: number, z = Z95): ConfidenceInterval {
  if (n <= 0) return { low: 0, high: 0 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: round(Math.max(0, centre - half)), high: round(Math.min(1, centre + half)) };
}

/**
 * Borda points for the option at `position` (0 = first) in a ranking of `slots` places, where
 * `slots` is topN for a top-N ranking or the number of options for a full one: first place earns
 * `slots`, the last place 1, an option left unranked 0.
 */
export const bordaPoints = (position: number, slots: number): number => Math.max(0, slots - position);

/** Median of integer values given as a histogram (value → count); the mean of the two middle values for an even count. */
export function medianFromHistogram(hist: Map<number, number>): number | null {
  let n = 0;
  for (const c of hist.values()) n += c;
  if (!n) return null;
  const values = [...hist.keys()].sort((a, b) => a - b);
  const at = (rank: number): number => {
    let seen = 0;
    for (const v of values) {
      seen += hist.get(v)!;
      if (seen > rank) return v;
    }
    return values[values.length - 1];
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

export const round = (x: number, digits = 4): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const share = (k: number, n: number): number => (n > 0 ? round(k / n) : 0);
