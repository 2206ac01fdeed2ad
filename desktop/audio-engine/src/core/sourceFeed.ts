import type { RenderGraph } from '../graph/renderGraph';
import { EngineError } from './errors';
import type { SourceJob, SourceWorkerMessage, SourceWorkerReply } from './sourceJob';

/**
 * Plays what source workers render into an offline context's summing points while it renders:
 * each worker posts its sums chunk by chunk (transferred, not copied), and each chunk becomes an
 * AudioBufferSourceNode started on its first frame, one window ahead of the render position, into
 * a splitter whose channel pairs go to the master's and each bus's input. The context's suspends
 * wait for the workers, so a slow worker slows the render but never drops audio.
 *
 * @example
 * const feed = new SourceFeed(context, graph, destinations, jobs, createWorker, 48_000);
 * await feed.prime(); // before startRendering
 * await feed.window(k); // at the suspend at k windows
 */
export class SourceFeed {
  private readonly workers: Worker[];
  /** Per worker, its chunks received and not yet played. */
  private readonly chunks: Map<number, readonly Float32Array<ArrayBuffer>[]>[];
  private readonly splitter: ChannelSplitterNode;
  private readonly links: AudioNode[] = [];
  private readonly waiters = new Set<() => void>();
  private failure: Error | null = null;
  private readonly count: number;
  private readonly chunk: number;
  /** The next chunk to schedule. */
  private next = 0;

  constructor(
    private readonly context: BaseAudioContext,
    graph: RenderGraph,
    destinations: readonly string[],
    jobs: readonly SourceJob[],
    createWorker: () => Worker,
    /** Frames per scheduling window (the context suspends every window). */
    private readonly windowFrames: number,
  ) {
    const first = jobs[0]!;
    this.chunk = first.chunk;
    this.count = Math.ceil(first.frames / first.chunk);
    const channels = 2 * destinations.length;
    this.splitter = new ChannelSplitterNode(context, { numberOfOutputs: channels });
    destinations.forEach((id, k) => {
      const input = graph.inputOf(id);
      if (!input) return;
      const merger = new ChannelMergerNode(context, { numberOfInputs: 2 });
      this.splitter.connect(merger, 2 * k, 0);
      this.splitter.connect(merger, 2 * k + 1, 1);
      merger.connect(input);
      this.links.push(merger);
    });
    this.chunks = jobs.map(() => new Map());
    this.workers = jobs.map((job, w) => {
      const worker = createWorker();
      worker.onmessage = (e: MessageEvent<SourceWorkerReply>) => {
        const m = e.data;
        if (m.type === 'chunk') this.chunks[w]!.set(m.index, m.data);
        else this.fail(new EngineError('WORKER_FAILED', `source worker: ${m.message}`));
        this.notify();
      };
      worker.onerror = (e) => {
        e.preventDefault();
        this.fail(new EngineError('WORKER_FAILED', `source worker: ${e.message}`));
      };
      worker.postMessage({ type: 'start', job } satisfies SourceWorkerMessage);
      return worker;
    });
  }

  /** Schedules what the first two windows play (call before startRendering). */
  prime(): Promise<void> {
    return this.playBefore(2 * this.windowFrames);
  }

  /** At the suspend `k` windows in: schedules what the window after the coming one plays (so every chunk starts in the future). */
  window(k: number): Promise<void> {
    return this.playBefore((k + 2) * this.windowFrames);
  }

  private async playBefore(frame: number): Promise<void> {
    while (this.next < this.count && this.next * this.chunk < frame) await this.play(this.next++);
  }

  /** Waits for chunk `index` from every worker and starts it where it belongs. */
  private async play(index: number): Promise<void> {
    for (let w = 0; w < this.workers.length; w++) {
      const chunks = this.chunks[w]!;
      while (!chunks.has(index)) {
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => this.waiters.add(resolve));
      }
      const data = chunks.get(index)!;
      chunks.delete(index);
      const buffer = new AudioBuffer({ numberOfChannels: data.length, length: data[0]!.length, sampleRate: this.context.sampleRate });
      data.forEach((channel, c) => buffer.copyToChannel(channel, c));
      const source = new AudioBufferSourceNode(this.context, { buffer });
      source.connect(this.splitter);
      source.start((index * this.chunk) / this.context.sampleRate);
      source.onended = () => source.disconnect();
      this.workers[w]!.postMessage({ type: 'consumed', index } satisfies SourceWorkerMessage);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiting) resolve();
  }

  /** Stops the workers and disconnects the feed. */
  dispose(): void {
    for (const w of this.workers) w.terminate();
    this.splitter.disconnect();
    for (const node of this.links) node.disconnect();
    this.failure ??= new EngineError('DISPOSED', 'the source feed was disposed');
    this.notify();
  }
}
