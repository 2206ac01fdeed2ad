/**
 * MPD (the Music Player Daemon) as a reference for the library benchmarks: a private mpd on
 * a free port with a temporary config, its text database written directly, and a minimal
 * client for its line protocol over TCP.
 *
 * @example
 * writeMpdDatabase('/tmp/x/db', songs);
 * const mpd = await startMpd({ dir: '/tmp/x', dbFile: '/tmp/x/db' });
 * const { lines } = await mpd.client.command('search "(any contains \'love\')" window 0:25');
 * await mpd.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

/** One song of MPD's database ("simple" plugin): the tags MPD would have read from the file. */
export interface MpdSong {
  /** File name relative to the music directory (the songs sit in its root). */
  file: string;
  title: string;
  artists: string[];
  albumArtist: string | null;
  album: string | null;
  genre: string | null;
  track: number | null;
  date: number | null;
  seconds: number;
}

export function mpdAvailable(): boolean {
  return spawnSync('which', ['mpd']).status === 0;
}

/**
 * Writes MPD's "simple" database (format 2, gzip-compressed as mpd writes it) describing
 * `songs`, so MPD loads a library without scanning audio files: MPD reads the database at
 * start-up and never checks that the files exist until it plays or updates them.
 */
export function writeMpdDatabase(file: string, songs: readonly MpdSong[], mtime = 1_700_000_000): void {
  const tags = ['Artist', 'ArtistSort', 'Album', 'AlbumSort', 'AlbumArtist', 'AlbumArtistSort', 'Title', 'Track', 'Name', 'Genre', 'Date', 'OriginalDate', 'Composer', 'ComposerSort', 'Performer', 'Conductor', 'Work', 'Movement', 'MovementNumber', 'Ensemble', 'Location', 'Grouping', 'Disc', 'Label', 'MUSICBRAINZ_ARTISTID', 'MUSICBRAINZ_ALBUMID', 'MUSICBRAINZ_ALBUMARTISTID', 'MUSICBRAINZ_TRACKID', 'MUSICBRAINZ_RELEASETRACKID', 'MUSICBRAINZ_WORKID'];
  const out: string[] = ['info_begin', 'format: 2', 'mpd_version: 0.23.12', 'fs_charset: UTF-8', ...tags.map((t) => `tag: ${t}`), 'info_end'];
  // MPD's database is line-based: a newline inside a tag would end it early.
  const one = (s: string) => s.replace(/[\r\n]/g, ' ');
  for (const s of songs) {
    out.push(`song_begin: ${one(s.file)}`, `Time: ${s.seconds.toFixed(6)}`);
    for (const a of s.artists) out.push(`Artist: ${one(a)}`);
    out.push(`Title: ${one(s.title)}`);
    if (s.album) out.push(`Album: ${one(s.album)}`);
    if (s.albumArtist) out.push(`AlbumArtist: ${one(s.albumArtist)}`);
    if (s.track !== null) out.push(`Track: ${s.track}`);
    if (s.date !== null) out.push(`Date: ${s.date}`);
    if (s.genre) out.push(`Genre: ${one(s.genre)}`);
    out.push('Format: 44100:16:2', `mtime: ${mtime}`, 'song_end');
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zlib.gzipSync(`${out.join('\n')}\n`, { level: 1 }));
}

/** A connection speaking MPD's protocol: one command at a time, reply lines up to OK. */
export class MpdClient {
  private buffer = '';
  private waiting: ((line: string) => void) | null = null;
  private readonly lines: string[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.wake();
    });
  }

  static async connect(port: number): Promise<MpdClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new MpdClient(socket);
    const hello = await client.nextLine();
    if (!hello.startsWith('OK MPD')) throw new Error(`not an MPD server: ${hello}`);
    return client;
  }

  /** Sends one command; resolves with its reply lines (without the final OK), rejects on ACK. */
  async command(cmd: string): Promise<{ lines: string[] }> {
    this.socket.write(`${cmd}\n`);
    const lines: string[] = [];
    for (;;) {
      const line = await this.nextLine();
      if (line === 'OK') return { lines };
      if (line.startsWith('ACK ')) throw new Error(`MPD: ${line}`);
      lines.push(line);
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private nextLine(): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private wake(): void {
    if (!this.waiting || this.lines.length === 0) return;
    const w = this.waiting;
    this.waiting = null;
    w(this.lines.shift()!);
  }
}

export interface RunningMpd {
  port: number;
  client: MpdClient;
  process: ChildProcess;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMB(): number;
  stop(): Promise<void>;
}

/**
 * Starts mpd in the foreground with a private config under `dir` (null audio output, no
 * automatic update), waits until it answers and connects a client.
 */
export async function startMpd(o: { dir: string; dbFile: string; musicDir?: string }): Promise<RunningMpd> {
  const port = await freePort();
  const music = o.musicDir ?? path.join(o.dir, 'music');
  fs.mkdirSync(music, { recursive: true });
  const conf = path.join(o.dir, 'mpd.conf');
  fs.writeFileSync(conf, [`music_directory "${music}"`, `db_file "${o.dbFile}"`, `log_file "${o.dir}/log"`, `pid_file "${o.dir}/pid"`, `state_file "${o.dir}/state"`, `bind_to_address "127.0.0.1"`, `port "${port}"`, 'auto_update "no"', 'audio_output {\n  type "null"\n  name "null"\n}', ''].join('\n'));
  const proc = spawn('mpd', ['--no-daemon', conf], { stdio: 'ignore' });
  let client: MpdClient | null = null;
  // MPD loads the whole database before it accepts connections.
  for (let i = 0; i < 600 && !client; i++) {
    if (proc.exitCode !== null) throw new Error(`mpd exited (${proc.exitCode}); see ${o.dir}/log`);
    client = await MpdClient.connect(port).catch(() => null);
    if (!client) await new Promise((r) => setTimeout(r, 100));
  }
  if (!client) throw new Error('mpd did not start within 60 s');
  return {
    port,
    client,
    process: proc,
    peakRssMB: () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: async () => {
      client.close();
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
