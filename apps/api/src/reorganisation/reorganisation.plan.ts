/**
 * What an operation on the unit tree does, computed without writing: the preview shows it, the operation applies
 * it. Pure over a snapshot of the tree (every unit, read or locked by the caller) and the facts the checks need.
 *
 * The tree's materialised path follows succession: a unit whose work another unit carries on (merged into it, or
 * the first part of a split) is re-rooted below that unit, so every subtree condition (a unit head's reach, the
 * statistics' scope) includes the predecessors' candidates with no candidate row written. A dissolved unit stays
 * where it was (below its parent). A candidate a split sends to another part is placed there (`home_unit_id`).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/domain-error.js';
import { continuingCouncilName } from '../councils/council-setup.js';
import type { ReorganisationDto } from './dto/reorganisation.dto.js';
import type { UnitOperationKind } from './reorganisation.entities.js';

export interface TreeUnit {
  id: string;
  name: string;
  code: string | null;
  level: string;
  sector: string;
  parentId: string | null;
  path: string;
  status: 'ACTIVE' | 'RETIRED';
}

/** A candidate whose unit (nominated or placed) lies in the part of the tree the operation touches. */
export interface AffectedCandidate {
  id: string;
  name: string;
  state: string;
  unitId: string;
  /** The unit it lives in: where a split placed it, else its nomination unit. */
  effectiveUnitId: string;
}

export interface AffectedAccount {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
}

export interface OpenSession {
  id: string;
  title: string;
  councilUnitId: string;
}

export interface Facts {
  units: TreeUnit[];
  candidates: AffectedCandidate[];
  accounts: AffectedAccount[];
  openSessions: OpenSession[];
  /** Councils serving the operands (and a merge's receiving unit) today: the unit each serves, the name each bears today. */
  councilUnits: { unitId: string; councilId: string; name: string }[];
}

export type BlockerKind = 'CANDIDATE' | 'ACCOUNT' | 'UNIT' | 'SESSION';
export interface Blocker {
  kind: BlockerKind;
  id: string;
  name: string;
  /** Where it is now. */
  unitName: string;
  vi: string;
  en: string;
}

export interface UnitChangeStep {
  unitId: string;
  change: 'CREATED' | 'RENAMED' | 'MOVED' | 'RETIRED';
  nameBefore: string | null;
  nameAfter: string;
  parentBefore: string | null;
  parentAfter: string | null;
  statusBefore: 'ACTIVE' | 'RETIRED' | null;
  statusAfter: 'ACTIVE' | 'RETIRED';
}

export interface Plan {
  operationId: string;
  kind: UnitOperationKind;
  effectiveOn: string;
  creates: TreeUnit[];
  changes: UnitChangeStep[];
  /** Path prefixes rewritten, in order: every unit whose path starts with `from` gets `to` instead. */
  relocations: { from: string; to: string }[];
  successions: { predecessorId: string; successorId: string; kind: 'MERGE' | 'SPLIT' | 'DISSOLVE'; primary: boolean }[];
  placements: { candidateId: string; fromUnitId: string; toUnitId: string }[];
  accountMoves: { accountId: string; fromUnitId: string; toUnitId: string }[];
  /** A merged unit's council that continues under the successor (holding its sessions and history). */
  councilTransfers: { councilId: string; fromUnitId: string; toUnitId: string; /** Its name from the effective date; null: unchanged. */ councilName: string | null }[];
  blockers: Blocker[];
  /** The tree after the operation (for the preview's "today's unit" of each candidate). */
  after: Map<string, TreeUnit>;
  before: Map<string, TreeUnit>;
}

/** States in which a candidate is still being worked on: it needs a unit that carries on the work. */
export const OPEN_STATES = ['discovered', 'nurturing', 'returned', 'underReview', 'publicNotice', 'replicating'] as const;

/** The request fields by their labels, for refusals that name one. */
export const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  name: { vi: 'Tên mới', en: 'New name' },
  parentId: { vi: 'Đơn vị cấp trên mới', en: 'New parent unit' },
  unitIds: { vi: 'Các đơn vị sáp nhập', en: 'Units merged' },
  intoUnitId: { vi: 'Sáp nhập vào đơn vị', en: 'Merge into' },
  newUnit: { vi: 'Đơn vị mới', en: 'New unit' },
  'newUnit.parentId': { vi: 'Đơn vị cấp trên của đơn vị mới', en: 'Parent of the new unit' },
  parts: { vi: 'Các đơn vị tiếp nhận', en: 'Receiving units' },
  placements: { vi: 'Nơi tiếp nhận', en: 'Placements' },
  effectiveOn: { vi: 'Ngày có hiệu lực', en: 'Effective date' },
};

function invalid(field: string, vi: string, en: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('REORGANISATION_INVALID', { field, fieldLabel: FIELD_LABELS[field] ?? null, ...details }, { vi, en });
}

/** The unit that carries on a unit's work today: itself when active, else the nearest active unit above it by path. */
export function todayUnitOf(tree: Map<string, TreeUnit>, unitId: string): TreeUnit | undefined {
  const unit = tree.get(unitId);
  if (!unit) return undefined;
  const ids = unit.path.split('/').filter(Boolean).reverse();
  for (const id of ids) {
    const u = tree.get(id);
    if (u?.status === 'ACTIVE') return u;
  }
  return undefined;
}

export function computePlan(dto: ReorganisationDto, facts: Facts, clockToday: string): Plan {
  const before = new Map(facts.units.map((u) => [u.id, { ...u }]));
  const after = new Map(facts.units.map((u) => [u.id, { ...u }]));
  const plan: Plan = {
    operationId: randomUUID(),
    kind: dto.kind,
    effectiveOn: dto.effectiveOn,
    creates: [],
    changes: [],
    relocations: [],
    successions: [],
    placements: [],
    accountMoves: [],
    councilTransfers: [],
    blockers: [],
    after,
    before,
  };
  if (dto.documentDate > clockToday) throw invalid('documentDate', 'Ngày văn bản không được sau ngày hôm nay.', 'The document date cannot be in the future.');
  if (dto.effectiveOn < dto.documentDate) throw invalid('effectiveOn', 'Ngày có hiệu lực không được trước ngày văn bản.', 'The effective date cannot precede the document date.');

  const active = (id: string | undefined, field: string): TreeUnit => {
    if (!id) throw invalid(field, 'Chưa chọn đơn vị.', 'No unit chosen.');
    const u = after.get(id);
    if (!u) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field, fieldLabel: FIELD_LABELS[field] ?? null, unitId: id });
    if (u.status !== 'ACTIVE') throw new DomainError('UNIT_RETIRED', { field, fieldLabel: FIELD_LABELS[field] ?? null, unitId: id, unitName: u.name });
    return u;
  };
  const nameOf = (id: string | null) => (id ? (after.get(id)?.name ?? before.get(id)?.name ?? '') : '');
  /** Rewrites the path prefix of a unit's subtree in the simulated tree and records it. */
  const relocate = (unit: TreeUnit, newParent: TreeUnit) => {
    const from = unit.path;
    const to = `${newParent.path}${unit.id}/`;
    if (from === to) return;
    for (const u of after.values()) if (u.path.startsWith(from)) u.path = to + u.path.slice(from.length);
    plan.relocations.push({ from, to });
  };
  const step = (unit: TreeUnit, change: UnitChangeStep['change'], next: Partial<Pick<TreeUnit, 'name' | 'parentId' | 'status'>>) => {
    const b = before.get(unit.id);
    plan.changes.push({
      unitId: unit.id,
      change,
      nameBefore: b ? b.name : null,
      nameAfter: next.name ?? unit.name,
      parentBefore: b ? b.parentId : null,
      parentAfter: next.parentId !== undefined ? next.parentId : unit.parentId,
      statusBefore: b ? b.status : null,
      statusAfter: next.status ?? unit.status,
    });
    Object.assign(unit, next);
  };
  const create = (n: { name: string; level: string; sector: string; parentId?: string }, field: string): TreeUnit => {
    const parent = active(n.parentId, `${field}.parentId`);
    const id = randomUUID();
    const unit: TreeUnit = { id, name: n.name, code: null, level: n.level, sector: n.sector, parentId: parent.id, path: `${parent.path}${id}/`, status: 'ACTIVE' };
    if (n.level === 'PROVINCE') throw invalid(field, 'Đơn vị mới không thể là cấp tỉnh khi có đơn vị cấp trên.', 'A new unit below another cannot be a province.');
    after.set(id, unit);
    plan.creates.push({ ...unit });
    plan.changes.push({ unitId: id, change: 'CREATED', nameBefore: null, nameAfter: unit.name, parentBefore: null, parentAfter: parent.id, statusBefore: null, statusAfter: 'ACTIVE' });
    return unit;
  };
  const within = (unit: TreeUnit, ancestor: TreeUnit) => unit.path.startsWith(ancestor.path);
  const activeChildren = (unit: TreeUnit) => [...after.values()].filter((u) => u.parentId === unit.id && u.status === 'ACTIVE');
  const inSubtreeOf = (unitId: string, root: string) => (before.get(unitId)?.path ?? '').startsWith(root);
  const block = (b: Blocker) => plan.blockers.push(b);
  const openSessionsOf = (units: TreeUnit[]) => {
    for (const s of facts.openSessions) {
      const u = units.find((x) => x.id === s.councilUnitId);
      if (u)
        block({
          kind: 'SESSION',
          id: s.id,
          name: s.title,
          unitName: u.name,
          vi: `Phiên họp "${s.title}" của Hội đồng ${u.name} chưa kết thúc: hãy kết thúc phiên trước.`,
          en: `The session "${s.title}" of ${u.name}'s council is not closed: close it first.`,
        });
    }
  };

  switch (dto.kind) {
    case 'RENAME': {
      const unit = active(dto.unitId, 'unitId');
      if (!dto.name) throw invalid('name', 'Chưa nhập tên mới.', 'No new name given.');
      if (dto.name === unit.name) throw invalid('name', 'Tên mới trùng tên hiện tại.', 'The new name is the current name.');
      step(unit, 'RENAMED', { name: dto.name });
      break;
    }
    case 'MOVE': {
      const unit = active(dto.unitId, 'unitId');
      if (unit.parentId === null) throw invalid('unitId', 'Không thể điều chuyển đơn vị cấp tỉnh.', 'The province cannot be moved.');
      const parent = active(dto.parentId, 'parentId');
      if (within(parent, unit)) throw invalid('parentId', 'Đơn vị cấp trên mới không được là chính đơn vị hoặc đơn vị trực thuộc của nó.', 'The new parent cannot be the unit itself or below it.');
      if (parent.id === unit.parentId) throw invalid('parentId', 'Đơn vị đã trực thuộc đơn vị này.', 'The unit is already below this parent.');
      relocate(unit, parent);
      step(unit, 'MOVED', { parentId: parent.id });
      break;
    }
    case 'MERGE': {
      const ids = dto.unitIds ?? [];
      if (ids.length < 2) throw invalid('unitIds', 'Cần chọn ít nhất hai đơn vị để sáp nhập.', 'Choose at least two units to merge.');
      if (new Set(ids).size !== ids.length) throw invalid('unitIds', 'Một đơn vị được chọn hai lần.', 'A unit is chosen twice.');
      const merged = ids.map((id) => active(id, 'unitIds'));
      // Provinces (roots) merge only with provinces, into one of them (the province that carries on: 01/7/2025).
      const roots = merged.filter((m) => m.parentId === null).length;
      if (roots > 0 && (roots < merged.length || !dto.intoUnitId))
        throw invalid('unitIds', 'Đơn vị cấp tỉnh chỉ sáp nhập với đơn vị cấp tỉnh, vào một trong các tỉnh đó.', 'A province merges only with provinces, into one of them.');
      for (const a of merged) {
        for (const b of merged) if (a !== b && within(b, a)) throw invalid('unitIds', `Đơn vị "${b.name}" trực thuộc "${a.name}": không thể sáp nhập đơn vị với đơn vị cấp trên của nó.`, `"${b.name}" is below "${a.name}": a unit cannot merge with its parent.`);
      }
      if (!!dto.intoUnitId === !!dto.newUnit) throw invalid('intoUnitId', 'Chọn một đơn vị tiếp nhận trong số các đơn vị sáp nhập, hoặc khai báo một đơn vị mới (chỉ một trong hai).', 'Choose one of the merged units to receive them, or describe a new unit (one of the two).');
      let successor: TreeUnit;
      if (dto.intoUnitId) {
        if (!ids.includes(dto.intoUnitId)) throw invalid('intoUnitId', 'Đơn vị tiếp nhận phải là một trong các đơn vị sáp nhập.', 'The receiving unit must be one of the merged units.');
        successor = after.get(dto.intoUnitId)!;
      } else {
        const parentId = dto.newUnit!.parentId ?? merged[0]!.parentId ?? undefined;
        const parent = active(parentId, 'newUnit.parentId');
        if (merged.some((m) => within(parent, m))) throw invalid('newUnit.parentId', 'Đơn vị cấp trên của đơn vị mới không được nằm trong các đơn vị bị sáp nhập.', 'The new unit’s parent cannot lie within a merged unit.');
        successor = create({ ...dto.newUnit!, parentId: parent.id }, 'newUnit');
      }
      const predecessors = merged.filter((m) => m.id !== successor.id);
      openSessionsOf(predecessors);
      for (const p of predecessors) {
        for (const child of activeChildren(p)) {
          relocate(child, successor);
          step(child, 'MOVED', { parentId: successor.id });
        }
        relocate(p, successor);
        step(p, 'RETIRED', { status: 'RETIRED', parentId: successor.id });
        plan.successions.push({ predecessorId: p.id, successorId: successor.id, kind: 'MERGE', primary: true });
        for (const a of facts.accounts.filter((x) => x.unitId === p.id)) plan.accountMoves.push({ accountId: a.id, fromUnitId: p.id, toUnitId: successor.id });
      }
      // The council carries on too: when the successor has none, the first merged unit (in the order given) that has
      // one hands it over, with its sessions and history. Other councils stay with their retired unit's history.
      if (!facts.councilUnits.some((k) => k.unitId === successor.id)) {
        for (const p of ids.map((id) => after.get(id)!).filter((u) => u.id !== successor.id)) {
          const council = facts.councilUnits.find((k) => k.unitId === p.id);
          if (council) {
            // From that day it reads as the successor's council; the name it bore until then stays in its history.
            const councilName = continuingCouncilName(council.name, p.name, successor.name);
            plan.councilTransfers.push({ councilId: council.councilId, fromUnitId: p.id, toUnitId: successor.id, councilName });
            break;
          }
        }
      }
      break;
    }
    case 'SPLIT': {
      const unit = active(dto.unitId, 'unitId');
      if (unit.parentId === null) throw invalid('unitId', 'Không thể chia tách đơn vị cấp tỉnh bằng thao tác này.', 'The province cannot be split by this operation.');
      const partsDto = dto.parts ?? [];
      if (partsDto.length < 2) throw invalid('parts', 'Cần ít nhất hai đơn vị tiếp nhận.', 'At least two receiving units are needed.');
      const parts: TreeUnit[] = partsDto.map((p, i) => {
        if (!!p.unitId === !!p.newUnit) throw invalid('parts', `Đơn vị tiếp nhận thứ ${i + 1}: chọn một đơn vị có sẵn hoặc khai báo đơn vị mới (chỉ một trong hai).`, `Part ${i + 1}: choose an existing unit or describe a new one (one of the two).`);
        if (p.unitId) {
          const u = active(p.unitId, 'parts');
          if (within(u, unit)) throw invalid('parts', `Đơn vị tiếp nhận "${u.name}" nằm trong đơn vị bị chia tách.`, `The receiving unit "${u.name}" lies within the split unit.`);
          return u;
        }
        const parentId = p.newUnit!.parentId ?? unit.parentId ?? undefined;
        const parent = active(parentId, 'parts');
        if (within(parent, unit)) throw invalid('parts', 'Đơn vị cấp trên của đơn vị mới không được nằm trong đơn vị bị chia tách.', 'A new part’s parent cannot lie within the split unit.');
        return create({ ...p.newUnit!, parentId: parent.id }, 'parts');
      });
      if (new Set(parts.map((p) => p.id)).size !== parts.length) throw invalid('parts', 'Một đơn vị tiếp nhận được chọn hai lần.', 'A receiving unit is chosen twice.');
      const placed = new Map<string, { kind: string; part: TreeUnit }>();
      for (const pl of dto.placements ?? []) {
        const part = parts[pl.part];
        if (!part) throw invalid('placements', `Không có đơn vị tiếp nhận thứ ${pl.part + 1}.`, `There is no part ${pl.part + 1}.`);
        placed.set(`${pl.kind}:${pl.id}`, { kind: pl.kind, part });
      }
      openSessionsOf([unit]);
      const primary = parts[0]!;
      // Child units: each must be placed.
      for (const child of activeChildren(unit)) {
        const to = placed.get(`UNIT:${child.id}`)?.part;
        if (!to) {
          block({ kind: 'UNIT', id: child.id, name: child.name, unitName: unit.name, vi: `Đơn vị trực thuộc "${child.name}" chưa được bố trí về đơn vị tiếp nhận.`, en: `The child unit "${child.name}" has not been placed.` });
          continue;
        }
        relocate(child, to);
        step(child, 'MOVED', { parentId: to.id });
      }
      // Accounts of the unit itself: each must be placed.
      for (const a of facts.accounts.filter((x) => x.unitId === unit.id)) {
        const to = placed.get(`ACCOUNT:${a.id}`)?.part;
        if (!to) block({ kind: 'ACCOUNT', id: a.id, name: `${a.displayName} (${a.username})`, unitName: unit.name, vi: `Tài khoản ${a.username} chưa được bố trí về đơn vị tiếp nhận.`, en: `The account ${a.username} has not been placed.` });
        else plan.accountMoves.push({ accountId: a.id, fromUnitId: unit.id, toUnitId: to.id });
      }
      // Candidates living in the unit itself: open ones must be placed; finished ones go with its history to the first part.
      for (const c of facts.candidates.filter((x) => x.effectiveUnitId === unit.id)) {
        const to = placed.get(`CANDIDATE:${c.id}`)?.part;
        if (to) plan.placements.push({ candidateId: c.id, fromUnitId: unit.id, toUnitId: to.id });
        else if ((OPEN_STATES as readonly string[]).includes(c.state))
          block({ kind: 'CANDIDATE', id: c.id, name: c.name, unitName: unit.name, vi: `Hồ sơ "${c.name}" đang xử lý chưa được bố trí về đơn vị tiếp nhận.`, en: `The open candidate "${c.name}" has not been placed.` });
      }
      const ownAccounts = new Set(facts.accounts.filter((a) => a.unitId === unit.id).map((a) => a.id));
      const ownCandidates = new Set(facts.candidates.filter((c) => c.effectiveUnitId === unit.id).map((c) => c.id));
      for (const key of placed.keys()) {
        const [kind, id] = key.split(':') as [string, string];
        const known = kind === 'UNIT' ? before.get(id)?.parentId === unit.id : kind === 'ACCOUNT' ? ownAccounts.has(id) : ownCandidates.has(id);
        if (!known) throw invalid('placements', 'Một mục được bố trí không thuộc đơn vị bị chia tách.', 'A placed item does not belong to the split unit.', { placedId: id });
      }
      relocate(unit, primary);
      step(unit, 'RETIRED', { status: 'RETIRED', parentId: primary.id });
      parts.forEach((p, i) => plan.successions.push({ predecessorId: unit.id, successorId: p.id, kind: 'SPLIT', primary: i === 0 }));
      break;
    }
    case 'DISSOLVE': {
      const unit = active(dto.unitId, 'unitId');
      if (unit.parentId === null) throw invalid('unitId', 'Không thể giải thể đơn vị cấp tỉnh.', 'The province cannot be dissolved.');
      openSessionsOf([unit]);
      for (const child of activeChildren(unit))
        block({ kind: 'UNIT', id: child.id, name: child.name, unitName: unit.name, vi: `Đơn vị trực thuộc "${child.name}" còn hoạt động: hãy điều chuyển hoặc sáp nhập trước.`, en: `The child unit "${child.name}" is still active: move or merge it first.` });
      for (const a of facts.accounts.filter((x) => x.unitId === unit.id))
        block({ kind: 'ACCOUNT', id: a.id, name: `${a.displayName} (${a.username})`, unitName: unit.name, vi: `Tài khoản ${a.username} còn thuộc đơn vị: hãy chuyển hoặc khóa tài khoản trước.`, en: `The account ${a.username} still belongs to the unit: move or disable it first.` });
      for (const c of facts.candidates.filter((x) => inSubtreeOf(x.effectiveUnitId, unit.path) && (OPEN_STATES as readonly string[]).includes(x.state)))
        block({ kind: 'CANDIDATE', id: c.id, name: c.name, unitName: nameOf(c.effectiveUnitId), vi: `Hồ sơ "${c.name}" đang xử lý: hãy hoàn tất hoặc chuyển đơn vị trước (sáp nhập, chia tách).`, en: `The candidate "${c.name}" is still open: finish it or move it first (merge, split).` });
      step(unit, 'RETIRED', { status: 'RETIRED' });
      // The dissolved unit's history stays below its parent, which is where its finished work is read today.
      plan.successions.push({ predecessorId: unit.id, successorId: unit.parentId, kind: 'DISSOLVE', primary: true });
      break;
    }
  }
  return plan;
}
