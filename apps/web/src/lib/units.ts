import type { UnitNode } from '#contracts';
import { api } from '../api/client';
import { formatDate } from './format';

export interface UnitOption {
  value: string;
  title: string;
  children: UnitOption[];
}

export function toTreeData(nodes: UnitNode[]): UnitOption[] {
  // A unit merged, split or dissolved stays in the tree (its history is read through it) but takes no new work; its
  // title says since when, written the Vietnamese way (01/07/2025).
  return nodes.map((n) => ({ value: n.id, title: n.status === 'RETIRED' ? `${n.name} (✕ ${formatDate(n.retiredOn)})` : n.name, children: toTreeData(n.children) }));
}

export function findUnit(nodes: UnitNode[], id: string | null | undefined): UnitNode | undefined {
  if (!id) return undefined;
  for (const node of nodes) {
    if (node.id === id) return node;
    const below = findUnit(node.children, id);
    if (below) return below;
  }
  return undefined;
}

export function flatten(nodes: UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

export const loadUnitTree = (signal?: AbortSignal) => api.get('/api/units', { signal });
