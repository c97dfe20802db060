import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, type TokenVerifier } from '@comity/auth';
import type { Actor, Role } from '@comity/domain';
import { forbidden } from '../http/api-error';
import { TOKEN_VERIFIER } from '../infrastructure/tokens';
import { PUBLIC_KEY, QUERY_TOKEN_KEY, ROLES_KEY } from './auth.decorators';

/** Every route needs a valid bearer token unless marked @Public(); @AllowRoles narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const [scheme, headerToken] = (request.headers.authorization ?? '').split(' ');
    const queryToken = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets)
      ? request.query['access_token']
      : undefined;
    const token = scheme?.toLowerCase() === 'bearer' && headerToken ? headerToken : queryToken;
    if (typeof token !== 'string' || !token) {
      throw new AuthenticationError('a bearer token is required (Authorization: Bearer <token>)');
    }
    request.actor = await this.verify(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw forbidden(
        'ROLE_FORBIDDEN',
        `the ${request.actor.role} role may not do this (allowed: ${roles.join(', ')})`,
      );
    }
    return true;
  }
}
