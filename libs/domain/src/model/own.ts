/**
 * A record's own entry for a key that came from outside, or undefined: names such as
 * `constructor` or `toString` must not find what every object inherits.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
