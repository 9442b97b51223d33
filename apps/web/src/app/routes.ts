import { ROLE_GROUPS, type Role } from '#domain';

/** Addresses of the screens, in Vietnamese, in one place (links and the router both read them). */
export const ROUTES = {
  signIn: '/dang-nhap',
  tasks: '/viec-can-lam',
  dashboard: '/bang-dieu-hanh',
  auditDashboard: '/kiem-tra/tong-quan',
  dossier: (id: string) => `/ho-so/${id}/ban-in`,
  candidates: '/ho-so',
  nominate: '/ho-so/de-cu',
  candidate: (id: string) => `/ho-so/${id}`,
  council: '/hoi-dong',
  session: (id: string, itemId?: string) => `/hoi-dong/${id}${itemId ? `#ho-so-${itemId}` : ''}`,
  checklist: (sessionId: string, itemId: string) => `/hoi-dong/${sessionId}/phieu-danh-gia/${itemId}`,
  statistics: '/thong-ke',
  audit: '/kiem-tra',
  auditTrail: (filter: Record<string, string>) => `/kiem-tra?${new URLSearchParams(filter).toString()}`,
  units: '/quan-tri/don-vi',
  unitImport: '/quan-tri/nhap-don-vi',
  reorganisation: '/quan-tri/sap-xep-don-vi',
  accounts: '/quan-tri/tai-khoan',
  criteria: '/quan-tri/tieu-chi',
  profile: '/quan-tri/ho-so-phap-ly',
  ruleSets: '/quan-tri/quy-tac-hoi-dong',
  rehearsalClock: '/quan-tri/dong-ho-dien-tap',
  backups: '/quan-tri/sao-luu',
  notifications: '/thong-bao',
  notificationSettings: '/thong-bao/cai-dat',
  outbox: '/quan-tri/thu-di',
  councils: '/hoi-dong-cac-cap',
  proposals: '/lien-thong',
  myAccount: '/tai-khoan-cua-toi',
  lookup: '/tra-cuu',
  movements: '/phong-trao',
  replication: '/nhan-rong',
  movement: (id: string) => `/phong-trao/${id}`,
  subjectHistory: (candidateId: string) => `/tra-cuu/doi-tuong/${candidateId}`,
  decisions: '/quyet-dinh',
  sessionDecision: (sessionId: string) => `/quyet-dinh/dot-xet/${sessionId}`,
} as const;

/** Review sessions: the council works in them; auditors read them. */
export const COUNCIL_READERS = ROLE_GROUPS.councilReaders;

/**
 * Where a person lands after signing in: the office's secretariat on its dashboard, auditors on theirs, unit heads
 * and council members on their tasks.
 */
export function homeFor(role: Role | undefined): string {
  switch (role) {
    case 'ADMIN':
      return ROUTES.units;
    case 'CLERK':
      return ROUTES.decisions;
    case 'COUNCIL_SECRETARY':
      return ROUTES.dashboard;
    case 'AUDITOR':
      return ROUTES.auditDashboard;
    default:
      return ROUTES.tasks;
  }
}
