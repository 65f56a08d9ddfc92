import { DomainError, Principal } from '@vidnova/contracts';

/** Roles that run consultations: they see results before publication, issue tokens, enter staff forms. */
export const STAFF_ROLES: ReadonlySet<Principal['role']> = new Set(['admin', 'editor']);

export const isStaff = (caller?: Principal): boolean => !!caller && STAFF_ROLES.has(caller.role);

/** 403 unless the caller (the principal the gateway forwarded) is an editor or admin. */
export function requireStaff(caller: Principal | undefined, what: string): void {
  if (!isStaff(caller)) throw new DomainError('forbidden', `Only an editor or admin may ${what}`, { requiredRoles: [...STAFF_ROLES] });
}
