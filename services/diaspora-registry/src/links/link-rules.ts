import { FieldError, KATOTTG_PATTERN, LinkParty } from '@vidnova/contracts';
import { normalizeText } from '../organizations/normalize';

/**
 * Shape rules for the two parties of a link (400): an organisation needs its id, a community its
 * KATOTTG code, an institution at least a name.
 */
export function partyProblems(p: LinkParty, side: 'from' | 'to'): FieldError[] {
  switch (p.kind) {
    case 'organization':
      return p.ref ? [] : [{ field: `${side}.ref`, message: 'an organisation party needs the organisation id in ref' }];
    case 'community':
      return p.ref && KATOTTG_PATTERN.test(p.ref)
        ? []
        : [{ field: `${side}.ref`, message: 'a community party needs its KATOTTG code in ref, e.g. UA61040030000060956' }];
    case 'institution':
      return p.ref || p.name?.trim() ? [] : [{ field: `${side}.name`, message: 'an institution party needs a name (or a ref)' }];
  }
}

function partyKey(p: LinkParty): string {
  return `${p.kind}:${p.ref ?? ''}:${p.ref ? '' : normalizeText(p.name ?? '')}`;
}

/** The same two parties with the same link type are the same link, in whichever direction it was entered. */
export function linkKey(from: LinkParty, to: LinkParty, type: string): string {
  const [a, b] = [partyKey(from), partyKey(to)].sort();
  return `${type}|${a}|${b}`;
}

export function sameParty(a: LinkParty, b: LinkParty): boolean {
  return partyKey(a) === partyKey(b);
}
