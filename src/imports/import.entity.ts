import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** One file loaded through the upload API: its progress, its counts, and who sent it. */
@Entity('imports')
@Index('ix_imports_unit_created', ['unitId', 'createdAt'])
export class Import {
  @PrimaryGeneratedColumn()
  id: number;

  /** The unit the file was loaded for (the --unit / unitCode, else the key's unit); null for admin without unit. */
  @Column({ type: 'int', nullable: true })
  unitId: number | null;

  @Column({ type: 'int', nullable: true })
  apiKeyId: number | null;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 8 })
  format: 'csv' | 'xlsx';

  @Column({ type: 'boolean', default: false })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 8 })
  status: ImportStatus;

  @Column({ type: 'int', default: 0 })
  rowsRead: number;

  @Column({ type: 'int', nullable: true })
  rowsExpected: number | null;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  updated: number;

  @Column({ type: 'int', default: 0 })
  unchanged: number;

  @Column({ type: 'int', default: 0 })
  stale: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  /** Moved by every batch: an import whose heartbeat stopped was interrupted. */
  @Column({ type: 'datetime', precision: 3 })
  heartbeatAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}

/** A row of an import that was refused, with its line in the file and every reason. */
@Entity('import_errors')
@Index('ix_import_errors_import_line', ['importId', 'line'])
export class ImportError {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  importId: number;

  @Column({ type: 'int' })
  line: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  /** The reasons, one per line ("field: reason"). */
  @Column({ type: 'text' })
  errors: string;
}
