/**
 * What the payload codec hands the workflow in place of a payload that reached Temporal without
 * Comity's encryption: a value no handler accepts. Every payload Comity's own clients and workers
 * produce is encrypted (inputs, update and signal arguments, results, memos, failure details, even
 * `undefined`), so an unencrypted one was written by someone who reached Temporal's port around
 * the API and the bridge (`temporal workflow update execute ...`). The codec cannot throw instead:
 * a decode error fails the whole workflow task, which would stall the process for every legitimate
 * caller too; a marker lets the workflow refuse that one message and carry on.
 */
export const REFUSED_PAYLOAD_KEY = 'comityRefusedPayload';

export interface RefusedPayload {
  readonly [REFUSED_PAYLOAD_KEY]: string;
}

export function isRefusedPayload(value: unknown): value is RefusedPayload {
  return typeof value === 'object' && value !== null && REFUSED_PAYLOAD_KEY in value;
}

export const NOT_THROUGH_COMITY = 'the message was not encrypted by Comity: it did not come through Comity';
