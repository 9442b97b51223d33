/**
 * The menu: one entry per screen with the roles that see it. A new screen adds an entry here and a route in
 * App.tsx; nothing else needs to know about it.
 */
import type { ReactNode } from 'react';
import {
  CloudUploadOutlined,
  ApartmentOutlined,
  BranchesOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  ControlOutlined,
  BankOutlined,
  FieldTimeOutlined,
  ClusterOutlined,
  RiseOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  MailOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
  SearchOutlined,
  FlagOutlined,
  ShareAltOutlined,
  ImportOutlined,
} from '@ant-design/icons';
import { ROLE_GROUPS, type Role } from '#domain';
import { COUNCIL_READERS, ROUTES } from './routes';

export interface NavEntry {
  key: string;
  path: string;
  /** Translation key of the menu label. */
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
}

const READERS = ROLE_GROUPS.candidateReaders;

export const NAVIGATION: NavEntry[] = [
  { key: 'auditDashboard', path: ROUTES.auditDashboard, label: 'nav.auditDashboard', icon: <SafetyCertificateOutlined />, roles: ['AUDITOR'] },
  { key: 'dashboard', path: ROUTES.dashboard, label: 'nav.dashboard', icon: <DashboardOutlined />, roles: READERS },
  { key: 'tasks', path: ROUTES.tasks, label: 'nav.tasks', icon: <CheckSquareOutlined />, roles: READERS },
  { key: 'candidates', path: ROUTES.candidates, label: 'nav.candidates', icon: <SolutionOutlined />, roles: READERS },
  { key: 'lookup', path: ROUTES.lookup, label: 'nav.lookup', icon: <SearchOutlined />, roles: READERS },
  { key: 'nominate', path: ROUTES.nominate, label: 'nav.nominate', icon: <FileAddOutlined />, roles: ['UNIT_HEAD'] },
  { key: 'movements', path: ROUTES.movements, label: 'nav.movements', icon: <FlagOutlined />, roles: READERS },
  { key: 'council', path: ROUTES.council, label: 'nav.council', icon: <UsergroupAddOutlined />, roles: COUNCIL_READERS },
  { key: 'decisions', path: ROUTES.decisions, label: 'nav.decisions', icon: <FileDoneOutlined />, roles: ROLE_GROUPS.decisionReaders },
  { key: 'proposals', path: ROUTES.proposals, label: 'nav.proposals', icon: <RiseOutlined />, roles: READERS },
  { key: 'replication', path: ROUTES.replication, label: 'nav.replication', icon: <ShareAltOutlined />, roles: READERS },
  { key: 'statistics', path: ROUTES.statistics, label: 'nav.statistics', icon: <BarChartOutlined />, roles: READERS },
  { key: 'audit', path: ROUTES.audit, label: 'nav.audit', icon: <AuditOutlined />, roles: ['AUDITOR'] },
  { key: 'units', path: ROUTES.units, label: 'nav.units', icon: <ApartmentOutlined />, roles: ['ADMIN'] },
  { key: 'unitImport', path: ROUTES.unitImport, label: 'nav.unitImport', icon: <ImportOutlined />, roles: ['ADMIN'] },
  { key: 'reorganisation', path: ROUTES.reorganisation, label: 'nav.reorganisation', icon: <BranchesOutlined />, roles: ['ADMIN'] },
  { key: 'accounts', path: ROUTES.accounts, label: 'nav.accounts', icon: <TeamOutlined />, roles: ['ADMIN'] },
  { key: 'outbox', path: ROUTES.outbox, label: 'nav.outbox', icon: <MailOutlined />, roles: ['ADMIN'] },
  { key: 'criteria', path: ROUTES.criteria, label: 'nav.criteria', icon: <OrderedListOutlined />, roles: ROLE_GROUPS.everyone },
  { key: 'councils', path: ROUTES.councils, label: 'nav.councils', icon: <ClusterOutlined />, roles: ROLE_GROUPS.everyone },
  { key: 'profile', path: ROUTES.profile, label: 'nav.profile', icon: <BankOutlined />, roles: ROLE_GROUPS.everyone },
  { key: 'ruleSets', path: ROUTES.ruleSets, label: 'nav.ruleSets', icon: <ControlOutlined />, roles: ROLE_GROUPS.everyone },
  { key: 'rehearsalClock', path: ROUTES.rehearsalClock, label: 'nav.rehearsalClock', icon: <FieldTimeOutlined />, roles: ['ADMIN', 'AUDITOR'] },
  { key: 'backups', path: ROUTES.backups, label: 'nav.backups', icon: <CloudUploadOutlined />, roles: ['ADMIN'] },
  { key: 'myAccount', path: ROUTES.myAccount, label: 'nav.myAccount', icon: <UserOutlined />, roles: ROLE_GROUPS.everyone },
];
