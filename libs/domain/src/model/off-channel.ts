import { z } from 'zod';
import {
  ATTACH_DOCUMENT_ACTION,
  DOCUMENTS_FACT,
  documentIdentifier,
  type AttachedDocument,
} from '../documents/documents';
import type { Actor } from './actor';
import { DomainError, DomainErrorCode } from './domain-error';
import { slotOf } from './parties';
import { issueDetails } from './payload-issues';
import type { ActionDefinition, ProcessDefinition } from './process-definition';
import type { ProcessSnapshot } from './process-state';

/**
 * How a step went when it did not go through Comity: a request sent or received by post, through
 * the diplomatic channel (a note verbale, the pouch), by e-mail, or by hand (handed over in person,
 * or done on the paper file before the process was in Comity). Most extradition and mutual legal
 * assistance worldwide still travels this way; the process records it all the same, with its
 * scanned documents and the date it happened, and its deadlines run from that date.
 */
export const OffChannels = ['post', 'diplomatic', 'email', 'by-hand'] as const;
export type OffChannel = (typeof OffChannels)[number];

/** How far a recorded date may be after the process's clock (a clerk's clock, a few minutes). */
export const OFF_CHANNEL_MAX_SKEW_MS = 5 * 60_000;

/**
 * What an officer records of a step taken outside Comity, alongside the action. Only a coordinator
 * (the central authority keeping the register of what comes and goes) or an admin records one.
 */
export const offChannelRecord = z
  .object({
    channel: z.enum(OffChannels),
    /** When it was sent, or received (the postmark, the note verbale's date of receipt): the step's legal time. */
    at: z.iso.datetime({ offset: true }),
    /** The paper's own reference: a registered-post number, a note verbale's number. */
    reference: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\p{L}\p{N} ./:#()_-]+$/u, 'letters, digits, spaces and . / : # ( ) _ -')
      .optional(),
    /**
     * The party whose step it is, when it is the other side's (a letter received from an authority
     * reached by post): the step counts as that party's. Absent: the officer's own step, done on paper.
     */
    onBehalfOf: z.string().trim().min(1).max(40).optional(),
    /** The scans of what was sent or received: documents already attached to the process. */
    documents: z.array(documentIdentifier).max(20).default([]),
  })
  .strict();
export type OffChannelRecord = z.infer<typeof offChannelRecord>;

/** How far back a process may be opened as begun outside Comity: a year (a later date is a typing error). */
export const OFF_CHANNEL_OPENED_WITHIN_MS = 366 * 86_400_000;

/**
 * A process opened as begun outside Comity (a request received by post last week, registered
 * today): how and when it began. Its start counts from then; its later steps are dated no earlier.
 */
export const offChannelOpening = offChannelRecord.omit({ onBehalfOf: true, documents: true });
export type OffChannelOpening = z.infer<typeof offChannelOpening>;

/** The opening as the process keeps it, or why it cannot be (a detail naming the field), at `now`. */
export function openedOffChannel(raw: OffChannelOpening, now: number): OffChannelStep | string {
  const at = Date.parse(raw.at);
  if (at > now + OFF_CHANNEL_MAX_SKEW_MS) return `offChannel.at: ${raw.at} is in the future`;
  if (at < now - OFF_CHANNEL_OPENED_WITHIN_MS) return `offChannel.at: ${raw.at} is more than a year ago`;
  return {
    channel: raw.channel,
    at: new Date(at).toISOString(),
    ...(raw.reference !== undefined ? { reference: raw.reference } : {}),
    documents: [],
  };
}

/** The record as the process keeps it: the date normalised to UTC, the agency it was recorded for. */
export interface OffChannelStep {
  readonly channel: OffChannel;
  readonly at: string;
  readonly reference?: string;
  readonly onBehalfOf?: { readonly party: string; readonly agencyId: string };
  readonly documents: readonly string[];
}

const invalid = (details: string[]): DomainError =>
  new DomainError(DomainErrorCode.PayloadInvalid, `invalid offChannel: ${details.join('; ')}`, details);

const refused = (code: DomainErrorCode, detail: string): DomainError =>
  new DomainError(code, `the step cannot be recorded as taken outside Comity: ${detail}`, [`offChannel: ${detail}`]);

/**
 * The actions a party may have recorded for it now (its own actions in the process's stage), when
 * it is reached outside Comity; attaching a document is the coordinator's own (the scan).
 */
export function offChannelActions(definition: ProcessDefinition, snapshot: ProcessSnapshot, party: string): string[] {
  if (definition.states[snapshot.stage]?.terminal) return [];
  const slot = slotOf(definition, party);
  return Object.entries(definition.actions)
    .filter(
      ([name, action]) =>
        name !== ATTACH_DOCUMENT_ACTION &&
        action.from.includes(snapshot.stage) &&
        action.by.some((p) => 'party' in p && p.party === slot) &&
        !snapshot.holds?.some((h) => h.action === name),
    )
    .map(([name]) => name);
}

/**
 * Checks an off-channel record against the process and answers what the process keeps of it:
 * recorded by a coordinator or an admin; for a party the action is that party's to take; naming
 * documents attached to this process; dated no earlier than the current stage began and no later
 * than `now` (when given: the workflow's clock; the API's list of allowed actions has none).
 */
export function checkOffChannel(
  definition: ProcessDefinition,
  action: ActionDefinition<string>,
  snapshot: ProcessSnapshot,
  raw: unknown,
  actor: Actor,
  now: number | undefined,
): OffChannelStep {
  const parsed = offChannelRecord.safeParse(raw);
  if (!parsed.success) throw invalid(issueDetails('offChannel', parsed.error.issues));
  const record = parsed.data;
  if (actor.role !== 'coordinator' && actor.role !== 'admin') {
    throw refused(
      DomainErrorCode.ActorNotPermitted,
      'only a coordinator records a step taken outside Comity (the central authority keeps the register)',
    );
  }
  let onBehalfOf: OffChannelStep['onBehalfOf'];
  if (record.onBehalfOf !== undefined) {
    const party = record.onBehalfOf;
    const binding = Object.hasOwn(snapshot.parties, party) ? snapshot.parties[party] : undefined;
    if (!binding) {
      throw invalid([`offChannel.onBehalfOf: '${party}' is not a party of this process`]);
    }
    const slot = slotOf(definition, party);
    const partyAction = action.by.some((p) => 'party' in p && p.party === slot);
    if (!partyAction) {
      throw refused(DomainErrorCode.ActorNotPermitted, `the ${party} party does not take this action`);
    }
    onBehalfOf = { party, agencyId: binding.agencyId };
  }
  const attached = new Set(
    ((snapshot.facts[DOCUMENTS_FACT] as readonly AttachedDocument[] | undefined) ?? []).map((d) => d.documentId),
  );
  const unattached = record.documents.filter((id) => !attached.has(id));
  if (unattached.length) {
    throw refused(
      DomainErrorCode.PreconditionUnmet,
      `attach the scans first: ${unattached.join(', ')} ${unattached.length === 1 ? 'is' : 'are'} not attached to this process`,
    );
  }
  const at = Date.parse(record.at);
  // Processes whose stage changed before `stageSince` was kept: their last change, to be safe.
  const since = Date.parse(snapshot.stageSince ?? snapshot.updatedAt);
  if (at < since) {
    throw refused(
      DomainErrorCode.PreconditionUnmet,
      `offChannel.at ${record.at} is before the process reached stage '${snapshot.stage}' (${new Date(since).toISOString()})`,
    );
  }
  // An expiry the process recorded stands (its escalation went out): no step is dated before it.
  const expired = snapshot.deadlines.filter((d) => d.status === 'expired' && Date.parse(d.dueAt) > at);
  if (expired.length) {
    throw refused(
      DomainErrorCode.PreconditionUnmet,
      `offChannel.at ${record.at} is before the recorded expiry of ${expired.map((d) => `'${d.label}' (${d.dueAt})`).join(', ')}; a step recorded after an expiry is dated no earlier than it`,
    );
  }
  if (now !== undefined && at > now + OFF_CHANNEL_MAX_SKEW_MS) {
    throw refused(DomainErrorCode.PreconditionUnmet, `offChannel.at ${record.at} is in the future`);
  }
  return {
    channel: record.channel,
    at: new Date(at).toISOString(),
    ...(record.reference !== undefined ? { reference: record.reference } : {}),
    ...(onBehalfOf ? { onBehalfOf } : {}),
    documents: record.documents,
  };
}
