import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CreateKnowledgeArticle, createKnowledgeArticleSchema, describeIssues, knowledgeBaseName } from '@baton/contracts';

/** A knowledge base as shipped: `<name>.md` in the knowledge folder. */
export interface KnowledgeFile {
  knowledgeBase: string;
  /** The file's name inside the folder. */
  source: string;
  articles: CreateKnowledgeArticle[];
}

const HEADING = /^## +(.*)$/;
const TAGS = /^tags:(.*)$/i;

/**
 * Reads the articles of one Markdown file: every `## ` heading starts an article and is its title; an
 * optional `Tags: a, b` line right under it lists its tags; the lines up to the next `## ` heading are
 * its body. Anything before the first heading (a `#` title, an introduction) describes the file and is
 * not an article. Throws one error listing every problem with its line, so a bad file is fixed at once.
 */
export function parseKnowledgeMarkdown(source: string, text: string): CreateKnowledgeArticle[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const drafts: { line: number; title: string; tags: string[]; body: string[] }[] = [];
  for (const [index, line] of lines.entries()) {
    const heading = HEADING.exec(line);
    if (heading) {
      drafts.push({ line: index + 1, title: heading[1], tags: [], body: [] });
      continue;
    }
    const current = drafts.at(-1);
    if (!current) continue;
    const tags = current.body.every((bodyLine) => bodyLine.trim() === '') && current.tags.length === 0 ? TAGS.exec(line) : null;
    if (tags) {
      current.tags = tags[1].split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
    } else {
      current.body.push(line);
    }
  }

  const problems: string[] = [];
  const titles = new Map<string, number>();
  const articles = drafts.flatMap((draft) => {
    const input = { title: draft.title, body: draft.body.join('\n'), tags: draft.tags };
    const parsed = createKnowledgeArticleSchema.safeParse(input);
    if (!parsed.success) {
      problems.push(...describeIssues(parsed.error, input).map((detail) => `${source}:${draft.line}: ${detail.message}`));
      return [];
    }
    const earlier = titles.get(parsed.data.title.toLowerCase());
    if (earlier !== undefined) problems.push(`${source}:${draft.line}: the title "${parsed.data.title}" is already used on line ${earlier}`);
    titles.set(parsed.data.title.toLowerCase(), draft.line);
    return [parsed.data];
  });
  if (drafts.length === 0) problems.push(`${source}: no articles (each article starts with a "## " heading)`);
  if (problems.length > 0) throw new Error(`Invalid knowledge file ${source}:\n  ${problems.join('\n  ')}`);
  return articles;
}

/** Every `<name>.md` in the folder, sorted by name; null when the folder does not exist. */
export async function readKnowledgeFolder(dir: string): Promise<KnowledgeFile[] | null> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const files: KnowledgeFile[] = [];
  for (const source of names.sort()) {
    const name = source.slice(0, -'.md'.length);
    const valid = knowledgeBaseName.safeParse(name);
    if (!valid.success) throw new Error(`Invalid knowledge file ${source}: the name of a knowledge base ${valid.error.issues[0].message}`);
    files.push({ knowledgeBase: name, source, articles: parseKnowledgeMarkdown(source, await readFile(path.join(dir, source), 'utf8')) });
  }
  return files;
}
