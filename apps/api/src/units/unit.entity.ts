import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Sector, UnitLevel } from '#domain';

/** A unit of the provincial hierarchy (province → departments, districts, enterprises → grassroots). */
@Entity('unit')
@Index('UQ_unit_code', ['code'], { unique: true, where: 'code IS NOT NULL' })
@Index('IDX_unit_parent', ['parentId'])
// Prefix searches on the materialised path (text_pattern_ops) are created by the migration itself.
@Index('IDX_unit_path', { synchronize: false })
export class Unit {
  @PrimaryColumn('uuid')
  id: string;

  /** Optional short code used by the office (e.g. SGD for Sở Giáo dục và Đào tạo). */
  @Column('text', { nullable: true })
  code: string | null;

  @Column('text')
  name: string;

  @Column('text')
  level: UnitLevel;

  @Column('text')
  sector: Sector;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Unit>;

  /** Materialised path of ids from the root, `/root/…/self/`: a subtree is a prefix match. */
  @Column('text')
  path: string;

  /**
   * ACTIVE, or RETIRED once a reorganisation merged, split or dissolved it. A retired unit stays (history refers to
   * it); its path lies below the unit that carries on its work (or its parent, when dissolved).
   */
  @Column('text', { default: 'ACTIVE' })
  status: 'ACTIVE' | 'RETIRED';

  @Column('date', { name: 'retired_on', nullable: true })
  retiredOn: string | null;

  /** Counts accepted changes; equals the last sequence number of the unit's audit stream. */
  @Column('int')
  version: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
