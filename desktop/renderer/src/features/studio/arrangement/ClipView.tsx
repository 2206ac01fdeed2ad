import { memo, useEffect, useRef } from 'react';
import type { ClipSnapshot } from '@encore/shared/project/read/snapshot';
import { cx } from '../../../ui/cx';
import type { AssetTransfer } from '@encore/shared/host/collab';
import { clipColors, drawMiniNotes, drawPeaks } from './clipDrawing';

/** Where a missing clip's audio is: downloading (with progress), waiting for its owner's upload, or failed. */
function AssetTransferBadge({ transfer, left }: { transfer: AssetTransfer; left: number }) {
  const pct = transfer.total > 0 ? Math.min(100, Math.floor((transfer.loaded / transfer.total) * 100)) : 0;
  const waiting = transfer.state === 'failed' && transfer.error?.startsWith('not on the server yet');
  const label = transfer.direction === 'upload' ? `Uploading ${pct}%` : transfer.state === 'active' ? `Downloading audio ${pct}%` : waiting ? 'Audio not uploaded yet' : transfer.state === 'failed' ? 'Audio missing — retrying' : 'Audio queued';
  // Inline styles, like the clip box itself: the badge must read the same wherever the clip draws.
  return (
    <div
      data-testid="clip-asset-transfer"
      data-state={transfer.state}
      title={transfer.error ?? label}
      style={{ position: 'absolute', left: left + 4, right: 4, bottom: 4, display: 'flex', flexDirection: 'column', gap: 2, borderRadius: 3, background: '#0d0e12cc', padding: '2px 6px', fontSize: 10, color: '#f4f5f8', whiteSpace: 'nowrap', overflow: 'hidden' }}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{label}</span>
      {transfer.state === 'active' && (
        <span aria-hidden style={{ display: 'block', height: 3, borderRadius: 2, background: '#f4f5f833', overflow: 'hidden' }}>
          <span style={{ display: 'block', height: '100%', width: `${pct}%`, background: '#f4f5f8' }} />
        </span>
      )}
    </div>
  );
}

export interface ClipViewProps {
  clip: ClipSnapshot;
  color: string;
  /** Left edge and width in pixels within the lane (may start off-screen). */
  left: number;
  width: number;
  height: number;
  /** The visible part of the lane, so very long clips draw only what shows. */
  viewWidth: number;
  pxPerTick: number;
  selected: boolean;
  ghost?: boolean;
  peaks?: Float32Array;
  /** Seconds of the clip's source audio, to place the peaks. */
  sourceSeconds?: number;
  clipSeconds?: number;
  /** The clip's audio is still travelling from (or to) the server: shown over the clip. */
  transfer?: AssetTransfer | undefined;
}

/** One clip in a lane: a coloured box with its name and a drawing of its notes or waveform. */
export const ClipView = memo(function ClipView({ clip, color, left, width, height, viewWidth, pxPerTick, selected, ghost, peaks, sourceSeconds, clipSeconds, transfer }: ClipViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colors = clipColors(color, selected);
  // The canvas covers only the visible slice of the clip.
  const visLeft = Math.max(0, -left);
  const visWidth = Math.max(0, Math.min(width, viewWidth - left) - visLeft);
  const bodyHeight = height - 26;
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.ceil(visWidth));
    canvas.width = w * dpr;
    canvas.height = bodyHeight * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (clip.kind === 'midi') {
      drawMiniNotes(ctx, clip.notes, clip.offset + visLeft / pxPerTick, pxPerTick, w, bodyHeight, '#f4f5f8');
    } else if (peaks && sourceSeconds && clipSeconds) {
      const from = (clip.sourceOffset + (visLeft / width) * clipSeconds) / sourceSeconds;
      const to = (clip.sourceOffset + ((visLeft + w) / width) * clipSeconds) / sourceSeconds;
      drawPeaks(ctx, peaks, clip.reversed ? 1 - from : from, clip.reversed ? 1 - to : to, w, bodyHeight, '#f4f5f8cc');
    } else {
      ctx.clearRect(0, 0, w, bodyHeight);
      ctx.fillStyle = '#f4f5f855';
      ctx.fillRect(0, Math.round(bodyHeight / 2), w, 1);
    }
  }, [clip, visLeft, visWidth, bodyHeight, pxPerTick, peaks, sourceSeconds, clipSeconds, width]);

  return (
    <div
      data-testid={ghost ? 'clip-ghost' : `clip-${clip.name}`}
      data-clip-id={clip.id}
      data-start={clip.start}
      aria-selected={selected}
      className={cx('absolute top-1 overflow-hidden rounded-[4px] border', ghost ? 'pointer-events-none opacity-80 shadow-lg' : 'cursor-grab')}
      style={{ position: 'absolute', top: 4, left, width: Math.max(2, width), height: height - 8, background: colors.fill, borderColor: colors.border, boxShadow: selected ? `0 0 0 1px ${color}` : undefined }}
    >
      <div className="flex h-4 items-center truncate px-1.5 text-[10.5px] font-semibold text-[#0d0e12]" style={{ background: colors.header, paddingLeft: Math.max(6, visLeft + 6) }}>
        {clip.name}
      </div>
      <canvas ref={canvasRef} aria-hidden className="absolute" style={{ position: 'absolute', left: visLeft, top: 17, width: Math.max(1, Math.ceil(visWidth)), height: bodyHeight }} />
      {transfer && !peaks && <AssetTransferBadge transfer={transfer} left={visLeft} />}
    </div>
  );
});
