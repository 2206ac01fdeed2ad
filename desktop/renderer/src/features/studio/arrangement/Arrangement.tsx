import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { ClipSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { startDrag } from '../editor/pointerDrag';
import { useAudioDrop, useWaveformPeaks } from '../import/useImport';
import { selectClips } from '../model/editorStore';
import { clipMove, clipResize, previewClip, type ClipEdit } from '../model/gestures';
import { snapTick } from '../model/grid';
import { clickSelect, rowAt, zoneAt, type Row } from '../model/hitTest';
import { scrollBy, tickToX, xToTick, zoomAt } from '../model/timeScale';
import { laneExists } from '../model/automationTargets';
import { dropIndex, dropLineY, layoutTracks } from '../model/trackLayout';
import { ArrangementToolbar } from './ArrangementToolbar';
import { useAssetTransfers } from '../collab/useAssetTransfers';
import { ArrangementPresence } from '../collab/ArrangementPresence';
import { ClipView } from './ClipView';
import { GridLines } from './GridLines';
import { Ruler } from './Ruler';
import { TrackAutomationHeaders, TrackAutomationLanes } from './TrackAutomation';
import { TrackHeader } from './TrackHeader';

export const TRACK_HEIGHT = 68;
export const LANE_HEIGHT = 56;
const HEADER_WIDTH = 232;
const RULER_HEIGHT = 44;

interface Drag {
  clip: ClipSnapshot;
  edit: ClipEdit | null;
}

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function Playhead({ height }: { height: number }) {
  const scale = useEditor((s) => s.arrangementScale);
  const playhead = useEditor((s) => s.playhead);
  const x = tickToX(scale, playhead);
  if (x < 0) return null;
  return <div data-testid="playhead" aria-hidden className="pointer-events-none absolute top-0 z-20 w-px bg-[#ff5c5c] shadow-[0_0_4px_#ff5c5c]" style={{ left: Math.round(x), height }} />;
}

/**
 * The arrangement: track headers beside lanes of clips on a zoomable, scrollable timeline.
 * Only clips inside the viewport are rendered; each clip and header re-renders only when its
 * snapshot object changes (the project session keeps unchanged ones).
 */
export function Arrangement() {
  const { session, editor, edit } = useStudio();
  const peaks = useWaveformPeaks();
  const transfers = useAssetTransfers();
  const tracks = useProject((s) => s.snapshot.tracks);
  const assets = useProject((s) => s.snapshot.assets);
  const meters = useProject((s) => s.meterMap);
  const tempo = useProject((s) => s.tempoMap);
  const scale = useEditor((s) => s.arrangementScale);
  const snap = useEditor((s) => s.snap);
  const selectedClipIds = useEditor((s) => s.selectedClipIds);
  const selectedTrackId = useEditor((s) => s.selectedTrackId);
  const shownLanes = useEditor((s) => s.shownLanes);
  const [reorder, setReorder] = useState<{ trackId: string; index: number } | null>(null);
  const [lanesRef, width] = useWidth<HTMLDivElement>();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  // Audio files dropped on an audio track's lane go on it; anywhere else they get a new track.
  const drop = useAudioDrop((e) => {
    const rect = lanesRef.current?.getBoundingClientRect();
    const y = rect ? e.clientY - rect.top : -1;
    const row = rows.find((r) => y >= r.top && y < r.top + r.height);
    const track = row ? tracks.find((t) => t.id === row.id) : undefined;
    const tick = rect ? snapTick(Math.max(0, xToTick(scale, e.clientX - rect.left)), snap, meters, 'floor') : 0;
    return { trackId: track?.kind === 'audio' ? track.id : null, start: tick };
  });

  const layout = useMemo(() => {
    const valid = Object.fromEntries(tracks.map((t) => [t.id, (shownLanes[t.id] ?? []).filter((key) => laneExists(t, key))]));
    return layoutTracks(tracks, valid, TRACK_HEIGHT, LANE_HEIGHT);
  }, [tracks, shownLanes]);
  const rows: Row[] = layout.bands;
  const lanesHeight = layout.height;

  // Dragging a header's grip reorders the tracks: one moveTrack on release.
  const onGripDown = useCallback(
    (e: PointerEvent<HTMLElement>, trackId: string) => {
      if (e.button !== 0) return;
      e.stopPropagation();
      const top = lanesRef.current?.getBoundingClientRect().top ?? 0;
      const at = (clientY: number) => dropIndex(layout.bands, clientY - top, trackId);
      const fromIndex = tracks.findIndex((t) => t.id === trackId);
      startDrag(e, {
        move: ({ event }) => setReorder({ trackId, index: at(event.clientY) }),
        end: ({ event }) => {
          setReorder(null);
          const index = at(event.clientY);
          if (index !== fromIndex) edit(() => session.api.moveTrack({ trackId, index }));
        },
        cancel: () => setReorder(null),
      });
    },
    [layout, tracks, edit, session, lanesRef],
  );

  // Ctrl+wheel zooms around the pointer; Shift+wheel and horizontal wheels scroll in time.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const rect = el.getBoundingClientRect();
      const s = editor.getState().arrangementScale;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        editor.setState({ arrangementScale: zoomAt(s, Math.exp(-e.deltaY * 0.0025), e.clientX - rect.left - HEADER_WIDTH) });
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        editor.setState({ arrangementScale: scrollBy(s, e.shiftKey ? e.deltaY : e.deltaX) });
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [editor]);

  const onClipDown = useCallback(
    (e: PointerEvent<HTMLDivElement>, track: TrackSnapshot, clip: ClipSnapshot) => {
      if (e.button !== 0) return;
      e.stopPropagation();
      const box = e.currentTarget.getBoundingClientRect();
      const zone = zoneAt(box.width, e.clientX - box.left, 8);
      const current = editor.getState().selectedClipIds;
      selectClips(editor, clickSelect(current, clip.id, e.shiftKey), track.id, clip.kind === 'midi' ? clip.id : editor.getState().openClipId);
      const lanesTop = (lanesRef.current?.getBoundingClientRect().top ?? 0) - 0;
      const s = editor.getState();
      const compute = (dx: number, clientY: number): ClipEdit | null => {
        const dt = dx / s.arrangementScale.pxPerTick;
        if (zone === 'body') {
          const row = rowAt(rows, clientY - lanesTop);
          return clipMove(clip, dt, row?.id ?? null, s.snap, meters);
        }
        const contentStart = clip.kind === 'midi' ? clip.start - clip.offset : 0;
        return clipResize(clip, zone, dt, s.snap, meters, Math.max(0, contentStart));
      };
      startDrag(e, {
        move: ({ dx, event }) => setDrag({ clip, edit: compute(dx, event.clientY) }),
        end: ({ dx, event }) => {
          setDrag(null);
          const result = compute(dx, event.clientY);
          if (!result) return;
          const targetKind = result.op === 'moveClip' && result.input.trackId ? tracks.find((t) => t.id === result.input.trackId)?.kind : undefined;
          if (targetKind && targetKind !== track.kind) return;
          edit(() => (result.op === 'moveClip' ? session.api.moveClip(result.input) : session.api.resizeClip(result.input)));
        },
        cancel: () => setDrag(null),
      });
    },
    [editor, edit, meters, rows, session, tracks, lanesRef],
  );

  const onLaneDown = (e: PointerEvent<HTMLDivElement>, track: TrackSnapshot) => {
    if (e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const tick = snapTick(xToTick(scale, e.clientX - rect.left), snap, meters, 'floor');
    editor.setState({ selectedTrackId: track.id, selectedClipIds: [], focus: 'arrangement' });
    if (!editor.getState().transport.playing) editor.setState({ playhead: tick, transport: { playing: false, anchorTick: tick, startedAt: 0 } });
  };
  const onLaneDoubleClick = (e: React.MouseEvent<HTMLDivElement>, track: TrackSnapshot) => {
    if (track.kind !== 'instrument') return;
    const rect = e.currentTarget.getBoundingClientRect();
    const bar = meters.tickToBar(Math.max(0, xToTick(scale, e.clientX - rect.left)) as never).bar;
    const start: number = meters.barToTick(bar);
    const length = (meters.barToTick(bar + 1) as number) - start;
    edit(() => {
      const clipId = session.api.addMidiClip({ trackId: track.id, start, length, name: `${track.name} ${bar + 1}` });
      selectClips(editor, [clipId], track.id, clipId);
      editor.setState({ panel: 'clip' });
    });
  };

  const from = xToTick(scale, -50);
  const to = xToTick(scale, width + 50);
  const preview = drag ? previewClip(drag.clip, drag.edit) : null;
  const previewRow = preview ? rows.find((r) => r.id === preview.trackId) : undefined;
  const dragTrack = drag ? tracks.find((t) => t.id === drag.clip.trackId) : undefined;
  const assetSeconds = (hash: string) => assets.find((a) => a.hash === hash)?.durationSeconds;

  return (
    <div data-testid="arrangement" className="flex min-h-0 flex-1 flex-col bg-canvas">
      <ArrangementToolbar />
      <div className="flex shrink-0 border-b border-line bg-shell" style={{ height: RULER_HEIGHT }}>
        <div className="flex shrink-0 items-end border-r border-line px-3 pb-1.5 text-[10px] font-semibold tracking-[0.12em] text-ink-faint uppercase" style={{ width: HEADER_WIDTH }}>
          {tracks.length} track{tracks.length === 1 ? '' : 's'}
        </div>
        <div className="relative min-w-0 flex-1">
          <Ruler scale={scale} width={width} />
        </div>
      </div>
      <div ref={scrollRef} className={drop.over ? 'relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto outline-2 -outline-offset-2 outline-accent' : 'relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto'} data-testid="arrangement-scroll" {...drop.props}>
        <div className="flex" style={{ minHeight: '100%' }}>
          <div className="shrink-0 border-r border-line bg-surface" style={{ width: HEADER_WIDTH }}>
            {tracks.map((t, i) => (
              <div key={t.id}>
                <TrackHeader track={t} selected={t.id === selectedTrackId} height={TRACK_HEIGHT} onGripDown={onGripDown} />
                <TrackAutomationHeaders track={t} band={layout.bands[i] as (typeof layout.bands)[number]} />
              </div>
            ))}
          </div>
          <div ref={lanesRef} data-testid="lanes" className="relative min-w-0 flex-1 overflow-hidden" style={{ position: 'relative', minHeight: lanesHeight }}>
            <GridLines scale={scale} width={width} meters={meters} snap={snap} />
            {tracks.map((track, i) => (
              <TrackAutomationLanes key={`automation-${track.id}`} track={track} band={layout.bands[i] as (typeof layout.bands)[number]} width={width} scale={scale} />
            ))}
            {tracks.map((track, i) => (
              <div
                key={track.id}
                data-testid={`lane-${track.name}`}
                className={track.id === selectedTrackId ? 'absolute inset-x-0 border-b border-line bg-white/[0.025]' : 'absolute inset-x-0 border-b border-line/70'}
                style={{ position: 'absolute', left: 0, right: 0, top: layout.bands[i]?.top ?? 0, height: TRACK_HEIGHT }}
                onPointerDown={(e) => onLaneDown(e, track)}
                onDoubleClick={(e) => onLaneDoubleClick(e, track)}
              >
                {track.clips
                  .filter((c) => c.start < to && c.start + c.length > from)
                  .map((clip) => {
                    const left = tickToX(scale, clip.start);
                    const clipWidth = clip.length * scale.pxPerTick;
                    const dragging = drag?.clip.id === clip.id && drag.edit !== null;
                    return (
                      <div key={clip.id} onPointerDown={(e) => onClipDown(e, track, clip)} onDoubleClick={(e) => {
                        e.stopPropagation();
                        if (clip.kind === 'midi') editor.setState({ panel: 'clip', openClipId: clip.id });
                      }} style={{ opacity: dragging ? 0.35 : 1 }}>
                        <ClipView
                          clip={clip}
                          color={track.color}
                          left={left}
                          width={clipWidth}
                          height={TRACK_HEIGHT}
                          viewWidth={width}
                          pxPerTick={scale.pxPerTick}
                          selected={selectedClipIds.includes(clip.id)}
                          peaks={clip.kind === 'audio' ? peaks[clip.assetHash] : undefined}
                          transfer={clip.kind === 'audio' ? transfers[clip.assetHash] : undefined}
                          sourceSeconds={clip.kind === 'audio' ? assetSeconds(clip.assetHash) : undefined}
                          clipSeconds={clip.kind === 'audio' ? tempo.secondsBetween(clip.start, (clip.start + clip.length) as never) : undefined}
                        />
                      </div>
                    );
                  })}
              </div>
            ))}
            {drag && drag.edit && preview && previewRow && dragTrack && (
              <div className="pointer-events-none absolute inset-x-0" style={{ position: 'absolute', left: 0, right: 0, top: previewRow.top, height: TRACK_HEIGHT }}>
                <ClipView
                  ghost
                  clip={{ ...drag.clip, start: preview.start as never, length: preview.length as never, ...(drag.clip.kind === 'midi' && drag.edit.op === 'resizeClip' ? { offset: (drag.clip.offset + (preview.start - drag.clip.start)) as never } : {}) } as ClipSnapshot}
                  color={dragTrack.color}
                  left={tickToX(scale, preview.start)}
                  width={preview.length * scale.pxPerTick}
                  height={TRACK_HEIGHT}
                  viewWidth={width}
                  pxPerTick={scale.pxPerTick}
                  selected
                />
              </div>
            )}
            {reorder && (
              <div data-testid="track-drop-line" className="pointer-events-none absolute inset-x-0 z-30 h-0.5 bg-accent" style={{ top: dropLineY(layout.bands, reorder.index, reorder.trackId) - 1 }} />
            )}
            <ArrangementPresence lanesRef={lanesRef} bands={layout.bands} height={lanesHeight} />
            <Playhead height={Math.max(lanesHeight, 2000)} />
            {tracks.length === 0 && (
              <div className="absolute inset-0 flex items-center justify-center text-sm text-ink-faint">Add a track to start: the + buttons are above the track list.</div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
