import { describe, expect, it } from 'vitest';
import { Playlist } from './playlist';

const at = '2024-05-01T12:00:00Z';
const entry = (trackId: string, position: number) => ({ trackId, addedBy: 'u1', addedAt: at, position });
const playlist = {
  id: 'p1',
  title: 'Road trip',
  description: '',
  ownerId: 'u1',
  isPublic: true,
  isCollaborative: true,
  collaboratorIds: ['u2'],
  coverImage: null,
  tracks: [entry('t1', 0), entry('t2', 1), entry('t1', 2)],
  totalDurationMs: 600_000,
  statistics: { followerCount: 0, playCount: 0 },
  createdAt: at,
  updatedAt: at,
};

describe('Playlist', () => {
  it('allows the same track twice at different positions', () => {
    expect(Playlist.parse(playlist).tracks).toHaveLength(3);
  });
  it('requires positions to match array order', () => {
    expect(Playlist.safeParse({ ...playlist, tracks: [entry('t1', 1), entry('t2', 0)] }).success).toBe(false);
    expect(Playlist.safeParse({ ...playlist, tracks: [entry('t1', 0), entry('t2', 2)] }).success).toBe(false);
  });
  it('refuses the owner as a collaborator and an empty title', () => {
    expect(Playlist.safeParse({ ...playlist, collaboratorIds: ['u1'] }).success).toBe(false);
    expect(Playlist.safeParse({ ...playlist, title: '  ' }).success).toBe(false);
  });
});
