import type { Command } from './command';
import { exitCodeHelp } from './exit-codes';

export const globalFlagsHelp = `global flags (before or after the command):
  --api <url>     the API (default $COMITY_API_URL, else http://127.0.0.1:\${COMITY_API_PORT:-3000})
  --token <jwt>   the bearer token (default $COMITY_TOKEN, else the one stored by \`comity login\`)
  --json          print the API's JSON body (errors as a JSON object) instead of tables
  -h, --help      print usage`;

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "comity: the coordination officer's command line for the Comity API",
    '',
    'usage: comity <command> [arguments] [flags]     comity <command> --help for its flags',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    globalFlagsHelp,
    '',
    'errors are printed to stderr as `error: <message> (<code>)`, one line per detail.',
    exitCodeHelp,
  ].join('\n');
}

export const commandHelp = (command: Command): string => `${command.usage}\n\n${globalFlagsHelp}`;

/** The commands a group (such as `cases`) holds. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  return [`usage: comity ${group} <${members.map((c) => c.name.slice(group.length + 1)).join('|')}> ...`, '']
    .concat(members.map((c) => `  ${c.name}  ${c.summary}`))
    .join('\n');
}
