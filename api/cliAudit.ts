// `adledger audit …`: verify (the stores, or offline an export file with a key file),
// anchor, anchors [--export], rotate-key, export a tenant's history.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Config } from './config.ts';
import { openEventStore } from './openEventStore.ts';
import { auditKeyFile, existingKeyring, openAnchors, serverKeyring } from './openAudit.ts';
import { readKeyring, rotateKey } from '../connectors/audit/keyring.ts';
import { anchorLog } from '../projections/audit/anchorLog.ts';
import { tenantExport } from '../projections/audit/tenantExport.ts';
import { verifyChains } from '../projections/audit/verifyChains.ts';
import { verifyExport } from '../projections/audit/verifyExport.ts';
import { isDomainError } from '../domain/shared/errors.ts';

export interface AuditFlags {
  readonly tenant?: string | undefined;
  readonly file?: string | undefined;
  readonly key?: string | undefined;
  readonly out?: string | undefined;
  readonly export?: string | undefined;
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const BROKEN = 2;

// Exit codes: 0 ok, 2 the chain is broken, 64 usage, 65 a file that is not what it should be.
export async function auditCommand(config: Config, sub: string | undefined, flags: AuditFlags): Promise<number> {
  if (sub === 'verify' && flags.file) {
    if (!flags.key) return usage('audit verify --file <export.jsonl> needs --key <audit key file>');
    const report = await verifyExport(createInterface({ input: createReadStream(flags.file), crlfDelay: Infinity }), readKeyring(flags.key));
    print(report);
    return isDomainError(report) ? 65 : report.ok ? 0 : BROKEN;
  }
  if (sub === 'rotate-key') {
    const store = await openEventStore(config);
    try {
      await serverKeyring(config, store); // made first when missing, with the log head as its legacy bound
    } finally {
      await store.close();
    }
    print({ keyFile: auditKeyFile(config), current: rotateKey(auditKeyFile(config)) });
    return 0;
  }
  if (!['verify', 'anchor', 'anchors', 'export'].includes(sub ?? '')) return -1;
  if (sub === 'export' && (!flags.tenant || !flags.out)) return usage('audit export needs --tenant <tenantId> --out <file.jsonl>');
  const store = await openEventStore(config);
  const { anchors } = await openAnchors(config);
  try {
    if (sub === 'verify') {
      const keys = existingKeyring(config);
      const report = await verifyChains(store, { ...(flags.tenant ? { tenantId: flags.tenant } : {}), ...(keys ? { keys, anchors: await anchors.list() } : {}) });
      print(report);
      return report.ok ? 0 : BROKEN;
    }
    if (sub === 'anchor') {
      const { keyring } = await serverKeyring(config, store);
      const outcome = await anchorLog(store, anchors, keyring.current(), { always: true });
      print(outcome);
      return isDomainError(outcome) ? 1 : 0;
    }
    if (sub === 'anchors') {
      const list = await anchors.list();
      if (!flags.export) return print({ anchors: list }), 0;
      await writeLines(flags.export, list.map((a) => `${JSON.stringify(a)}\n`));
      print({ exported: list.length, file: flags.export });
      return 0;
    }
    const written = await writeLines(flags.out!, tenantExport(store, () => anchors.list(), flags.tenant!));
    print({ tenantId: flags.tenant, file: flags.out, lines: written });
    return 0;
  } finally {
    await anchors.close();
    await store.close();
  }
}

async function writeLines(file: string, lines: Iterable<string> | AsyncIterable<string>): Promise<number> {
  const out = createWriteStream(file, { mode: 0o600 });
  let count = 0;
  for await (const line of lines) {
    if (!out.write(line)) await once(out, 'drain');
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}

function usage(message: string): number {
  console.error(message);
  return 64;
}
