import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { readProject } from '../../project/read/readProject';
import { createEmptyProject } from '../../project/templates/emptyProject';
import { importDawproject, type DawprojectImportOptions } from './importDawproject';
import { material, sha256 } from './node.fixtures';
import { DEFAULT_ZIP_LIMITS } from './zip';

const TRANSPORT = '<Transport><Tempo unit="bpm" value="120" id="t0"/><TimeSignature numerator="4" denominator="4" id="t1"/></Transport>';

/** A small project.xml: one instrument track whose channel holds `devices`, one clip of `clip`. */
function projectXml({ version = '1.0', devices = '', clip = '<Notes><Note time="0" duration="1" channel="0" key="60" vel="0.5"/></Notes>', contentType = 'notes' } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Project version="${version}"><Application name="Test" version="1"/>${TRANSPORT}
<Structure>
  <Track id="tr1" name="Synth" contentType="${contentType}"><Channel id="ch1" role="regular"><Devices>${devices}</Devices><Volume id="v1" unit="linear" value="1"/></Channel></Track>
  <Track id="trm" name="Master"><Channel id="chm" role="master"/></Track>
</Structure>
<Arrangement id="a"><Lanes timeUnit="beats" id="l"><Lanes track="tr1" id="l1"><Clips id="c1"><Clip time="0" duration="4">${clip}</Clip></Clips></Lanes></Lanes></Arrangement>
</Project>`;
}

const zip = (files: Record<string, string | Uint8Array>): Uint8Array => {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(files)) z[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(z);
};

/** Imports into an empty document, expecting an EncoreError; the document must stay empty. */
async function expectRefused(bytes: Uint8Array, code: string, message: RegExp, options: Partial<DawprojectImportOptions> = {}): Promise<void> {
  const into = new Y.Doc();
  const before = Y.encodeStateAsUpdate(into);
  const error = await importDawproject(bytes, { sha256, into, ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EncoreError);
  expect((error as EncoreError).code).toBe(code);
  expect((error as EncoreError).message).toMatch(message);
  expect(Y.encodeStateAsUpdate(into)).toEqual(before);
}

describe('importDawproject: bad input', () => {
  it('refuses a truncated archive', async () => {
    const bytes = material('note-regions.dawproject');
    await expectRefused(bytes.slice(0, Math.floor(bytes.length / 2)), 'BAD_REQUEST', /not a readable DAWproject file .*truncated/);
    await expectRefused(bytes.slice(0, bytes.length - 30), 'BAD_REQUEST', /not a readable DAWproject file/);
  });

  it('refuses a file that is not a zip', async () => {
    await expectRefused(strToU8('<Project version="1.0"/>'), 'BAD_REQUEST', /a \.dawproject is a zip archive/);
    await expectRefused(new Uint8Array(0), 'BAD_REQUEST', /too short/);
  });

  it('refuses a zip without project.xml', async () => {
    await expectRefused(zip({ 'metadata.xml': '<MetaData/>', 'readme.txt': 'hi' }), 'BAD_REQUEST', /has no project\.xml, so it is not a DAWproject/);
  });

  it('refuses malformed XML, naming the file and line', async () => {
    await expectRefused(zip({ 'project.xml': '<Project version="1.0">\n<Structure>\n</Project>' }), 'BAD_REQUEST', /project\.xml is not well-formed XML \(line 3/);
    await expectRefused(zip({ 'project.xml': projectXml(), 'metadata.xml': '<MetaData><Title>x</MetaData>' }), 'BAD_REQUEST', /metadata\.xml is not well-formed/);
    await expectRefused(zip({ 'project.xml': '<Song version="1.0"/>' }), 'BAD_REQUEST', /root element is <Song>/);
    await expectRefused(zip({ 'project.xml': '<!DOCTYPE x [<!ENTITY a "aaaa">]><Project version="1.0"/>' }), 'BAD_REQUEST', /declares a DTD/);
  });

  it('refuses a project from a newer DAWproject major version', async () => {
    await expectRefused(zip({ 'project.xml': projectXml({ version: '2.0' }) }), 'UNSUPPORTED_MEDIA_TYPE', /saved as DAWproject 2\.0, a newer format .* Update Encore/);
    const minor = await importDawproject(zip({ 'project.xml': projectXml({ version: '1.1' }) }), { sha256 });
    expect(minor.warnings).toContain('This file is DAWproject 1.1; parts newer than 1.0 may be missing');
  });

  it('skips unknown devices and plugins with warnings, importing the rest', async () => {
    const devices = `
      <ClapPlugin deviceID="com.u-he.diva" deviceName="Diva" deviceRole="instrument" id="p0"/>
      <Vst3Plugin deviceID="abc" deviceName="Pro-Q 3" deviceRole="audioFX" id="p1"/>
      <BuiltinDevice deviceID="bitwig.delay" deviceName="Delay-4" deviceRole="audioFX" id="p2"/>
      <Compressor deviceName="Comp" deviceRole="audioFX" id="p3"><Threshold id="p4" unit="decibel" value="-30"/><Ratio id="p5" unit="linear" value="6"/><Attack id="p6" unit="seconds" value="0.003"/><InputGain id="p7" unit="decibel" value="3"/></Compressor>`;
    const result = await importDawproject(zip({ 'project.xml': projectXml({ devices }) }), { sha256 });
    expect(result.warnings).toEqual([
      'Track "Synth": the plugin (Vst3) "Pro-Q 3" is not available in Encore and was skipped',
      'Track "Synth": the device "Delay-4" is not available in Encore and was skipped',
      'Track "Synth": the compressor\'s input gain (3 dB) was dropped',
      'Track "Synth": the instrument "Diva" is not available in Encore; the built-in synth plays its notes',
    ]);
    const track = readProject(result.doc).tracks[0];
    expect(track?.instrument?.kind).toBe('synth');
    expect(track?.devices.map((d) => [d.kind, d.params.threshold, d.params.ratio, d.params.attack])).toEqual([['compressor', -30, 6, 3]]);
    expect(track?.clips[0]?.kind === 'midi' && track.clips[0].notes).toMatchObject([{ pitch: 60, tick: 0, duration: 960, velocity: 64 }]);
  });

  it('skips a clip whose audio file is missing, or refuses the file when strict', async () => {
    const clip = '<Audio id="au" channels="2" sampleRate="44100" duration="2"><File path="audio/gone.wav"/></Audio>';
    const bytes = zip({ 'project.xml': projectXml({ clip, contentType: 'audio' }) });
    const result = await importDawproject(bytes, { sha256 });
    expect(result.warnings).toEqual(['Track "Synth": the audio file "audio/gone.wav" is missing from the archive; its clip was skipped']);
    const p = readProject(result.doc);
    expect(p.tracks[0]).toMatchObject({ name: 'Synth', kind: 'audio', clips: [] });
    expect(p.assets).toEqual([]);
    await expectRefused(bytes, 'NOT_FOUND', /audio file "audio\/gone\.wav" is missing from the archive\. Nothing was imported/, { strict: true });
  });

  it('imports an embedded audio file as an asset keyed by its SHA-256', async () => {
    const wav = Uint8Array.from({ length: 1000 }, (_, i) => i % 7);
    const clip = '<Audio id="au" channels="2" sampleRate="44100" duration="2"><File path="audio/kick.wav"/></Audio>';
    const result = await importDawproject(zip({ 'project.xml': projectXml({ clip, contentType: 'audio' }).replace('<Clip time="0" duration="4">', '<Clip time="0" duration="4" contentTimeUnit="seconds" playStart="0.5">'), 'audio/kick.wav': wav }), { sha256 });
    const hash = await sha256(wav);
    expect(result.warnings).toEqual([]);
    expect(readProject(result.doc).assets).toEqual([{ hash, name: 'kick.wav', mimeType: 'audio/wav', byteLength: 1000, durationSeconds: 2, sampleRate: 44100, channels: 2 }]);
    expect(readProject(result.doc).tracks[0]?.clips[0]).toMatchObject({ kind: 'audio', assetHash: hash, sourceOffset: 0.5, start: 0, length: 3840 });
    expect(result.assets.get(hash)).toEqual(wav);
  });

  it('refuses an archive over the size limit before reading it (1 GiB by default)', async () => {
    expect(DEFAULT_ZIP_LIMITS.maxArchiveBytes).toBe(1024 ** 3);
    const bytes = material('note-regions.dawproject');
    await expectRefused(bytes, 'PAYLOAD_TOO_LARGE', /This DAWproject is .* Encore opens DAWprojects up to/, { limits: { maxArchiveBytes: 1000 } });
  });

  it('refuses zip bombs: oversized entries by their declared size, lying headers while inflating', async () => {
    const bomb = new Uint8Array(8 * 1024 ** 2);
    const clip = '<Audio id="au" channels="2" sampleRate="44100" duration="2"><File path="audio/zeros.wav"/></Audio>';
    const withAudio = zip({ 'project.xml': projectXml({ clip, contentType: 'audio' }), 'audio/zeros.wav': bomb });
    expect(withAudio.length).toBeLessThan(100_000);
    await expectRefused(withAudio, 'PAYLOAD_TOO_LARGE', /audio in this DAWproject unpacks to 8\.0 MiB/, { limits: { maxUnpackedBytes: 1024 ** 2 } });
    const hugeXml = zip({ 'project.xml': projectXml().replace('</Project>', `<!--${' '.repeat(2 * 1024 ** 2)}--></Project>`) });
    await expectRefused(hugeXml, 'PAYLOAD_TOO_LARGE', /project\.xml is 2\.0 MiB; Encore reads project files up to 1\.0 MiB/, { limits: { maxXmlBytes: 1024 ** 2 } });
    // Shrink the uncompressed size the central directory declares for project.xml.
    const lying = zip({ 'project.xml': projectXml() });
    const view = new DataView(lying.buffer);
    const central = lying.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
    view.setUint32(central + 24, 100, true);
    await expectRefused(lying, 'PAYLOAD_TOO_LARGE', /project\.xml unpacks to more than .* declares; .* zip bomb/);
  });

  it('only imports into an empty document', async () => {
    const into = new Y.Doc();
    createEmptyProject(into, { title: 'Open song' });
    const before = Y.encodeStateAsUpdate(into);
    await expect(importDawproject(material('eq.dawproject'), { sha256, into })).rejects.toThrow(/imported into a new, empty project/);
    expect(Y.encodeStateAsUpdate(into)).toEqual(before);
  });
});
