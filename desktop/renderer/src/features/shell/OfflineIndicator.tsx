import { useConnectivity, useSession } from '../../app/ModelContext';
import { selectOfflineReason, type OfflineReason } from '../../model/connectivityStore';
import { selectSessionOffline } from '../../model/sessionStore';
import { CloudOffIcon, PlugOffIcon } from '../../ui/icons';

const COPY: Record<Exclude<OfflineReason, null>, { label: string; detail: string }> = {
  network: { label: 'Offline — your library and projects keep working', detail: 'This computer has no network connection. Changes sync when it is back.' },
  'sync-server': {
    label: 'Offline — your library and projects keep working',
    detail: 'The sync server can’t be reached. Changes are kept on this computer and sync when it’s back.',
  },
  host: { label: 'Reconnecting to Encore…', detail: 'The Encore background service is restarting or unreachable. This page reconnects by itself.' },
};

/** A calm status pill in the top bar; never a blocking error. */
export function OfflineIndicator() {
  const sessionOffline = useSession(selectSessionOffline);
  const reason = useConnectivity((s) => selectOfflineReason(s, sessionOffline));
  if (!reason) return null;
  const { label, detail } = COPY[reason];
  return (
    <div
      role="status"
      data-testid="offline-indicator"
      data-reason={reason}
      title={detail}
      className="flex h-8 min-w-0 items-center gap-2 rounded-full border border-warn/30 bg-warn/10 pr-3.5 pl-3 text-[13px] font-medium text-warn"
    >
      <span aria-hidden className="shrink-0 [&>svg]:size-4">
        {reason === 'host' ? <PlugOffIcon /> : <CloudOffIcon />}
      </span>
      <span className="truncate">{label}</span>
      <span className="sr-only">{detail}</span>
    </div>
  );
}
