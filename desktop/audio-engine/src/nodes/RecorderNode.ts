import { EngineError } from '../core/errors';
import { RECORDER_PROCESSOR, type RecorderMessage, type RecorderProcessorOptions, type RecorderReply } from '../worklets/recorderProtocol';

export interface RecorderOptions {
  channels: number;
  /** Frames per batch the processor posts (latency of the capture, not of the recording). */
  batch: number;
}

/** What a recording pass captured: frames from context time `startTime` on, one array per channel. */
export interface RecordedAudio {
  readonly sampleRate: number;
  /** Context time (seconds) of the first frame: when the graph heard it. */
  readonly startTime: number;
  readonly channels: readonly Float32Array[];
}

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/**
 * Records its input sample-accurately (recorder.worklet.ts): connect a source to
 * {@link RecorderNode.input}, `start()`, and `stop()` resolves with the frames and the context
 * time of the first one, which is what latency compensation and punch-in need.
 *
 * @example
 * await RecorderNode.load(context, RECORDER_WORKLET_URL);
 * const recorder = new RecorderNode(context, { channels: 1 });
 * mic.connect(recorder.input);
 * recorder.start();
 * const { startTime, channels } = await recorder.stop();
 */
export class RecorderNode {
  readonly input: AudioWorkletNode;
  private chunks: { frame: number; channels: readonly Float32Array[] }[] = [];
  private stopping: ((frame: number) => void) | null = null;
  private disposed = false;

  static getDefaults(): RecorderOptions {
    return { channels: 2, batch: 4096 };
  }

  /** Adds the processor to a context, once per context. */
  static load(context: BaseAudioContext, url: string): Promise<void> {
    let pending = loaded.get(context);
    if (!pending) {
      pending = context.audioWorklet.addModule(url).catch((cause: unknown) => {
        loaded.delete(context);
        throw new EngineError('WORKLET_LOAD_FAILED', `could not load the recorder worklet: ${String(cause)}`, { cause });
      });
      loaded.set(context, pending);
    }
    return pending;
  }

  constructor(
    private readonly context: BaseAudioContext,
    options: Partial<RecorderOptions> = {},
  ) {
    const o = { ...RecorderNode.getDefaults(), ...options };
    const processorOptions: RecorderProcessorOptions = { channels: o.channels, batch: o.batch };
    this.input = new AudioWorkletNode(context, RECORDER_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: o.channels,
      channelCountMode: 'explicit',
      processorOptions,
    });
    this.input.port.onmessage = (e: MessageEvent<RecorderReply>) => {
      if (e.data.type === 'chunk') this.chunks.push({ frame: e.data.frame, channels: e.data.channels });
      else this.stopping?.(e.data.frame);
    };
  }

  /** Starts capturing from the next render quantum; anything captured before is dropped. */
  start(): void {
    if (this.disposed) throw new EngineError('DISPOSED', 'the recorder was disposed');
    this.chunks = [];
    this.send({ type: 'start' });
  }

  /** Stops capturing and resolves with everything captured since `start()`. */
  stop(): Promise<RecordedAudio> {
    if (this.disposed) return Promise.reject(new EngineError('DISPOSED', 'the recorder was disposed'));
    return new Promise<RecordedAudio>((resolve) => {
      this.stopping = () => {
        this.stopping = null;
        resolve(this.collect());
      };
      this.send({ type: 'stop' });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.input.disconnect();
    this.send({ type: 'dispose' });
    this.input.port.onmessage = null;
    this.chunks = [];
  }

  private send(m: RecorderMessage): void {
    this.input.port.postMessage(m);
  }

  /** The chunks joined; a gap (never expected) is filled with silence so frame times stay true. */
  private collect(): RecordedAudio {
    const sampleRate = this.context.sampleRate;
    const chunks = this.chunks;
    this.chunks = [];
    const first = chunks[0];
    const count = this.input.channelCount;
    if (!first) return { sampleRate, startTime: this.context.currentTime, channels: Array.from({ length: count }, () => new Float32Array(0)) };
    const last = chunks[chunks.length - 1]!;
    const length = last.frame + (last.channels[0]?.length ?? 0) - first.frame;
    const channels = Array.from({ length: count }, () => new Float32Array(length));
    for (const chunk of chunks) chunk.channels.forEach((data, c) => channels[c]?.set(data, chunk.frame - first.frame));
    return { sampleRate, startTime: first.frame / sampleRate, channels };
  }
}
