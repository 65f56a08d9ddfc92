import { AbilityBuilder, createMongoAbility, ForcedSubject, MongoAbility, MongoQuery, subject as asSubject } from '@casl/ability';
import type { Principal } from './common';
import { DomainError } from './errors';

/**
 * The authorisation model, in one place (docs/security.md). The gateway's @Roles are the first line;
 * the services, which own the data, check every change against these rules with the principal the
 * gateway forwarded. Built on CASL: one ability per principal, conditions over the record.
 */
export type AuthzAction =
  /** create a record (the record as it would be stored, with its owner and communities) */
  | 'create'
  /** update fields other than verification */
  | 'update'
  | 'delete'
  /** erase the personal data of a record */
  | 'erase'
  /** set a verification status other than the default */
  | 'verify'
  /** import a data set (statistics, budgets) */
  | 'import'
  /** read personal fields (contactPerson, registrants) */
  | 'readPersonal'
  /** hide or restore what others wrote (dialogue contributions) */
  | 'moderate';

export type AuthzSubject =
  | 'Organization'
  | 'Initiative'
  | 'Link'
  | 'HostStats'
  | 'BudgetImport'
  | 'Consultation'
  | 'Concept'
  /** a communal enterprise with its statements and budget support (enterprise-efficiency) */
  | 'Enterprise'
  /** treasury payments and Prozorro OCDS packages (enterprise-efficiency) */
  | 'EnterpriseImport'
  /** a report schedule and a webhook (reporting) */
  | 'ReportSchedule'
  | 'Webhook'
  | DialogueSubject;

/**
 * dialogue-events: events and commitments are owned (partner keys change their organisation's, editors
 * their communities'); registrations (personal data) and moderation belong to the organisers, i.e.
 * editors of the event's communities, and admins. Contributions are written by any key, changed by none.
 */
export type DialogueSubject = 'DialogueEvent' | 'DialogueCommitment' | 'DialogueRegistration' | 'DialogueContribution';
const DIALOGUE_OWNED: AuthzSubject[] = ['DialogueEvent', 'DialogueCommitment'];
const DIALOGUE_ORGANISER: AuthzSubject[] = ['DialogueRegistration', 'DialogueContribution'];

/** What the rules look at in a record: who owns it and which communities (KATOTTG) it concerns. */
export interface AuthzRecord {
  owner?: string;
  communities?: string[];
  /** The API key that created it (report schedules, webhooks: what a key without an organisation owns). */
  createdBy?: string;
}

/** Records a change can be made to (the owned, community-scoped ones). */
const CHANGES: AuthzAction[] = ['update', 'delete', 'erase'];
const OWNED: AuthzSubject[] = ['Organization', 'Initiative', 'Link', 'Enterprise'];
const IMPORTS: AuthzSubject[] = ['HostStats', 'BudgetImport', 'EnterpriseImport'];
/** Records only editors and admins write (consultations and their concepts), scoped by the consultation's community. */
const EDITORIAL: AuthzSubject[] = ['Consultation', 'Concept'];
/** Operational settings a key keeps for itself: report schedules (analysts, editors) and webhooks (partners). */
const SETTINGS: AuthzSubject[] = ['ReportSchedule', 'Webhook'];

/** Most communities an editor key may be scoped to (the list travels in every bus request). */
export const MAX_KEY_COMMUNITIES = 50;

type Ability = MongoAbility<[AuthzAction, AuthzSubject | ForcedSubject<AuthzSubject>], MongoQuery<AuthzRecord>>;

const cache = new Map<string, Ability>();

/** A condition over AuthzRecord (CASL's typings cannot infer the subject's fields from a string subject type). */
const when = (q: Record<string, unknown> | undefined) => q as never;

/**
 * The ability of a principal. No principal = a request from another service (the bus itself is
 * authenticated separately): everything is allowed.
 */
export function abilityFor(principal: Principal | undefined): Ability {
  const cacheKey = JSON.stringify(principal ?? null);
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const { can, build } = new AbilityBuilder<Ability>(createMongoAbility);
  const role = principal?.role;
  // Report schedules and webhooks belong to the key's organisation, or to the key itself when it has none.
  const mine = principal?.organization ? { owner: principal.organization } : { createdBy: principal?.keyId };
  if (!principal || role === 'admin') {
    can(['create', 'update', 'delete', 'erase', 'verify', 'readPersonal'], OWNED);
    can('import', IMPORTS);
    can(['create', 'update'], EDITORIAL);
    can(['create', 'update', 'delete'], SETTINGS);
    can(['create', 'update'], DIALOGUE_OWNED);
    can(['update', 'erase', 'readPersonal', 'moderate'], DIALOGUE_ORGANISER);
  } else if (role === 'editor' || role === 'analyst') {
    can('create', 'ReportSchedule');
    can(['update', 'delete'], 'ReportSchedule', when(mine));
    if (role === 'editor') {
      const scope = principal.communities ?? [];
      // An editor scoped to communities changes (and creates) only records of those communities.
      const inScope = scope.length ? { communities: { $in: scope } } : undefined;
      can(['create', ...CHANGES, 'verify'], OWNED, when(inScope));
      can('readPersonal', OWNED);
      can('import', IMPORTS);
      can(['create', 'update'], EDITORIAL, when(inScope));
      can(['create', 'update'], DIALOGUE_OWNED, when(inScope));
      can(['update', 'erase', 'readPersonal', 'moderate'], DIALOGUE_ORGANISER, when(inScope));
    }
  } else if (role === 'partner') {
    can('create', OWNED);
    can('create', 'Webhook');
    can(['update', 'delete'], 'Webhook', when(mine));
    // A partner changes only what its organisation owns; a key without an organisation owns nothing.
    if (principal.organization) {
      can([...CHANGES, 'readPersonal'], OWNED, when({ owner: principal.organization }));
      can('create', DIALOGUE_OWNED);
      can('update', DIALOGUE_OWNED, when({ owner: principal.organization }));
    }
  }
  // analyst, reader, anonymous: reads only (public fields).
  const ability = build();
  if (cache.size > 1000) cache.clear();
  cache.set(cacheKey, ability);
  return ability;
}

/**
 * The owner of what this principal writes: the organisation of the key (a partner key always has one;
 * editor and admin keys when they were given one). Records written by keys without an organisation,
 * or before ownership was recorded, have none: only editors and admins change them.
 */
export function ownerFor(who: Principal | undefined): string | undefined {
  return who?.organization || undefined;
}

/** May this principal do `action` on this record (or on the kind of record, for imports)? */
export function can(principal: Principal | undefined, action: AuthzAction, subjectType: AuthzSubject, record: AuthzRecord = {}): boolean {
  return abilityFor(principal).can(action, asSubject(subjectType, { ...record }));
}

const WHAT: Record<AuthzAction, string> = {
  create: 'create',
  update: 'change',
  delete: 'delete',
  erase: 'erase personal data of',
  verify: 'set the verification status of',
  import: 'import',
  readPersonal: 'read personal data of',
  moderate: 'moderate',
};

const NOUN: Record<AuthzSubject, string> = {
  Organization: 'this organisation',
  Initiative: 'this initiative',
  Link: 'this link',
  HostStats: 'UNHCR host-country statistics',
  BudgetImport: 'budget data',
  Consultation: 'this consultation',
  Concept: 'this concept',
  Enterprise: 'this enterprise',
  EnterpriseImport: 'treasury payments or procurement data',
  ReportSchedule: 'this report schedule',
  Webhook: 'this webhook',
  DialogueEvent: 'this event',
  DialogueCommitment: 'this commitment',
  DialogueRegistration: 'the registrations of this event',
  DialogueContribution: 'the contributions to this event',
};

/** Throws 403 (problem `forbidden`) with the reason when the principal may not do it. */
export function authorize(principal: Principal | undefined, action: AuthzAction, subjectType: AuthzSubject, record: AuthzRecord = {}): void {
  if (can(principal, action, subjectType, record)) return;
  throw new DomainError('forbidden', refusal(principal, action, subjectType, record));
}

function refusal(p: Principal | undefined, action: AuthzAction, s: AuthzSubject, record: AuthzRecord): string {
  const base = `The role "${p?.role}" may not ${WHAT[action]} ${NOUN[s]}`;
  if (action === 'verify' || action === 'import' || ((s === 'Consultation' || s === 'Concept') && p?.role !== 'editor')) return `${base}: it needs editor or admin`;
  if (s === 'ReportSchedule' || s === 'Webhook') {
    return action === 'create' ? `${base}: it needs ${s === 'Webhook' ? 'partner' : 'analyst, editor'} or admin` : `${base}: it belongs to another ${record.owner ? 'organisation' : 'key'}`;
  }
  if (DIALOGUE_ORGANISER.includes(s) && p?.role !== 'editor') return `${base}: it needs an editor of the event's communities or admin`;
  if (p?.role === 'partner') {
    if (!p.organization) return `${base}: the key belongs to no organisation`;
    if (action === 'create') return base;
    return record.owner
      ? `${base}: it belongs to another organisation`
      : `${base}: it has no owner (recorded before ownership), so only editors and admins may change it`;
  }
  if (p?.role === 'editor' && p.communities?.length) {
    return `${base}: it concerns none of the communities of this key (${p.communities.join(', ')})`;
  }
  return base;
}

/**
 * The principal as read from a bus header: only well-formed fields. None stays none (another service
 * asking); a malformed one counts as anonymous, never as "none".
 */
export function toPrincipal(raw: unknown): Principal | undefined {
  if (raw === undefined || raw === null) return undefined;
  const anonymous: Principal = { keyId: 'malformed-principal', role: 'anonymous' };
  if (typeof raw !== 'object') return anonymous;
  const r = raw as Record<string, unknown>;
  const roles: Principal['role'][] = ['admin', 'editor', 'analyst', 'partner', 'reader', 'anonymous'];
  if (typeof r.keyId !== 'string' || !roles.includes(r.role as Principal['role'])) return anonymous;
  const p: Principal = { keyId: r.keyId, role: r.role as Principal['role'] };
  if (typeof r.organization === 'string' && r.organization) p.organization = r.organization;
  if (Array.isArray(r.communities)) {
    const codes = r.communities.filter((c): c is string => typeof c === 'string').slice(0, MAX_KEY_COMMUNITIES);
    if (codes.length) p.communities = codes;
  }
  return p;
}
