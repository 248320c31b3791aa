// The web console: the files Vite built into ui/dist, and index.html for every other page
// address (the console routes in the browser). API, health, metrics and docs addresses are
// never answered with the console: they reach their own routes or the JSON 404.
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../errors.ts';

const notConsole = /^\/(?:api(?:\/|$)|health|metrics(?:\/|$|\?)|docs(?:\/|$|\?))/;
const YEAR_MS = 365 * 24 * 3600 * 1000;

// The file under distDir that a URL path names, if there is one (never outside distDir).
function fileFor(distDir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const full = resolve(distDir, `.${path}`);
  if (full !== distDir && !full.startsWith(distDir + sep)) return undefined;
  try {
    return statSync(full).isFile() ? full.slice(distDir.length + 1) : undefined;
  } catch {
    return undefined;
  }
}

// Also answers every unknown route (any method) with the JSON 404 the API uses elsewhere.
export function consoleRoutes(app: FastifyInstance, distDir: string): void {
  const root = resolve(distDir);
  const index = join(root, 'index.html');

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, { kind: 'not_found', code: 'route.not_found', message: `No route ${request.method} ${request.url}` }),
  );

  // Own encapsulation context, so `reply.sendFile` is ours alone and cannot clash with
  // another @fastify/static (swagger-ui registers one).
  app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false, wildcard: false });

    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      const urlPath = request.url.split('?')[0] ?? '/';
      if (notConsole.test(urlPath)) return reply.callNotFound();
      if (!existsSync(index)) {
        return sendError(reply, {
          kind: 'unavailable',
          code: 'console.not_built',
          message: 'The web console has not been built; run `npm run build:ui` (or `npm start`, which builds it)',
        });
      }
      const file = urlPath === '/' ? undefined : fileFor(root, urlPath);
      if (file && file !== 'index.html') {
        // Vite names built assets by content hash: they never change under the same name.
        const hashed = file.startsWith(`assets${sep}`) || file.startsWith('assets/');
        return reply.sendFile(file, hashed ? { maxAge: YEAR_MS, immutable: true } : { maxAge: 0 });
      }
      // A missing asset is a 404, not the console: a stale page asking for an old bundle
      // must not get HTML where it expects JavaScript.
      if (urlPath.startsWith('/assets/')) return reply.callNotFound();
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    };

    scope.get('/', serve);
    scope.get('/*', serve);
  });
}
