/**
 * The shell: header with navigation, the signed-in user and the language and digit switches; pages
 * load lazily. Without a session every page but the public dashboard is replaced, in place, by the
 * sign-in page, so that signing in returns to the page that was asked for.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { usePrefs, useT } from './prefs.tsx';
import { useSession } from './session.tsx';
import {
  canCreateProjects,
  canImport,
  canReadIndicators,
  canReadMeetings,
  canReadMonitoring,
  canReadReports,
  canReviewReports,
  isAdmin,
} from './permissions.ts';
import { useMT } from './monitoring-i18n.ts';
import { useMeT } from './meetings-i18n.ts';
import { UserBadge } from './components/UserBadge.tsx';
import SignInPage from './pages/SignInPage.tsx';

const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const ProjectListPage = lazy(() => import('./pages/ProjectListPage.tsx'));
const ProjectPage = lazy(() => import('./pages/ProjectPage.tsx'));
const NewProjectPage = lazy(() => import('./pages/NewProjectPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const SetupPage = lazy(() => import('./pages/SetupPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx'));
const TokensPage = lazy(() => import('./pages/TokensPage.tsx'));
const ReviewPage = lazy(() => import('./pages/ReviewPage.tsx'));
const IndicatorsPage = lazy(() => import('./pages/IndicatorsPage.tsx'));
const IndicatorPage = lazy(() => import('./pages/IndicatorPage.tsx'));
const VisitListPage = lazy(() => import('./pages/VisitListPage.tsx'));
const VisitPage = lazy(() => import('./pages/VisitPage.tsx'));
const EventListPage = lazy(() => import('./pages/EventListPage.tsx'));
const EventPage = lazy(() => import('./pages/EventPage.tsx'));
const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx'));
const MeetingListPage = lazy(() => import('./pages/MeetingListPage.tsx'));
const MeetingPage = lazy(() => import('./pages/MeetingPage.tsx'));

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation();
  const active = href === '/' ? location === '/' : location === href;
  return (
    <Link href={href} className={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** A safe place to return to after signing in: a path of this site. */
function nextOf(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

function Switches() {
  const t = useT();
  const { lang, setLang, thaiDigits, setThaiDigits } = usePrefs();
  return (
    <div className="switches">
      <label className="toggle">
        <input type="checkbox" checked={thaiDigits} onChange={(e) => setThaiDigits(e.target.checked)} />
        {t('thaiDigits')}
      </label>
      <button type="button" className="lang" lang={lang === 'th' ? 'en' : 'th'} onClick={() => setLang(lang === 'th' ? 'en' : 'th')}>
        {t('language')}
      </button>
    </div>
  );
}

function Shell({ nav, user, children }: { nav?: ReactNode; user?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <header className="app-header">
        <div className="brand">
          <strong>{t('appName')}</strong>
          <span className="brand-sub">{t('appTitle')}</span>
        </div>
        <nav>{nav}</nav>
        {user}
        <Switches />
      </header>
      <main>
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>{children}</Suspense>
      </main>
    </>
  );
}

function NotAllowed() {
  const t = useT();
  return <p className="error">{t('notAllowed')}</p>;
}

/** After signing in on /sign-in: back to the page that sent the user there. */
function AfterSignIn() {
  const search = useSearch();
  return <Redirect to={nextOf(search)} replace />;
}

export function App() {
  const t = useT();
  const mt = useMT();
  const met = useMeT();
  const { state, me } = useSession();
  const [location] = useLocation();
  const search = useSearch();

  if (state.status === 'loading') return <Shell>{<p className="loading">{t('loading')}</p>}</Shell>;
  if (state.status === 'setup') return <Shell>{<SetupPage />}</Shell>;

  if (state.status === 'anonymous') {
    const here = location + (search ? `?${search}` : '');
    // Without public reports every page is the sign-in page: no link to it is needed.
    const signInLink =
      location === '/sign-in' || !state.publicReports ? null : (
        <div className="user">
          <Link href={`/sign-in?next=${encodeURIComponent(here)}`} className="button" data-testid="sign-in-link">
            {t('signIn')}
          </Link>
        </div>
      );
    return (
      <Shell nav={state.publicReports ? <NavLink href="/">{t('navDashboard')}</NavLink> : null} user={signInLink}>
        <Switch>
          <Route path="/sign-in">
            <SignInPage />
          </Route>
          {state.publicReports && <Route path="/" component={DashboardPage} />}
          <Route>
            <SignInPage needed />
          </Route>
        </Switch>
      </Shell>
    );
  }

  const reports = canReadReports(me);
  const monitoring = canReadMonitoring(me);
  const meetings = canReadMeetings(me);
  const nav = (
    <>
      {reports && <NavLink href="/">{t('navDashboard')}</NavLink>}
      <NavLink href="/projects">{t('navProjects')}</NavLink>
      {canCreateProjects(me) && <NavLink href="/projects/new">{t('navNewProject')}</NavLink>}
      {canReadIndicators(me) && <NavLink href="/indicators">{t('navIndicators')}</NavLink>}
      {canImport(me, 'disbursements') && <NavLink href="/import">{t('navImport')}</NavLink>}
      {canReviewReports(me) && <NavLink href="/review">{t('navReview')}</NavLink>}
      {monitoring && <NavLink href="/visits">{mt('navVisits')}</NavLink>}
      {monitoring && <NavLink href="/events">{mt('navEvents')}</NavLink>}
      {monitoring && <NavLink href="/calendar">{mt('navCalendar')}</NavLink>}
      {meetings && <NavLink href="/meetings">{met('navMeetings')}</NavLink>}
      {isAdmin(me) && <NavLink href="/admin/users">{t('navUsers')}</NavLink>}
      {isAdmin(me) && <NavLink href="/admin/settings">{t('navSettings')}</NavLink>}
    </>
  );
  return (
    <Shell nav={nav} user={<UserBadge />}>
      <Switch>
        <Route path="/sign-in" component={AfterSignIn} />
        <Route path="/">{reports ? <DashboardPage /> : <Redirect to="/projects" replace />}</Route>
        <Route path="/projects" component={ProjectListPage} />
        <Route path="/projects/new">{canCreateProjects(me) ? <NewProjectPage /> : <NotAllowed />}</Route>
        <Route path="/projects/:code">{(params) => <ProjectPage code={decodeURIComponent(params.code)} />}</Route>
        <Route path="/indicators">{canReadIndicators(me) ? <IndicatorsPage /> : <NotAllowed />}</Route>
        <Route path="/indicators/:id">{(params) => (canReadIndicators(me) ? <IndicatorPage id={params.id} /> : <NotAllowed />)}</Route>
        <Route path="/review">{canReviewReports(me) ? <ReviewPage /> : <NotAllowed />}</Route>
        <Route path="/visits">{monitoring ? <VisitListPage /> : <NotAllowed />}</Route>
        <Route path="/visits/:id">{(params) => (monitoring ? <VisitPage id={params.id} /> : <NotAllowed />)}</Route>
        <Route path="/events">{monitoring ? <EventListPage /> : <NotAllowed />}</Route>
        <Route path="/events/:id">{(params) => (monitoring ? <EventPage id={params.id} /> : <NotAllowed />)}</Route>
        <Route path="/calendar">{monitoring ? <CalendarPage /> : <NotAllowed />}</Route>
        <Route path="/meetings">{meetings ? <MeetingListPage /> : <NotAllowed />}</Route>
        <Route path="/meetings/:id">{(params) => (meetings ? <MeetingPage id={params.id} /> : <NotAllowed />)}</Route>
        <Route path="/import">{canImport(me, 'disbursements') ? <ImportPage /> : <NotAllowed />}</Route>
        <Route path="/admin/users">{isAdmin(me) ? <UsersPage /> : <NotAllowed />}</Route>
        <Route path="/admin/settings">{isAdmin(me) ? <SettingsPage /> : <NotAllowed />}</Route>
        <Route path="/tokens" component={TokensPage} />
        <Route>
          <p>{t('notFound')}</p>
        </Route>
      </Switch>
    </Shell>
  );
}
