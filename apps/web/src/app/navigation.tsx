/**
 * The menu: one entry per screen with the roles that see it. Screens still to come (council reviews and
 * votes, public notices, statistics, audit trails and verification, criteria versions) add an entry here
 * and a route in App.tsx; nothing else needs to know about them.
 */
import type { ReactNode } from 'react';
import { ApartmentOutlined, CheckSquareOutlined, FileAddOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '#domain';
import { ROUTES } from './routes';

export interface NavEntry {
  key: string;
  path: string;
  /** Translation key of the menu label. */
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
}

const READERS: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'];

export const NAVIGATION: NavEntry[] = [
  { key: 'tasks', path: ROUTES.tasks, label: 'nav.tasks', icon: <CheckSquareOutlined />, roles: READERS },
  { key: 'candidates', path: ROUTES.candidates, label: 'nav.candidates', icon: <SolutionOutlined />, roles: READERS },
  { key: 'nominate', path: ROUTES.nominate, label: 'nav.nominate', icon: <FileAddOutlined />, roles: ['UNIT_HEAD'] },
  { key: 'units', path: ROUTES.units, label: 'nav.units', icon: <ApartmentOutlined />, roles: ['ADMIN'] },
  { key: 'accounts', path: ROUTES.accounts, label: 'nav.accounts', icon: <TeamOutlined />, roles: ['ADMIN'] },
];

/** Where a person lands after signing in. */
export function homeFor(role: Role | undefined): string {
  return role === 'ADMIN' ? ROUTES.units : ROUTES.tasks;
}
