import type { LiveTransition } from './api-types';
import type { Shown } from './dom';

/** A page of the dashboard: it draws itself into `root` and may follow the live stream. */
export interface View {
  onTransition?(event: LiveTransition): void;
  /** Reads everything again: after the stream reconnects, transitions in the gap were not seen. */
  refresh?(): void;
  dispose?(): void;
}

/**
 * Announces a change to screen readers (the page's polite live region) and shows it briefly; parts
 * of it may be marked (the API's English).
 */
export function announce(message: Shown): void {
  const region = document.getElementById('live-region');
  if (region) region.replaceChildren(message);
}

/**
 * Runs `read` a moment after a transition (the read model follows the workflow within moments), at
 * most once per moment however busy the stream: a debounce would never run under steady traffic.
 */
export function readSoon(read: () => void, ms = 700): { soon(): void; cancel(): void } {
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    soon() {
      pending ??= setTimeout(() => {
        pending = undefined;
        read();
      }, ms);
    },
    cancel() {
      clearTimeout(pending);
      pending = undefined;
    },
  };
}
