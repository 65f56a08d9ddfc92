import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'editor', 'analyst', 'partner', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change domain data unless a route says otherwise. */
export const WRITING_ROLES: Role[] = ['admin', 'editor', 'partner'];

export const ROLES_KEY = 'vidnova:roles';
export const PUBLIC_KEY = 'vidnova:public';

/** Restricts a route to these roles (admin always passes). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No API key needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
