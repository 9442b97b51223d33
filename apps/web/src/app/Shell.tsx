/** The frame around every signed-in screen: header, menu by role, language switch, sign-out (a chunk of its own, App.tsx). */
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Suspense, useEffect, useState } from 'react';
import { api } from '../api/client';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Loading } from '../components/Loading';
import { useLabels } from '../domain/labels';
import { LanguageSwitch } from './LanguageSwitch';
import { NAVIGATION } from './navigation';
import { ROUTES } from './routes';

/** Told by the notification centre when it marked something read, so that the header's count follows at once. */
export const NOTIFICATIONS_CHANGED = 'dth:notifications-changed';

/** The bell in the header: the unread count, refreshed on each screen change, every minute and when marked read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      api.get('/api/notifications', { query: { limit: 0 }, signal: controller.signal }).then(
        (r) => setUnread(r.unread),
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), 60_000);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      controller.abort();
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [location.pathname]);
  return (
    <Link to={ROUTES.notifications} className="app-bell" aria-label={t('notifications.bell', { count: unread })} title={t('notifications.bell', { count: unread })} data-testid="notification-bell">
      <Badge count={unread} overflowCount={99} size="small" offset={[2, -2]}>
        <BellOutlined style={{ fontSize: 20, color: 'inherit' }} />
      </Badge>
    </Link>
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
  // Below the laptop breakpoint the menu is a drawer opened from the header, closed again on every screen change.
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  const doSignOut = async () => {
    await signOut();
    navigate(ROUTES.signIn, { replace: true });
  };
  const menu = (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected.key] : []}
        items={entries.map((entry) => ({ key: entry.key, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> }))}
        // An entry chosen in the drawer closes it, even the entry of the screen already shown.
        onClick={() => setDrawerOpen(false)}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        {narrow && (
          <Button className="app-menu-button" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />
        )}
        <Link to="/" className="app-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.title')}</span>
        </Link>
        <Space size="middle" className="app-header-right">
          <LanguageSwitch />
          {account && <NotificationBell />}
          {account && (
            <Link to={ROUTES.myAccount} className="app-user" title={t('myAccount.title')}>
              <Typography.Text strong style={{ color: 'inherit' }}>
                {account.displayName}
              </Typography.Text>
              <Typography.Text style={{ color: 'inherit', opacity: 0.85 }}> · {label('role', account.role)}</Typography.Text>
            </Link>
          )}
          <Button icon={<LogoutOutlined />} onClick={doSignOut} className="app-sign-out">
            {t('auth.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {narrow ? (
          <Drawer placement="left" size={280} open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('app.title')} className="app-drawer">
            {menu}
            {account && (
              <div className="app-drawer-account">
                <Link to={ROUTES.myAccount} title={t('myAccount.title')}>
                  <Typography.Text strong>{account.displayName}</Typography.Text>
                </Link>
                <br />
                <Typography.Text type="secondary">{label('role', account.role)}</Typography.Text>
              </div>
            )}
          </Drawer>
        ) : (
          <Layout.Sider width={232} theme="light" className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          <main id="main" tabIndex={-1}>
            {/* The screen's own chunk loads here, inside the frame (App.tsx makes every screen lazy). */}
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
