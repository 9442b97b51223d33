/** The frame around every signed-in screen: header, menu by role, language switch, sign-out. */
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useLabels } from '../domain/labels';
import { LANGUAGES } from '../i18n';
import { NAVIGATION } from './navigation';
import { ROUTES } from './routes';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      aria-label={t('language.choose')}
      size="small"
      value={i18n.language}
      options={LANGUAGES.map((l) => ({ value: l, label: <span lang={l} title={t(`language.${l}`)}>{l.toUpperCase()}</span> }))}
      onChange={(value) => void i18n.changeLanguage(String(value))}
    />
  );
}

export function Shell() {
  const { t } = useTranslation();
  const { account, signOut } = useAuth();
  const { label } = useLabels();
  const location = useLocation();
  const navigate = useNavigate();
  const entries = NAVIGATION.filter((entry) => account && entry.roles.includes(account.role));
  // The longest menu path that starts the current address is the selected entry.
  const selected = entries
    .filter((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`))
    .sort((a, b) => b.path.length - a.path.length)
    .find((e) => !(e.key === 'candidates' && location.pathname === ROUTES.nominate));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to={ROUTES.tasks} className="app-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.title')}</span>
        </Link>
        <Space size="middle" className="app-header-right">
          <LanguageSwitch />
          {account && (
            <span className="app-user">
              <Typography.Text strong style={{ color: 'inherit' }}>
                {account.displayName}
              </Typography.Text>
              <Typography.Text style={{ color: 'inherit', opacity: 0.85 }}> · {label('role', account.role)}</Typography.Text>
            </span>
          )}
          <Button
            icon={<LogoutOutlined />}
            onClick={async () => {
              await signOut();
              navigate(ROUTES.signIn, { replace: true });
            }}
          >
            {t('auth.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={232} breakpoint="lg" collapsedWidth={0} theme="light" className="app-sider">
          <nav aria-label={t('nav.main')}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected.key] : []}
              items={entries.map((entry) => ({ key: entry.key, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="app-content">
          <main id="main" tabIndex={-1}>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
