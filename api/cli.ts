// adledger CLI: history, state as of, audit (verify, anchors, keys, export), projections, users.
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from './config.ts';
import { openEventStore } from './openEventStore.ts';
import { projectionsCommand } from './cliProjections.ts';
import { usersCommand } from './cliUsers.ts';
import { aggregateOfStream } from '../commands/aggregates.ts';
import { presentEvent } from '../projections/audit/presentEvent.ts';
import { stateAsOf } from '../projections/audit/stateAsOf.ts';
import { parseAsOf } from '../projections/audit/parseAsOf.ts';
import { auditCommand } from './cliAudit.ts';
import { AuditKeyError } from '../connectors/audit/keyring.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { userRoles } from '../domain/shared/roles.ts';
import type { EventStore } from '../connectors/eventstore/port.ts';

const usage = `usage:
  adledger worker                   projections, launch saga, scheduler, anchors; no API (ROLE=worker)
  adledger history <stream>
  adledger state <stream> [--as-of <ISO time | revision>]
  adledger audit verify [--tenant <tenantId>]                  exit 0 ok, 2 broken
  adledger audit verify --file <export.jsonl> --key <key file>  offline, an export alone
  adledger audit anchor                                         sign the log head now
  adledger audit anchors [--export <file.jsonl>]
  adledger audit rotate-key                                     a new key for new events
  adledger audit export --tenant <tenantId> --out <file.jsonl>
  adledger projections status
  adledger projections rebuild <name>
  adledger users add <id> --role <${userRoles.join('|')}> [--tenant <tenantId>] [--name <name>]
  adledger users link <id>          a new one-time login link (older ones stop working)
  adledger users disable <id> | enable <id> | remove <id>
  adledger users role <id> --role <${userRoles.join('|')}> [--tenant <tenantId>]
  adledger users list`;

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { 'as-of': { type: 'string' }, tenant: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, file: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, export: { type: 'string' } } });
  const [command, arg, name] = positionals;
  if (command === 'worker' && !arg) {
    // The server's own entry in its worker role: it runs until SIGINT/SIGTERM and exits itself.
    process.env.ROLE = 'worker';
    await import('./main.ts');
    return new Promise<number>(() => {});
  }
  const config = loadConfig();
  if (command === 'projections') {
    const code = await projectionsCommand(config, arg, name);
    return code < 0 ? fail(usage) : code;
  }
  if (command === 'users') {
    const code = await usersCommand(config, arg, name, values);
    return code < 0 ? fail(usage) : code;
  }
  if (command === 'audit') {
    const code = await auditCommand(config, arg, values);
    return code < 0 ? fail(usage) : code;
  }
  const store = await openEventStore(config);
  try {
    if ((command === 'history' || command === 'state') && arg && !(await streamExists(store, arg))) return fail(`there is no stream ${arg}`);
    if (command === 'history' && arg) {
      for await (const e of store.readStream(arg)) print(presentEvent(e));
      return 0;
    }
    if (command === 'state' && arg) {
      const aggregate = aggregateOfStream(arg);
      const asOf = parseAsOf(values['as-of']);
      if (isDomainError(asOf)) return fail(asOf.message);
      if (!aggregate) return fail(`there is no stream ${arg}`);
      const state = await stateAsOf(store, arg, aggregate, asOf);
      if (isDomainError(state)) return fail(state.message);
      print({ stream: arg, ...state });
      return 0;
    }
    return fail(usage);
  } finally {
    await store.close();
  }
}

async function streamExists(store: EventStore, stream: string): Promise<boolean> {
  if (!aggregateOfStream(stream)) return false;
  for await (const _ of store.readStream(stream, { maxCount: 1 })) return true;
  return false;
}

function fail(message: string): number {
  console.error(message);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof AuditKeyError || error instanceof TypeError ? error.message : error);
    process.exit(1);
  },
);
