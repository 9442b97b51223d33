/** Addresses of the screens, in Vietnamese, in one place (links and the router both read them). */
export const ROUTES = {
  signIn: '/dang-nhap',
  tasks: '/viec-can-lam',
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
  accounts: '/quan-tri/tai-khoan',
  criteria: '/quan-tri/tieu-chi',
  profile: '/quan-tri/ho-so-phap-ly',
  ruleSets: '/quan-tri/quy-tac-hoi-dong',
} as const;
