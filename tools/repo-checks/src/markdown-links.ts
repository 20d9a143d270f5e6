import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { Lexer, type Token, type Tokens } from 'marked';

export interface MarkdownLink {
  /** The link target as written. */
  href: string;
  /** 1-based line of the link in its file (the line of the block holding it). */
  line: number;
}

export interface BrokenLink extends MarkdownLink {
  file: string;
  reason: string;
}

/** Links and images of a Markdown text, code blocks and code spans excluded (marked's lexer). */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  const lines = (offset: number) => markdown.slice(0, offset).split('\n').length;
  let cursor = 0;
  const visit = (tokens: Token[] | undefined, blockStart: number) => {
    for (const token of tokens ?? []) {
      if (token.type === 'link' || token.type === 'image') {
        links.push({ href: (token as Tokens.Link).href, line: lines(blockStart) });
      }
      const children = token as { tokens?: Token[]; items?: Token[]; header?: unknown; rows?: unknown };
      visit(children.tokens, blockStart);
      visit(children.items, blockStart);
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) visit(cell.tokens, blockStart);
      }
    }
  };
  for (const block of new Lexer().lex(markdown)) {
    const start = markdown.indexOf(block.raw, cursor);
    const blockStart = start >= 0 ? start : cursor;
    visit([block], blockStart);
    if (start >= 0) cursor = start + block.raw.length;
  }
  return links;
}

/** GitHub's anchors for the headings of a Markdown text (`#some-heading`, duplicates `-1`, …). */
export function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'heading') anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
      const nested = token as { tokens?: Token[]; items?: Token[] };
      if (token.type !== 'heading' && nested.tokens) walk(nested.tokens);
      if (nested.items) walk(nested.items);
    }
  };
  walk(new Lexer().lex(markdown));
  return anchors;
}

/** The text GitHub renders for inline tokens (code spans keep their text, markup goes). */
function plainText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      const nested = token as { tokens?: Token[]; text?: string };
      if (nested.tokens) return plainText(nested.tokens);
      if (token.type === 'codespan' || token.type === 'text' || token.type === 'escape')
        return nested.text ?? '';
      return token.raw;
    })
    .join('');
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Checks every relative link of one Markdown file of the repository: the target file or folder
 * exists, and a `#fragment` into a Markdown file names one of its headings. Absolute URLs
 * (`https:`, `mailto:`, …) are not fetched.
 */
export function brokenLinks(root: string, file: string): BrokenLink[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const broken: BrokenLink[] = [];
  for (const link of markdownLinks(source)) {
    if (EXTERNAL.test(link.href) || link.href.startsWith('//')) continue;
    const hashAt = link.href.indexOf('#');
    const target = decodeURI(hashAt >= 0 ? link.href.slice(0, hashAt) : link.href);
    const fragment = hashAt >= 0 ? decodeURIComponent(link.href.slice(hashAt + 1)) : '';
    const resolved = target
      ? target.startsWith('/')
        ? path.join(root, target)
        : path.resolve(path.dirname(path.join(root, file)), target)
      : path.join(root, file);
    const fail = (reason: string) => broken.push({ ...link, file, reason });
    if (path.relative(root, resolved).startsWith('..')) {
      fail('points outside the repository');
      continue;
    }
    if (!existsSync(resolved)) {
      fail(`no such file: ${path.relative(root, resolved)}`);
      continue;
    }
    if (fragment && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      const anchors = headingAnchors(readFileSync(resolved, 'utf8'));
      if (!anchors.has(fragment.toLowerCase())) {
        fail(`no heading #${fragment} in ${path.relative(root, resolved)}`);
      }
    }
  }
  return broken;
}
