import { useCallback, useRef, useState } from 'react';
import type { CanvasGraph } from './canvas-model';

const HISTORY_LIMIT = 100;
/** Edits to the same thing within this window (typing in one field) undo as one step. */
const COALESCE_MS = 1000;

export interface FlowEditor {
  graph: CanvasGraph;
  /** Replaces the graph without an undo step (selection, measuring, drag frames). */
  setGraph(update: (graph: CanvasGraph) => CanvasGraph): void;
  /** Remembers the graph as it is now, so the next change can be undone. */
  checkpoint(key?: string): void;
  /** A change that can be undone: checkpoint, then update. */
  change(update: (graph: CanvasGraph) => CanvasGraph, key?: string): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  /** Replaces the graph and forgets the history (loading another draft). */
  reset(graph: CanvasGraph): void;
}

/**
 * The canvas graph with undo and redo. History holds whole graphs; graphs are immutable, so a step
 * costs one array of references, not a copy of every node.
 */
export function useFlowEditor(initial: CanvasGraph): FlowEditor {
  const [graph, setGraphState] = useState(initial);
  const [past, setPast] = useState<CanvasGraph[]>([]);
  const [future, setFuture] = useState<CanvasGraph[]>([]);
  const current = useRef(graph);
  current.current = graph;
  const last = useRef<{ key: string; at: number } | null>(null);

  const setGraph = useCallback((update: (graph: CanvasGraph) => CanvasGraph) => {
    setGraphState((previous) => {
      const next = update(previous);
      current.current = next;
      return next;
    });
  }, []);

  const checkpoint = useCallback((key?: string) => {
    const now = Date.now();
    if (key && last.current?.key === key && now - last.current.at < COALESCE_MS) {
      last.current.at = now;
      return;
    }
    last.current = key ? { key, at: now } : null;
    const snapshot = current.current;
    setPast((stack) => [...stack.slice(-(HISTORY_LIMIT - 1)), snapshot]);
    setFuture([]);
  }, []);

  const change = useCallback(
    (update: (graph: CanvasGraph) => CanvasGraph, key?: string) => {
      checkpoint(key);
      setGraph(update);
    },
    [checkpoint, setGraph],
  );

  const undo = useCallback(() => {
    if (!past.length) return;
    const previous = past[past.length - 1]!;
    last.current = null;
    setPast(past.slice(0, -1));
    setFuture([current.current, ...future]);
    current.current = previous;
    setGraphState(previous);
  }, [past, future]);

  const redo = useCallback(() => {
    if (!future.length) return;
    const [next, ...rest] = future;
    last.current = null;
    setFuture(rest);
    setPast([...past, current.current]);
    current.current = next!;
    setGraphState(next!);
  }, [past, future]);

  const reset = useCallback((next: CanvasGraph) => {
    last.current = null;
    setPast([]);
    setFuture([]);
    current.current = next;
    setGraphState(next);
  }, []);

  return { graph, setGraph, checkpoint, change, undo, redo, canUndo: past.length > 0, canRedo: future.length > 0, reset };
}
