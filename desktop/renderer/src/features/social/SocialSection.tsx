import { EmptyState } from '../../ui/EmptyState';
import { SocialIcon } from '../../ui/icons';
import { AccountActions } from '../shell/AccountActions';

export function SocialSection() {
  return (
    <EmptyState
      icon={<SocialIcon />}
      title="Your people, in one place"
      description="Social is where you follow artists and friends, see what they release and play, and share your own music and playlists with them."
      actions={<AccountActions signedInNote="people you follow and their activity will appear here." />}
      footnote="Following and sharing need an account."
      highlights={[
        { title: 'Follow artists', body: 'Hear first when they release or go live.' },
        { title: 'Share playlists', body: 'Send a playlist to a friend or make it public.' },
        { title: 'Find collaborators', body: 'Invite people you follow into a Studio project.' },
      ]}
    />
  );
}
