import { ApiClient } from './api-client';
import { decodeClaims, loadCredentials, saveToken } from './credentials';
import { CliError, ExitCode, UsageError } from './exit-codes';
import { refreshTokens } from './oidc-login';
import { toJson, type Output } from './output';

export type Env = Readonly<Record<string, string | undefined>>;

/** What a command may use of the world; unit tests pass fakes. */
export interface Runtime {
  readonly env: Env;
  readonly output: Output;
  readonly now: () => Date;
  readonly readStdin: () => Promise<string>;
  readonly readFile: (path: string) => string;
  /** Subscribes to Ctrl-C; answers the unsubscribe function. */
  readonly onInterrupt: (handler: () => void) => () => void;
  readonly fetch?: typeof fetch;
}

/** The global flags. */
export interface Globals {
  readonly api?: string;
  readonly token?: string;
  readonly json?: boolean;
}

export type TokenSource = '--token' | 'COMITY_TOKEN' | 'credentials';

export class Context {
  readonly json: boolean;

  constructor(
    readonly runtime: Runtime,
    private readonly globals: Globals,
  ) {
    this.json = globals.json === true;
  }

  get env(): Env {
    return this.runtime.env;
  }

  /** --api, then COMITY_API_URL, then the local API. */
  baseUrl(): string {
    const url =
      this.globals.api || this.env['COMITY_API_URL'] || `http://127.0.0.1:${this.env['COMITY_API_PORT'] || '3000'}`;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`the API URL '${url}' is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new UsageError(`the API URL '${url}' must be http or https`);
    }
    return url;
  }

  /** --token, then COMITY_TOKEN, then the stored token. */
  token(): { token: string; source: TokenSource } | undefined {
    if (this.globals.token) return { token: this.globals.token, source: '--token' };
    if (this.env['COMITY_TOKEN']) return { token: this.env['COMITY_TOKEN'], source: 'COMITY_TOKEN' };
    const stored = loadCredentials(this.env);
    return stored ? { token: stored.token, source: 'credentials' } : undefined;
  }

  private refreshing?: Promise<string>;

  /**
   * The token to send: a stored sign-in from the provider whose access token has less than 30 s left
   * is refreshed first (once per command), and the new tokens are stored.
   */
  private freshToken(): Promise<string> {
    const token = this.requireToken();
    const stored = this.token()?.source === 'credentials' ? loadCredentials(this.env) : undefined;
    if (!stored?.oidc) return Promise.resolve(token);
    const { exp } = decodeClaims(token);
    if (typeof exp !== 'number' || exp * 1000 - this.runtime.now().getTime() > 30_000) return Promise.resolve(token);
    const oidc = stored.oidc;
    this.refreshing ??= refreshTokens(this.runtime, oidc, oidc.refreshToken).then((issued) => {
      saveToken(this.env, issued.accessToken, this.runtime.now(), {
        ...oidc,
        refreshToken: issued.refreshToken ?? oidc.refreshToken,
      });
      return issued.accessToken;
    });
    return this.refreshing;
  }

  requireToken(): string {
    const found = this.token();
    if (!found) {
      throw new CliError(ExitCode.NotAuthenticated, 'NO_TOKEN', 'not logged in', [
        'run `comity login` (or `comity login --token <jwt>`), set COMITY_TOKEN, or pass --token',
      ]);
    }
    return found.token;
  }

  /** A client that sends the caller's token; a 401 gets a hint when the token has expired. */
  client(signal?: AbortSignal): ApiClient {
    return new ApiClient({
      baseUrl: this.baseUrl(),
      token: () => this.freshToken(),
      fetch: this.runtime.fetch,
      signal,
      onUnauthenticated: () => this.expiryHint(),
    });
  }

  private expiryHint(): string[] {
    try {
      const { exp } = decodeClaims(this.requireToken());
      if (typeof exp === 'number' && exp * 1000 < this.runtime.now().getTime()) {
        return [`the token expired at ${new Date(exp * 1000).toISOString()}; log in again with a new one`];
      }
    } catch {
      // not a JWT: the API's message says enough
    }
    return [];
  }

  out(text: string): void {
    this.runtime.output.out(text);
  }

  err(text: string): void {
    this.runtime.output.err(text);
  }

  /** The JSON body with --json; otherwise the human rendering. */
  print(body: unknown, human: () => string): void {
    this.out(this.json ? toJson(body) : human());
  }
}
