import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, type TokenVerifier, type VerifiedToken } from '@comity/auth';
import type { Actor, Role } from '@comity/domain';
import { forbidden } from '../http/api-error';
import { TOKEN_VERIFIER } from '../infrastructure/tokens';
import { PUBLIC_KEY, QUERY_TOKEN_KEY, ROLES_KEY } from './auth.decorators';

type AuthRequest = Request & { actor?: Actor; tokenExpiresAt?: Date };

/** The bearer token of a request: the Authorization header, else (where a route allows it) `?access_token=`. */
export function bearerTokenOf(request: Request, acceptQueryToken: boolean): string | undefined {
  const [scheme, headerToken] = (request.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() === 'bearer' && headerToken) return headerToken;
  const queryToken = acceptQueryToken ? request.query['access_token'] : undefined;
  return typeof queryToken === 'string' && queryToken ? queryToken : undefined;
}

const verifications = new WeakMap<Request, Promise<VerifiedToken>>();

/** Verifies a request's token once, however many guards ask (the rate limiter asks first). */
export function verifyOnce(request: Request, token: string, verify: TokenVerifier): Promise<VerifiedToken> {
  let verified = verifications.get(request);
  if (!verified) {
    verified = verify(token);
    verifications.set(request, verified);
  }
  return verified;
}

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
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const token = bearerTokenOf(request, this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets) ?? false);
    if (!token) throw new AuthenticationError('a bearer token is required (Authorization: Bearer <token>)');
    const verified = await verifyOnce(request, token, this.verify);
    request.actor = verified.actor;
    request.tokenExpiresAt = verified.expiresAt;
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
