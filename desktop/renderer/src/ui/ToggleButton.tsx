import type { ButtonHTMLAttributes } from 'react';
import { cx, focusRing } from './cx';

export interface ToggleButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange'> {
  pressed: boolean;
  onChange(pressed: boolean): void;
  /** The colour when pressed: mute amber, solo blue, arm red, accent otherwise. */
  tone?: 'accent' | 'mute' | 'solo' | 'arm' | 'neutral';
  size?: 'xs' | 'sm';
}

const TONES = {
  accent: 'bg-accent text-accent-ink border-accent',
  mute: 'bg-[#f5a524] text-[#1a1206] border-[#f5a524]',
  solo: 'bg-[#3b9eff] text-[#041322] border-[#3b9eff]',
  arm: 'bg-[#e5484d] text-white border-[#e5484d]',
  neutral: 'bg-line-strong text-ink border-line-strong',
} as const;

/** A latching button (mute, solo, loop…) with aria-pressed. */
export function ToggleButton({ pressed, onChange, tone = 'accent', size = 'sm', className, children, ...rest }: ToggleButtonProps) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={() => onChange(!pressed)}
      className={cx(
        'inline-flex select-none items-center justify-center rounded border font-semibold transition-colors',
        size === 'xs' ? 'h-5 min-w-5 px-1 text-[10px]' : 'h-7 min-w-7 px-1.5 text-xs',
        pressed ? TONES[tone] : 'border-line bg-raised text-ink-muted hover:border-line-strong hover:text-ink',
        focusRing,
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
}
