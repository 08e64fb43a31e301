import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ApiErrorDetail, ErrorCode } from '@baton/contracts';

/** An error answered as `{ error: { code, message, details? } }` with the given HTTP status. */
export class ApiError extends HttpException {
  constructor(status: number, code: ErrorCode, message: string, extra: { details?: ApiErrorDetail[]; retryAfter?: number } = {}) {
    const body: ApiErrorBody = { error: { code, message, ...extra } };
    super(body, status);
  }

  static fromDetails(status: number, details: ApiErrorDetail[]): ApiError {
    return new ApiError(status, details[0].code, details[0].message, { details });
  }
}
