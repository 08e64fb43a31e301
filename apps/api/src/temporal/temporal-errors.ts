import { isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode } from '@baton/contracts';
import { UpdateRejection } from '@baton/workflows';
import { ApiError } from '../common/api-error';

/** gRPC status codes Temporal answers with (grpc/status.proto). */
const GrpcStatus = { DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

const REJECTIONS: Record<UpdateRejection, [number, ErrorCode]> = {
  [UpdateRejection.ConversationClosed]: [409, ErrorCode.ConversationClosed],
  [UpdateRejection.TaskNotFound]: [404, ErrorCode.TaskNotFound],
  [UpdateRejection.TaskAlreadyClaimed]: [409, ErrorCode.TaskAlreadyClaimed],
  [UpdateRejection.TaskNotClaimedByAgent]: [409, ErrorCode.TaskNotClaimedByAgent],
  [UpdateRejection.TaskClosed]: [409, ErrorCode.TaskClosed],
  [UpdateRejection.TaskReserved]: [409, ErrorCode.TaskReserved],
  [UpdateRejection.TaskNotOffered]: [409, ErrorCode.TaskNotOffered],
  [UpdateRejection.AgentNotEligible]: [403, ErrorCode.AgentNotEligible],
  [UpdateRejection.AgentAtCapacity]: [409, ErrorCode.AgentAtCapacity],
};

const grpcCode = (error: unknown): number | undefined => {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (isGrpcServiceError(cause)) return cause.code;
  }
  return undefined;
};

/** The rejection type of a refused update, if the error is one. */
export function updateRejection(error: unknown): UpdateRejection | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type as UpdateRejection;
    return type in REJECTIONS ? type : undefined;
  }
  return undefined;
}

/**
 * Maps what Temporal answers to what the API answers: refused updates to 404/409 with their
 * code, the per-workflow limit of updates in flight to a retryable 429, an unreachable server
 * to 503. Anything else is rethrown as it is.
 */
export function toApiError(error: unknown): unknown {
  const rejection = updateRejection(error);
  if (rejection) {
    const [status, code] = REJECTIONS[rejection];
    return new ApiError(status, code, (error as WorkflowUpdateFailedError).cause!.message);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ApiError(404, ErrorCode.ConversationNotFound, 'the conversation is no longer running');
  }
  switch (grpcCode(error)) {
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return new ApiError(429, ErrorCode.Busy, 'too many concurrent requests for this conversation; retry shortly', { retryAfter: 1 });
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new ApiError(503, ErrorCode.Unavailable, 'the workflow service is unavailable; retry shortly', { retryAfter: 2 });
    default:
      return error;
  }
}
