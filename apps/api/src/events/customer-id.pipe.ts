import { type PipeTransform } from '@nestjs/common';
import { ErrorCode, externalId } from '@baton/contracts';
import { ApiError } from '../common/api-error';

/** A customer id in a path: the same rules as in bodies, 400 otherwise. */
export class CustomerIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const result = externalId.safeParse(value);
    if (!result.success) {
      const message = `customerId ${result.error.issues[0]!.message}`;
      throw new ApiError(400, ErrorCode.InvalidField, message, { details: [{ code: ErrorCode.InvalidField, field: 'customerId', message }] });
    }
    return result.data;
  }
}
