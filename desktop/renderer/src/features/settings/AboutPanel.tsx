import type { ReactNode } from 'react';
import { useSettings } from '../../app/ModelContext';
import { Panel } from '../../ui/Panel';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-4 border-t border-line py-3 first:border-t-0 first:pt-0 last:pb-0">
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd data-testid={testId} className="min-w-0 text-sm break-all text-ink">
        {children}
      </dd>
    </div>
  );
}

export function AboutPanel() {
  const info = useSettings((s) => s.appInfo);
  const status = useSettings((s) => s.status);
  const unknown = status === 'loading' ? 'Loading…' : 'Unavailable — the Encore host is not answering';
  return (
    <Panel title="This computer" description="Where Encore keeps your data, and which version is running.">
      <dl>
        <Row label="Data folder" testId="settings-data-dir">
          {info ? <span className="font-mono text-[13px]">{info.dataDir}</span> : <span className="text-ink-faint">{unknown}</span>}
        </Row>
        <Row label="Version" testId="settings-app-version">
          {info ? `Encore ${info.version}` : <span className="text-ink-faint">{unknown}</span>}
        </Row>
        <Row label="Running as" testId="settings-transport">
          {info ? (info.transport === 'electron' ? 'Desktop app' : 'Browser mode (served by the local Encore host)') : <span className="text-ink-faint">{unknown}</span>}
        </Row>
      </dl>
    </Panel>
  );
}
