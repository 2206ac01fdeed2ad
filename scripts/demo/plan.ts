import type { SongSpec } from './synth';

/** The demo catalog: artists with albums, each album a set of songs sharing a style. */
export interface DemoAlbum {
  title: string;
  albumType: 'album' | 'ep' | 'single';
  genres: string[];
  /** ffmpeg lavfi source of the cover art (generated, 800×800). */
  cover: string;
  songs: { title: string; spec: Omit<SongSpec, 'seconds' | 'seed'> }[];
}

export interface DemoArtist {
  username: string;
  bio: string;
  albums: DemoAlbum[];
}

const grad = (c0: string, c1: string, seed: number) => `gradients=s=800x800:c0=${c0}:c1=${c1}:x0=0:y0=0:x1=800:y1=800:seed=${seed}:d=1`;

export const DEMO_ARTISTS: DemoArtist[] = [
  {
    username: 'nova_lights',
    bio: 'Synthwave from a small flat with a big window.',
    albums: [
      {
        title: 'Neon Harbour',
        albumType: 'album',
        genres: ['Synthwave'],
        cover: grad('0xff2a6d', '0x05d9e8', 1),
        songs: [
          { title: 'Midnight Drive', spec: { tonic: 57, mode: 'minor', bpm: 100 } },
          { title: 'Harbour Lights', spec: { tonic: 60, mode: 'major', bpm: 104 } },
          { title: 'Chrome Horizon', spec: { tonic: 62, mode: 'minor', bpm: 110 } },
          { title: 'Afterglow', spec: { tonic: 55, mode: 'major', bpm: 96 } },
          { title: 'Last Train Home', spec: { tonic: 52, mode: 'minor', bpm: 100 } },
          { title: 'Static Bloom', spec: { tonic: 64, mode: 'minor', bpm: 118 } },
        ],
      },
      {
        title: 'Night Swim',
        albumType: 'ep',
        genres: ['Synthwave', 'Electronic'],
        cover: grad('0x1a1a40', '0x7a0bc0', 2),
        songs: [
          { title: 'Night Swim', spec: { tonic: 59, mode: 'minor', bpm: 112 } },
          { title: 'Deep End', spec: { tonic: 57, mode: 'major', bpm: 108 } },
          { title: 'Surface', spec: { tonic: 62, mode: 'major', bpm: 115 } },
        ],
      },
    ],
  },
  {
    username: 'the_paper_cranes',
    bio: 'Indie pop, recorded in one room, mostly in one take.',
    albums: [
      {
        title: 'Folded Maps',
        albumType: 'album',
        genres: ['Indie', 'Pop'],
        cover: grad('0xfcbf49', '0xeae2b7', 3),
        songs: [
          { title: 'Folded Maps', spec: { tonic: 60, mode: 'major', bpm: 124 } },
          { title: 'Paper Boats', spec: { tonic: 65, mode: 'major', bpm: 128 } },
          { title: 'Sunday Morning Static', spec: { tonic: 62, mode: 'major', bpm: 120 } },
          { title: 'Porch Light', spec: { tonic: 57, mode: 'minor', bpm: 118 } },
          { title: 'Crane Season', spec: { tonic: 67, mode: 'major', bpm: 126 } },
        ],
      },
      {
        title: 'Kites',
        albumType: 'single',
        genres: ['Pop'],
        cover: grad('0x06d6a0', '0x118ab2', 4),
        songs: [{ title: 'Kites', spec: { tonic: 64, mode: 'major', bpm: 130 } }],
      },
    ],
  },
  {
    username: 'low_tide_collective',
    bio: 'Lo-fi beats and slow tape loops.',
    albums: [
      {
        title: 'Tape Hiss Diaries',
        albumType: 'album',
        genres: ['Lo-fi', 'Hip-Hop'],
        cover: grad('0x6b705c', '0xffe8d6', 5),
        songs: [
          { title: 'Rainy Window', spec: { tonic: 53, mode: 'minor', bpm: 84 } },
          { title: 'Coffee Rings', spec: { tonic: 58, mode: 'major', bpm: 88 } },
          { title: 'Bus Stop Daydream', spec: { tonic: 55, mode: 'minor', bpm: 80 } },
          { title: 'Warm Radiator', spec: { tonic: 60, mode: 'major', bpm: 86 } },
          { title: 'Library Hours', spec: { tonic: 57, mode: 'minor', bpm: 82 } },
          { title: 'Streetlamp Haze', spec: { tonic: 62, mode: 'minor', bpm: 90 } },
        ],
      },
    ],
  },
  {
    username: 'aurora_kestrel',
    bio: 'Ambient and modern classical sketches.',
    albums: [
      {
        title: 'Northern Quiet',
        albumType: 'album',
        genres: ['Ambient'],
        cover: grad('0x03045e', '0x90e0ef', 6),
        songs: [
          { title: 'First Snow', spec: { tonic: 62, mode: 'major', bpm: 70 } },
          { title: 'Fjord', spec: { tonic: 57, mode: 'minor', bpm: 66 } },
          { title: 'Polar Night', spec: { tonic: 53, mode: 'minor', bpm: 72 } },
          { title: 'Slow Thaw', spec: { tonic: 60, mode: 'major', bpm: 68 } },
        ],
      },
      {
        title: 'Ember',
        albumType: 'ep',
        genres: ['Ambient', 'Electronic'],
        cover: grad('0x9d0208', '0xffba08', 7),
        songs: [
          { title: 'Ember', spec: { tonic: 55, mode: 'minor', bpm: 76 } },
          { title: 'Kindling', spec: { tonic: 59, mode: 'major', bpm: 74 } },
          { title: 'Ash Garden', spec: { tonic: 52, mode: 'minor', bpm: 70 } },
        ],
      },
    ],
  },
];

/** Every song of the plan, in publishing order. */
export const allSongs = () => DEMO_ARTISTS.flatMap((a) => a.albums.flatMap((al) => al.songs));
