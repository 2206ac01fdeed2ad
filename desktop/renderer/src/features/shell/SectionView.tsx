import type { Section } from '../../model/sections';
import { DownloadsSection } from '../downloads/DownloadsSection';
import { KaraokeSection } from '../karaoke/KaraokeSection';
import { LibrarySection } from '../library/LibrarySection';
import { LiveSection } from '../live/LiveSection';
import { SettingsSection } from '../settings/SettingsSection';
import { SocialSection } from '../social/SocialSection';
import { StoreSection } from '../store/StoreSection';
import { StudioSection } from '../studio/StudioSection';

const VIEWS: Record<Section, () => React.JSX.Element> = {
  library: LibrarySection,
  studio: StudioSection,
  live: LiveSection,
  karaoke: KaraokeSection,
  store: StoreSection,
  downloads: DownloadsSection,
  social: SocialSection,
  settings: SettingsSection,
};

export function SectionView({ section }: { section: Section }) {
  const View = VIEWS[section];
  return (
    <div data-testid={`section-${section}`} className="h-full">
      <View />
    </div>
  );
}
