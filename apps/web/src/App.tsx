/**
 * The screens and who may open them. A new screen adds a route here (as a lazy page) and an entry in app/navigation.tsx.
 * Each screen, with the parts of Ant Design and the chart library only it uses, loads when first opened.
 */
import { ConfigProvider } from 'antd';
import enGB from 'antd/locale/en_GB';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/vi';
import { Suspense, lazy, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { COUNCIL_READERS, ROUTES, homeFor } from './app/routes';
import { InstanceProvider, RehearsalBanner } from './app/Instance';
import { Loading } from './components/Loading';
import { Feedback, loadFeedback } from './app/Feedback';
import { loadAllWords } from './i18n';
import { ROLE_GROUPS } from '#domain';

/**
 * Every screen is its own chunk, fetched when first opened: the first screen loads the shell (layout, menu,
 * sign-in state) and its own page only, with the parts of Ant Design that page uses (docs/performance.md).
 * A screen outside the first ones also waits for the rest of the Vietnamese words (i18n/index.ts) and for Ant Design's
 * message, notification and modal hooks (app/Feedback.tsx), which the first screens do not use.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, firstScreen = false) {
  return lazy(() => Promise.all([load(), firstScreen ? undefined : loadAllWords(), firstScreen ? undefined : loadFeedback()]).then(([m]) => ({ default: m[name] })));
}

/** The frame of the signed-in screens (menu, header): not needed by the sign-in page. */
const Shell = page(() => import('./app/Shell'), 'Shell', true);
const AccountsPage = page(() => import('./pages/admin/AccountsPage'), 'AccountsPage');
const CriteriaPage = page(() => import('./pages/admin/CriteriaPage'), 'CriteriaPage');
const ProfilePage = page(() => import('./pages/admin/ProfilePage'), 'ProfilePage');
const RuleSetsPage = page(() => import('./pages/admin/RuleSetsPage'), 'RuleSetsPage');
const RehearsalClockPage = page(() => import('./pages/admin/RehearsalClockPage'), 'RehearsalClockPage');
const BackupsPage = page(() => import('./pages/admin/BackupsPage'), 'BackupsPage');
const CouncilsPage = page(() => import('./pages/councils/CouncilsPage'), 'CouncilsPage');
const ProposalsPage = page(() => import('./pages/councils/ProposalsPage'), 'ProposalsPage');
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage');
const UnitsPage = page(() => import('./pages/admin/UnitsPage'), 'UnitsPage');
const UnitImportPage = page(() => import('./pages/admin/UnitImportPage'), 'UnitImportPage');
const ReorganisationPage = page(() => import('./pages/admin/ReorganisationPage'), 'ReorganisationPage');
const CandidatePage = page(() => import('./pages/candidate/CandidatePage'), 'CandidatePage');
const DossierPrintPage = page(() => import('./pages/candidate/DossierPrintPage'), 'DossierPrintPage');
const CandidatesPage = page(() => import('./pages/CandidatesPage'), 'CandidatesPage');
const ChecklistPage = page(() => import('./pages/council/ChecklistPage'), 'ChecklistPage');
const SessionPage = page(() => import('./pages/council/SessionPage'), 'SessionPage');
const SessionsPage = page(() => import('./pages/council/SessionsPage'), 'SessionsPage');
const NominatePage = page(() => import('./pages/NominatePage'), 'NominatePage');
const NotFoundPage = page(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const SignInPage = page(() => import('./pages/SignInPage'), 'SignInPage', true);
const TasksPage = page(() => import('./pages/tasks/TasksPage'), 'TasksPage', true);
const OfficeDashboardPage = page(() => import('./pages/dashboard/OfficeDashboardPage'), 'OfficeDashboardPage');
const AuditDashboardPage = page(() => import('./pages/dashboard/AuditDashboardPage'), 'AuditDashboardPage');
const NotificationsPage = page(() => import('./pages/notifications/NotificationsPage'), 'NotificationsPage');
const NotificationSettingsPage = page(() => import('./pages/notifications/NotificationSettingsPage'), 'NotificationSettingsPage');
const OutboxPage = page(() => import('./pages/notifications/OutboxPage'), 'OutboxPage');
const MyAccountPage = page(() => import('./pages/account/MyAccountPage'), 'MyAccountPage');
const LookupPage = page(() => import('./pages/lookup/LookupPage'), 'LookupPage');
const MovementsPage = page(() => import('./pages/movements/MovementsPage'), 'MovementsPage');
const ReplicationPage = page(() => import('./pages/replication/ReplicationPage'), 'ReplicationPage');
const MovementPage = page(() => import('./pages/movements/MovementPage'), 'MovementPage');
const SubjectHistoryPage = page(() => import('./pages/lookup/SubjectHistoryPage'), 'SubjectHistoryPage');
const DecisionsPage = page(() => import('./pages/decisions/DecisionsPage'), 'DecisionsPage');
const SessionDecisionPage = page(() => import('./pages/decisions/SessionDecisionPage'), 'SessionDecisionPage');
const StatisticsPage = page(() => import('./pages/statistics/StatisticsPage'), 'StatisticsPage');

const READERS = ROLE_GROUPS.candidateReaders;
const EVERYONE = ROLE_GROUPS.everyone;



function Home() {
  const { account } = useAuth();
  return <Navigate to={homeFor(account?.role)} replace />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path={ROUTES.signIn} element={<Suspense fallback={<Loading />}><SignInPage /></Suspense>} />
      <Route
        element={
          <RequireAuth>
            <Suspense fallback={<Loading />}>
              <Shell />
            </Suspense>
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
        <Route path={ROUTES.statistics} element={<RequireRole roles={READERS}><StatisticsPage /></RequireRole>} />
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
      <Feedback>
        <BrowserRouter>
          <InstanceProvider>
            {/* Above every page, the sign-in page included, while the rehearsal clock is on. */}
            <RehearsalBanner />
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </InstanceProvider>
        </BrowserRouter>
      </Feedback>
    </ConfigProvider>
  );
}
