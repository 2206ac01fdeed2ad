import { useEffect, useState } from 'react';
import type { Device } from '@encore/shared/api/licences';
import { EncoreError } from '@encore/shared/errors';
import { useModel, useSession } from '../../app/ModelContext';
import { catalogApiFor } from '../../model/catalog/catalogClient';
import { friendlyMessage } from '../../model/errorMessages';
import { selectUser } from '../../model/sessionStore';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { devicesApi } from './devicesApi';

type Loaded = { state: 'loading' } | { state: 'ready'; devices: Device[]; limit: number; thisClientId: string | null } | { state: 'error'; message: string };

const seen = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The account's devices that may hold offline downloads (at most five): name, platform, last
 * seen, which one is this computer, and Remove. Removing a device revokes its licences on the
 * server; its downloads stop playing at its next online check (this computer checks at once).
 */
export function DevicesPanel() {
  const model = useModel();
  const user = useSession(selectUser);
  const offline = useSession((s) => s.session.state === 'signed-in' && s.session.offline);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user || offline) return;
    let live = true;
    const api = devicesApi(catalogApiFor(model));
    Promise.all([api.list(), model.host.call('downloads.thisDevice').then((d) => d.clientId, () => null)]).then(
      ([{ devices, limit }, thisClientId]) => live && setLoaded({ state: 'ready', devices, limit, thisClientId }),
      (e: unknown) => live && setLoaded({ state: 'error', message: friendlyMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [model, user, offline, tick]);

  if (!user) return null;

  const remove = async (d: Device, isThis: boolean) => {
    setPending(d.id);
    setError(null);
    try {
      await devicesApi(catalogApiFor(model)).remove(d.id);
      // This computer's own downloads go now rather than at the next scheduled check.
      if (isThis) await model.host.call('downloads.checkLicences').catch((e: unknown) => console.warn('[devices] licence check after removal failed', e));
      setConfirm(null);
      setTick((t) => t + 1);
    } catch (e) {
      const gone = e instanceof EncoreError && e.code === 'DEVICE_NOT_FOUND';
      setError(gone ? `${d.name} was already removed.` : friendlyMessage(e));
      if (gone) setTick((t) => t + 1);
    } finally {
      setPending(null);
    }
  };

  const description = 'Devices that can keep offline downloads. Removing one revokes its downloads: they stop playing the next time it goes online.';
  return (
    <Panel title="Devices" testId="settings-devices" description={description}>
      {offline ? (
        <p className="text-sm text-ink-muted">Connect to the Encore server to see and manage your devices.</p>
      ) : loaded.state === 'loading' ? (
        <p className="text-sm text-ink-faint">Loading devices…</p>
      ) : loaded.state === 'error' ? (
        <p role="alert" className="text-sm text-danger">
          {loaded.message}
        </p>
      ) : (
        <>
          <p data-testid="devices-count" className="mb-3 text-sm text-ink-muted">
            {loaded.devices.length} of {loaded.limit} devices in use
            {loaded.devices.length >= loaded.limit && <span className="text-warn"> · remove one to download on another device</span>}
          </p>
          {loaded.devices.length === 0 ? (
            <p className="text-sm text-ink-faint">No devices yet. A device is added when it first downloads a track for offline listening.</p>
          ) : (
            <ul className="flex flex-col divide-y divide-line">
              {loaded.devices.map((d) => {
                const isThis = d.clientId === loaded.thisClientId;
                return (
                  <li key={d.id} data-testid="device-row" data-device-id={d.id} className="flex flex-wrap items-center gap-3 py-3">
                    <div className="min-w-0 flex-1">
                      <p className="flex items-center gap-2 truncate text-[15px] font-medium">
                        <span data-testid="device-name">{d.name}</span>
                        {isThis && (
                          <Badge tone="accent" data-testid="device-this">
                            This device
                          </Badge>
                        )}
                      </p>
                      <p className="text-xs text-ink-muted">
                        {d.platform} · last seen {seen(d.lastSeenAt)}
                      </p>
                    </div>
                    {confirm === d.id ? (
                      <span className="flex items-center gap-2">
                        <span className="text-xs text-ink-muted">{isThis ? 'Remove this computer? Its downloads are deleted.' : `Remove ${d.name}?`}</span>
                        <Button size="sm" variant="danger" pending={pending === d.id} data-testid="device-remove-confirm" onClick={() => void remove(d, isThis)}>
                          Remove
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setConfirm(null)}>
                          Cancel
                        </Button>
                      </span>
                    ) : (
                      <Button size="sm" data-testid="device-remove" aria-label={`Remove ${d.name}`} onClick={() => setConfirm(d.id)}>
                        Remove
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {error && (
            <p role="alert" className="mt-3 text-[13px] text-danger">
              {error}
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
