// The console: sign-in gate, layout (nav, header) and the page for the current path.
import { useEffect } from 'preact/hooks';
import { me } from './api.ts';
import { Header } from './components/Header.tsx';
import { Nav } from './components/Nav.tsx';
import { SignInScreen } from './components/SignInScreen.tsx';
import { startLive, stopLive } from './live.ts';
import { ApprovalsPage } from './pages/ApprovalsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { LaunchDetailPage } from './pages/LaunchDetailPage.tsx';
import { LaunchesPage } from './pages/LaunchesPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OpsPage } from './pages/OpsPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { PlanDetailPage } from './pages/PlanDetailPage.tsx';
import { PerformancePage } from './pages/PerformancePage.tsx';
import { PerformanceOverviewPage } from './pages/PerformanceOverviewPage.tsx';
import { PlansPage } from './pages/PlansPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { TenantDetailPage } from './pages/TenantDetailPage.tsx';
import { TenantsPage } from './pages/TenantsPage.tsx';
import { match, useLocation } from './router.ts';
import { ScopeProvider } from './scope.tsx';
import { signOutReason, updateUser, useSession } from './session.ts';
import type { VNode } from 'preact';

type Route = readonly [string, (params: Record<string, string>) => VNode];

const routes: readonly Route[] = [
  ['/', () => <ApprovalsPage />],
  ['/approvals', () => <ApprovalsPage />],
  ['/tenants', () => <TenantsPage />],
  ['/tenants/:tenantId', (p) => <TenantDetailPage tenantId={p.tenantId!} />],
  ['/tenants/:tenantId/campaigns', (p) => <CampaignsPage tenantId={p.tenantId!} />],
  ['/plans', () => <PlansPage />],
  ['/plans/:tenantId/:planId', (p) => <PlanDetailPage tenantId={p.tenantId!} planId={p.planId!} />],
  ['/launches', () => <LaunchesPage />],
  ['/launches/:tenantId/:planId/:version', (p) => <LaunchDetailPage tenantId={p.tenantId!} planId={p.planId!} version={Number(p.version)} />],
  ['/performance', () => <PerformanceOverviewPage />],
  ['/performance/:tenantId', (p) => <PerformancePage tenantId={p.tenantId!} />],
  ['/reports/:tenantId', (p) => <ReportPage tenantId={p.tenantId!} />],
  ['/audit', () => <AuditPage />],
  ['/ops', () => <OpsPage />],
  ['/users', () => <UsersPage />],
];

function page(path: string): VNode {
  for (const [pattern, render] of routes) {
    const params = match(pattern, path);
    if (params) return render(params);
  }
  return <NotFoundPage />;
}

export function App() {
  const session = useSession();
  const { path } = useLocation();
  const token = session?.token;

  useEffect(() => {
    if (!token) {
      stopLive();
      return;
    }
    startLive();
    // The token may have expired or the user changed role since it was stored.
    me().then(updateUser, () => undefined);
  }, [token]);

  if (path === '/login') return <LoginPage />;
  if (!session) return <SignInScreen reason={signOutReason()} />;

  return (
    <ScopeProvider>
      <div class="shell">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Nav path={path} user={session.user} />
        <div class="main-column">
          <Header user={session.user} />
          <main id="main" class="content" tabIndex={-1}>
            {page(path)}
          </main>
        </div>
      </div>
    </ScopeProvider>
  );
}
