import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { TokenVerifier } from '@comity/auth';
import { TOKEN_VERIFIER } from '../infrastructure/tokens';
import { bearerTokenOf, verifyOnce } from './auth.guard';

/**
 * The rate limit (COMITY_API_RATE_LIMIT requests a minute) per client across every route: a caller
 * with a valid token is counted by its subject, so users behind one proxy (the dashboard's) each
 * have their own allowance; a caller without one, by its address. The token is verified here once
 * and the AuthGuard reuses the result, so a forged token buys no fresh allowance.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  @Inject(TOKEN_VERIFIER) private readonly verify!: TokenVerifier;

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as Request;
    const token = bearerTokenOf(request, true);
    if (token) {
      const subject = await verifyOnce(request, token, this.verify).then(
        (verified) => verified.actor.userId,
        () => undefined,
      );
      if (subject) return `subject:${subject}`;
    }
    return `address:${request.ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}
