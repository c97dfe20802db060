/**
 * The part of an action's form that records a step taken outside Comity (docs/processes.md, "Paper
 * and post"): how it went (by post, through the diplomatic channel, …), on which day, the paper's
 * reference and the scans attached to the process. Pure functions of data, no DOM: its fields are
 * ordinary form fields (action-form.ts), drawn and checked with the action's own.
 */
import { actionForm, type FormField } from './action-form';
import type { DocumentResource, ProcessResource } from './api-types';
import { t, type MessageKey } from './i18n';

/** The prefix of the off-channel fields' names among the action's own (`offChannel-at`). */
const PREFIX = 'offChannel-';
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

export const CHANNEL_LABELS = {
  post: 'process.channelPost',
  diplomatic: 'process.channelDiplomatic',
  email: 'process.channelEmail',
  'by-hand': 'process.channelByHand',
} as const satisfies Record<string, MessageKey>;

/** An action the coordinator records for a party reached outside Comity: its key among the page's actions. */
export const onBehalfKey = (action: string, party: string): string => `${action}|for:${party}`;

/** The action and the party (if any) a key of the action panel stands for. */
export function fromKey(key: string): { readonly action: string; readonly party?: string } {
  const at = key.indexOf('|for:');
  return at < 0 ? { action: key } : { action: key.slice(0, at), party: key.slice(at + 5) };
}

/**
 * The off-channel fields, in the reader's language: required when the step is another party's (it
 * can only have been taken outside Comity), optional on the coordinator's own (blank: through Comity).
 */
export function offChannelFields(required: boolean, scans: readonly DocumentResource[]): FormField[] {
  const { fields } = actionForm({
    type: 'object',
    properties: {
      channel: { type: 'string', enum: Object.keys(CHANNEL_LABELS) },
      date: { type: 'string', pattern: DATE },
      reference: { type: 'string', maxLength: 100, pattern: '^[\\p{L}\\p{N} ./:#()_-]+$' },
      ...(scans.length
        ? { documents: { type: 'array', items: { type: 'string', enum: scans.map((d) => d.id) } } }
        : {}),
    },
    required: required ? ['channel', 'date'] : [],
  });
  const labels: Record<string, string> = {
    channel: t('action.offChannelChannel'),
    date: t('action.offChannelDate'),
    reference: t('action.offChannelReference'),
    documents: t('action.offChannelScans'),
  };
  const optionLabels: Record<string, Record<string, string>> = {
    channel: Object.fromEntries(Object.entries(CHANNEL_LABELS).map(([channel, key]) => [channel, t(key)])),
    documents: Object.fromEntries(scans.map((d) => [d.id, d.name])),
  };
  return fields.map((f) => ({
    ...f,
    name: `${PREFIX}${f.name}`,
    label: labels[f.name] ?? f.name,
    description: f.name === 'date' ? t('action.offChannelDateHelp') : '',
    optionLabels: optionLabels[f.name] ?? f.optionLabels,
    translated: true,
  }));
}

/** The scans a step may name: documents attached to the process and available. */
export const scansOf = (documents: readonly DocumentResource[]): DocumentResource[] =>
  documents.filter((d) => d.attached !== undefined && d.status === 'available');

/**
 * The action's payload apart from the off-channel record built from its fields, or none when no
 * channel was chosen. The day becomes an instant: noon that day where the reader is, kept within
 * the stage (not before it began) and not after now, so a letter received the day the request was
 * sent, or today, is dated as the process allows.
 */
export function splitOffChannel(
  values: Readonly<Record<string, unknown>>,
  process: Pick<ProcessResource, 'stageSince' | 'startedAt'>,
  party: string | undefined,
  now = Date.now(),
): { readonly payload: Record<string, unknown>; readonly offChannel?: Record<string, unknown> } {
  const payload: Record<string, unknown> = {};
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith(PREFIX)) record[name.slice(PREFIX.length)] = value;
    else payload[name] = value;
  }
  if (typeof record['channel'] !== 'string' || typeof record['date'] !== 'string') return { payload };
  const [y, m, d] = record['date'].split('-').map(Number);
  const noon = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 12).getTime();
  const since = Date.parse(process.stageSince ?? process.startedAt);
  const sameDay = (instant: number) => new Date(instant).toDateString() === new Date(noon).toDateString();
  const at = sameDay(now) && noon > now ? now : sameDay(since) && noon < since ? since : noon;
  return {
    payload,
    offChannel: {
      channel: record['channel'],
      at: new Date(at).toISOString(),
      ...(typeof record['reference'] === 'string' ? { reference: record['reference'] } : {}),
      ...(party !== undefined ? { onBehalfOf: party } : {}),
      documents: Array.isArray(record['documents']) ? record['documents'] : [],
    },
  };
}
