/** Addresses of the screens, in Vietnamese, in one place (links and the router both read them). */
export const ROUTES = {
  signIn: '/dang-nhap',
  tasks: '/viec-can-lam',
  candidates: '/ho-so',
  nominate: '/ho-so/de-cu',
  candidate: (id: string) => `/ho-so/${id}`,
  units: '/quan-tri/don-vi',
  accounts: '/quan-tri/tai-khoan',
} as const;
