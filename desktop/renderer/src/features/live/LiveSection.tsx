import { EmptyState } from '../../ui/EmptyState';
import { LiveIcon } from '../../ui/icons';
import { AccountActions } from '../shell/AccountActions';

export function LiveSection() {
  return (
    <EmptyState
      icon={<LiveIcon />}
      title="Nobody is live right now"
      description="Live is for performing to an audience as it happens: stream a set straight from Encore, or tune in to artists you follow and talk with them in chat."
      actions={<AccountActions signedInNote="live streams from artists you follow will appear here." />}
      footnote="Going live and watching need an account and a connection."
      highlights={[
        { title: 'Stream from the app', body: 'Broadcast your microphone or your Studio mix with low delay.' },
        { title: 'Watch and chat', body: 'Join streams from people you follow and talk with the room.' },
        { title: 'Support artists', body: 'Tips and subscriptions go directly to the performer.' },
      ]}
    />
  );
}
