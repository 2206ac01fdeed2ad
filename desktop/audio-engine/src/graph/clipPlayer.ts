import type { AudioClipSpan } from './timeline';

/**
 * Plays one audio clip: an AudioBufferSourceNode (one per clip, not per note: a song has few)
 * into a GainNode carrying the clip gain and its linear fades. Reversed clips play a reversed
 * copy of the buffer, made once per asset.
 */

const reversedCopies = new WeakMap<AudioBuffer, AudioBuffer>();

/** The buffer played backwards (cached per buffer). */
export function reversedBuffer(buffer: AudioBuffer): AudioBuffer {
  let copy = reversedCopies.get(buffer);
  if (!copy) {
    copy = new AudioBuffer({ length: buffer.length, numberOfChannels: buffer.numberOfChannels, sampleRate: buffer.sampleRate });
    for (let c = 0; c < buffer.numberOfChannels; c++) copy.copyToChannel(buffer.getChannelData(c).slice().reverse(), c);
    reversedCopies.set(buffer, copy);
  }
  return copy;
}

/** The clip's gain envelope (linear, fades included) at `t` seconds into the clip. */
export function clipGainAt(span: AudioClipSpan, gain: number, t: number): number {
  const length = span.end - span.start;
  if (t < 0 || t > length) return 0;
  let g = gain;
  if (span.fadeIn > 0 && t < span.fadeIn) g *= t / span.fadeIn;
  if (span.fadeOut > 0 && t > length - span.fadeOut) g *= (length - t) / span.fadeOut;
  return g;
}

export interface PlayingClip {
  readonly source: AudioBufferSourceNode;
  readonly gain: GainNode;
}

/**
 * Starts `span` at song time `from` (its start, or later when playback begins inside it).
 * `offset` maps song time to context time; the clip enters `destination` at its input `input`.
 * Returns null when nothing of the clip is left.
 *
 * @example
 * playClip(context, span, buffer, strip.input, span.start, 0);
 */
export function playClip(context: BaseAudioContext, span: AudioClipSpan, buffer: AudioBuffer, destination: AudioNode, from: number, offset: number, input = 0): PlayingClip | null {
  const clip = span.clip;
  const length = span.end - span.start;
  const into = Math.max(0, from - span.start);
  if (into >= length) return null;
  // Position in the buffer actually played (the reversed copy for reversed clips).
  const position = clip.reversed ? buffer.duration - (clip.sourceOffset + length) + into : clip.sourceOffset + into;
  // A reversed span longer than the source starts in silence: begin when the audio does.
  const wait = Math.max(0, -position);
  const bufferAt = Math.max(0, position);
  const playable = Math.min(length - into - wait, buffer.duration - bufferAt);
  if (playable <= 0) return null;

  const level = 10 ** (clip.gainDb / 20);
  const source = new AudioBufferSourceNode(context, { buffer: clip.reversed ? reversedBuffer(buffer) : buffer });
  const gain = new GainNode(context, { gain: 0 });
  source.connect(gain).connect(destination, 0, input);
  const t0 = span.start + offset; // context time of the clip's start
  const now = from + offset;
  const g = gain.gain;
  g.setValueAtTime(clipGainAt(span, level, into), now);
  if (span.fadeIn > 0 && into < span.fadeIn) g.linearRampToValueAtTime(level, t0 + span.fadeIn);
  const fadeOutStart = length - span.fadeOut;
  if (span.fadeOut > 0) {
    if (into < fadeOutStart) g.setValueAtTime(level, t0 + fadeOutStart);
    g.linearRampToValueAtTime(0, t0 + length);
  }
  source.start(now + wait, bufferAt, playable);
  source.onended = () => {
    source.disconnect();
    gain.disconnect();
  };
  return { source, gain };
}
