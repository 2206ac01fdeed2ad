import { useNavigation } from '../../app/ModelContext';
import { AuthScreen } from '../auth/AuthScreen';
import { PlayerDock, PlayerProvider } from '../player/PlayerDock';
import { LibraryStateSync } from '../player/LibraryStateSync';
import { AppSidebar } from './AppSidebar';
import { SectionView } from './SectionView';
import { TopBar } from './TopBar';

/** Sidebar, top bar and the current section (or an auth screen) in the main area. */
export function AppShell() {
  const route = useNavigation((s) => s.route);
  return (
    <PlayerProvider>
    <LibraryStateSync />
    <div className="flex h-full min-h-0 bg-canvas text-ink">
      <AppSidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar />
        <PlayerDock>
          <main id="main" className="min-h-0 flex-1 overflow-y-auto">
            {route.kind === 'auth' ? <AuthScreen screen={route.screen} /> : <SectionView section={route.section} />}
          </main>
        </PlayerDock>
      </div>
    </div>
    </PlayerProvider>
  );
}
