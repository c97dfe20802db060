import { Inject, Injectable } from '@nestjs/common';
import { answerEncryptionKeys, documentSealingKeys, parseActionKeys, taskSigningKeys } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { CONFIG } from '../infrastructure/tokens';

/**
 * The installation's public keys for agencies, derived from its action keys (libs/auth agency-channel):
 * those that verify its tasks and its documents' seals (`use: sig`) and those answers are encrypted to (`use: enc`).
 */
@Injectable()
export class InstallationKeysService {
  private readonly keys;

  constructor(@Inject(CONFIG) config: ComityConfig) {
    const keys = parseActionKeys(config.temporal.actionKeys);
    this.keys = [...taskSigningKeys(keys), ...documentSealingKeys(keys), ...answerEncryptionKeys(keys)].map(
      (k) => k.publicJwk,
    );
  }

  all() {
    return this.keys;
  }
}
