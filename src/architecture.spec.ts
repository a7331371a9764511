import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * DESIGN.md "Imports run downhill", read from the code itself: every import and require under
 * src/ (type-only ones too: a type is a dependency as much as a value), by the folder it names.
 * A folder may import its own files and the folders on lower levels, never a higher level and
 * never another folder of its own level. The top-level files (main.ts, app.module.ts, …) stand
 * above everything and nothing imports them.
 */
const LEVELS: readonly (readonly string[])[] = [
  ['config', 'common'],
  // Words need only common's Locale and DomainError; everything that shows words stands above.
  ['i18n'],
  // http/ is not in DESIGN's list: what every HTTP answer shares (the database-unavailable page), in the words of i18n/.
  ['http'],
  ['database'],
  ['units'],
  ['auth'],
  ['calendar'],
  ['procedures'],
  ['dossiers'],
  // demo/ is not in DESIGN's list: it loads sample dossiers through dossiers/, as an import does.
  ['interchange', 'imports', 'demo'],
  ['stats'],
  ['index766'],
  // health/ is not in DESIGN's list either: a public endpoint like the widget, that nothing imports.
  ['widget', 'reports', 'health'],
  ['admin'],
  ['cli'],
];
const TOP = LEVELS.length;

/**
 * The imports allowed to run uphill, each with why. Keep this short: an entry here is a step
 * that has not found its place yet.
 */
const EXCEPTIONS: readonly { file: string; imports: RegExp; why: string }[] = [
  {
    file: 'database/data-source-options.ts',
    imports: /\.entit(y|ies)$/,
    why: 'TypeORM is handed every entity class when the connection opens; this list is the one place database/ names them, and it reaches entity files only',
  },
];

const SRC = resolve(__dirname);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `units/units.controller.ts`, with forward slashes whatever the platform. */
function fromSrc(path: string): string {
  return relative(SRC, path).split(sep).join('/');
}

/** The folder under src/ a file (or a folder's index) belongs to, or null for the top-level files. */
function folderOf(pathFromSrc: string): string | null {
  const slash = pathFromSrc.indexOf('/');
  if (slash >= 0) return pathFromSrc.slice(0, slash);
  return existsSync(join(SRC, pathFromSrc)) && statSync(join(SRC, pathFromSrc)).isDirectory() ? pathFromSrc : null;
}

function levelOf(folder: string | null): number | undefined {
  if (folder === null) return TOP;
  const level = LEVELS.findIndex((names) => names.includes(folder));
  return level < 0 ? undefined : level;
}

/** Every module a file names: import/export … from, import(), require(). */
function importsOf(path: string): string[] {
  return ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map((file) => file.fileName);
}

function uphillImports(files: string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = fromSrc(file);
    const folder = folderOf(from);
    const level = levelOf(folder);
    if (level === undefined) {
      problems.push(`${from}: folder ${folder}/ has no level in the order (add it to LEVELS, and to DESIGN.md)`);
      continue;
    }
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = fromSrc(resolve(dirname(file), specifier));
      if (target.startsWith('..')) continue;
      const targetFolder = folderOf(target);
      if (targetFolder === folder) continue;
      if (folder === null && targetFolder === null) continue;
      const targetLevel = levelOf(targetFolder);
      const downhill = targetLevel !== undefined && targetLevel < level;
      if (downhill) continue;
      if (EXCEPTIONS.some((allowed) => allowed.file === from && allowed.imports.test(target))) continue;
      const what = targetFolder === null ? `${target} (top level)` : `${targetFolder}/`;
      const why = targetLevel === level ? 'same level' : 'higher level';
      problems.push(`${from} → ${what} (${specifier}; ${why})`);
    }
  }
  return problems;
}

/** A migration runs as it was written forever: it imports the libraries and its own folder only. */
function liveCodeInMigrations(files: string[]): string[] {
  const problems: string[] = [];
  for (const file of files.filter((path) => fromSrc(path).startsWith('database/migrations/'))) {
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = fromSrc(resolve(dirname(file), specifier));
      if (!target.startsWith('database/migrations/')) problems.push(`${fromSrc(file)} → ${target}`);
    }
  }
  return problems;
}

const MAX_FILE_LINES = 450;
const MAX_FUNCTION_LINES = 80;

function lineCount(text: string): number {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

/** Files over MAX_FILE_LINES and functions (of any kind) over MAX_FUNCTION_LINES, specs aside. */
function oversized(files: string[]): string[] {
  const problems: string[] = [];
  for (const file of files.filter((path) => !/\.(spec|fixture)\.ts$/.test(path))) {
    const text = readFileSync(file, 'utf8');
    const lines = lineCount(text);
    if (lines > MAX_FILE_LINES) problems.push(`${fromSrc(file)}: ${lines} lines`);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const length = end - start + 1;
        if (length > MAX_FUNCTION_LINES) problems.push(`${fromSrc(file)}:${start + 1} ${nameOf(node)}: ${length} lines`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous function)';
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('runs imports downhill: no folder imports a higher one or one of its own level', () => {
    expect(uphillImports(files)).toEqual([]);
  });

  it('keeps migrations frozen: they import no live code that could change under them', () => {
    expect(liveCodeInMigrations(files)).toEqual([]);
  });

  // DESIGN.md: past ~400 lines a file is two, past ~60 lines a function is; these are the hard edges.
  it(`keeps files under ${MAX_FILE_LINES} lines and functions under ${MAX_FUNCTION_LINES}`, () => {
    expect(oversized(files)).toEqual([]);
  });
});
