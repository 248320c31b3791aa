// Who this server is, for projection leases. A server restarted on the same DATA_DIR after
// a crash is the same instance: it holds its dead predecessor's leases already (a lease is
// renewed by its holder at once), so it is ready as soon as it has caught up instead of
// after the leases expire.
//
// The identity is kept in DATA_DIR/instance-id; DATA_DIR/server.pid says which process is
// using it ("host pid"). A second server started while the first still runs (pid alive, or
// on another host, where we cannot ask) gets an identity of its own for this run, so two
// live processes never share a lease.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface Instance {
  readonly holder: string; // the lease holder name
  readonly reused: boolean; // the persistent identity (false: another live process has it)
  release(): void; // at a clean stop: the pid file no longer names us
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // it exists, owned by someone else
  }
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

const SETTLE_MS = 50;
const fresh = (): Instance => ({ holder: `projector-${randomUUID()}`, reused: false, release: () => {} });

export async function claimInstance(dataDir: string): Promise<Instance> {
  const idFile = join(dataDir, 'instance-id');
  const pidFile = join(dataDir, 'server.pid');
  const me = `${hostname()} ${process.pid}\n`;
  try {
    let id = readText(idFile);
    if (!id) {
      id = randomUUID();
      writeFileSync(idFile, `${id}\n`);
    }
    // "host pid": a process of another host (a shared DATA_DIR) cannot be asked, so it counts as alive.
    const [host, pid] = (readText(pidFile) ?? '').split(' ');
    if (host && (host !== hostname() || (Number(pid) !== process.pid && alive(Number(pid))))) return fresh();
    writeFileSync(pidFile, me);
    // Two servers started within moments of each other may both have seen no live pid: the
    // last write wins, and the other one, reading it back, steps aside to an identity of its own.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    if (readText(pidFile) !== me.trim()) return fresh();
    return {
      holder: `projector-${id}`,
      reused: true,
      release() {
        if (readText(pidFile) === me.trim()) writeFileSync(pidFile, '');
      },
    };
  } catch {
    return fresh(); // DATA_DIR not writable right now: the old behaviour, waiting for lease expiry
  }
}
