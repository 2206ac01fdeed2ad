import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { AssetTransfer } from '@encore/shared/host/collab';
import { useStudio } from '../editor/StudioContext';
import { putPeaksOf } from '../import/peaksStore';
import { assetTransfers } from './assetTransfers';

/**
 * The open project's unfinished asset transfers by hash, for drawing on clips. When a
 * collaborator's asset arrives, the engine's cache forgets that it was missing and its
 * waveform is computed, so the clip draws (and plays from the next graph build) at once.
 */
export function useAssetTransfers(): Readonly<Record<string, AssetTransfer>> {
  const { audio } = useStudio();
  const byHash = useStore(assetTransfers, (s) => s.byHash);
  const arrived = useStore(assetTransfers, (s) => s.arrived);
  const handled = useRef(0);
  useEffect(() => {
    if (!audio) return;
    for (const hash of arrived.slice(handled.current)) {
      audio.buffers.forget(hash);
      void audio.buffers.get(hash, audio.context).then((buffer) => buffer && putPeaksOf(hash, buffer));
    }
    handled.current = arrived.length;
  }, [arrived, audio]);
  return byHash;
}
