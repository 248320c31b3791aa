// Every HTTP route is declared once: its zod schemas validate the request, document it in
// OpenAPI, and say who may call it. Handlers return a value or a DomainError; nothing else
// decides a status code (see api/errors.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zodDetails } from '../../domain/shared/zodDetails.ts';
import { invalid, isDomainError, type DomainError } from '../../domain/shared/errors.ts';
import type { UserRole } from '../../domain/shared/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { Sessions } from '../auth/sessions.ts';
import { sendError } from '../errors.ts';

export type Access = 'public' | 'signed-in' | readonly UserRole[];

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string; // Fastify style, `:param`
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly bodyDoc?: z.ZodType; // what to document when validation is deferred (commands)
  readonly responses?: Readonly<Record<number, string>>;
  handler(input: {
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    principal: Principal; // for public routes: undefined at runtime, never read
    request: FastifyRequest;
    reply: FastifyReply;
  }): Promise<unknown>;
}

export type DeclaredRoute = Omit<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, 'handler'>;

export interface Router {
  route<P extends z.ZodType = z.ZodObject<{}>, Q extends z.ZodType = z.ZodObject<{}>, B extends z.ZodType = z.ZodUnknown>(spec: RouteSpec<P, Q, B>): void;
  readonly declared: readonly DeclaredRoute[];
}

const empty = z.strictObject({});

// The token's signature and expiry, then the user's current state in the directory.
export async function bearerPrincipal(sessions: Sessions, request: FastifyRequest): Promise<Principal | DomainError> {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
    return { kind: 'unauthenticated', code: 'auth.missing_token', message: 'Send Authorization: Bearer <token>; sign in through a login link to get one' };
  }
  return sessions.authenticate(header.slice(7).trim());
}

async function authorise(access: Access, sessions: Sessions, request: FastifyRequest): Promise<Principal | DomainError | undefined> {
  if (access === 'public') return undefined;
  const principal = await bearerPrincipal(sessions, request);
  if (isDomainError(principal) || access === 'signed-in' || access.includes(principal.role)) return principal;
  return { kind: 'forbidden', code: 'auth.forbidden', message: `A ${principal.role} may not ${request.method} ${request.routeOptions.url}` };
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): { ok: true; data: unknown } | { ok: false; error: DomainError } {
  const parsed = (schema ?? empty).safeParse(value ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, error: invalid(`${where}.invalid`, `The ${where} is not valid`, zodDetails(parsed.error)) };
}

export function router(app: FastifyInstance, sessions: Sessions): Router {
  const declared: DeclaredRoute[] = [];
  return {
    declared,
    route(spec) {
      const { handler, ...doc } = spec;
      declared.push(doc as DeclaredRoute);
      app.route({
        method: spec.method,
        url: spec.url,
        handler: async (request, reply) => {
          // Authentication first: a stranger learns nothing, not even which fields are wrong.
          const principal = await authorise(spec.access, sessions, request);
          if (isDomainError(principal)) return sendError(reply, principal);
          const params = parsePart(spec.params, request.params, 'path');
          if (!params.ok) return sendError(reply, params.error);
          const query = parsePart(spec.query, request.query, 'query');
          if (!query.ok) return sendError(reply, query.error);
          const body = spec.method !== 'POST' ? { ok: true as const, data: undefined } : parsePart(spec.body ?? empty, request.body, 'body');
          if (!body.ok) return sendError(reply, body.error);
          const result = await handler({ params: params.data, query: query.data, body: body.data, principal: principal!, request, reply } as never);
          return isDomainError(result) ? sendError(reply, result) : result;
        },
      });
    },
  };
}
