/** Where recorded audio comes from: a node to connect, and how to let it go. */
export interface InputSource {
  readonly node: AudioNode;
  readonly channels: number;
  dispose(): void;
}

/**
 * The microphone or line input through getUserMedia, with the browser's voice processing off
 * (echo cancellation, noise suppression and gain control would colour a recording and move
 * its timing).
 *
 * @example
 * const input = await openMicrophone(context);
 * input.node.connect(recorder.input);
 * input.dispose(); // stops the device
 */
export async function openMicrophone(context: AudioContext, deviceId: string | null = null): Promise<InputSource> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('This window cannot use audio inputs', 'NotSupportedError');
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) },
  });
  const node = context.createMediaStreamSource(stream);
  const channels = Math.max(1, Math.min(2, stream.getAudioTracks()[0]?.getSettings().channelCount ?? 1));
  return {
    node,
    channels,
    dispose() {
      node.disconnect();
      for (const t of stream.getTracks()) t.stop();
    },
  };
}
