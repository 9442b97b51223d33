import type { ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '#domain';
import { ROUTES } from '../app/routes';
import { Page } from '../components/Page';
import { useAuth } from './AuthContext';

/** Signed-in people only; anyone else goes to sign-in and comes back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') {
    return (
      <div className="loading-screen" role="status">
        <Spin size="large" />
        <span>{t('common.loading')}</span>
      </div>
    );
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
        <Result status="403" subTitle={t('forbidden.text')} />
      </Page>
    );
  }
  return <>{children}</>;
}
