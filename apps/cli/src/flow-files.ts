import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const FLOW_FILE_SUFFIX = '.flow.json';

export interface FlowFile {
  path: string;
  /** The flow's name: the file name without `.flow.json`; it must equal the flow's id. */
  name: string;
  /** The parsed JSON, or undefined when the file is not valid JSON. */
  content: unknown;
  parseError?: string;
}

/** Expands the given files and folders (default: ./flows) to the flow files they hold, sorted. */
export function findFlowFiles(targets: string[], cwd = process.cwd()): string[] {
  const roots = targets.length ? targets : ['flows'];
  const files = roots.flatMap((target) => {
    const full = path.resolve(cwd, target);
    if (!statSync(full, { throwIfNoEntry: false })) throw new Error(`${target}: no such file or folder`);
    return statSync(full).isDirectory()
      ? readdirSync(full)
          .filter((entry) => entry.endsWith(FLOW_FILE_SUFFIX))
          .map((entry) => path.join(full, entry))
      : [full];
  });
  return [...new Set(files)].sort();
}

export function readFlowFile(file: string): FlowFile {
  const name = path.basename(file).replace(/\.flow\.json$/, '').replace(/\.json$/, '');
  try {
    return { path: file, name, content: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    return { path: file, name, content: undefined, parseError: error instanceof Error ? error.message : String(error) };
  }
}
