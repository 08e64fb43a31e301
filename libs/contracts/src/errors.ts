/** Machine-readable codes returned in every API error body. */
export const ErrorCode = {
  MissingField: 'MISSING_FIELD',
  InvalidField: 'INVALID_FIELD',
  UnknownField: 'UNKNOWN_FIELD',
  UnknownChannel: 'UNKNOWN_CHANNEL',
  MessageEmpty: 'MESSAGE_EMPTY',
  MessageTooLong: 'MESSAGE_TOO_LONG',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  MalformedBody: 'MALFORMED_BODY',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  ConversationNotFound: 'CONVERSATION_NOT_FOUND',
  ConversationClosed: 'CONVERSATION_CLOSED',
  TaskNotFound: 'TASK_NOT_FOUND',
  TaskAlreadyClaimed: 'TASK_ALREADY_CLAIMED',
  TaskNotClaimable: 'TASK_NOT_CLAIMABLE',
  TaskNotClaimedByAgent: 'TASK_NOT_CLAIMED_BY_AGENT',
  TaskClosed: 'TASK_CLOSED',
  TaskReserved: 'TASK_RESERVED',
  TaskNotOffered: 'TASK_NOT_OFFERED',
  AgentNotFound: 'AGENT_NOT_FOUND',
  AgentNotEligible: 'AGENT_NOT_ELIGIBLE',
  AgentAtCapacity: 'AGENT_AT_CAPACITY',
  QueueNotFound: 'QUEUE_NOT_FOUND',
  QueueInUse: 'QUEUE_IN_USE',
  CannedResponseNotFound: 'CANNED_RESPONSE_NOT_FOUND',
  UserNotFound: 'USER_NOT_FOUND',
  UserExists: 'USER_EXISTS',
  ApiKeyNotFound: 'API_KEY_NOT_FOUND',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  RateLimited: 'RATE_LIMITED',
  FlowNotFound: 'FLOW_NOT_FOUND',
  FlowExists: 'FLOW_EXISTS',
  FlowInvalid: 'FLOW_INVALID',
  FlowVersionNotFound: 'FLOW_VERSION_NOT_FOUND',
  FlowNotPublished: 'FLOW_NOT_PUBLISHED',
  NoOutreachFlow: 'NO_OUTREACH_FLOW',
  SignatureInvalid: 'SIGNATURE_INVALID',
  CampaignNotFound: 'CAMPAIGN_NOT_FOUND',
  CampaignExists: 'CAMPAIGN_EXISTS',
  DraftConflict: 'DRAFT_CONFLICT',
  Busy: 'BUSY_RETRY',
  Unavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_ERROR',
  KnowledgeBaseNotFound: 'KNOWLEDGE_BASE_NOT_FOUND',
  KnowledgeArticleNotFound: 'KNOWLEDGE_ARTICLE_NOT_FOUND',
  NluModelNotFound: 'NLU_MODEL_NOT_FOUND',
  NluModelVersionNotFound: 'NLU_MODEL_VERSION_NOT_FOUND',
  NluModelVersionNotReady: 'NLU_MODEL_VERSION_NOT_READY',
  NluTrainingFailed: 'NLU_TRAINING_FAILED',
  NluTrainingInProgress: 'NLU_TRAINING_IN_PROGRESS',
  NluEncoderMissing: 'NLU_ENCODER_MISSING',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiErrorDetail {
  code: ErrorCode;
  field?: string;
  message: string;
}

/** The body of every 4xx/5xx answer. `code` and `message` repeat the first detail. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: ApiErrorDetail[];
    /** Seconds after which a retry may succeed (BUSY_RETRY, SERVICE_UNAVAILABLE). */
    retryAfter?: number;
  };
}
