/**
 * Quantile by linear interpolation between closest ranks (the "type 7" of Hyndman & Fan, Excel QUARTILE.INC):
 * position (n − 1)·p in the sorted values. Computed in TypeScript: FerretDB v1 has no $percentile.
 */
export function quantile(sorted: number[], p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Percentile rank of `x` among `values` (which include it): 100 × (below + ½ equal) / n. */
export function percentileRank(values: number[], x: number): number {
  const below = values.filter((v) => v < x).length;
  const equal = values.filter((v) => v === x).length;
  return (100 * (below + 0.5 * equal)) / values.length;
}

export const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
