import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DirectoryVersionRecord } from './entities/directory-version.record';

export interface DirectoryVersion {
  readonly version: number;
  readonly content: unknown;
  readonly sha256: string;
  readonly importedBy: string;
  readonly importedAt: string;
  readonly note?: string;
}

export type DirectoryVersionSummary = Omit<DirectoryVersion, 'content'>;

/** Another import took the version this one was based on (or the same number at the same moment). */
export class DirectoryChangedError extends Error {
  override readonly name = 'DirectoryChangedError';
  constructor(readonly current: number) {
    super(`the directory is at version ${current}`);
  }
}

const toVersion = (r: DirectoryVersionRecord): DirectoryVersion => ({
  version: r.version,
  content: JSON.parse(r.content) as unknown,
  sha256: r.sha256,
  importedBy: r.importedBy,
  importedAt: r.importedAt,
  ...(r.note ? { note: r.note } : {}),
});

/** The directory's versions: each import adds one; none is changed. A record of the API's own. */
export class DirectoryVersions {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(DirectoryVersionRecord);
  }

  async current(): Promise<DirectoryVersion | undefined> {
    const [latest] = await this.repository.find({ order: { version: 'DESC' }, take: 1 });
    return latest ? toVersion(latest) : undefined;
  }

  async version(version: number): Promise<DirectoryVersion | undefined> {
    const record = await this.repository.findOneBy({ version });
    return record ? toVersion(record) : undefined;
  }

  async list(): Promise<DirectoryVersionSummary[]> {
    const rows = await this.repository.find({
      select: { version: true, sha256: true, importedBy: true, importedAt: true, note: true },
      order: { version: 'DESC' },
    });
    return rows.map(({ version, sha256, importedBy, importedAt, note }) => ({
      version,
      sha256,
      importedBy,
      importedAt,
      ...(note ? { note } : {}),
    }));
  }

  /**
   * Adds a version after `basedOn` (the version the importer read; 0 for the first). Another import
   * in between is a DirectoryChangedError: the importer reads again rather than overwrite it.
   */
  async add(content: unknown, basedOn: number, importedBy: string, note?: string): Promise<DirectoryVersion> {
    const current = (await this.current())?.version ?? 0;
    if (current !== basedOn) throw new DirectoryChangedError(current);
    const text = JSON.stringify(content);
    const record: DirectoryVersionRecord = {
      version: basedOn + 1,
      content: text,
      sha256: createHash('sha256').update(text).digest('hex'),
      importedBy,
      importedAt: new Date().toISOString(),
      note: note ?? null,
    };
    try {
      await this.repository.insert(record);
    } catch (err) {
      // The primary key: another import took this number first.
      const now = (await this.current())?.version ?? 0;
      if (now !== basedOn) throw new DirectoryChangedError(now);
      throw err;
    }
    return toVersion(record);
  }
}
