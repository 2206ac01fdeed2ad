import { useModel } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { KaraokeIcon } from '../../ui/icons';

export function KaraokeSection() {
  const model = useModel();
  return (
    <EmptyState
      icon={<KaraokeIcon />}
      title="Sing along to your music"
      description="Karaoke turns songs in your library into sing-along tracks: synced lyrics on screen, your voice through the microphone and a pitch guide to show how close you are."
      actions={
        <Button variant="secondary" onClick={() => model.navigation.go('library')}>
          Open your library
        </Button>
      }
      footnote="Songs you add to your library become available here. Singing works offline."
      highlights={[
        { title: 'Synced lyrics', body: 'Lines light up in time with the music.' },
        { title: 'Pitch guide', body: 'See your pitch against the melody as you sing.' },
        { title: 'Record your take', body: 'Keep a performance and open it in the Studio.' },
      ]}
    />
  );
}
