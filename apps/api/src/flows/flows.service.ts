import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { randomUUID } from 'node:crypto';
import {
  type CreateFlow,
  ErrorCode,
  type FlowDetail,
  type FlowDiffQuery,
  type FlowDiffView,
  type FlowProblem,
  type FlowSummary,
  type FlowValidationResult,
  type FlowVersionView,
  type PublishFlow,
  type PublishResult,
  type RollbackFlow,
  type SaveDraft,
} from '@baton/contracts';
import { FlowEntity, FlowVersionEntity, missingIntentModel } from '@baton/db';
import { diffFlows, type Flow, type FlowKind } from '@baton/flow';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { DraftConflictError, FlowInvalidError } from './flow-errors';
import { canonicalContent, checkFlow, diffable, documentHash, starterFlow } from './flow-documents';

const DEFAULT_AUTHOR = 'api';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';

const versionView = (name: string, version: FlowVersionEntity, withContent: boolean): FlowVersionView => ({
  name,
  version: version.version,
  contentHash: version.contentHash,
  author: version.author,
  message: version.message,
  createdAt: version.createdAt.toISOString(),
  rollbackOf: version.rollbackOf,
  // jsonb does not keep key order; answer in the canonical order of the flow file format.
  ...(withContent ? { content: canonicalContent(version.content as never) } : {}),
});

const summaryView = (flow: FlowEntity, current: FlowVersionEntity | null): FlowSummary => ({
  name: flow.name,
  kind: flow.kind,
  description: flow.description,
  currentVersion: flow.currentVersion,
  lastPublishedBy: current?.author ?? null,
  lastPublishedAt: current?.createdAt.toISOString() ?? null,
  draftRevision: flow.draftRevision,
  draftUpdatedBy: flow.draftUpdatedBy,
  draftUpdatedAt: flow.draftUpdatedAt.toISOString(),
  hasUnpublishedChanges: !current || documentHash(flow.draft) !== current.contentHash,
  createdAt: flow.createdAt.toISOString(),
});

/**
 * Flows: drafts that designers edit, and immutable published versions. Publish and rollback lock the
 * flow's row, so concurrent publishes get consecutive versions and a content hash equal to the current
 * version's makes no new one.
 */
@Injectable()
export class FlowsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<FlowSummary[]> {
    const flows = await this.db.getRepository(FlowEntity).find({ order: { name: 'ASC' } });
    const current = await this.db
      .getRepository(FlowVersionEntity)
      .createQueryBuilder('v')
      .innerJoin(FlowEntity, 'f', 'f.id = v.flowId AND f.currentVersion = v.version')
      .getMany();
    const byFlow = new Map(current.map((version) => [version.flowId, version]));
    return flows.map((flow) => summaryView(flow, byFlow.get(flow.id) ?? null));
  }

  async create({ name, kind, description, flow, author }: CreateFlow): Promise<FlowDetail> {
    const now = new Date();
    const entity: FlowEntity = {
      id: randomUUID(),
      name,
      kind,
      description: description ?? null,
      draft: flow ?? starterFlow(name, kind),
      draftRevision: 1,
      draftUpdatedBy: author ?? DEFAULT_AUTHOR,
      draftUpdatedAt: now,
      currentVersion: null,
      createdAt: now,
    };
    try {
      await this.db.getRepository(FlowEntity).insert(entity as QueryDeepPartialEntity<FlowEntity>);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, ErrorCode.FlowExists, `a flow named ${name} already exists`);
      throw error;
    }
    return this.detail(name);
  }

  async detail(name: string): Promise<FlowDetail> {
    const flow = await this.find(this.db.manager, name);
    const current = flow.currentVersion === null ? null : await this.findVersion(this.db.manager, flow, flow.currentVersion);
    return {
      ...summaryView(flow, current),
      draft: flow.draft,
      draftHash: documentHash(flow.draft),
      current: current ? versionView(name, current, true) : null,
    };
  }

  async versions(name: string): Promise<FlowVersionView[]> {
    const flow = await this.find(this.db.manager, name);
    const versions = await this.db.getRepository(FlowVersionEntity).find({ where: { flowId: flow.id }, order: { version: 'DESC' } });
    return versions.map((version) => versionView(name, version, false));
  }

  async version(name: string, version: number): Promise<FlowVersionView> {
    const flow = await this.find(this.db.manager, name);
    return versionView(name, await this.findVersion(this.db.manager, flow, version), true);
  }

  /** The kind of a published flow, or null when no flow of that name has been published. */
  async publishedKind(name: string): Promise<FlowKind | null> {
    const flow = await this.db.getRepository(FlowEntity).findOneBy({ name });
    return flow && flow.currentVersion !== null ? flow.kind : null;
  }

  /** Saves the draft when it is still at `baseRevision`; otherwise 409 with what changed since. */
  async saveDraft(name: string, { flow: draft, baseRevision, author }: SaveDraft): Promise<FlowDetail> {
    await this.db.transaction(async (em) => {
      const flow = await this.find(em, name, true);
      if (flow.draftRevision !== baseRevision) {
        throw new DraftConflictError(`the draft of ${name} is at revision ${flow.draftRevision}, not ${baseRevision}: reload it and apply your changes again`, {
          currentRevision: flow.draftRevision,
          updatedBy: flow.draftUpdatedBy,
          updatedAt: flow.draftUpdatedAt.toISOString(),
          diff: diffFlows(diffable(draft), diffable(flow.draft)),
        });
      }
      const changes: Partial<FlowEntity> = { draft, draftRevision: flow.draftRevision + 1, draftUpdatedBy: author, draftUpdatedAt: new Date() };
      await em.update(FlowEntity, { id: flow.id }, changes as QueryDeepPartialEntity<FlowEntity>);
    });
    return this.detail(name);
  }

  /** Validates the given document, or the saved draft when none is given. */
  async validate(name: string, document?: unknown): Promise<FlowValidationResult> {
    const flow = await this.find(this.db.manager, name);
    const { valid, problems, contentHash } = checkFlow(document === undefined ? flow.draft : document, flow);
    return { valid, problems, contentHash };
  }

  /** `actor` is who asked (audited with the new version); null when Baton publishes its shipped flows. */
  async publish(name: string, { message, author, baseRevision }: PublishFlow, actor: Principal | null = null): Promise<PublishResult> {
    return this.db.transaction(async (em) => {
      const flow = await this.find(em, name, true);
      if (baseRevision !== undefined && flow.draftRevision !== baseRevision) {
        throw new DraftConflictError(`the draft of ${name} is at revision ${flow.draftRevision}, not ${baseRevision}: review it before publishing`, {
          currentRevision: flow.draftRevision,
          updatedBy: flow.draftUpdatedBy,
          updatedAt: flow.draftUpdatedAt.toISOString(),
        });
      }
      const checked = checkFlow(flow.draft, flow);
      if (!checked.valid || !checked.contentHash) {
        throw new FlowInvalidError(`the draft of ${name} has ${checked.problems.length} problem(s); nothing was published`, checked.problems);
      }
      const unknownModels = await this.unknownIntentModels(em, checked.flow!);
      if (unknownModels.length) {
        throw new FlowInvalidError(`the draft of ${name} names ${unknownModels.length} intent model(s) that cannot be used; nothing was published`, unknownModels);
      }
      // The version keeps the document as written (canonical order, no defaults added), so a flow file
      // pulled back from it is byte for byte the file that was pushed; the hash is of the parsed flow.
      const result = await this.freeze(em, flow, { content: canonicalContent(flow.draft as never), contentHash: checked.contentHash, author, message, rollbackOf: null });
      if (result.created) await this.audit.record(actor, 'flow.published', name, { version: result.version.version, author, message }, { manager: em });
      return result;
    });
  }

  /** Republishes an earlier version's content as a new current version marked as its rollback. */
  async rollback(name: string, { version, author, message }: RollbackFlow, actor: Principal): Promise<PublishResult> {
    return this.db.transaction(async (em) => {
      const flow = await this.find(em, name, true);
      const target = await this.findVersion(em, flow, version);
      const result = await this.freeze(em, flow, {
        content: target.content,
        contentHash: target.contentHash,
        author,
        message: message ?? `Roll back to version ${version}`,
        rollbackOf: version,
      });
      if (result.created) {
        await this.audit.record(actor, 'flow.rolled_back', name, { version: result.version.version, rollbackOf: version, author }, { manager: em });
      }
      return result;
    });
  }

  async diff(name: string, query: FlowDiffQuery): Promise<FlowDiffView> {
    const flow = await this.find(this.db.manager, name);
    const from = query.from ?? flow.currentVersion;
    if (from === null) {
      throw new ApiError(404, ErrorCode.FlowVersionNotFound, `${name} has no published version yet; name one with from=<version|draft>`);
    }
    const to = query.to ?? 'draft';
    const side = async (which: number | 'draft') =>
      diffable(which === 'draft' ? flow.draft : (await this.findVersion(this.db.manager, flow, which)).content);
    return { from, to, diff: diffFlows(await side(from), await side(to)) };
  }

  /**
   * Inside the publish transaction (flow row locked): makes a new version current, or answers with the
   * current version when its content hash is the same.
   */
  private async freeze(
    em: EntityManager,
    flow: FlowEntity,
    next: { content: Record<string, unknown>; contentHash: string; author: string; message: string; rollbackOf: number | null },
  ): Promise<PublishResult> {
    if (flow.currentVersion !== null) {
      const current = await this.findVersion(em, flow, flow.currentVersion);
      if (current.contentHash === next.contentHash) return { created: false, version: versionView(flow.name, current, true) };
    }
    const { max } = (await em
      .getRepository(FlowVersionEntity)
      .createQueryBuilder('v')
      .select('COALESCE(MAX(v.version), 0)', 'max')
      .where('v.flowId = :flowId', { flowId: flow.id })
      .getRawOne<{ max: number | string }>())!;
    const version: FlowVersionEntity = { flowId: flow.id, version: Number(max) + 1, createdAt: new Date(), ...next };
    await em.getRepository(FlowVersionEntity).insert(version as QueryDeepPartialEntity<FlowVersionEntity>);
    await em.update(FlowEntity, { id: flow.id }, { currentVersion: version.version });
    return { created: true, version: versionView(flow.name, version, true) };
  }

  /**
   * Classify nodes whose named intent model is not trained (or whose pinned version is not ready).
   * Flow validation cannot see the database, so publishing checks them: a conversation must not run a
   * flow whose classify node would silently fall back to keyword rules.
   */
  private async unknownIntentModels(em: EntityManager, flow: Flow): Promise<FlowProblem[]> {
    const problems: FlowProblem[] = [];
    for (const node of flow.nodes) {
      if (node.type !== 'classify' || !node.config.model) continue;
      const missing = await missingIntentModel(em, node.config.model);
      if (missing) problems.push({ code: 'unknown_model', nodeId: node.id, field: 'config.model', message: `${node.label ?? node.id}: ${missing.message}` });
    }
    return problems;
  }

  private async find(em: EntityManager, name: string, lock = false): Promise<FlowEntity> {
    const flow = await em.getRepository(FlowEntity).findOne({ where: { name }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!flow) throw new ApiError(404, ErrorCode.FlowNotFound, `no flow named ${name}`);
    return flow;
  }

  private async findVersion(em: EntityManager, flow: FlowEntity, version: number): Promise<FlowVersionEntity> {
    const found = await em.getRepository(FlowVersionEntity).findOneBy({ flowId: flow.id, version });
    if (!found) throw new ApiError(404, ErrorCode.FlowVersionNotFound, `${flow.name} has no version ${version}`);
    return found;
  }
}
