import fs from 'node:fs';
import path from 'node:path';
import { SavedQueue, type mediaContract } from '@encore/shared/host/media';
import type { HostProcedures } from '../../host/router';

type PlayerProcedures = Pick<HostProcedures, keyof typeof mediaContract>;

/**
 * The player's queue across restarts: one JSON file in the desktop data folder, replaced
 * atomically (write a sibling, then rename), so a crash mid-save leaves the previous queue.
 * A file that no longer parses (older version, hand edit) reads as "no saved queue".
 *
 * @example
 * const procedures = createPlayerProcedures(config.desktopDir);
 * await procedures['player.queue.save'](queue);
 */
export function createPlayerProcedures(desktopDir: string, now: () => Date = () => new Date()): PlayerProcedures {
  const file = path.join(desktopDir, 'player-queue.json');
  return {
    'player.queue.load': async () => {
      let text: string;
      try {
        text = await fs.promises.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return null;
      }
      const parsed = SavedQueue.safeParse(json);
      return parsed.success ? parsed.data : null;
    },
    'player.queue.save': async (queue) => {
      await fs.promises.mkdir(desktopDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, JSON.stringify(queue));
      await fs.promises.rename(tmp, file);
      return { savedAt: now().toISOString() };
    },
  };
}
