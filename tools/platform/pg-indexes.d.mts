/** See pg-indexes.mjs. */
export function ensurePgGinIndexes(url: string): Promise<{ created: number; total: number; seconds: number }>;
