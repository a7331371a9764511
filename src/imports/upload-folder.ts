import { randomUUID } from 'node:crypto';
import { Dirent } from 'node:fs';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Where uploaded exports wait for their import: a folder of the service's own under DATA_DIR
 * (writable already, for the SQLite file and the outbox), not the host's temporary directory.
 * A file is removed however its import ends; a process killed outright (out of memory, SIGKILL)
 * skips that, so each start sweeps what such a process left.
 */
export function uploadFolderOf(dataDir: string): string {
  return resolve(dataDir, 'uploads');
}

const PREFIX = 'tthc-import-';
const UPLOAD_NAME = /^tthc-import-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new upload's file name: nothing of the uploaded name, which is the caller's. */
export function newUploadName(): string {
  return `${PREFIX}${randomUUID()}`;
}

/**
 * An upload file untouched for this long has no live process: a running instance touches the
 * files it holds (queued or loading) every HEARTBEAT of imports.service.ts, however long they
 * wait. Other instances on the same host may share DATA_DIR (MySQL deployments started from one
 * folder): their younger files are theirs, and stay.
 */
export const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;

/**
 * Removes the upload files in `folder` left by a process that died: named as uploads are, plain
 * files, last touched more than ABANDONED_UPLOAD_MS before `now` (real time: file times are).
 * Creates the folder when missing. Returns how many were removed.
 */
export async function sweepAbandonedUploads(folder: string, now = Date.now()): Promise<number> {
  await mkdir(folder, { recursive: true });
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !UPLOAD_NAME.test(entry.name)) continue;
    const path = join(folder, entry.name);
    try {
      if (now - (await stat(path)).mtimeMs <= ABANDONED_UPLOAD_MS) continue;
      await rm(path, { force: true });
      removed++;
    } catch {
      // Gone meanwhile (another instance's sweep, or its import ended): nothing to do.
    }
  }
  return removed;
}

/** Marks the files as held by a live process (see ABANDONED_UPLOAD_MS); a file already gone is skipped. */
export async function touchUploads(paths: Iterable<string>, now = new Date()): Promise<void> {
  await Promise.all([...paths].map((path) => utimes(path, now, now).catch(() => undefined)));
}
