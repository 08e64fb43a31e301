import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ErrorCode, FLOW_NAME_PATTERN } from '@baton/contracts';
import { ApiError } from '../common/api-error';
import { ZodValidationPipe } from '../common/zod-validation.pipe';

/** A flow name in a path: anything but a slug is a 404, never a database query. */
export class FlowNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!FLOW_NAME_PATTERN.test(value)) throw new ApiError(404, ErrorCode.FlowNotFound, `no flow named ${value.slice(0, 64)}`);
    return value;
  }
}

/** A version number in a path: a positive integer, else a 404. */
export class FlowVersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(version) || version > 2_147_483_647) {
      throw new ApiError(404, ErrorCode.FlowVersionNotFound, `no version ${value.slice(0, 64)}`);
    }
    return version;
  }
}

/** A body that may be left out entirely (no content): validated as `{}` then. */
export class OptionalBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  private readonly inner: ZodValidationPipe<S>;
  constructor(schema: S) {
    this.inner = new ZodValidationPipe(schema);
  }

  transform(value: unknown): z.infer<S> {
    return this.inner.transform(value === undefined || value === '' ? {} : value);
  }
}
