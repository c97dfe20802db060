import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCodecKeys } from '@comity/crypto';
import { openReadModel } from './data-source';

const keys = parseCodecKeys(`k1:${randomBytes(32).toString('base64')}`, 'k1');

const readableByOthers = (file: string) => statSync(file).mode & 0o077;

describe('the SQLite read model on disk', () => {
  let root: string;
  let umask: number;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'comity-data-source-'));
    // The usual default: without an explicit mode, files would come out readable by everyone.
    umask = process.umask(0o022);
  });

  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates its folders and files for the owner only', async () => {
    const file = path.join(root, 'runtime/read-model/comity.sqlite');
    const readModel = await openReadModel({ type: 'sqlite', path: file }, keys);
    try {
      const made = [path.join(root, 'runtime'), path.dirname(file), file, `${file}-wal`, `${file}-shm`];
      expect(made.map((f) => [f, readableByOthers(f)])).toEqual(made.map((f) => [f, 0]));
    } finally {
      await readModel.destroy();
    }
  });

  it('tightens a database file and its companions left readable by others', async () => {
    const file = path.join(root, 'comity.sqlite');
    // Another process has it open: the write-ahead log and shared memory exist, as after a crash.
    const other = await openReadModel({ type: 'sqlite', path: file }, keys);
    const files = [file, `${file}-wal`, `${file}-shm`];
    files.forEach((f) => chmodSync(f, 0o644));
    const readModel = await openReadModel({ type: 'sqlite', path: file }, keys);
    try {
      expect(files.map((f) => [f, readableByOthers(f)])).toEqual(files.map((f) => [f, 0]));
    } finally {
      await Promise.all([readModel.destroy(), other.destroy()]);
    }
  });
});
