import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { type ApiErrorBody, ErrorCode } from '@baton/contracts';
import { redactPii } from '@baton/nlu';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.MalformedBody,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.Busy,
  503: ErrorCode.Unavailable,
};

/**
 * Every error leaves as ApiErrorBody; unexpected ones are logged and answered without internals. The
 * log line goes through `redactPii`: an error's message may quote what it failed on (a customer's
 * message, an address), and logs are kept and read far more widely than the transcript.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const bodyParserStatus = (exception as { status?: number; type?: string }).type ? (exception as { status: number }).status : undefined;
    const status = exception instanceof HttpException ? exception.getStatus() : (bodyParserStatus ?? 500);
    let body: ApiErrorBody;
    const given = exception instanceof HttpException ? exception.getResponse() : undefined;
    if (given && typeof given === 'object' && 'error' in given && typeof (given as ApiErrorBody).error === 'object') {
      body = given as ApiErrorBody;
    } else if (status < 500) {
      const message = bodyParserStatus === 413 ? 'request body is too large' : exception instanceof Error ? exception.message : 'bad request';
      body = { error: { code: STATUS_CODES[status] ?? ErrorCode.MalformedBody, message } };
    } else {
      this.logger.error(redactPii((exception instanceof Error ? exception.stack : undefined) ?? String(exception)).text);
      body = { error: { code: ErrorCode.Internal, message: 'internal error' } };
    }
    if (body.error.retryAfter) response.setHeader('retry-after', String(body.error.retryAfter));
    response.status(status).json(body);
  }
}
