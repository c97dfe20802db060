import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Actor, Role } from '@comity/domain';

export const PUBLIC_KEY = 'comity:public';
export const ROLES_KEY = 'comity:roles';
export const QUERY_TOKEN_KEY = 'comity:query-token';

/** The route needs no token (health, docs); its OpenAPI operation says so (an empty security requirement). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiSecurity({}));

/** The route also takes the token as `?access_token=` (server-sent events: EventSource sends no headers). */
export const AcceptQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);

/** Only these roles may call the route; others get 403 ROLE_FORBIDDEN. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller, set by the AuthGuard. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);

/** When the caller's token expires, set by the AuthGuard. */
export const TokenExpiresAt = createParamDecorator(
  (_: unknown, context: ExecutionContext): Date =>
    context.switchToHttp().getRequest<{ tokenExpiresAt: Date }>().tokenExpiresAt,
);
