import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedQueue } from '@encore/shared/host/media';
import { createPlayerProcedures } from './playerQueueStore';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-queue-'));
  dirs.push(d);
  return d;
};
const queue: SavedQueue = {
  version: 1,
  items: ['a'.repeat(64), 'b'.repeat(64)],
  current: 1,
  history: ['a'.repeat(64)],
  repeat: 'all',
  shuffle: true,
  shuffleSeed: 7,
  positionSec: 12.5,
  prefs: { volume: 0.5, crossfadeSec: 4, normalization: 'album', targetLufs: -14, speed: 1.25 },
};

describe('player queue store', () => {
  it('returns null on a first run, then what was saved (a restart reads it back)', async () => {
    const dir = tmp();
    expect(await createPlayerProcedures(dir)['player.queue.load']()).toBeNull();
    await createPlayerProcedures(dir)['player.queue.save'](queue);
    expect(await createPlayerProcedures(dir)['player.queue.load']()).toEqual(queue);
    expect(fs.readdirSync(dir)).toEqual(['player-queue.json']);
  });

  it('reads a corrupt or foreign file as no saved queue', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'player-queue.json'), '{"version":');
    expect(await createPlayerProcedures(dir)['player.queue.load']()).toBeNull();
    fs.writeFileSync(path.join(dir, 'player-queue.json'), JSON.stringify({ ...queue, version: 99 }));
    expect(await createPlayerProcedures(dir)['player.queue.load']()).toBeNull();
  });
});
