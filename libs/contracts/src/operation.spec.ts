import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as contracts from './index';
import { Operation } from './operation';

const ROOT = resolve(__dirname, '../../..');

/** Every operation exported by the contracts, from the `<DOMAIN>_OPS` objects. */
function allOperations(): Array<[string, Operation<unknown, unknown>]> {
  return Object.entries(contracts)
    .filter(([name]) => name.endsWith('_OPS'))
    .flatMap(([group, ops]) => Object.entries(ops as Record<string, Operation<unknown, unknown>>).map(([k, o]) => [`${group}.${k}`, o] as [string, Operation<unknown, unknown>]));
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

describe('bus operations', () => {
  it('are defined for every domain, each with a subject of its own', () => {
    const ops = allOperations();
    expect(new Set(ops.map(([name]) => name.split('.')[0]))).toEqual(new Set(['DIASPORA_OPS', 'CONSULTATIONS_OPS', 'BUDGET_OPS', 'ENTERPRISE_EFFICIENCY_OPS', 'REPORTING_OPS', 'DIALOGUE_EVENTS_OPS']));
    const bySubject = new Map<string, string[]>();
    for (const [name, o] of ops) bySubject.set(o.subject, [...(bySubject.get(o.subject) ?? []), name]);
    expect([...bySubject.entries()].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it('refuses a subject that is not <service>.<thing>.<verb>.v<N>', () => {
    expect(() => contracts.op('diaspora.organization.create', contracts.IdRequest, contracts.IdRequest)).toThrow(/v<N>/);
    expect(() => contracts.op('Diaspora.Org.v1', contracts.IdRequest, contracts.IdRequest)).toThrow();
  });

  it('are the only place a subject is written: no versioned subject literal outside libs/contracts', () => {
    const literal = /['"`][a-z][a-z0-9-]*(\.[a-z0-9-]+)+\.v\d+['"`]/;
    const offenders = ['services', 'libs', 'tools', 'test']
      .flatMap((d) => sourceFiles(join(ROOT, d)))
      .filter((f) => !relative(ROOT, f).startsWith('libs/contracts/'))
      // The generator's templates and its spec write subjects of the service they generate.
      .filter((f) => !f.includes('/generators/service/'))
      .filter((f) => literal.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
