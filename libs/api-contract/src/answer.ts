import type { z } from 'zod';

/** A value read from an answer: never modified, so every part of it is read-only. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The type of an answer the schema describes. */
export type Answer<S extends z.ZodType> = DeepReadonly<z.infer<S>>;
