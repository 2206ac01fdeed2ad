/** The top-level places of the app, in sidebar order. */
export const SECTIONS = ['library', 'studio', 'live', 'karaoke', 'store', 'downloads', 'social', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABELS: Record<Section, string> = {
  library: 'Library',
  studio: 'Studio',
  live: 'Live',
  karaoke: 'Karaoke',
  store: 'Store',
  downloads: 'Downloads',
  social: 'Social',
  settings: 'Settings',
};

export const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);
