import type { Command } from '../command';
import { actCommand } from './act.command';
import {
  agenciesAddKeyCommand,
  agenciesCredentialCommand,
  agenciesListCommand,
  agenciesReactivateCommand,
  agenciesRegisterCommand,
  agenciesRevokeKeyCommand,
  agenciesShowCommand,
  agenciesSuspendCommand,
} from './agencies.command';
import { casesOpenCommand, casesShowCommand } from './cases.command';
import { directoryExportCommand, directoryImportCommand, directoryShowCommand } from './directory.command';
import { listCommand } from './list.command';
import { loginCommand, logoutCommand, whoamiCommand } from './login.command';
import { showCommand } from './show.command';
import { startCommand } from './start.command';
import { tokenCommand } from './token.command';
import { watchCommand } from './watch.command';

/** Every command, in the order `comity --help` lists them. */
export const commands: readonly Command[] = [
  loginCommand,
  logoutCommand,
  whoamiCommand,
  casesOpenCommand,
  casesShowCommand,
  startCommand,
  listCommand,
  showCommand,
  actCommand,
  watchCommand,
  agenciesRegisterCommand,
  agenciesListCommand,
  agenciesShowCommand,
  agenciesAddKeyCommand,
  agenciesRevokeKeyCommand,
  agenciesCredentialCommand,
  agenciesSuspendCommand,
  agenciesReactivateCommand,
  directoryShowCommand,
  directoryExportCommand,
  directoryImportCommand,
  tokenCommand,
];
