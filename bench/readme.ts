// npm run bench:readme: README.md's "Performance" section, regenerated between its markers
// from bench/results.json (npm run bench calls it at its end).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPerformance, withPerformanceSection, type Results } from './runner/render.ts';

export function updateReadme(readmePath: string, results: Results): void {
  writeFileSync(readmePath, withPerformanceSection(readFileSync(readmePath, 'utf8'), renderPerformance(results)));
  console.error(`bench: README.md's Performance section now shows the run of ${results.generatedAt}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  updateReadme(join(root, 'README.md'), JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')) as Results);
}
