import { useModel, useSettings } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { StudioIcon } from '../../ui/icons';

export function StudioSection() {
  const model = useModel();
  const dataDir = useSettings((s) => s.appInfo?.dataDir ?? null);
  return (
    <EmptyState
      icon={<StudioIcon />}
      title="No projects yet"
      description="The Studio is where songs get made: arrange audio and MIDI on tracks, write parts in the piano roll and mix with effects. Projects save on this computer as you work — no account needed."
      actions={
        <Button variant="secondary" onClick={() => model.navigation.go('settings')}>
          See where projects are saved
        </Button>
      }
      footnote={dataDir ? <>Projects will be kept in <span className="font-mono text-ink-muted">{dataDir}</span></> : null}
      highlights={[
        { title: 'Works offline', body: 'Every edit is saved locally first; nothing waits for a server.' },
        { title: 'Collaborate in real time', body: 'Invite bandmates to a project; changes made offline merge when you reconnect.' },
        { title: 'Take your work anywhere', body: 'Export stems, MIDI files or a DAWproject file for other studios.' },
      ]}
    />
  );
}
