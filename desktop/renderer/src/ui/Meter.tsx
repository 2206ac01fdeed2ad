/** A level meter: `levelDb` in dBFS (−60 and below is empty, 0 full, over 0 lights the clip segment). */
export function Meter({ levelDb, height = 160, testId }: { levelDb: number | null; height?: number; testId?: string }) {
  const fill = levelDb === null ? 0 : Math.min(1, Math.max(0, (levelDb + 60) / 60));
  const hot = levelDb !== null && levelDb > -6;
  return (
    <div data-testid={testId} aria-label={levelDb === null ? 'No signal' : `Level ${levelDb.toFixed(1)} dB`} role="meter" aria-valuemin={-60} aria-valuemax={0} aria-valuenow={levelDb ?? -60} className="relative w-1.5 overflow-hidden rounded-sm bg-[#0a0b0f]" style={{ height }}>
      <div className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-[#22c55e] via-[#a3e635] to-[#facc15]" style={{ height: `${fill * 100}%` }} />
      {hot && <div className="absolute inset-x-0 top-0 h-1 bg-danger" style={{ opacity: levelDb !== null && levelDb >= 0 ? 1 : 0.25 }} />}
    </div>
  );
}
