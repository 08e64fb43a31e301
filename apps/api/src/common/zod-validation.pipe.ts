import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { describeIssues, ErrorCode } from '@baton/contracts';
import { ApiError } from './api-error';

/** Validates a body or query against a shared schema; every problem is reported with its code. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ApiError(400, ErrorCode.MalformedBody, 'expected a JSON object');
    }
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const details = describeIssues(result.error, value);
    const status = details.some((detail) => detail.code === ErrorCode.MessageTooLong) ? 413 : 400;
    throw ApiError.fromDetails(status, details);
  }
}
