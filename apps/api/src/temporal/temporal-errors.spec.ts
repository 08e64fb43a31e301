import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UpdateRejection } from '@baton/workflows';
import { ApiError } from '../common/api-error';
import { toApiError } from './temporal-errors';
import { apiRetryOptions, BUSY_ATTEMPTS } from './temporal.module';

const grpcError = (code: number) => Object.assign(new Error(`grpc ${code}`), { code, details: '', metadata: {} });
const rejected = (type: string) =>
  new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type, message: `refused: ${type}`, nonRetryable: true }));

const answer = (error: unknown) => {
  const mapped = toApiError(error);
  expect(mapped).toBeInstanceOf(ApiError);
  return { status: (mapped as ApiError).getStatus(), body: (mapped as ApiError).getResponse() as { error: Record<string, unknown> } };
};

describe('toApiError', () => {
  it('answers the limit of updates in flight as a retryable 429, never a 500', () => {
    const { status, body } = answer(grpcError(8));
    expect(status).toBe(429);
    expect(body.error).toMatchObject({ code: 'BUSY_RETRY', retryAfter: 1 });
  });

  it('finds the gRPC status in a wrapped cause', () => {
    expect(answer(Object.assign(new Error('wrapped'), { cause: grpcError(8) })).status).toBe(429);
  });

  it.each([14, 4])('answers an unreachable Temporal (gRPC %i) as 503', (code) => {
    expect(answer(grpcError(code))).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
  });

  it.each([
    [UpdateRejection.TaskAlreadyClaimed, 409, 'TASK_ALREADY_CLAIMED'],
    [UpdateRejection.TaskNotClaimedByAgent, 409, 'TASK_NOT_CLAIMED_BY_AGENT'],
    [UpdateRejection.TaskClosed, 409, 'TASK_CLOSED'],
    [UpdateRejection.TaskNotFound, 404, 'TASK_NOT_FOUND'],
    [UpdateRejection.ConversationClosed, 409, 'CONVERSATION_CLOSED'],
  ])('maps the %s rejection to %i', (type, status, code) => {
    expect(answer(rejected(type))).toMatchObject({ status, body: { error: { code, message: `refused: ${type}` } } });
  });

  it('answers a finished workflow as 404', () => {
    expect(answer(new WorkflowNotFoundError('gone', 'wf', undefined)).status).toBe(404);
  });

  it('leaves errors it does not know alone', () => {
    const unknown = new Error('boom');
    expect(toApiError(unknown)).toBe(unknown);
    expect(toApiError(rejected('SomethingElse'))).toBeInstanceOf(WorkflowUpdateFailedError);
  });
});

describe('apiRetryOptions', () => {
  const status = (code: number) => ({ code, details: '', metadata: {} }) as never;

  it('retries a busy workflow only briefly, so the caller gets a prompt 429', () => {
    const { retryableDecider } = apiRetryOptions();
    expect(retryableDecider(1, status(8))).toBe(true);
    expect(retryableDecider(BUSY_ATTEMPTS, status(8))).toBe(false);
  });

  it('keeps retrying an unavailable server as the SDK does', () => {
    expect(apiRetryOptions().retryableDecider(5, status(14))).toBe(true);
  });
});
