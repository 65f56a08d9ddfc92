import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Folder of the real published data (../shared/data), overridable with VIDNOVA_DATA_DIR. */
export function dataDir(): string {
  const candidates = [
    process.env.VIDNOVA_DATA_DIR,
    resolve(__dirname, '../../../../shared/data'),
    resolve(process.cwd(), '../shared/data'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Real data folder not found; set VIDNOVA_DATA_DIR (tried ${candidates.join(', ')})`);
  return found;
}

export const dataFile = (...parts: string[]): string => resolve(dataDir(), ...parts);
