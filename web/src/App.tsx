/** The shell: header with navigation and the language and digit switches; pages load lazily. */
import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { usePrefs, useT } from './prefs.tsx';

const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const ProjectListPage = lazy(() => import('./pages/ProjectListPage.tsx'));
const ProjectPage = lazy(() => import('./pages/ProjectPage.tsx'));
const NewProjectPage = lazy(() => import('./pages/NewProjectPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation();
  const active = href === '/' ? location === '/' : location === href;
  return (
    <Link href={href} className={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function App() {
  const t = useT();
  const { lang, setLang, thaiDigits, setThaiDigits } = usePrefs();
  return (
    <>
      <header className="app-header">
        <div className="brand">
          <strong>{t('appName')}</strong>
          <span className="brand-sub">{t('appTitle')}</span>
        </div>
        <nav>
          <NavLink href="/">{t('navDashboard')}</NavLink>
          <NavLink href="/projects">{t('navProjects')}</NavLink>
          <NavLink href="/projects/new">{t('navNewProject')}</NavLink>
          <NavLink href="/import">{t('navImport')}</NavLink>
        </nav>
        <div className="switches">
          <label className="toggle">
            <input type="checkbox" checked={thaiDigits} onChange={(e) => setThaiDigits(e.target.checked)} />
            {t('thaiDigits')}
          </label>
          <button type="button" className="lang" lang={lang === 'th' ? 'en' : 'th'} onClick={() => setLang(lang === 'th' ? 'en' : 'th')}>
            {t('language')}
          </button>
        </div>
      </header>
      <main>
        <Suspense fallback={<p className="loading">{t('loading')}</p>}>
          <Switch>
            <Route path="/" component={DashboardPage} />
            <Route path="/projects" component={ProjectListPage} />
            <Route path="/projects/new" component={NewProjectPage} />
            <Route path="/projects/:code">{(params) => <ProjectPage code={decodeURIComponent(params.code)} />}</Route>
            <Route path="/import" component={ImportPage} />
            <Route>
              <p>{t('notFound')}</p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}
