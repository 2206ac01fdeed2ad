import { createStore } from 'zustand/vanilla';
import type { AssetTransfer } from '@encore/shared/host/collab';

export interface AssetTransfersState {
  /** Unfinished transfers of the open project's assets, by SHA-256. */
  readonly byHash: Readonly<Record<string, AssetTransfer>>;
  /** Assets that arrived since the editor opened (the engine and waveforms fetch them again). */
  readonly arrived: readonly string[];
}

/**
 * The host's asset uploads and downloads for the open project, fed by the collaboration model
 * (`collab.assets` events) and read by the arrangement, which shows progress on clips whose
 * audio is not on this machine yet.
 */
export const assetTransfers = createStore<AssetTransfersState>(() => ({ byHash: {}, arrived: [] }));

/** Applies one transfer event: finished ones leave the map (downloads are noted as arrived). */
export function applyAssetTransfer(t: AssetTransfer): void {
  assetTransfers.setState((s) => {
    const byHash = { ...s.byHash };
    if (t.state === 'done') delete byHash[t.sha256];
    else byHash[t.sha256] = t;
    return { byHash, arrived: t.state === 'done' && t.direction === 'download' ? [...s.arrived, t.sha256] : s.arrived };
  });
}

export function resetAssetTransfers(list: readonly AssetTransfer[] = []): void {
  assetTransfers.setState({ byHash: Object.fromEntries(list.map((t) => [t.sha256, t])), arrived: [] });
}
