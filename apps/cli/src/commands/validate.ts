import path from 'node:path';
import { type Problem, validateFlow } from '@baton/flow';
import type { FlowFile } from '../flow-files';

export interface FileReport {
  file: string;
  name: string;
  valid: boolean;
  problems: Problem[];
}

/**
 * Validates flow files together, so that subflow nodes may refer to any flow among them, and
 * checks that each file is named after the flow's id.
 */
export function validateFiles(files: FlowFile[], cwd = process.cwd()): FileReport[] {
  const byId = Object.fromEntries(
    files.flatMap((file) => {
      const id = (file.content as { id?: unknown } | undefined)?.id;
      return typeof id === 'string' ? [[id, file.content]] : [];
    }),
  );
  return files.map((file) => {
    const relative = path.relative(cwd, file.path) || file.path;
    if (file.parseError) {
      return { file: relative, name: file.name, valid: false, problems: [{ code: 'invalid_flow', message: `not valid JSON: ${file.parseError}` } as Problem] };
    }
    const { problems } = validateFlow(file.content, { subflows: byId });
    const id = (file.content as { id?: unknown }).id;
    if (typeof id === 'string' && id !== file.name) {
      problems.push({ code: 'invalid_flow', field: 'id', message: `the file is named ${file.name} but the flow's id is ${id}; name the file ${id}.flow.json` } as Problem);
    }
    return { file: relative, name: file.name, valid: problems.length === 0, problems };
  });
}

export function formatReports(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`${report.valid ? 'ok     ' : 'INVALID'} ${report.file}`);
    for (const problem of report.problems) {
      const where = [problem.nodeId && `node ${problem.nodeId}`, problem.edgeId && `edge ${problem.edgeId}`, problem.field && `field ${problem.field}`]
        .filter(Boolean)
        .join(', ');
      lines.push(`        [${problem.code}]${where ? ` ${where}:` : ''} ${problem.message}`);
    }
  }
  const invalid = reports.filter((report) => !report.valid).length;
  lines.push(`${reports.length} flow file(s), ${invalid} invalid`);
  return lines.join('\n');
}
