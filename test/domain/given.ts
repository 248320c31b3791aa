// given(...events).when(command, context?).then(...events) — the shape every domain spec
// reads in. Given events get full metadata and pass through upcast + schema parsing like
// stored events do, and produced events are checked against their schemas, so a spec
// can only pass with shapes the event store would accept.
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { readEvent } from '../../domain/events.ts';
import type { AnyEvent } from '../../domain/events.ts';
import { parseEventData } from '../../domain/events.ts';
import type { LaunchContext, LaunchState } from '../../domain/launch/index.ts';
import { launchCommandSchemas, launchDecider, launchEventSchemas } from '../../domain/launch/index.ts';
import type { PlanContext, PlanState } from '../../domain/plan/index.ts';
import { planCommandSchemas, planDecider, planEventSchemas } from '../../domain/plan/index.ts';
import type { Decider } from '../../domain/shared/decider.ts';
import type { Actor, Command, DomainEvent, EventData, EventMetadata } from '../../domain/shared/envelope.ts';
import type { DomainError, ErrorKind } from '../../domain/shared/errors.ts';
import { invalid, isDomainError } from '../../domain/shared/errors.ts';
import type { TenantState } from '../../domain/tenant/index.ts';
import { tenantCommandSchemas, tenantDecider, tenantEventSchemas } from '../../domain/tenant/index.ts';
import { currentSchemaVersion } from '../../domain/upcasting.ts';
import type { ScheduleState } from '../../domain/schedule/index.ts';
import { scheduleCommandSchemas, scheduleDecider, scheduleEventSchemas } from '../../domain/schedule/index.ts';

export const TENANT = 'acme';

interface By {
  readonly actor?: string | Actor;
  readonly recordedAt?: string;
}
// An event as a spec writes it; `schemaVersion` lets a spec store an old shape.
export type GivenEvent = (AnyEvent | { readonly type: string; readonly data: unknown; readonly schemaVersion: number }) & By;

type SchemaMap = Record<string, z.ZodType>;
type CommandInput<M extends SchemaMap> = {
  [K in keyof M & string]: { readonly type: K; readonly data: z.input<M[K]>; readonly actor?: string | Actor };
}[keyof M & string];

export interface Then<S> {
  readonly result: readonly EventData[] | DomainError;
  then(...expected: AnyEvent[]): void;
  // `message` is matched when given: refusals must say what is wrong in words.
  thenRefused(code: string, kind?: ErrorKind, message?: RegExp | string): void;
  thenState(check: (state: S) => void): void;
}

export interface Given {
  when(command: CommandInput<typeof tenantCommandSchemas>): Then<TenantState>;
  when(command: CommandInput<typeof planCommandSchemas>, context?: PlanContext): Then<PlanState>;
  when(command: CommandInput<typeof launchCommandSchemas>, context: GivenLaunchContext): Then<LaunchState>;
  when(command: CommandInput<typeof scheduleCommandSchemas>): Then<ScheduleState>;
}

export const actor = (by: string | Actor | undefined, fallback: string): Actor =>
  typeof by === 'object' ? by : { type: 'user', id: by ?? fallback, role: 'agency-user' };

// uvu's unreachable throws, but is typed void; this lets TypeScript see that.
function fail(message: string): never {
  assert.unreachable(message);
  throw new Error(message);
}

let sequence = 0;
const next = (): number => ++sequence;

// The metadata of the n-th given event: written by `ana` unless a spec says otherwise, one
// second apart from 2026-01-01.
export function givenMetadata(n: number, event: GivenEvent, schemaVersion: number): EventMetadata {
  return {
    eventId: `evt-${n}`,
    tenantId: TENANT,
    actor: actor(event.actor, 'ana'),
    commandId: `cmd-${n}`,
    correlationId: `corr-${n}`,
    causationId: `cmd-${n}`,
    schemaVersion,
    recordedAt: event.recordedAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  };
}

// Given events are written by `ana` unless a spec says otherwise; commands come from `ben`.
export function toDomainEvent(event: GivenEvent): DomainEvent<AnyEvent> {
  const n = next();
  const schemaVersion = 'schemaVersion' in event ? event.schemaVersion : currentSchemaVersion(event.type);
  const read = readEvent({ type: event.type, schemaVersion, data: event.data });
  if (isDomainError(read)) throw new Error(`Bad given event: ${read.message}`);
  return { ...read, metadata: givenMetadata(n, event, currentSchemaVersion(event.type)) };
}

// Which aggregate owns an event is the domain's own rule (decodeEvent.ts), keyed here by the
// first word of a command or state name.
const eventTypesOf = (schemas: object): ReadonlySet<string> => new Set(Object.keys(schemas));
const owners = { tenant: eventTypesOf(tenantEventSchemas), plan: eventTypesOf(planEventSchemas), launch: eventTypesOf(launchEventSchemas), schedule: eventTypesOf(scheduleEventSchemas) };
type Owner = keyof typeof owners;
const ownerOf = (type: string): Owner => {
  const first = type.split('.')[0];
  return first === 'tenant' || first === 'plan' || first === 'schedule' ? first : 'launch';
};

function fold<S, E extends EventData>(decider: Decider<S, Command, E, never>, events: readonly DomainEvent<AnyEvent>[], owner: Owner): S {
  return events.reduce((state, event) => {
    if (!owners[owner].has(event.type)) throw new Error(`${event.type} is not a ${owner} event`);
    // The ownership check above is what makes this event one of the decider's own.
    return decider.evolve(state, event as unknown as DomainEvent<E>);
  }, decider.initialState);
}

export const tenantState = (...events: GivenEvent[]): TenantState => fold(tenantDecider, events.map(toDomainEvent), 'tenant');
export const planState = (...events: GivenEvent[]): PlanState => fold(planDecider, events.map(toDomainEvent), 'plan');
export const launchState = (...events: GivenEvent[]): LaunchState => fold(launchDecider, events.map(toDomainEvent), 'launch');

function run<S, C extends Command, E extends EventData, Ctx>(
  decider: Decider<S, C, E, Ctx>,
  schemas: SchemaMap,
  history: readonly DomainEvent<AnyEvent>[],
  input: { readonly type: string; readonly data: unknown; readonly actor?: string | Actor },
  context: Ctx,
): Then<S> {
  const owner = ownerOf(input.type);
  const state = fold(decider as unknown as Decider<S, Command, E, never>, history, owner);
  const by = actor(input.actor, 'ben');
  const parsed = schemas[input.type]?.safeParse(input.data);
  const command = { type: input.type, data: parsed?.data, tenantId: TENANT, actor: by, commandId: 'cmd-when', issuedAt: '2026-02-01T00:00:00.000Z' };
  // Schema failures become the `invalid` error the pipeline would answer with.
  const result: readonly E[] | DomainError = !parsed?.success
    ? invalid('command.invalid', `Command ${input.type} failed validation: ${parsed?.error.message ?? 'unknown type'}`)
    : decider.decide(command as unknown as C, state, context);

  const events = (): readonly E[] => {
    if (isDomainError(result)) return fail(`Expected events, got ${result.kind} ${result.code}: ${result.message}`);
    for (const e of result) {
      const check = parseEventData(e.type, e.data);
      if (isDomainError(check)) fail(`decide produced an invalid event: ${check.message}`);
    }
    return result;
  };

  return {
    result,
    then: (...expected) => assert.equal(events(), expected),
    thenRefused(code, kind, message) {
      if (!isDomainError(result)) return fail(`Expected ${code}, got events ${JSON.stringify(result)}`);
      assert.is(result.code, code, result.message);
      if (kind) assert.is(result.kind, kind);
      if (message !== undefined) assert.match(result.message, message);
    },
    thenState(check) {
      const after = events().map((e) => toDomainEvent({ ...(e as unknown as AnyEvent), actor: by }));
      check(fold(decider as unknown as Decider<S, Command, E, never>, [...history, ...after], owner));
    },
  };
}

type GivenLaunchContext = Omit<LaunchContext, 'now'> & { readonly now?: Date };
export const GIVEN_NOW = new Date('2026-02-01T00:00:00.000Z');

export function given(...events: GivenEvent[]): Given {
  const history = events.map(toDomainEvent);
  const when = (
    command: { readonly type: string; readonly data: unknown; readonly actor?: string | Actor },
    context?: PlanContext | GivenLaunchContext,
  ): Then<TenantState> | Then<PlanState> | Then<LaunchState> | Then<ScheduleState> => {
    if (command.type.startsWith('schedule.')) return run(scheduleDecider, scheduleCommandSchemas, history, command, undefined);
    if (command.type.startsWith('tenant.')) return run(tenantDecider, tenantCommandSchemas, history, command, undefined);
    if (command.type.startsWith('plan.')) {
      const policy = context && 'policy' in context ? context : { policy: { fourEyes: true } };
      return run(planDecider, planCommandSchemas, history, command, policy);
    }
    // Time is an input: a test that does not give `now` decides at the fixtures' instant.
    if (context && 'tenant' in context) return run(launchDecider, launchCommandSchemas, history, command, { ...context, now: context.now ?? GIVEN_NOW });
    throw new Error(`${command.type} needs a launch context { tenant, plan }`);
  };
  return { when } as Given;
}
