/**
 * Function-level access: each route names the roles it serves (`@Allow`), or is `@Public`; a route with neither
 * is refused to everyone by the guard. Roles come one by one or as a group of `ROLE_GROUPS` (libs/domain).
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from '#domain';

export const PUBLIC_ROUTE = 'access:public';
export const ALLOWED_ROLES = 'access:roles';

/** No session needed (sign-in, health, readiness). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route. */
export const Allow = (...roles: readonly Role[]) => SetMetadata(ALLOWED_ROLES, roles);
