import { EmptyState } from '../../ui/EmptyState';
import { StoreIcon } from '../../ui/icons';
import { AccountActions } from '../shell/AccountActions';

export function StoreSection() {
  return (
    <EmptyState
      icon={<StoreIcon />}
      title="Discover and buy music"
      description="The Store is the public catalog of Encore: new releases from independent artists, sold directly by them. What you buy downloads to your library and stays yours."
      actions={<AccountActions signedInNote="purchases download straight into your library." />}
      footnote="Browsing and buying need a connection to the Encore servers."
      highlights={[
        { title: 'Artists get paid fairly', body: 'Every sale is split transparently between the people who made the record.' },
        { title: 'Own what you buy', body: 'Downloads keep playing offline, on this computer.' },
        { title: 'Publish your own', body: 'Release a finished Studio project to the Store as an artist.' },
      ]}
    />
  );
}
