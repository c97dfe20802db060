/**
 * Limits on JSON from outside (HTTP bodies, agencies' answers on Kafka), checked as soon as it is
 * parsed, before anything converts, stores or canonicalises it. Nothing Comity accepts nests deeper
 * than a few levels; a value nested thousands deep breaks recursive code further on (payload
 * conversion, canonicalisation for the audit chain) and has no legitimate use.
 */
export const MAX_JSON_DEPTH = 32;
/** The largest HTTP body or agency answer accepted, in bytes. */
export const MAX_JSON_BYTES = 256 * 1024;

/**
 * True when a parsed JSON value nests objects and arrays deeper than `limit` (the outermost object
 * or array is level 1; a scalar is level 0). Iterative, so a value nested 10,000 deep is answered
 * without exhausting the stack; it stops at the first path that passes the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
