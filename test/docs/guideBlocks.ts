/**
 * Helpers of the guide tests: a guide's ```ts blocks must appear, verbatim up to indentation, in
 * type-checked files of this folder, and its links must point to headings that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '../..');
export const docs = join(root, 'docs');

/** The text of `docs/<name>.md`. */
export const guide = (name: string) => readFileSync(join(docs, `${name}.md`), 'utf8');

/** Lines without their indentation, blank lines dropped: the guide shows code un-indented. */
export const normalize = (code: string) =>
  code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');

/** The ```ts blocks of a markdown text, those indented inside a list item included. */
export const tsBlocks = (markdown: string) =>
  [...markdown.matchAll(/^( *)```ts\n([\s\S]*?)^\1```$/gm)].map((m) => m[2]!);

/**
 * The normalized text of files of this folder, each path of `paths` (the guide's path, the file's
 * path) written as the guide writes it: a block imports `./schema` where the file imports the
 * example app's module.
 */
export const checkedText = (files: readonly string[], paths: readonly (readonly [string, string])[] = []) =>
  normalize(
    files
      .map((file) => {
        let text = readFileSync(join(here, file), 'utf8');
        for (const [ours, theirs] of paths) text = text.replaceAll(`'${theirs}'`, `'${ours}'`);
        return text;
      })
      .join('\n'),
  );

/** The example app's modules, as the guide's blocks import them. */
export const examplePaths: readonly (readonly [string, string])[] = [
  ['./_generated/server', '../../example/convex/_generated/server'],
  ['./_generated/api', '../../example/convex/_generated/api'],
  ['./_generated/dataModel', '../../example/convex/_generated/dataModel'],
  ['../_generated/dataModel.js', '../../example/convex/_generated/dataModel.js'],
  ['./migrations/manifest', '../../example/convex/migrations/manifest'],
  ['./orm', '../../example/convex/orm'],
  ['./schema', '../../example/convex/schema'],
  ['./test.setup', '../../example/convex/test.setup'],
];

/** The blocks of a guide missing from the checked files (each block normalized). */
export const missingBlocks = (
  name: string,
  files: readonly string[],
  paths: readonly (readonly [string, string])[] = [],
) => {
  const checked = checkedText(files, paths);
  return tsBlocks(guide(name))
    .map(normalize)
    .filter((block) => !checked.includes(block));
};

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export const anchors = (markdown: string) =>
  [...markdown.replace(/^ *```[\s\S]*?^ *```$/gm, '').matchAll(/^#+ (.+)$/gm)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\w\s-]/g, '')
      .replace(/\s/g, '-'),
  );

/** The relative links of a markdown file (`docs/<name>.md` or the README): the file and anchor each names. */
export const links = (path: string) => {
  const markdown = readFileSync(join(root, path), 'utf8').replace(/^ *```[\s\S]*?^ *```$/gm, '');
  return [...markdown.matchAll(/\]\(([^)\s]*)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [file, anchor] = target.split('#') as [string, string | undefined];
      return { target, file: file === '' ? path : join(dirname(path), file), anchor };
    });
};

/** Links of `path` to a file that does not exist or to an anchor its file lacks. */
export const brokenLinks = (path: string) =>
  links(path)
    .filter(
      ({ file, anchor }) =>
        !existsSync(join(root, file)) ||
        (anchor !== undefined && !anchors(readFileSync(join(root, file), 'utf8')).includes(anchor)),
    )
    .map(({ target }) => target);

/** Every guide of docs/. */
export const guideNames = () =>
  readdirSync(docs)
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3));
