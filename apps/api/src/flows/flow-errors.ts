import { HttpException } from '@nestjs/common';
import { type DraftConflict, type DraftConflictBody, ErrorCode, type FlowInvalidBody, type FlowProblem } from '@baton/contracts';

/** 409 DRAFT_CONFLICT: the draft moved on since the editor loaded it; the body says how. */
export class DraftConflictError extends HttpException {
  constructor(message: string, conflict: DraftConflict) {
    const body: DraftConflictBody = { error: { code: ErrorCode.DraftConflict, message, conflict } };
    super(body, 409);
  }
}

const problemField = (problem: FlowProblem): string | undefined => {
  if (problem.nodeId) return `nodes.${problem.nodeId}${problem.field ? `.${problem.field}` : ''}`;
  if (problem.edgeId) return `edges.${problem.edgeId}${problem.field ? `.${problem.field}` : ''}`;
  return problem.field;
};

/** 422 FLOW_INVALID with every problem: as details (field = node path) and as the validator's own problems. */
export class FlowInvalidError extends HttpException {
  constructor(message: string, problems: FlowProblem[]) {
    const details = problems.map((problem) => {
      const field = problemField(problem);
      return { code: ErrorCode.FlowInvalid, ...(field ? { field } : {}), message: problem.message };
    });
    const body: FlowInvalidBody = { error: { code: ErrorCode.FlowInvalid, message, details, problems } };
    super(body, 422);
  }
}
