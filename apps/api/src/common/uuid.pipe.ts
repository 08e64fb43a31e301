import { type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@baton/contracts';
import { ApiError } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 404 naming the resource, never a database error. */
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly code: ErrorCode = ErrorCode.NotFound) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new ApiError(404, this.code, `no such id: ${value.slice(0, 64)}`);
    return value.toLowerCase();
  }
}
