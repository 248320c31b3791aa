// A small tmpfs of its own, for tests that fill a disk for real. Needs root (mount); where
// that fails the caller skips and prints why.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  readonly dir: string;
  fill(): void; // writes a filler file until the disk is full (ENOSPC)
  free(): void; // removes the filler
  unmount(): void;
}

const mounted = new Set<string>();
process.once('exit', () => {
  for (const dir of mounted) unmountQuietly(dir);
});

function unmountQuietly(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // already gone
  }
  mounted.delete(dir);
}

export function mountSmallDisk(sizeMiB = 16): SmallDisk | { skipped: string } {
  const dir = mkdtempSync(join(tmpdir(), 'adledger-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `cannot mount a tmpfs (${(error as Error).message.split('\n')[0]})` };
  }
  mounted.add(dir);
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOSPC') throw error;
      }
      // Whatever is left is smaller than a chunk: fill it byte by byte-ish.
      try {
        for (;;) writeSync(fd, chunk, 0, 512);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount: () => unmountQuietly(dir),
  };
}
