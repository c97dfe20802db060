import type { PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { validationFailed } from './api-error';

/** Validates and normalises a request part against a zod schema; every bad field is named. */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ZodType<T>,
    /** Where the value sits: the prefix of each field's name in the details. */
    private readonly part: 'body' | 'query' | `path.${string}` = 'body',
  ) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw validationFailed(
      parsed.error.issues.map((issue) => `${[this.part, ...issue.path].join('.')}: ${issue.message}`),
    );
  }
}
