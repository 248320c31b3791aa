// Every import of a TypeScript file, as the compiler parses it: static imports and
// re-exports, dynamic import(), and `import('…')` in types. Whole-statement `import type` /
// `export type` and import types are type-only (erased); `import { type A }` is not, since
// under verbatimModuleSyntax (the console's setting) it still loads the module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');

export type Import = {
  readonly file: string; // importer, relative to the repo root
  readonly specifier: string; // as written
  readonly target: string; // repo-relative path for our files, else the specifier
  readonly ours: boolean;
  readonly typeOnly: boolean;
};

export function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(relative(ROOT, path));
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

export function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const text = specifier.text;
    const ours = text.startsWith('.');
    const target = ours ? relative(ROOT, resolve(ROOT, dirname(file), text)) : text;
    found.push({ file, specifier: text, target, ours, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
