import type { ReactNode } from 'react';
import type { Section } from '../../model/sections';
import { DownloadIcon } from '../downloads/DownloadIcon';
import { KaraokeIcon, LibraryIcon, LiveIcon, SettingsIcon, SocialIcon, StoreIcon, StudioIcon } from '../../ui/icons';

export const SECTION_ICONS: Record<Section, ReactNode> = {
  library: <LibraryIcon />,
  studio: <StudioIcon />,
  live: <LiveIcon />,
  karaoke: <KaraokeIcon />,
  store: <StoreIcon />,
  downloads: <DownloadIcon />,
  social: <SocialIcon />,
  settings: <SettingsIcon />,
};
