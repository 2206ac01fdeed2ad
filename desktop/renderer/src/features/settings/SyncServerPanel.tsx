import { useEffect, useState, type FormEvent } from 'react';
import { useModel, useSettings } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import { validateServerUrl } from '../../model/settingsStore';
import { EncoreError } from '@encore/shared/errors';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { TextField } from '../../ui/TextField';
import { CheckIcon } from '../../ui/icons';

export function SyncServerPanel() {
  const model = useModel();
  const saved = useSettings((s) => s.settings?.syncServerUrl ?? null);
  const unavailable = useSettings((s) => s.status === 'unavailable');
  const [draft, setDraft] = useState(saved ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  // Show the stored value once it arrives (or changes elsewhere) unless the user is editing.
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing && saved !== null) setDraft(saved);
  }, [saved, editing]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = validateServerUrl(draft);
    if (problem) return setError(problem);
    setPending(true);
    setError(null);
    try {
      await model.settings.setSyncServerUrl(draft);
      setEditing(false);
      setJustSaved(true);
      void model.connectivity.check();
    } catch (err) {
      setError(err instanceof EncoreError && err.code === 'VALIDATION_FAILED' ? 'The host refused this address. Check it and try again.' : friendlyMessage(err));
    } finally {
      setPending(false);
    }
  };

  const dirty = saved !== null && draft.trim().replace(/\/+$/, '') !== saved;
  return (
    <Panel title="Sync server" description="Where Encore syncs your account, projects and playlists. Change it only if you run your own server.">
      <form noValidate onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start" aria-label="Sync server">
        <TextField
          label="Server address"
          className="flex-1"
          type="url"
          inputMode="url"
          spellCheck={false}
          testId="settings-sync-server-url"
          value={draft}
          disabled={saved === null}
          placeholder={unavailable ? 'Unavailable while the host is unreachable' : 'https://'}
          error={error}
          onChange={(e) => {
            setDraft(e.target.value);
            setEditing(true);
            setError(null);
            setJustSaved(false);
          }}
        />
        <Button type="submit" variant="secondary" className="sm:mt-[26px]" pending={pending} disabled={!dirty} data-testid="settings-sync-server-save">
          Save
        </Button>
      </form>
      {justSaved && (
        <p role="status" data-testid="settings-sync-server-saved" className="mt-3 flex items-center gap-1.5 text-[13px] text-ok">
          <span aria-hidden className="[&>svg]:size-4">
            <CheckIcon />
          </span>
          Saved. Encore uses the new server from now on.
        </p>
      )}
    </Panel>
  );
}
