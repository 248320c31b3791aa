// The OpenAPI document, generated from the same zod schemas that validate each route.
import { z } from 'zod';
import type { DeclaredRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;
const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const errorBody = {
  type: 'object',
  required: ['error', 'message', 'details'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: {} },
};

const standardErrors: Record<number, string> = {
  400: 'Invalid input: details name each field',
  401: 'No valid bearer token',
  403: 'The role may not do this',
  404: 'Unknown, or outside the caller’s tenant scope',
};

export function openApiDocument(routes: readonly DeclaredRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const body = route.bodyDoc ?? route.body;
    const description = route.description ?? (Array.isArray(route.access) ? `Roles: ${route.access.join(', ')}` : undefined);
    const responses: Record<string, unknown> = { 200: { description: 'OK' } };
    for (const [status, description] of Object.entries({ ...standardErrors, ...route.responses })) {
      responses[status] = Number(status) < 300 ? { description } : { description, content: { 'application/json': { schema: errorBody } } };
    }
    if (route.access === 'public') {
      delete responses[401];
      delete responses[403];
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: route.tags,
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(description === undefined ? {} : { description }),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.method === 'POST' && body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
