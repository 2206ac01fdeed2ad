import { useModel } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { LibraryIcon } from '../../ui/icons';

export function LibrarySection() {
  const model = useModel();
  return (
    <EmptyState
      icon={<LibraryIcon />}
      title="Your library is empty"
      description="Everything you listen to lives here: music you import, releases you buy in the Store and the mixes you bounce in the Studio. It is stored on this computer, so it plays with or without a connection."
      actions={
        <>
          <Button variant="primary" onClick={() => model.navigation.go('store')}>
            Explore the Store
          </Button>
          <Button variant="secondary" onClick={() => model.navigation.go('studio')}>
            Go to the Studio
          </Button>
        </>
      }
      highlights={[
        { title: 'Yours, on this computer', body: 'Tracks and playlists are kept in your data folder and never need the network to play.' },
        { title: 'Bought music lands here', body: 'Purchases from the Store download straight into your library.' },
        { title: 'Synced when signed in', body: 'Playlists follow you to your other devices once you have an account.' },
      ]}
    />
  );
}
