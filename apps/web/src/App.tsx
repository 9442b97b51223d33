/**
 * The screens and who may open them. A new screen adds a route here and an entry in app/navigation.tsx.
 * The statistics screen (with its chart library) loads only when opened.
 */
import { App as AntApp, ConfigProvider } from 'antd';
import enGB from 'antd/locale/en_GB';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/vi';
import { Suspense, lazy, useEffect } from 'react';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { COUNCIL_READERS, homeFor } from './app/navigation';
import { ROUTES } from './app/routes';
import { Shell } from './app/Shell';
import { AccountsPage } from './pages/admin/AccountsPage';
import { CriteriaPage } from './pages/admin/CriteriaPage';
import { ProfilePage } from './pages/admin/ProfilePage';
import { RuleSetsPage } from './pages/admin/RuleSetsPage';
import { RehearsalClockPage } from './pages/admin/RehearsalClockPage';
import { InstanceProvider, RehearsalBanner } from './app/Instance';
import { BackupsPage } from './pages/admin/BackupsPage';
import { CouncilsPage } from './pages/councils/CouncilsPage';
import { ProposalsPage } from './pages/councils/ProposalsPage';
import { AuditPage } from './pages/audit/AuditPage';
import { UnitsPage } from './pages/admin/UnitsPage';
import { UnitImportPage } from './pages/admin/UnitImportPage';
import { ReorganisationPage } from './pages/admin/ReorganisationPage';
import { CandidatePage } from './pages/candidate/CandidatePage';
import { DossierPrintPage } from './pages/candidate/DossierPrintPage';
import { CandidatesPage } from './pages/CandidatesPage';
import { ChecklistPage } from './pages/council/ChecklistPage';
import { SessionPage } from './pages/council/SessionPage';
import { SessionsPage } from './pages/council/SessionsPage';
import { NominatePage } from './pages/NominatePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { TasksPage } from './pages/tasks/TasksPage';
import { OfficeDashboardPage } from './pages/dashboard/OfficeDashboardPage';
import { AuditDashboardPage } from './pages/dashboard/AuditDashboardPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { NotificationSettingsPage } from './pages/notifications/NotificationSettingsPage';
import { OutboxPage } from './pages/notifications/OutboxPage';
import { MyAccountPage } from './pages/account/MyAccountPage';
import { LookupPage } from './pages/lookup/LookupPage';
import { MovementsPage } from './pages/movements/MovementsPage';
import { ReplicationPage } from './pages/replication/ReplicationPage';
import { MovementPage } from './pages/movements/MovementPage';
import { SubjectHistoryPage } from './pages/lookup/SubjectHistoryPage';
import { ROLE_GROUPS } from '#domain';
import { DecisionsPage } from './pages/decisions/DecisionsPage';
import { SessionDecisionPage } from './pages/decisions/SessionDecisionPage';

const READERS = ROLE_GROUPS.candidateReaders;
const EVERYONE = ROLE_GROUPS.everyone;

const StatisticsPage = lazy(() => import('./pages/statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));

function Loading() {
  return (
    <div className="loading-screen" role="status">
      <Spin size="large" />
    </div>
  );
}

function Home() {
  const { account } = useAuth();
  return <Navigate to={homeFor(account?.role)} replace />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path={ROUTES.signIn} element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path={ROUTES.tasks} element={<RequireRole roles={READERS}><TasksPage /></RequireRole>} />
        <Route path={ROUTES.dashboard} element={<RequireRole roles={READERS}><OfficeDashboardPage /></RequireRole>} />
        <Route path={ROUTES.auditDashboard} element={<RequireRole roles={['AUDITOR']}><AuditDashboardPage /></RequireRole>} />
        <Route path={ROUTES.candidates} element={<RequireRole roles={READERS}><CandidatesPage /></RequireRole>} />
        <Route path={ROUTES.nominate} element={<RequireRole roles={['UNIT_HEAD']}><NominatePage /></RequireRole>} />
        <Route path="/ho-so/:id" element={<RequireRole roles={READERS}><CandidatePage /></RequireRole>} />
        <Route path="/ho-so/:id/ban-in" element={<RequireRole roles={READERS}><DossierPrintPage /></RequireRole>} />
        <Route path={ROUTES.council} element={<RequireRole roles={COUNCIL_READERS}><SessionsPage /></RequireRole>} />
        <Route path="/hoi-dong/:id" element={<RequireRole roles={COUNCIL_READERS}><SessionPage /></RequireRole>} />
        <Route path="/hoi-dong/:id/phieu-danh-gia/:itemId" element={<RequireRole roles={COUNCIL_READERS}><ChecklistPage /></RequireRole>} />
        <Route path={ROUTES.statistics} element={<RequireRole roles={READERS}><Suspense fallback={<Loading />}><StatisticsPage /></Suspense></RequireRole>} />
        <Route path={ROUTES.audit} element={<RequireRole roles={['AUDITOR']}><AuditPage /></RequireRole>} />
        <Route path={ROUTES.criteria} element={<RequireRole roles={EVERYONE}><CriteriaPage /></RequireRole>} />
        <Route path={ROUTES.profile} element={<RequireRole roles={EVERYONE}><ProfilePage /></RequireRole>} />
        <Route path={ROUTES.ruleSets} element={<RequireRole roles={EVERYONE}><RuleSetsPage /></RequireRole>} />
        <Route path={ROUTES.rehearsalClock} element={<RequireRole roles={['ADMIN', 'AUDITOR']}><RehearsalClockPage /></RequireRole>} />
        <Route path={ROUTES.backups} element={<RequireRole roles={['ADMIN']}><BackupsPage /></RequireRole>} />
        <Route path={ROUTES.councils} element={<RequireRole roles={EVERYONE}><CouncilsPage /></RequireRole>} />
        <Route path={ROUTES.decisions} element={<RequireRole roles={ROLE_GROUPS.decisionReaders}><DecisionsPage /></RequireRole>} />
        <Route path="/quyet-dinh/dot-xet/:sessionId" element={<RequireRole roles={ROLE_GROUPS.decisionReaders}><SessionDecisionPage /></RequireRole>} />
        <Route path={ROUTES.proposals} element={<RequireRole roles={READERS}><ProposalsPage /></RequireRole>} />
        <Route path={ROUTES.units} element={<RequireRole roles={['ADMIN']}><UnitsPage /></RequireRole>} />
        <Route path={ROUTES.unitImport} element={<RequireRole roles={['ADMIN']}><UnitImportPage /></RequireRole>} />
        <Route path={ROUTES.reorganisation} element={<RequireRole roles={['ADMIN']}><ReorganisationPage /></RequireRole>} />
        <Route path={ROUTES.accounts} element={<RequireRole roles={['ADMIN']}><AccountsPage /></RequireRole>} />
        <Route path={ROUTES.myAccount} element={<MyAccountPage />} />
        <Route path={ROUTES.movements} element={<RequireRole roles={READERS}><MovementsPage /></RequireRole>} />
        <Route path="/phong-trao/:id" element={<RequireRole roles={READERS}><MovementPage /></RequireRole>} />
        <Route path={ROUTES.replication} element={<RequireRole roles={READERS}><ReplicationPage /></RequireRole>} />
        <Route path={ROUTES.lookup} element={<RequireRole roles={READERS}><LookupPage /></RequireRole>} />
        <Route path="/tra-cuu/doi-tuong/:candidateId" element={<RequireRole roles={READERS}><SubjectHistoryPage /></RequireRole>} />
        <Route path={ROUTES.outbox} element={<RequireRole roles={['ADMIN']}><OutboxPage /></RequireRole>} />
        <Route path={ROUTES.notifications} element={<RequireRole roles={EVERYONE}><NotificationsPage /></RequireRole>} />
        <Route path={ROUTES.notificationSettings} element={<RequireRole roles={EVERYONE}><NotificationSettingsPage /></RequireRole>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** People who ask their system for less motion get none (dialogs and lists appear at once). */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(english ? 'en-gb' : 'vi');
  }, [english]);
  return (
    <ConfigProvider
      locale={english ? enGB : viVN}
      theme={{
        token: {
          colorPrimary: '#0b5cad',
          motion: !reducedMotion,
          borderRadius: 6,
          fontSize: 15,
          fontFamily: '-apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <InstanceProvider>
            {/* Above every page, the sign-in page included, while the rehearsal clock is on. */}
            <RehearsalBanner />
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </InstanceProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
