import { Inject, Injectable } from '@nestjs/common';
import { parseActionKeys, taskSigningKeys } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { CONFIG } from '../infrastructure/tokens';

/** The installation's public task-signing keys, derived from its action keys (libs/auth agency-channel). */
@Injectable()
export class InstallationKeysService {
  private readonly keys;

  constructor(@Inject(CONFIG) config: ComityConfig) {
    this.keys = taskSigningKeys(parseActionKeys(config.temporal.actionKeys)).map((k) => k.publicJwk);
  }

  taskKeys() {
    return this.keys;
  }
}
