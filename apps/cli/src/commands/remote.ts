import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FlowDetail, FlowSummary, FlowVersionView, PublishResult } from '@baton/contracts';
import { diffFlows, type FlowDiff, type FlowInput, flowContentHash, serializeFlow, validateFlow } from '@baton/flow';
import { ApiCallError, type ApiClient } from '../api-client';
import type { FlowFile } from '../flow-files';

const flowPath = (name: string) => `/flows/${encodeURIComponent(name)}`;

/** The hash the API gives a flow document: of the parsed flow, defaults filled in. */
export const localHash = (content: unknown) => {
  const parsed = validateFlow(content).flow;
  return parsed ? flowContentHash(parsed) : null;
};

async function detailOrNull(api: ApiClient, name: string): Promise<FlowDetail | null> {
  try {
    return await api.get<FlowDetail>(flowPath(name));
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 404) return null;
    throw error;
  }
}

export const listFlows = (api: ApiClient) => api.get<FlowSummary[]>('/flows');

export interface PushResult {
  name: string;
  file: string;
  outcome: 'created' | 'published' | 'unchanged';
  version: number;
}

/**
 * Publishes each file whose content differs from its flow's current version, creating flows that
 * do not exist yet. Pushing the same file twice makes one version: unchanged content is skipped
 * here, and the API itself refuses to version identical content twice.
 */
export async function pushFiles(api: ApiClient, files: FlowFile[], options: { author: string; message: string }): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const file of files) {
    const content = file.content as FlowInput;
    const hash = localHash(content);
    let detail = await detailOrNull(api, file.name);
    if (detail?.current && detail.current.contentHash === hash) {
      results.push({ name: file.name, file: file.path, outcome: 'unchanged', version: detail.current.version });
      continue;
    }
    if (!detail) {
      detail = await api.post<FlowDetail>('/flows', {
        name: file.name,
        kind: content.kind,
        ...(content.description ? { description: content.description } : {}),
        flow: content,
        author: options.author,
      });
    } else {
      const saved = await api.put<FlowDetail>(`${flowPath(file.name)}/draft`, {
        flow: content,
        baseRevision: detail.draftRevision,
        author: options.author,
      });
      detail = saved;
    }
    const published = await api.post<PublishResult>(`${flowPath(file.name)}/publish`, {
      message: options.message,
      author: options.author,
      baseRevision: detail.draftRevision,
    });
    results.push({
      name: file.name,
      file: file.path,
      outcome: !published.created ? 'unchanged' : detail.currentVersion === null ? 'created' : 'published',
      version: published.version.version,
    });
  }
  return results;
}

/** Writes the current version of each flow (all published flows by default) as `<dir>/<name>.flow.json`. */
export async function pullFlows(api: ApiClient, names: string[], dir: string): Promise<{ name: string; file: string; version: number }[]> {
  const summaries = await listFlows(api);
  const wanted = names.length ? names : summaries.filter((flow) => flow.currentVersion !== null).map((flow) => flow.name);
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const name of wanted) {
    const summary = summaries.find((flow) => flow.name === name);
    if (!summary) throw new Error(`no flow named ${name}`);
    if (summary.currentVersion === null) throw new Error(`${name} has never been published`);
    const version = await api.get<FlowVersionView>(`${flowPath(name)}/versions/${summary.currentVersion}`);
    const file = path.join(dir, `${name}.flow.json`);
    writeFileSync(file, serializeFlow(version.content as unknown as FlowInput));
    written.push({ name, file, version: version.version });
  }
  return written;
}

/** The structural diff from a flow's current version to a local file (nothing published: all added). */
export async function diffFile(api: ApiClient, file: FlowFile): Promise<{ name: string; version: number | null; diff: FlowDiff }> {
  const detail = await detailOrNull(api, file.name);
  const local = (validateFlow(file.content).flow ?? file.content) as FlowInput;
  if (!detail?.current) {
    const empty = { ...local, nodes: [], edges: [] } as FlowInput;
    return { name: file.name, version: null, diff: diffFlows(empty, local) };
  }
  const published = await api.get<FlowVersionView>(`${flowPath(file.name)}/versions/${detail.current.version}`);
  // Versions are stored as written; compare both sides parsed, defaults filled in.
  const before = (validateFlow(published.content).flow ?? published.content) as FlowInput;
  return { name: file.name, version: published.version, diff: diffFlows(before, local) };
}
