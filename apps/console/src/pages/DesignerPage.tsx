import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type OnConnectEnd, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { ArrowLeft, History, LayoutGrid, MessagesSquare, Redo2, Save, SlidersHorizontal, Undo2, Upload } from 'lucide-react';
import type { DraftConflictBody, FlowDetail, FlowInvalidBody, FlowVersionView } from '@baton/contracts';
import {
  canConnect,
  compileFlow,
  diffFlows,
  type FlowDiff,
  type FlowInput,
  isNodeType,
  type NodeType,
  portsOf,
  type Problem,
  validateFlow,
  variablesWrittenBy,
  type FlowNode,
} from '@baton/flow';
import { ApiRequestError, storedAuthor } from '../api/api-client';
import { flowsApi } from '../api/flows-api';
import { autoArrange } from '../designer/auto-layout';
import {
  type CanvasEdge,
  type CanvasGraph,
  type CanvasNode,
  canvasToFlow,
  defaultConfig,
  estimatedSize,
  type FlowMeta,
  type FlowNodeData,
  flowToCanvas,
  graphRulesView,
  newNodeId,
  toCanvasEdge,
} from '../designer/canvas-model';
import { DiffView } from '../designer/DiffView';
import { FlowCanvas } from '../designer/FlowCanvas';
import { Inspector } from '../designer/Inspector';
import { NODE_DRAG_TYPE, Palette } from '../designer/Palette';
import { ReviewPanel } from '../designer/ReviewPanel';
import { TestChatPanel } from '../designer/TestChatPanel';
import { useFlowEditor } from '../designer/use-flow-editor';
import { ValidationPanel } from '../designer/ValidationPanel';
import { VersionsPanel } from '../designer/VersionsPanel';
import { Dialog } from '../ui/Dialog';
import { RequireToken } from '../ui/RequireToken';
import '@xyflow/react/dist/style.css';

const CLIPBOARD_KEY = 'baton.designer.clipboard';
const NO_PROBLEMS: Problem[] = [];
const VALIDATE_DELAY_MS = 150;

type SidePanel = 'inspector' | 'test' | 'versions' | 'review';
interface Trace {
  nodes: string[];
  edges: string[];
  current: string | null;
}
interface Checked {
  json: string;
  flow: FlowInput;
  problems: Problem[];
}
/** Why saving or publishing stopped to ask: someone else saved the draft, or published, meanwhile. */
type Warning =
  | { kind: 'draft'; updatedBy: string; updatedAt: string; currentRevision: number; diff: FlowDiff | null; then: 'save' | 'publish' }
  | { kind: 'published'; version: FlowVersionView; since: number | null; diff: FlowDiff; then: 'save' | 'publish' };

const emptyFlow = (meta: FlowMeta): FlowInput => ({ id: meta.id, name: meta.name, kind: meta.kind, variables: meta.variables, nodes: [], edges: [] });

/** Variables expressions may read: declared ones and those nodes write (read defensively from the canvas). */
function knownVariables(meta: FlowMeta, graph: CanvasGraph): Set<string> {
  const names = new Set(meta.variables.map((variable) => variable.name));
  for (const node of graph.nodes) {
    try {
      for (const name of variablesWrittenBy({ id: node.id, type: node.data.type, config: node.data.config } as FlowNode)) if (name) names.add(name);
    } catch {
      // A half-filled config writes nothing yet.
    }
  }
  return names;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Adds marker classes to nodes without making new objects for unmarked, unchanged ones. */
function useDecorated<T extends CanvasNode | CanvasEdge>(items: T[], classFor: (id: string) => string): T[] {
  const cache = useRef(new Map<string, { source: T; className: string; out: T }>());
  return useMemo(() => {
    const next = new Map<string, { source: T; className: string; out: T }>();
    const out = items.map((item) => {
      const className = classFor(item.id);
      if (!className) return item;
      const hit = cache.current.get(item.id);
      const decorated = hit && hit.source === item && hit.className === className ? hit.out : ({ ...item, className } as T);
      next.set(item.id, { source: item, className, out: decorated });
      return decorated;
    });
    cache.current = next;
    return out;
  }, [items, classFor]);
}

export function DesignerPage({ name }: { name: string }) {
  return (
    <RequireToken role="designer">
      <ReactFlowProvider>
        <Designer name={name} />
      </ReactFlowProvider>
    </RequireToken>
  );
}

function Designer({ name }: { name: string }) {
  const [detail, setDetail] = useState<FlowDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiRequestError | null>(null);

  useEffect(() => {
    flowsApi.get(name).then(setDetail, (caught: ApiRequestError) => setLoadError(caught));
  }, [name]);

  if (loadError?.status === 401) return <RequireToken reason="The API refused the token; paste the current one.">{null}</RequireToken>;
  if (loadError) {
    return (
      <section className="designer-message">
        <h1>{name}</h1>
        <p className="notice error">{loadError.status === 404 ? `There is no flow named "${name}".` : loadError.message}</p>
        <a href="/flows">Back to the flows</a>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="designer-message" role="status">
        <p className="muted">Loading {name}…</p>
      </section>
    );
  }
  return <Editor key={detail.draftRevision} initial={detail} />;
}

function Editor({ initial }: { initial: FlowDetail }) {
  const name = initial.name;
  const loaded = useMemo(() => flowToCanvas(initial.draft), [initial]);
  const [meta] = useState<FlowMeta>(loaded.meta);
  const editor = useFlowEditor(loaded.graph);
  const { graph, setGraph, checkpoint, change } = editor;
  const graphRef = useRef(graph);
  graphRef.current = graph;
  const flowInstance = useReactFlow<CanvasNode, CanvasEdge>();
  const canvasBox = useRef<HTMLDivElement>(null);

  /** What this editor started from: the draft revision and the live version when it was opened (or last saved). */
  const opened = useRef({ revision: initial.draftRevision, currentVersion: initial.currentVersion });
  const [liveVersion, setLiveVersion] = useState(initial.currentVersion);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(canvasToFlow(loaded.meta, loaded.graph)));
  // Validation starts a moment after the canvas is drawn, so a large flow shows without waiting for it.
  const [checked, setChecked] = useState<Checked | null>(null);
  const [pendingCheck, setPendingCheck] = useState(true);
  const [panel, setPanel] = useState<SidePanel>('inspector');
  const [toast, setToast] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  const [saving, setSaving] = useState(false);
  const [warning, setWarning] = useState<Warning | null>(null);
  const [review, setReview] = useState<{ diff: FlowDiff; currentVersion: number | null } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [trace, setTrace] = useState<Trace | null>(null);
  const [versions, setVersions] = useState<FlowVersionView[] | null>(null);
  const [versionsError, setVersionsError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ version: FlowVersionView; graph: CanvasGraph } | null>(null);
  const refusal = useRef<string | null>(null);

  const dirty = checked !== null && checked.json !== savedJson;
  const problems = checked?.problems ?? NO_PROBLEMS;

  // Live validation, a moment after the last change; selection and drag frames that change nothing are skipped.
  useEffect(() => {
    setPendingCheck(true);
    const timer = setTimeout(() => {
      const flow = canvasToFlow(meta, graph);
      const json = JSON.stringify(flow);
      setPendingCheck(false);
      setChecked((previous) => (previous?.json === json ? previous : { json, flow, problems: validateFlow(flow).problems }));
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [graph, meta]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), toast.tone === 'error' ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [toast]);

  // Compiled only while the test chat is open: hashing and compiling a large flow is work a plain edit does not need.
  const compiled = useMemo(
    () => (panel !== 'test' || !checked ? null : checked.problems.length ? { ok: false as const, problems: checked.problems } : compileFlow(checked.flow)),
    [checked, panel],
  );
  // Kept as the same Set while the names stay the same, so the inspector does not redraw on every drag frame.
  const variablesRef = useRef<Set<string>>(new Set());
  const variables = useMemo(() => {
    const next = knownVariables(meta, graph);
    const same = next.size === variablesRef.current.size && [...next].every((name) => variablesRef.current.has(name));
    if (!same) variablesRef.current = next;
    return variablesRef.current;
  }, [meta, graph]);

  // Canvas markers: problems, the review's diff, the test run's path.
  const problemNodes = useMemo(() => new Set(problems.flatMap((problem) => (problem.nodeId ? [problem.nodeId] : []))), [problems]);
  const diffMarks = useMemo(() => {
    const marks = new Map<string, string>();
    if (!review || panel !== 'review') return marks;
    for (const id of review.diff.nodes.added) marks.set(id, 'diff-added');
    for (const change of review.diff.nodes.changed) if (change.changes.some((c) => !c.path.startsWith('position.'))) marks.set(change.id, 'diff-changed');
    for (const id of review.diff.edges.added) marks.set(id, 'diff-added');
    return marks;
  }, [review, panel]);
  const traceNodes = useMemo(() => new Set(trace?.nodes ?? []), [trace]);
  const traceEdges = useMemo(() => new Set(trace?.edges ?? []), [trace]);
  const nodeClass = useCallback(
    (id: string) =>
      [
        problemNodes.has(id) ? 'has-problem' : '',
        diffMarks.get(id) ?? '',
        traceNodes.has(id) ? 'trace-visited' : '',
        trace?.current === id ? 'trace-current' : '',
      ]
        .filter(Boolean)
        .join(' '),
    [problemNodes, diffMarks, traceNodes, trace],
  );
  const edgeClass = useCallback((id: string) => [diffMarks.get(id) ?? '', traceEdges.has(id) ? 'trace-edge' : ''].filter(Boolean).join(' '), [diffMarks, traceEdges]);
  const nodes = useDecorated(viewing ? viewing.graph.nodes : graph.nodes, nodeClass);
  const edges = useDecorated(viewing ? viewing.graph.edges : graph.edges, edgeClass);

  const selected = (viewing ? viewing.graph : graph).nodes.filter((node) => node.selected);
  const selectedNode = selected.length === 1 ? selected[0]! : null;

  // Canvas handlers.
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      if (viewing) {
        const allowed = changes.filter((c) => c.type === 'select' || c.type === 'dimensions');
        setViewing((current) => current && { ...current, graph: { ...current.graph, nodes: applyNodeChanges(allowed, current.graph.nodes) } });
        return;
      }
      setGraph((current) => ({ ...current, nodes: applyNodeChanges(changes, current.nodes) }));
    },
    [setGraph, viewing],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      if (viewing) return;
      setGraph((current) => ({ ...current, edges: applyEdgeChanges(changes, current.edges) }));
    },
    [setGraph, viewing],
  );
  const isValidConnection = useCallback((connection: { source: string; sourceHandle?: string | null; target: string }) => {
    const check = canConnect(graphRulesView(graphRef.current), connection.source, connection.sourceHandle ?? 'next', connection.target);
    refusal.current = check.ok ? null : check.message;
    return check.ok;
  }, []);
  const onConnect = useCallback(
    (connection: { source: string; sourceHandle: string | null; target: string }) =>
      change((current) => ({ ...current, edges: [...current.edges, toCanvasEdge(connection.source, connection.sourceHandle ?? 'next', connection.target)] })),
    [change],
  );
  const onConnectEnd: OnConnectEnd = useCallback((_event, state) => {
    if (state.isValid === false && state.toNode && refusal.current) setToast({ text: `Not connected: ${refusal.current}`, tone: 'error' });
  }, []);
  const onBeforeDelete = useCallback(async () => {
    checkpoint();
    return true;
  }, [checkpoint]);

  const addNode = useCallback(
    (type: NodeType, position: { x: number; y: number }) => {
      change((current) => {
        const id = newNodeId(type, new Set(current.nodes.map((node) => node.id)));
        const config = defaultConfig(type, meta.kind);
        const node: CanvasNode = { id, type: 'flow', position, selected: true, ...estimatedSize(type, config), data: { type, config } };
        return { ...current, nodes: [...current.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), node] };
      });
      setPanel('inspector');
    },
    [change, meta.kind],
  );
  const addAtCentre = useCallback(
    (type: NodeType) => {
      const box = canvasBox.current?.getBoundingClientRect();
      const point = box ? flowInstance.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      addNode(type, { x: point.x - 110, y: point.y - 40 });
    },
    [addNode, flowInstance],
  );
  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!isNodeType(type)) return;
      const point = flowInstance.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(type, { x: point.x - 110, y: point.y - 30 });
    },
    [addNode, flowInstance],
  );

  const updateNode = useCallback(
    (id: string, data: FlowNodeData) =>
      change((current) => {
        // A switch case removed takes its output's connection with it.
        const ports = new Set(portsOf(data.type, data.config).map((port) => port.name));
        return {
          nodes: current.nodes.map((node) => (node.id === id ? { ...node, data } : node)),
          edges: current.edges.filter((edge) => edge.source !== id || ports.has(edge.sourceHandle ?? 'next')),
        };
      }, `node:${id}`),
    [change],
  );

  const selectNode = useCallback(
    (id: string) => {
      const update = (list: CanvasNode[]) => list.map((node) => (node.id === id ? (node.selected ? node : { ...node, selected: true }) : node.selected ? { ...node, selected: false } : node));
      if (viewing) setViewing((current) => current && { ...current, graph: { ...current.graph, nodes: update(current.graph.nodes) } });
      else setGraph((current) => ({ ...current, nodes: update(current.nodes) }));
      if (panel === 'versions' || panel === 'review') return;
      setPanel('inspector');
      void flowInstance.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.1 });
    },
    [setGraph, viewing, panel, flowInstance],
  );

  /** A click on a node shows its settings, unless the test chat or the review is what the person is reading. */
  const showNodeSettings = useCallback(() => setPanel((current) => (current === 'versions' ? 'inspector' : current)), []);

  const arrange = useCallback(() => {
    change((current) => ({ ...current, nodes: autoArrange(current) }));
    requestAnimationFrame(() => void flowInstance.fitView({ padding: 0.15, duration: 300 }));
  }, [change, flowInstance]);

  const copy = useCallback(() => {
    const chosen = graphRef.current.nodes.filter((node) => node.selected);
    if (!chosen.length) return;
    const ids = new Set(chosen.map((node) => node.id));
    const payload = {
      nodes: chosen.map((node) => ({ id: node.id, position: node.position, data: node.data })),
      edges: graphRef.current.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map((edge) => ({ source: edge.source, port: edge.sourceHandle ?? 'next', target: edge.target })),
    };
    sessionStorage.setItem(CLIPBOARD_KEY, JSON.stringify(payload));
    setToast({ text: `Copied ${chosen.length} node${chosen.length === 1 ? '' : 's'}`, tone: 'info' });
  }, []);

  const paste = useCallback(() => {
    const raw = sessionStorage.getItem(CLIPBOARD_KEY);
    if (!raw) return;
    const payload = JSON.parse(raw) as { nodes: Pick<CanvasNode, 'id' | 'position' | 'data'>[]; edges: { source: string; port: string; target: string }[] };
    change((current) => {
      const taken = new Set(current.nodes.map((node) => node.id));
      const ids = new Map<string, string>();
      const added: CanvasNode[] = payload.nodes
        .filter((node) => isNodeType(node.data.type) && !(node.data.type === 'start' && current.nodes.some((other) => other.data.type === 'start')))
        .map((node) => {
          const id = newNodeId(node.data.type, taken);
          taken.add(id);
          ids.set(node.id, id);
          return {
            id,
            type: 'flow',
            position: { x: node.position.x + 40, y: node.position.y + 40 },
            ...estimatedSize(node.data.type, node.data.config),
            data: node.data,
            selected: true,
          };
        });
      const edges = payload.edges.flatMap((edge) => (ids.has(edge.source) && ids.has(edge.target) ? [toCanvasEdge(ids.get(edge.source)!, edge.port, ids.get(edge.target)!)] : []));
      return {
        nodes: [...current.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...added],
        edges: [...current.edges, ...edges],
      };
    });
  }, [change]);

  // Saving and publishing, with the checks for someone else's save or publish in between.
  const publishedSince = useCallback(async (): Promise<Extract<Warning, { kind: 'published' }> | null> => {
    const fresh = await flowsApi.get(name);
    if (fresh.currentVersion === opened.current.currentVersion || !fresh.current) return null;
    const since = opened.current.currentVersion;
    const before = since === null ? emptyFlow(meta) : ((await flowsApi.version(name, since)).content as unknown as FlowInput);
    return { kind: 'published', version: fresh.current, since, diff: diffFlows(before, fresh.current.content as unknown as FlowInput), then: 'save' };
  }, [name, meta]);

  const save = useCallback(
    async (options: { force?: boolean; overwrite?: number } = {}): Promise<boolean> => {
      setSaving(true);
      try {
        if (!options.force) {
          const published = await publishedSince();
          if (published) {
            setWarning(published);
            return false;
          }
        }
        const flow = canvasToFlow(meta, graphRef.current);
        const saved = await flowsApi.saveDraft(name, { flow, baseRevision: options.overwrite ?? opened.current.revision, author: storedAuthor() });
        opened.current = { revision: saved.draftRevision, currentVersion: saved.currentVersion };
        setLiveVersion(saved.currentVersion);
        setSavedJson(JSON.stringify(flow));
        setToast({ text: `Draft saved (revision ${saved.draftRevision})`, tone: 'info' });
        return true;
      } catch (caught) {
        if (caught instanceof ApiRequestError && caught.code === 'DRAFT_CONFLICT') {
          const { conflict } = (caught.body as DraftConflictBody).error;
          setWarning({ kind: 'draft', ...conflict, diff: conflict.diff ?? null, then: 'save' });
        } else setToast({ text: `Not saved: ${(caught as Error).message}`, tone: 'error' });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [name, meta, publishedSince],
  );

  const openReview = useCallback(
    async (force = false) => {
      if (dirty && !(await save({ force }))) return;
      if (!force && !dirty) {
        const published = await publishedSince();
        if (published) return setWarning({ ...published, then: 'publish' });
      }
      const fresh = await flowsApi.get(name);
      opened.current = { revision: fresh.draftRevision, currentVersion: fresh.currentVersion };
      setLiveVersion(fresh.currentVersion);
      const before = fresh.current ? (fresh.current.content as unknown as FlowInput) : emptyFlow(meta);
      setReview({ diff: diffFlows(before, fresh.draft as unknown as FlowInput), currentVersion: fresh.currentVersion });
      setPanel('review');
    },
    [dirty, save, publishedSince, name, meta],
  );

  const publish = useCallback(
    async (message: string) => {
      setPublishing(true);
      try {
        const result = await flowsApi.publish(name, { message, author: storedAuthor(), baseRevision: opened.current.revision });
        opened.current = { ...opened.current, currentVersion: result.version.version };
        setLiveVersion(result.version.version);
        setVersions(null);
        setReview(null);
        setPanel('versions');
        setToast({ text: result.created ? `Published version ${result.version.version}` : `Version ${result.version.version} already has this content`, tone: 'info' });
      } catch (caught) {
        if (caught instanceof ApiRequestError && caught.code === 'FLOW_INVALID') {
          const problems = (caught.body as FlowInvalidBody).error.problems;
          setToast({ text: `Not published: ${problems.map((problem) => problem.message).join('; ')}`, tone: 'error' });
        } else if (caught instanceof ApiRequestError && caught.code === 'DRAFT_CONFLICT') {
          const { conflict } = (caught.body as DraftConflictBody).error;
          setWarning({ kind: 'draft', ...conflict, diff: null, then: 'publish' });
        } else setToast({ text: `Not published: ${(caught as Error).message}`, tone: 'error' });
      } finally {
        setPublishing(false);
      }
    },
    [name],
  );

  // Versions: list, open read-only, roll back.
  useEffect(() => {
    if (panel !== 'versions' || versions) return;
    flowsApi.versions(name).then(
      (list) => (setVersions(list), setVersionsError(null)),
      (caught: Error) => setVersionsError(caught.message),
    );
  }, [panel, versions, name]);

  const openVersion = useCallback(
    async (version: number) => {
      try {
        const view = await flowsApi.version(name, version);
        setViewing({ version: view, graph: flowToCanvas(view.content ?? {}).graph });
        requestAnimationFrame(() => void flowInstance.fitView({ padding: 0.15 }));
      } catch (caught) {
        setToast({ text: (caught as Error).message, tone: 'error' });
      }
    },
    [name, flowInstance],
  );

  const [rollingBack, setRollingBack] = useState(false);
  const rollback = useCallback(
    async (version: number) => {
      if (!window.confirm(`Make version ${version} live again? New conversations will follow it; your draft stays as it is.`)) return;
      setRollingBack(true);
      try {
        const result = await flowsApi.rollback(name, { version, author: storedAuthor() });
        opened.current = { ...opened.current, currentVersion: result.version.version };
        setLiveVersion(result.version.version);
        setVersions(null);
        setToast({ text: `Rolled back: version ${result.version.version} is live with the content of version ${version}`, tone: 'info' });
      } catch (caught) {
        setToast({ text: `Not rolled back: ${(caught as Error).message}`, tone: 'error' });
      } finally {
        setRollingBack(false);
      }
    },
    [name],
  );

  // Keyboard shortcuts; typing in a field keeps its own undo and copy.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        if (!viewing) void save();
        return;
      }
      if (isTyping(event.target) || viewing) return;
      if (key === 'z' && !event.shiftKey) editor.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') editor.redo();
      else if (key === 'c') copy();
      else if (key === 'v') paste();
      else if (key === 'a') setGraph((current) => ({ ...current, nodes: current.nodes.map((node) => (node.selected ? node : { ...node, selected: true })) }));
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [editor, copy, paste, save, setGraph, viewing]);

  const selectedId = selectedNode?.id ?? null;
  const nodeProblems = useMemo(() => (selectedId ? problems.filter((problem) => problem.nodeId === selectedId) : NO_PROBLEMS), [problems, selectedId]);

  return (
    <div className="designer">
      <header className="designer-toolbar">
        <a href="/flows" className="icon-link" aria-label="Back to the flows">
          <ArrowLeft size={18} aria-hidden="true" />
        </a>
        <h1>{meta.name}</h1>
        <span className="badge">{meta.kind}</span>
        <span className="muted small">{liveVersion ? `live: version ${liveVersion}` : 'never published'}</span>
        <span className={`save-state ${dirty ? 'unsaved' : 'saved'}`} data-testid="save-state">
          {dirty ? 'Unsaved changes' : 'All changes saved'}
        </span>
        <div className="toolbar-actions" role="toolbar" aria-label="Flow actions">
          <button type="button" className="button-secondary" onClick={editor.undo} disabled={!editor.canUndo || Boolean(viewing)} title="Undo (Ctrl+Z)" aria-label="Undo">
            <Undo2 size={16} aria-hidden="true" />
          </button>
          <button type="button" className="button-secondary" onClick={editor.redo} disabled={!editor.canRedo || Boolean(viewing)} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
            <Redo2 size={16} aria-hidden="true" />
          </button>
          <button type="button" className="button-secondary" onClick={arrange} disabled={Boolean(viewing)} title="Arrange the graph left to right">
            <LayoutGrid size={16} aria-hidden="true" /> Arrange
          </button>
          <button type="button" className="button-secondary" onClick={() => void save()} disabled={saving || Boolean(viewing) || !dirty} title="Save the draft (Ctrl+S)">
            <Save size={16} aria-hidden="true" /> {saving ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" onClick={() => void openReview()} disabled={Boolean(viewing) || saving} title="Review the changes and publish">
            <Upload size={16} aria-hidden="true" /> Review & publish
          </button>
        </div>
      </header>
      {viewing && (
        <div className="viewing-banner" role="status">
          Viewing version {viewing.version.version} (read-only): “{viewing.version.message}” by {viewing.version.author}.
          <button type="button" className="button-secondary small" onClick={() => setViewing(null)}>
            Back to the draft
          </button>
          {viewing.version.version !== liveVersion && (
            <button type="button" className="small" onClick={() => void rollback(viewing.version.version)} disabled={rollingBack}>
              Roll back to version {viewing.version.version}
            </button>
          )}
        </div>
      )}
      <div className="designer-body">
        {!viewing && <Palette kind={meta.kind} onAdd={addAtCentre} />}
        <div className="designer-centre">
          <div className="canvas-box" ref={canvasBox}>
            <FlowCanvas
              nodes={nodes}
              edges={edges}
              readOnly={Boolean(viewing)}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={isValidConnection}
              onNodeDragStart={checkpoint}
              onNodeClick={showNodeSettings}
              onBeforeDelete={onBeforeDelete}
              onDrop={onDrop}
            />
            {graph.nodes.length === 0 && !viewing && <p className="canvas-empty">Drag a node from the palette, or press Enter on one, to start.</p>}
          </div>
          {!viewing && <ValidationPanel problems={checked ? problems : null} checking={pendingCheck} onSelectNode={selectNode} />}
        </div>
        <aside className="side-panel">
          <div className="tabs" role="tablist" aria-label="Side panel">
            <button type="button" role="tab" aria-selected={panel === 'inspector'} onClick={() => setPanel('inspector')}>
              <SlidersHorizontal size={14} aria-hidden="true" /> Node
            </button>
            <button type="button" role="tab" aria-selected={panel === 'test'} onClick={() => setPanel('test')} disabled={Boolean(viewing)}>
              <MessagesSquare size={14} aria-hidden="true" /> Test chat
            </button>
            <button type="button" role="tab" aria-selected={panel === 'versions'} onClick={() => setPanel('versions')}>
              <History size={14} aria-hidden="true" /> Versions
            </button>
          </div>
          <div className="side-panel-body" role="tabpanel">
            {panel === 'inspector' &&
              (selectedNode ? (
                <Inspector
                  key={selectedNode.id}
                  nodeId={selectedNode.id}
                  data={selectedNode.data}
                  problems={viewing ? [] : nodeProblems}
                  variables={variables}
                  readOnly={Boolean(viewing)}
                  onChange={updateNode}
                />
              ) : (
                <div className="empty-state">
                  <p>{selected.length > 1 ? `${selected.length} nodes selected.` : 'Select a node to see and change its settings.'}</p>
                  <p className="muted small">
                    Shortcuts: Delete removes, Ctrl+C / Ctrl+V copy and paste, Ctrl+Z / Ctrl+Shift+Z undo and redo, Ctrl+A selects all, Shift-drag selects an
                    area, Ctrl+S saves.
                  </p>
                </div>
              ))}
            {panel === 'test' && compiled && !viewing && <TestChatPanel compiled={compiled} onTrace={setTrace} onSelectNode={selectNode} />}
            {panel === 'versions' && (
              <VersionsPanel
                versions={versions}
                error={versionsError}
                currentVersion={liveVersion}
                viewing={viewing?.version.version ?? null}
                busy={rollingBack}
                onOpen={(version) => void openVersion(version)}
                onRollback={(version) => void rollback(version)}
              />
            )}
            {panel === 'review' && review && (
              <ReviewPanel
                diff={review.diff}
                currentVersion={review.currentVersion}
                problems={problems}
                publishing={publishing}
                onPublish={(message) => void publish(message)}
                onCancel={() => setPanel('inspector')}
                onSelectNode={selectNode}
              />
            )}
          </div>
        </aside>
      </div>
      {toast && (
        <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          {toast.text}
        </div>
      )}
      {warning && (
        <Dialog title={warning.kind === 'draft' ? 'Someone else saved this draft' : `Version ${warning.version.version} was published meanwhile`} onClose={() => setWarning(null)}>
          {warning.kind === 'draft' ? (
            <>
              <p>
                {warning.updatedBy} saved revision {warning.currentRevision} at {new Date(warning.updatedAt).toLocaleString()}, after you opened this draft.
                {warning.diff ? ' Their draft differs from yours like this:' : ''}
              </p>
              {warning.diff && <DiffView diff={warning.diff} fromLabel="your draft" toLabel="their draft" />}
            </>
          ) : (
            <>
              <p>
                {warning.version.author} published version {warning.version.version} (“{warning.version.message}”) after you opened this draft. What they changed:
              </p>
              <DiffView diff={warning.diff} fromLabel={warning.since ? `version ${warning.since}` : 'nothing'} toLabel={`version ${warning.version.version}`} />
            </>
          )}
          <div className="button-row">
            <button
              type="button"
              onClick={() => {
                const current = warning;
                setWarning(null);
                if (current.kind === 'draft') void save({ force: true, overwrite: current.currentRevision }).then((ok) => {
                    if (ok && current.then === 'publish') void openReview(true);
                  });
                else {
                  opened.current = { ...opened.current, currentVersion: current.version.version };
                  if (current.then === 'publish') void openReview(true);
                  else void save({ force: true });
                }
              }}
            >
              {warning.kind === 'draft' ? 'Overwrite with my draft' : 'Continue with my draft'}
            </button>
            <button type="button" className="button-secondary" onClick={() => window.location.reload()}>
              Discard mine and load the latest
            </button>
            <button type="button" className="button-secondary" onClick={() => setWarning(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
