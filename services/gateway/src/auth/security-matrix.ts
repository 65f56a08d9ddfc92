import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, Role, ROLES, ROLES_KEY, WRITING_ROLES } from './roles';

/**
 * The object-level rule of each route, in one place: what the service checks on the record itself,
 * beyond the roles the gateway lets through (libs/contracts/src/authz.ts holds the rules; this is their
 * description per route for docs/security.md). Keys are `METHOD /path` as in docs/openapi.json; a key
 * that matches no route fails `npm run security:check`.
 */
export const OBJECT_RULES: Record<string, string> = {
  'POST /api/v1/api-keys': 'A partner key needs `organization`; `communities` only for editor keys',
  'POST /api/v1/api-keys/{id}/revoke': '`bootstrap-admin` only while another admin key is active',
  'POST /api/v1/diaspora/organizations':
    'Owner = the partner key’s organisation; a scoped editor only with `communityCodes` in its scope; `verificationStatus` other than `unverified`: editor/admin',
  'GET /api/v1/diaspora/organizations': '`contactPerson` only for editor/admin and the owner',
  'GET /api/v1/diaspora/organizations/{id}': '`contactPerson` only for editor/admin and the owner',
  'PATCH /api/v1/diaspora/organizations/{id}':
    'partner: own organisation’s records only; scoped editor: `communityCodes` within scope, before and after; changing `verificationStatus`: editor/admin; unowned records: editor/admin',
  'DELETE /api/v1/diaspora/organizations/{id}': 'partner: own records only; scoped editor: records of its communities; unowned records: editor/admin',
  'POST /api/v1/diaspora/organizations/{id}/erase-personal-data':
    'partner: own records only; scoped editor: records of its communities; unowned records: editor/admin',
  'POST /api/v1/diaspora/initiatives': 'Owner = the partner key’s organisation; a scoped editor only for a `targetCommunityCode` in its scope',
  'PATCH /api/v1/diaspora/initiatives/{id}':
    'partner: own records only; scoped editor: `targetCommunityCode` within scope, before and after; unowned records: editor/admin',
  'DELETE /api/v1/diaspora/initiatives/{id}': 'partner: own records only; scoped editor: `targetCommunityCode` within scope; unowned records: editor/admin',
  'POST /api/v1/diaspora/links': 'Owner = the partner key’s organisation; a scoped editor only with a community party in its scope',
  'DELETE /api/v1/diaspora/links/{id}': 'partner: own records only; scoped editor: a community party within scope; unowned records: editor/admin',
  'POST /api/v1/diaspora/host-country-statistics/import': 'editor/admin, checked again by diaspora-registry',
  'POST /api/v1/budget/imports': 'editor/admin, checked again by budget-analysis',
  'POST /api/v1/enterprises': 'Owner = the key’s organisation; a scoped editor only for a `community` in its scope',
  'PATCH /api/v1/enterprises/{edrpou}': 'partner: own organisation’s enterprises only; scoped editor: `community` within scope, before and after; unowned records: editor/admin',
  'DELETE /api/v1/enterprises/{edrpou}': 'partner: own enterprises only; scoped editor: enterprises of its communities; unowned records: editor/admin',
  'POST /api/v1/enterprises/{edrpou}/statements': 'as changing the enterprise: partner own, scoped editor its communities',
  'POST /api/v1/enterprises/{edrpou}/budget-support': 'as changing the enterprise: partner own, scoped editor its communities',
  'POST /api/v1/enterprises/budget-support/imports': 'editor/admin, checked again by enterprise-efficiency; rows of enterprises outside a scoped editor’s communities are rejected',
  'POST /api/v1/procurement/imports': 'editor/admin, checked again by enterprise-efficiency',
  'POST /api/v1/consultations': 'A scoped editor only for a `communityCode` in its scope (a consultation without one: unscoped editors)',
  'PATCH /api/v1/consultations/{id}': 'scoped editor: the consultation’s `communityCode` within scope, before and after',
  'POST /api/v1/consultations/{id}/open': 'scoped editor: the consultation’s `communityCode` within scope',
  'POST /api/v1/consultations/{id}/close': 'scoped editor: the consultation’s `communityCode` within scope',
  'POST /api/v1/consultations/{id}/publish-results': 'scoped editor: the consultation’s `communityCode` within scope',
  'POST /api/v1/consultations/{id}/concepts': 'scoped editor: the consultation’s `communityCode` within scope',
  'PATCH /api/v1/consultations/{id}/concepts/{conceptId}': 'scoped editor: the consultation’s `communityCode` within scope',
  'POST /api/v1/consultations/{id}/concepts/{conceptId}/status': 'scoped editor: the consultation’s `communityCode` within scope',
  'POST /api/v1/dialogue/events': 'Owner = the key’s organisation; a scoped editor only with `communities` in its scope',
  'PATCH /api/v1/dialogue/events/{id}': 'partner: own organisation’s events only; scoped editor: `communities` within scope, before and after',
  'POST /api/v1/dialogue/events/{id}/status': 'partner: own organisation’s events only; scoped editor: the event’s communities within scope',
  'GET /api/v1/dialogue/events/{id}/registrations': 'organisers: editors of the event’s communities (and admins)',
  'GET /api/v1/dialogue/events/{id}/registrations.csv': 'organisers: editors of the event’s communities (and admins)',
  'POST /api/v1/dialogue/events/{id}/registrations/{registrationId}/check-in': 'organisers: editors of the event’s communities (and admins)',
  'POST /api/v1/dialogue/events/{id}/registrations/{registrationId}/erase-personal-data': 'organisers: editors of the event’s communities (and admins)',
  'POST /api/v1/dialogue/events/{id}/registrations/cancel': 'whoever holds the cancellation token (shown once, stored hashed)',
  'GET /api/v1/dialogue/events/{id}/registration-summary': 'counts only; stakeholder groups under 5 suppressed',
  'POST /api/v1/dialogue/contributions/{id}/hide': 'moderators: editors of the event’s communities (and admins)',
  'POST /api/v1/dialogue/contributions/{id}/restore': 'moderators: editors of the event’s communities (and admins)',
  'GET /api/v1/dialogue/events/{id}/contributions': 'hidden texts and moderation history only for editors of the event’s communities (and admins)',
  'PUT /api/v1/dialogue/events/{id}/minutes': 'as changing the event: its organisation, editors of its communities',
  'POST /api/v1/dialogue/events/{id}/commitments': 'as changing the event; owner = the key’s organisation',
  'PATCH /api/v1/dialogue/commitments/{id}': 'partner: own organisation’s commitments only; scoped editor: the commitment’s communities within scope',
  'POST /api/v1/dialogue/commitments/{id}/escalate': 'as changing the commitment, and changing the follow-up event',
  'POST /api/v1/dialogue/commitments/overdue-run': 'admin, checked again by dialogue-events',
};

export interface MatrixRow {
  method: string;
  path: string;
  roles: string;
  rule: string;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who the gateway lets through, as the ApiKeyGuard decides it (roles.ts). */
function rolesOf(handler: object, cls: object, method: string): string {
  const pub = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, cls);
  if (pub) return 'anyone, no key';
  const required = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, cls)) as Role[] | undefined;
  if (required) return ROLES.filter((r) => r === 'admin' || required.includes(r)).join(', ');
  if (READS.has(method)) return `${ROLES.join(', ')}; anonymous when ALLOW_ANONYMOUS_READS`;
  return ROLES.filter((r) => r === 'admin' || WRITING_ROLES.includes(r)).join(', ');
}

const joinPath = (...parts: Array<string | string[] | undefined>) =>
  '/' +
  parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .join('/')
    .split('/')
    .filter(Boolean)
    .join('/');

/** Every HTTP route of the gateway with the roles it allows and its object-level rule, in OpenAPI path form. */
export function securityMatrix(app: INestApplication): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!cls) continue;
      const base = Reflect.getMetadata(PATH_METADATA, cls) as string | string[] | undefined;
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        if (name === 'constructor') continue;
        const handler = (cls.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const method = RequestMethod[verb];
        const path = joinPath(base, sub).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        rows.push({ method, path, roles: rolesOf(handler, cls, method), rule: OBJECT_RULES[`${method} ${path}`] ?? '—' });
      }
    }
  }
  return rows.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
