import { AboutPanel } from './AboutPanel';
import { AccountPanel } from './AccountPanel';
import { DevicesPanel } from './DevicesPanel';
import { SyncServerPanel } from './SyncServerPanel';

export function SettingsSection() {
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-6 py-8">
      <div>
        <h2 className="text-2xl font-semibold tracking-tight">Settings</h2>
        <p className="mt-1 text-[15px] text-ink-muted">Your account, where Encore syncs, and where your data lives.</p>
      </div>
      <AccountPanel />
      <DevicesPanel />
      <SyncServerPanel />
      <AboutPanel />
    </div>
  );
}
