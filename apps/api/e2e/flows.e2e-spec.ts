import { randomUUID } from 'node:crypto';
import { edgeId } from '@baton/flow';
import { smallPolicyFlow } from '@baton/flow/testing';
import { api, platform, sql } from './support/platform-client';

type Doc = Record<string, any>;

/** A valid conversation policy: sensitive topics go to `queue`, else an AI answer. */
const policy = (id: string, queue = 'care', extra: Doc = {}): Doc => ({ ...smallPolicyFlow(id, queue), ...extra });

/** The policy with an escalate node that has no queue, a node of an unknown type and a dangling edge. */
const broken = (id: string): Doc => {
  const flow = policy(id, '');
  flow.nodes.push({ id: 'mystery', type: 'teleport', position: { x: 0, y: 300 }, config: {} });
  flow.edges.push({ id: edgeId('done', 'next', 'nowhere'), source: 'done', sourcePort: 'next', target: 'nowhere' });
  return flow;
};

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function createFlow(name: string, flow: Doc = policy(name)) {
  const created = await api('POST', '/flows', { name, kind: 'conversation', description: 'e2e', flow });
  expect(created.status).toBe(201);
  return created.body;
}

async function saveDraft(name: string, flow: Doc, author = 'designer-1') {
  const { draftRevision } = (await api('GET', `/flows/${name}`)).body;
  const saved = await api('PUT', `/flows/${name}/draft`, { flow, baseRevision: draftRevision, author });
  expect(saved.status).toBe(200);
  return saved.body;
}

const publish = (name: string, message = 'publish', author = 'designer-1', extra: Doc = {}) =>
  api('POST', `/flows/${name}/publish`, { message, author, ...extra });

const versionCount = async (name: string) =>
  (await sql(`SELECT count(*)::int AS count FROM flow_versions v JOIN flows f ON f.id = v.flow_id WHERE f.name = $1`, [name]))[0].count;

describe('flows: drafts', () => {
  it('creates a flow with its draft, unpublished, and refuses a second flow of the same name', async () => {
    const name = uniqueName('create');
    const created = await createFlow(name);
    expect(created).toMatchObject({
      name,
      kind: 'conversation',
      description: 'e2e',
      currentVersion: null,
      draftRevision: 1,
      hasUnpublishedChanges: true,
      current: null,
      draft: { id: name },
    });

    const again = await api('POST', '/flows', { name, kind: 'outreach' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FLOW_EXISTS');

    const listed = await api('GET', '/flows');
    expect(listed.status).toBe(200);
    expect(listed.body.find((flow: Doc) => flow.name === name)).toMatchObject({ currentVersion: null, hasUnpublishedChanges: true, draftRevision: 1 });
  });

  it('starts a flow without a given draft from a valid start-to-end skeleton', async () => {
    const name = uniqueName('starter');
    expect((await api('POST', '/flows', { name, kind: 'conversation' })).status).toBe(201);
    const validated = await api('POST', `/flows/${name}/validate`);
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ valid: true, problems: [] });
  });

  it.each([
    ['a name that is not a slug', { name: 'Care Policy', kind: 'conversation' }, 'INVALID_FIELD', 'name'],
    ['an unknown kind', { name: 'ok-name', kind: 'chat' }, 'INVALID_FIELD', 'kind'],
    ['a missing kind', { name: 'ok-name-2' }, 'MISSING_FIELD', 'kind'],
    ['a flow that is not an object', { name: 'ok-name-3', kind: 'conversation', flow: [1] }, 'INVALID_FIELD', 'flow'],
  ])('refuses to create a flow with %s, storing nothing', async (_case, body, code, field) => {
    const answer = await api('POST', '/flows', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code, field })]));
    expect((await sql(`SELECT count(*)::int AS count FROM flows WHERE name = $1`, [(body as Doc).name]))[0].count).toBe(0);
  });

  it('saves a draft at the loaded revision and refuses a stale save with 409 and what changed', async () => {
    const name = uniqueName('draft');
    await createFlow(name);

    const first = await api('PUT', `/flows/${name}/draft`, { flow: policy(name, 'first-queue'), baseRevision: 1, author: 'ana' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ draftRevision: 2, draftUpdatedBy: 'ana', draft: { nodes: expect.any(Array) } });

    // A second editor loaded revision 1 too and saves over it.
    const stale = await api('PUT', `/flows/${name}/draft`, { flow: policy(name, 'second-queue'), baseRevision: 1, author: 'bob' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'DRAFT_CONFLICT',
      conflict: {
        currentRevision: 2,
        updatedBy: 'ana',
        diff: { identical: false, nodes: { changed: [{ id: 'care', changes: [{ path: 'config.queue', before: 'second-queue', after: 'first-queue' }] }] } },
      },
    });

    const detail = (await api('GET', `/flows/${name}`)).body;
    expect(detail.draftRevision).toBe(2);
    expect(detail.draftUpdatedBy).toBe('ana');
    expect(detail.draft.nodes.find((node: Doc) => node.id === 'care').config.queue).toBe('first-queue');

    const missingRevision = await api('PUT', `/flows/${name}/draft`, { flow: policy(name), author: 'bob' });
    expect(missingRevision.status).toBe(400);
    expect(missingRevision.body.error.details).toEqual([expect.objectContaining({ code: 'MISSING_FIELD', field: 'baseRevision' })]);
  });
});

describe('flows: validation and publishing', () => {
  it('validates the draft or a given flow, naming the node and field of every problem', async () => {
    const name = uniqueName('validate');
    await createFlow(name, broken(name));

    const ofDraft = await api('POST', `/flows/${name}/validate`, {});
    expect(ofDraft.status).toBe(200);
    expect(ofDraft.body.valid).toBe(false);
    expect(ofDraft.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown_node_type', nodeId: 'mystery' }),
        expect.objectContaining({ code: 'edge_target_missing', edgeId: 'done:next->nowhere' }),
        expect.objectContaining({ nodeId: 'care', field: expect.stringContaining('queue') }),
      ]),
    );

    const ofBody = await api('POST', `/flows/${name}/validate`, { flow: policy(name) });
    expect(ofBody.body).toMatchObject({ valid: true, problems: [], contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const otherKind = await api('POST', `/flows/${name}/validate`, { flow: { ...policy(name), kind: 'outreach' } });
    expect(otherKind.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'invalid_flow', field: 'kind' })]));
    expect((await api('GET', `/flows/${name}`)).body.draftRevision).toBe(1);
  });

  it('refuses to publish an invalid draft with every problem, changing nothing', async () => {
    const name = uniqueName('invalid');
    await createFlow(name, broken(name));

    const refused = await publish(name, 'try');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('FLOW_INVALID');
    expect(refused.body.error.problems.length).toBeGreaterThanOrEqual(3);
    expect(refused.body.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unknown_node_type', nodeId: 'mystery' })]));
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'FLOW_INVALID', field: expect.stringMatching(/^nodes\.mystery/) })]));

    expect(await versionCount(name)).toBe(0);
    expect((await api('GET', `/flows/${name}`)).body).toMatchObject({ currentVersion: null, current: null });
    expect((await api('GET', `/flows/${name}/versions`)).body).toEqual([]);
  });

  it('publishes a valid draft as version 1, and the same content again makes no new version', async () => {
    const name = uniqueName('publish');
    await createFlow(name);

    const published = await publish(name, 'First policy', 'ana');
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      created: true,
      version: { name, version: 1, author: 'ana', message: 'First policy', rollbackOf: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(published.body.version.content).toMatchObject({ id: name, kind: 'conversation' });
    expect(Object.keys(published.body.version.content)).toEqual(['id', 'name', 'kind', 'variables', 'nodes', 'edges']);
    // Stored as written (no defaults filled in), so a flow file pulled back is the file that was pushed.
    expect(published.body.version.content.nodes.find((node: Doc) => node.id === 'classify').config).toEqual({ intentFloor: 0.5 });

    const detail = (await api('GET', `/flows/${name}`)).body;
    expect(detail).toMatchObject({ currentVersion: 1, hasUnpublishedChanges: false, lastPublishedBy: 'ana', current: { version: 1 } });
    expect(detail.draftHash).toBe(published.body.version.contentHash);

    const again = await publish(name, 'Nothing changed', 'bob');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { version: 1, author: 'ana', message: 'First policy' } });

    // The same flow with keys and lists in another order is the same content.
    const shuffled = policy(name);
    const reordered = { edges: [...shuffled.edges].reverse(), nodes: [...shuffled.nodes].reverse(), variables: [], kind: 'conversation', name, id: name };
    await saveDraft(name, reordered);
    expect((await api('GET', `/flows/${name}`)).body.hasUnpublishedChanges).toBe(false);
    expect((await publish(name, 'Reordered')).status).toBe(200);
    expect(await versionCount(name)).toBe(1);

    const pinned = await api('GET', `/flows/${name}/versions/1`);
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ version: 1, contentHash: published.body.version.contentHash, content: published.body.version.content });
  });

  it('refuses a publish whose base revision is stale', async () => {
    const name = uniqueName('stale-publish');
    await createFlow(name);
    await saveDraft(name, policy(name, 'moved-on'));
    const refused = await publish(name, 'Reviewed revision 1', 'ana', { baseRevision: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'DRAFT_CONFLICT', conflict: { currentRevision: 2 } });
    expect(await versionCount(name)).toBe(0);
    expect((await publish(name, 'Reviewed revision 2', 'ana', { baseRevision: 2 })).status).toBe(201);
  });

  it('refuses a publish without a message or author, changing nothing', async () => {
    const name = uniqueName('publish-input');
    await createFlow(name);
    const answer = await api('POST', `/flows/${name}/publish`, { message: '' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((detail: Doc) => detail.field).sort()).toEqual(['author', 'message']);
    expect(await versionCount(name)).toBe(0);
  });
});

describe('flows: concurrency', () => {
  it('five simultaneous publishes of one draft make exactly one version', async () => {
    const name = uniqueName('race-same');
    await createFlow(name);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => publish(name, `racer ${i}`, `racer-${i}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.body.version.version))).toEqual(new Set([1]));
    expect(await versionCount(name)).toBe(1);
  });

  it('five publishers racing with different drafts get consecutive versions, each with its own content', async () => {
    const name = uniqueName('race-diff');
    await createFlow(name);
    expect((await publish(name, 'base')).status).toBe(201);

    // Each publisher saves its own draft and publishes exactly that revision, retrying when another got in between.
    const publisher = async (i: number) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const { draftRevision } = (await api('GET', `/flows/${name}`)).body;
        const saved = await api('PUT', `/flows/${name}/draft`, { flow: policy(name, `queue-${i}`), baseRevision: draftRevision, author: `designer-${i}` });
        if (saved.status === 409) continue;
        expect(saved.status).toBe(200);
        const published = await publish(name, `message ${i}`, `designer-${i}`, { baseRevision: saved.body.draftRevision });
        if (published.status === 409) continue;
        expect(published.status).toBe(201);
        return published.body.version;
      }
      throw new Error(`publisher ${i} never got through`);
    };
    const versions = await Promise.all([0, 1, 2, 3, 4].map(publisher));

    expect(versions.map((version) => version.version).sort()).toEqual([2, 3, 4, 5, 6]);
    const listed = (await api('GET', `/flows/${name}/versions`)).body as Doc[];
    expect(listed.map((version) => version.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(new Set(listed.map((version) => version.contentHash)).size).toBe(6);
    expect(listed.map((version) => version.message).sort()).toEqual(['base', 'message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
    expect((await api('GET', `/flows/${name}`)).body.currentVersion).toBe(6);
  });

  it('simultaneous publishes and rollbacks never produce duplicate or missing version numbers', async () => {
    const name = uniqueName('race-mixed');
    await createFlow(name);
    await publish(name, 'v1');
    await saveDraft(name, policy(name, 'other'));
    await publish(name, 'v2');
    const answers = await Promise.all([
      ...Array.from({ length: 3 }, (_, i) => api('POST', `/flows/${name}/rollback`, { version: 1 + (i % 2), author: `r-${i}` })),
      ...Array.from({ length: 3 }, (_, i) => publish(name, `p-${i}`)),
    ]);
    for (const answer of answers) expect([200, 201]).toContain(answer.status);
    const numbers = ((await api('GET', `/flows/${name}/versions`)).body as Doc[]).map((version) => version.version).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    // Consecutive versions never repeat the same content.
    const listed = (await api('GET', `/flows/${name}/versions`)).body as Doc[];
    for (let i = 1; i < listed.length; i++) expect(listed[i].contentHash).not.toBe(listed[i - 1].contentHash);
  });
});

describe('flows: rollback, diff and immutability', () => {
  it('rolls back by republishing an earlier version as a new current version, and diffs versions', async () => {
    const name = uniqueName('rollback');
    await createFlow(name);
    const v1 = (await publish(name, 'v1', 'ana')).body.version;
    await saveDraft(name, policy(name, 'night-shift'));
    const v2 = (await publish(name, 'v2', 'ana')).body.version;
    expect(v2.version).toBe(2);

    const diff = await api('GET', `/flows/${name}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: 1,
      to: 2,
      diff: {
        identical: false,
        nodes: { added: [], removed: [], changed: [{ id: 'care', type: 'escalate', changes: [{ path: 'config.queue', before: 'care', after: 'night-shift' }] }] },
        edges: { added: [], removed: [], changed: [] },
      },
    });
    expect((await api('GET', `/flows/${name}/diff`)).body).toMatchObject({ from: 2, to: 'draft', diff: { identical: true } });

    const rolledBack = await api('POST', `/flows/${name}/rollback`, { version: 1, author: 'bob', message: 'night shift queue is not staffed' });
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body).toMatchObject({
      created: true,
      version: { version: 3, rollbackOf: 1, author: 'bob', message: 'night shift queue is not staffed', contentHash: v1.contentHash },
    });
    expect(rolledBack.body.version.content).toEqual(v1.content);
    const detail = (await api('GET', `/flows/${name}`)).body;
    expect(detail).toMatchObject({ currentVersion: 3, current: { version: 3, rollbackOf: 1 }, lastPublishedBy: 'bob' });
    // The draft still holds version 2's content: nothing a designer wrote is thrown away.
    expect(detail.hasUnpublishedChanges).toBe(true);

    // Rolling back to what is already current makes no new version.
    const again = await api('POST', `/flows/${name}/rollback`, { version: 1, author: 'bob' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { version: 3 } });

    const missing = await api('POST', `/flows/${name}/rollback`, { version: 9, author: 'bob' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('FLOW_VERSION_NOT_FOUND');
    expect(await versionCount(name)).toBe(3);
    expect((await api('GET', `/flows/${name}/diff?from=1&to=3`)).body.diff.identical).toBe(true);
  });

  it('keeps published versions immutable', async () => {
    const name = uniqueName('immutable');
    await createFlow(name);
    const v1 = (await publish(name, 'v1')).body.version;
    await expect(
      sql(`UPDATE flow_versions SET message = 'rewritten' WHERE flow_id = (SELECT id FROM flows WHERE name = $1)`, [name]),
    ).rejects.toThrow(/immutable/);

    await saveDraft(name, policy(name, 'changed'));
    await publish(name, 'v2');
    const stored = (await api('GET', `/flows/${name}/versions/1`)).body;
    expect(stored).toMatchObject({ version: 1, message: 'v1', contentHash: v1.contentHash, createdAt: v1.createdAt });
    expect(stored.content).toEqual(v1.content);
  });
});

describe('flows: not found, bad paths and authentication', () => {
  it.each([
    ['GET', '/flows/no-such-flow', 'FLOW_NOT_FOUND', undefined],
    ['GET', '/flows/no-such-flow/versions', 'FLOW_NOT_FOUND', undefined],
    ['GET', '/flows/no-such-flow/versions/1', 'FLOW_NOT_FOUND', undefined],
    ['PUT', '/flows/no-such-flow/draft', 'FLOW_NOT_FOUND', { flow: {}, baseRevision: 1, author: 'a' }],
    ['POST', '/flows/no-such-flow/validate', 'FLOW_NOT_FOUND', {}],
    ['POST', '/flows/no-such-flow/publish', 'FLOW_NOT_FOUND', { message: 'm', author: 'a' }],
    ['POST', '/flows/no-such-flow/rollback', 'FLOW_NOT_FOUND', { version: 1, author: 'a' }],
    ['GET', '/flows/no-such-flow/diff?from=1&to=2', 'FLOW_NOT_FOUND', undefined],
    ['GET', '/flows/Not_A_Slug', 'FLOW_NOT_FOUND', undefined],
    ['GET', `/flows/${'x'.repeat(70)}/versions`, 'FLOW_NOT_FOUND', undefined],
  ])('%s %s answers 404', async (method: string, path: string, code: string, body: Doc | undefined) => {
    const answer = await api(method, path, body);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe(code);
  });

  it('answers 404 for versions that do not exist and 400 for a bad diff query', async () => {
    const name = uniqueName('missing-version');
    await createFlow(name);
    for (const path of [`/flows/${name}/versions/1`, `/flows/${name}/versions/abc`, `/flows/${name}/versions/0`, `/flows/${name}/diff`, `/flows/${name}/diff?from=4`]) {
      const answer = await api('GET', path);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 404, 'FLOW_VERSION_NOT_FOUND']);
    }
    const badQuery = await api('GET', `/flows/${name}/diff?from=latest`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('documents every flow route in OpenAPI and refuses each without the token', async () => {
    const document = (await api('GET', '/docs/openapi.json', undefined, { token: null })).body as { paths: Record<string, Doc> };
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/flows'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(routes).toEqual(
      [
        'GET /flows',
        'POST /flows',
        'GET /flows/{name}',
        'GET /flows/{name}/versions',
        'GET /flows/{name}/versions/{version}',
        'PUT /flows/{name}/draft',
        'POST /flows/{name}/validate',
        'POST /flows/{name}/publish',
        'POST /flows/{name}/rollback',
        'GET /flows/{name}/diff',
      ].sort(),
    );
    const name = uniqueName('auth');
    await createFlow(name);
    for (const route of routes) {
      const [method, template] = route.split(' ');
      const path = template.replace('{name}', name).replace('{version}', '1');
      const anonymous = await api(method, path, method === 'GET' ? undefined : {}, { token: null });
      const forged = await api(method, path, method === 'GET' ? undefined : {}, { token: 'y'.repeat(40) });
      expect([route, anonymous.status, anonymous.body?.error?.code, forged.status]).toEqual([route, 401, 'UNAUTHENTICATED', 401]);
    }
    expect(platform.apiUrl).toBeTruthy();
  });
});
