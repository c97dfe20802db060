/** Durations are milliseconds, the unit Temporal timers take. */
export const hours = (n: number): number => n * 60 * 60 * 1000;
export const days = (n: number): number => hours(24 * n);
