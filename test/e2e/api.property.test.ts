// Property: whatever garbage a caller POSTs to /api/commands/:type, the answer is a 4xx in
// the error shape (never a 5xx, never a 2xx) and the log does not grow.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { commandTypes } from '../../commands/acceptCommand.ts';
import { admin, approver, planner, viewer } from '../support/harness.ts';
import { actorHeaders, openApi, planSteps, send, tenantSteps, type Api } from './http.ts';

const t = suite<{ api: Api }>('e2e api: generated garbage never breaks the server or the log');
const ALLOWED = [400, 401, 403, 404, 409, 422];

t.before(async (ctx) => {
  ctx.api = await openApi();
  await send(ctx.api, [...tenantSteps, ...planSteps]); // real targets, so garbage can reach the deciders
});
t.after(async (ctx) => {
  await ctx.api?.close();
});

const commandType = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }), weight: 1 },
  { arbitrary: fc.constantFrom(...commandTypes, 'constructor', '__proto__', 'hasOwnProperty', 'tenant.', 'plan'), weight: 2 },
);
const actor = fc.constantFrom(admin, planner, approver, viewer, undefined);
// Never a valid command: data is not an object, or it carries a key that no command's
// (strict) schema accepts. Absent or null data would be `{}`, which some commands accept, and
// JSON writes NaN and ±Infinity as null, so the doubles are finite.
const garbageData = fc.oneof(
  fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 4 })),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), fc.jsonValue())
    .map(([version, extra, poison]) => ({ planId: 'winter', version, ...extra, notAField: poison })),
);
// Half the bodies are well-formed envelopes around garbage data, so it reaches the handlers.
const envelope = fc.record(
  { tenantId: fc.constantFrom('acme', 'ghost'), commandId: fc.uuid(), data: garbageData, correlationId: fc.uuid() },
  { requiredKeys: ['tenantId', 'commandId', 'data'] },
);
const looseEnvelope = fc.record(
  { tenantId: fc.oneof(fc.constantFrom('acme', 'Not.An.Id'), fc.string()), commandId: fc.string(), data: garbageData, correlationId: fc.jsonValue() },
  { requiredKeys: ['data'] },
);
const body = fc.oneof(
  { arbitrary: envelope.map((value) => JSON.stringify(value)), weight: 3 },
  looseEnvelope.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'grapheme' }), // mostly not JSON at all
);

t('given random command types, actors and bodies, then always a 4xx error and no new event', async ({ api }) => {
  await fc.assert(
    fc.asyncProperty(commandType, actor, body, async (type, who, payload) => {
      const head = await api.head();
      const res = await api.app.inject({
        method: 'POST',
        url: `/api/commands/${encodeURIComponent(type)}`,
        headers: { ...actorHeaders(who), 'content-type': 'application/json' },
        payload,
      });
      assert.ok(ALLOWED.includes(res.statusCode), `status ${res.statusCode}: ${res.body}`);
      assert.equal(Object.keys(res.json()).sort(), ['details', 'error', 'message']);
      assert.is(await api.head(), head, 'the log grew');
    }),
    { numRuns: 200 },
  );
});

t.run();
