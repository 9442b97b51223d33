import { Suspense, lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '#domain';
import { ROUTES } from '../app/routes';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useAuth } from './AuthContext';

/** Ant Design's result with its 403 drawing: fetched when someone meets it, not with every screen. */
const Forbidden = lazy(() => import('../components/Forbidden').then((m) => ({ default: m.Forbidden })));

/** Signed-in people only; anyone else goes to sign-in and comes back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return <Loading />;
  }
  if (status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${ROUTES.signIn}?tiep=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** A screen for some roles only (the API refuses the others anyway; this explains it). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { account } = useAuth();
  const { t } = useTranslation();
  if (!account || !roles.includes(account.role)) {
    return (
      <Page title={t('forbidden.title')}>
        <Suspense fallback={<Loading />}>
          <Forbidden text={t('forbidden.text')} />
        </Suspense>
      </Page>
    );
  }
  return <>{children}</>;
}
