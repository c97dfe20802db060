import { parseJsonObject, positionals } from '../args';
import { UsageError } from '../exit-codes';
import type { DirectoryResource } from '../api-types';
import { defineCommand } from '../command';
import { shortTime } from '../humanise';
import { renderTable, toJson } from '../output';

interface Authority {
  id: string;
  name: string;
  languages: string[];
  channels: { kind: string }[];
  competences: { processTypes?: string[] }[];
  requirements: unknown[];
}

export const directoryShowCommand = defineCommand({
  name: 'directory show',
  summary: 'the directory of competent authorities in force, or its authorities in one state',
  usage: `usage: comity directory show [--state <XX>]`,
  options: { state: { type: 'string' } },
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    const directory = await ctx.client().get<DirectoryResource>('/api/v1/directory');
    const states = (directory.states as unknown as { code: string; authorities: Authority[] }[]).filter(
      (s) => !values.state || s.code === values.state,
    );
    const rows = states.flatMap((s) => s.authorities.map((a) => ({ state: s.code, ...a })));
    ctx.print(directory, () =>
      directory.version === 0
        ? '(no directory imported: comity directory import <file>)'
        : `version ${directory.version}, imported ${shortTime(directory.importedAt ?? '')} by ${directory.importedBy ?? '?'}\n\n${
            rows.length
              ? renderTable(
                  [
                    { header: 'state', value: (r) => r.state },
                    { header: 'authority', value: (r) => r.id },
                    { header: 'languages', value: (r) => r.languages.join(' ') },
                    { header: 'channels', value: (r) => r.channels.map((c) => c.kind).join(' ') },
                    { header: 'competent for', value: (r) => competentFor(r) },
                    { header: 'requirements', value: (r) => String(r.requirements.length) },
                    { header: 'name', value: (r) => r.name },
                  ],
                  rows,
                )
              : '(no authority listed)'
          }`,
    );
  },
});

const competentFor = (a: Authority) => [...new Set(a.competences.flatMap((c) => c.processTypes ?? ['any']))].join(' ');

export const directoryExportCommand = defineCommand({
  name: 'directory export',
  summary: 'print the directory (or one version of it) as JSON, ready to edit and import',
  usage: `usage: comity directory export [--version <n>]

  Prints {"basedOn": <version>, "states": [...]}: edit it and give it to \`comity directory import\`.`,
  options: { version: { type: 'string' } },
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    const path = values.version
      ? `/api/v1/directory/versions/${encodeURIComponent(values.version)}`
      : '/api/v1/directory';
    const { version, states } = await ctx.client().get<DirectoryResource>(path);
    ctx.out(toJson({ basedOn: version, states }));
  },
});

export const directoryImportCommand = defineCommand({
  name: 'directory import',
  summary: 'import a new version of the whole directory from a JSON file (admin)',
  usage: `usage: comity directory import <file.json> [--note <why>]

  The file is what \`comity directory export\` prints: {"basedOn": <version>, "states": [...]}.
  An import made since that version is refused (DIRECTORY_CHANGED): export again and redo the edit.`,
  options: { note: { type: 'string' } },
  run: async (ctx, { values, positionals: args }) => {
    const [file = ''] = positionals(args, ['file']);
    const content = parseJsonObject(`@${file}`, file, ctx.runtime.readFile);
    const basedOn = content['basedOn'];
    if (typeof basedOn !== 'number') {
      throw new UsageError(`${file}: "basedOn" (the version the edit started from) is required, as a number`);
    }
    const body = {
      basedOn,
      states: content['states'],
      ...(values.note ? { note: values.note } : {}),
    };
    const imported = await ctx.client().put<DirectoryResource>('/api/v1/directory', body);
    ctx.print(imported, () => `imported directory version ${imported.version} (sha256 ${imported.sha256 ?? ''})`);
  },
});
