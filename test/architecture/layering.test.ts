// DESIGN §1: dependencies point one way, `ui → api → projections → commands → connectors,
// readmodels → domain`. A folder imports only from folders to its right (connectors and
// readmodels share a level and do not import each other); domain/ imports nothing of ours
// but itself, and of packages only zod and node: builtins; ui/ takes only types from the
// server, plus the pure helpers below; nothing imports test/ or bench/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importsOf, sourceFiles, type Import } from './imports.ts';

const rank: Record<string, number> = { domain: 0, connectors: 1, readmodels: 1, commands: 2, projections: 3, api: 4, ui: 5 };
const folders = ['domain', 'commands', 'projections', 'readmodels', 'connectors', 'api', 'ui/src'];
const top = (path: string): string => path.split('/')[0]!;
const packageOf = (specifier: string): string => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

// Server modules the console may import at run time: pure functions with no I/O, whose
// own run-time imports are only zod and each other (checked below), so bundling them
// brings nothing of the server with them.
const consoleHelpers: Record<string, string> = {
  'domain/streams.ts': 'stream names, so the console links history and as-of views to the streams the server writes',
  'domain/shared/money.ts': 'the one money format, so the console writes amounts as the server titles and messages do',
  'domain/shared/roles.ts': 'the role groups, so the console offers an action to exactly the roles the server allows',
  'projections/definitions/ids.ts': 'document ids, so the console follows live the documents the API serves',
  'projections/definitions/planDiff.ts': 'the version diff, so the console compares any two versions as the API does',
};

// Known exceptions, each to be removed by the change named in its TODO.
const exceptions: readonly { readonly file: string; readonly target: string; readonly why: string }[] = [];

function violation(i: Import): string | undefined {
  const from = top(i.file);
  if (!i.ours) {
    if (from !== 'domain') return undefined;
    return i.specifier.startsWith('node:') || packageOf(i.specifier) === 'zod' ? undefined : 'domain/ imports no package but zod and node: builtins';
  }
  const to = top(i.target);
  if (to === 'test' || to === 'bench') return `nothing imports ${to}/`;
  if (!(to in rank)) return `${to}/ is not a layer of DESIGN §1`;
  if (to === from) return undefined;
  if (from === 'ui') return i.typeOnly || i.target in consoleHelpers ? undefined : 'the console takes only types (import type / export type) and the listed pure helpers from the server';
  if (rank[to]! < rank[from]!) return undefined;
  return rank[to] === rank[from] ? `${from}/ and ${to}/ are at the same level and may not import each other` : `${from}/ may not import ${to}/ (it is to its left)`;
}

const imports = folders.flatMap(sourceFiles).flatMap(importsOf);
const isException = (i: Import) => exceptions.some((e) => e.file === i.file && e.target === i.target);
const list = (found: readonly Import[], why: (i: Import) => string | undefined) => found.map((i) => `${i.file} → ${i.specifier} (${why(i)})`).join('\n');

const t = suite('architecture: layering (DESIGN §1)');

t('the parser sees the imports (a guard against a vacuous pass)', () => {
  assert.ok(imports.length > 300, `only ${imports.length} imports found`);
  assert.ok(imports.some((i) => i.file.startsWith('ui/src/') && i.typeOnly && top(i.target) === 'projections'), 'the console type-imports read models');
});

t('every import points right, into domain, or stays inside its folder', () => {
  const bad = imports.filter((i) => violation(i) !== undefined && !isException(i));
  assert.ok(bad.length === 0, `\n${list(bad, violation)}\n`);
});

t('the console helpers stay pure: at run time they import only zod and each other', () => {
  const bad = imports.filter((i) => i.file in consoleHelpers && !i.typeOnly && !(i.ours ? i.target in consoleHelpers : i.specifier === 'zod'));
  assert.ok(bad.length === 0, `\n${list(bad, () => 'not a pure helper')}\n`);
});

t('every known exception still occurs (remove it once fixed)', () => {
  const stale = exceptions.filter((e) => !imports.some((i) => i.file === e.file && i.target === e.target));
  assert.equal(stale, []);
});

t.run();
