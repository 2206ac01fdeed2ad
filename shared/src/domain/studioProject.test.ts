import { describe, expect, it } from 'vitest';
import { StudioProject, TimeSignature } from './studioProject';

const at = '2024-05-01T12:00:00Z';
const project = {
  id: 'sp1',
  title: 'Sketch 12',
  ownerId: 'u1',
  collaboratorIds: ['u2'],
  tempo: 92.5,
  timeSignature: '7/8',
  key: 'D minor',
  tracks: [{ id: 'tr1', name: 'Bass', type: 'instrument', volumeDb: -6, pan: 0, mute: false, solo: false }],
  version: 3,
  lastSavedAt: at,
  createdAt: at,
  updatedAt: at,
};

describe('StudioProject', () => {
  it('parses a project summary', () => {
    expect(StudioProject.parse(project).tracks[0]?.volumeDb).toBe(-6);
  });
  it('keeps tempo within 20-999 BPM', () => {
    expect(StudioProject.safeParse({ ...project, tempo: 19.9 }).success).toBe(false);
    expect(StudioProject.safeParse({ ...project, tempo: 1000 }).success).toBe(false);
    expect(StudioProject.safeParse({ ...project, tempo: 20 }).success).toBe(true);
    expect(StudioProject.safeParse({ ...project, tempo: 999 }).success).toBe(true);
  });
  it('allows no key but refuses a version below 1 and a pan beyond hard right', () => {
    expect(StudioProject.safeParse({ ...project, key: null }).success).toBe(true);
    expect(StudioProject.safeParse({ ...project, version: 0 }).success).toBe(false);
    expect(StudioProject.safeParse({ ...project, tracks: [{ ...project.tracks[0], pan: 1.5 }] }).success).toBe(false);
  });
});

describe('TimeSignature', () => {
  it.each(['4/4', '3/4', '7/8', '12/16', '5/2', '32/32'])('accepts %s', (s) => {
    expect(TimeSignature.safeParse(s).success).toBe(true);
  });
  it.each(['4/3', '0/4', '33/4', '4/64', '4', '4/4/4', ' 4/4', 'a/b'])('refuses %s', (s) => {
    expect(TimeSignature.safeParse(s).success).toBe(false);
  });
});
