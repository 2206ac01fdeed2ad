import { useNavigation } from '../../app/ModelContext';
import { SECTION_LABELS } from '../../model/sections';
import { AccountMenu } from './AccountMenu';
import { OfflineIndicator } from './OfflineIndicator';

const AUTH_TITLES = { 'sign-in': 'Sign in', 'sign-up': 'Create your account' } as const;

export function TopBar() {
  const route = useNavigation((s) => s.route);
  const title = route.kind === 'section' ? SECTION_LABELS[route.section] : AUTH_TITLES[route.screen];
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-line bg-canvas/95 px-6">
      <h1 data-testid="page-title" className="text-[15px] font-semibold text-ink">
        {title}
      </h1>
      <div className="ml-auto flex min-w-0 items-center gap-3">
        <OfflineIndicator />
        <AccountMenu />
      </div>
    </header>
  );
}
