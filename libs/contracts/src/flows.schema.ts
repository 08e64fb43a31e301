import { z } from 'zod';
import { type FlowDiff, flowKindSchema, type FlowKind, type Problem } from '@baton/flow';
import type { ApiErrorBody } from './errors';
import { externalId } from './text';

/** A flow's name: a slug used in URLs, flow files and the CLI. */
export const FLOW_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const flowName = z
  .string()
  .regex(FLOW_NAME_PATTERN, 'must be a slug: lowercase letters, digits and "-", starting with a letter or digit, at most 64 characters');

/** A flow document as the designer sends it: any JSON object, checked by the flow validator on validate and publish. */
export const flowDocument = z.record(z.string(), z.unknown());

const author = externalId;
const revision = z.number().int().min(1).max(2_147_483_647);
const versionNumber = z.number().int().min(1).max(2_147_483_647);
const publishMessage = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

export const createFlowSchema = z.strictObject({
  name: flowName,
  kind: flowKindSchema,
  description: z.string().max(2000, 'must be at most 2000 characters').optional(),
  /** The first draft; without it the draft is a start node leading to an end node. */
  flow: flowDocument.optional(),
  author: author.optional(),
});
export type CreateFlow = z.infer<typeof createFlowSchema>;

export const saveDraftSchema = z.strictObject({
  flow: flowDocument,
  /** The draft revision the editor loaded; a save over a newer revision is refused (409 DRAFT_CONFLICT). */
  baseRevision: revision,
  author,
});
export type SaveDraft = z.infer<typeof saveDraftSchema>;

export const validateFlowSchema = z.strictObject({
  /** A flow to check instead of the saved draft. */
  flow: z.unknown().optional(),
});
export type ValidateFlowRequest = z.infer<typeof validateFlowSchema>;

export const publishFlowSchema = z.strictObject({
  message: publishMessage,
  author,
  /** When given, the publish is refused (409 DRAFT_CONFLICT) unless the draft is still at this revision. */
  baseRevision: revision.optional(),
});
export type PublishFlow = z.infer<typeof publishFlowSchema>;

export const rollbackFlowSchema = z.strictObject({
  /** The earlier version whose content becomes current again (as a new version). */
  version: versionNumber,
  author,
  message: publishMessage.optional(),
});
export type RollbackFlow = z.infer<typeof rollbackFlowSchema>;

/** One side of a diff: a version number or the draft. */
const diffSide = z.union([z.literal('draft'), z.coerce.number().int().min(1).max(2_147_483_647)]);
export const flowDiffQuerySchema = z.strictObject({
  /** Defaults to the current version. */
  from: diffSide.optional(),
  /** Defaults to the draft. */
  to: diffSide.optional(),
});
export type FlowDiffQuery = z.infer<typeof flowDiffQuerySchema>;

export type { FlowDiff, FlowKind, Problem as FlowProblem };

/** A flow in a list: what is live and whether the draft differs from it. */
export interface FlowSummary {
  name: string;
  kind: FlowKind;
  description: string | null;
  /** The version new conversations take; null before the first publish. */
  currentVersion: number | null;
  lastPublishedBy: string | null;
  lastPublishedAt: string | null;
  draftRevision: number;
  draftUpdatedBy: string;
  draftUpdatedAt: string;
  /** True when the draft's content hash differs from the current version's (always true before a publish). */
  hasUnpublishedChanges: boolean;
  createdAt: string;
}

export interface FlowVersionView {
  name: string;
  version: number;
  contentHash: string;
  author: string;
  message: string;
  createdAt: string;
  /** The version this one republished, when it is a rollback. */
  rollbackOf: number | null;
  /** The flow as published, in canonical order; left out of version lists. */
  content?: Record<string, unknown>;
}

export interface FlowDetail extends FlowSummary {
  draft: Record<string, unknown>;
  /** Content hash of the draft as it would be published (parsed, canonical). */
  draftHash: string;
  current: FlowVersionView | null;
}

export interface FlowValidationResult {
  valid: boolean;
  /** Every problem at once, each naming the node (and field) it concerns. */
  problems: Problem[];
  /** The hash the flow would be published with, when it parses. */
  contentHash: string | null;
}

export interface PublishResult {
  /** False when the content equalled the current version's: no new version was made. */
  created: boolean;
  version: FlowVersionView;
}

export interface FlowDiffView {
  from: number | 'draft';
  to: number | 'draft';
  diff: FlowDiff;
}

/** What a refused save learns: the draft it would have overwritten, and how it differs from what was sent. */
export interface DraftConflict {
  currentRevision: number;
  updatedBy: string;
  updatedAt: string;
  /** From the flow that was sent to the saved draft: the changes the save would have overwritten (saves only). */
  diff?: FlowDiff;
}
export interface DraftConflictBody extends ApiErrorBody {
  error: ApiErrorBody['error'] & { conflict: DraftConflict };
}

/** The body of a 422 FLOW_INVALID answer: every problem in the flow. */
export interface FlowInvalidBody extends ApiErrorBody {
  error: ApiErrorBody['error'] & { problems: Problem[] };
}
