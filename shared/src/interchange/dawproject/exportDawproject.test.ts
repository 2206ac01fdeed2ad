import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDemoProject } from '../../project/templates/demoProject';
import { exportDawproject } from './exportDawproject';
import { sha256, xmllint } from './node.fixtures';
import { richProject, VOX_BYTES } from './richProject.fixtures';

function unpack(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

describe('exportDawproject', () => {
  it('exports the demo project as a DAWproject that validates against Project.xsd and MetaData.xsd', () => {
    const doc = new Y.Doc();
    createDemoProject(doc);
    const files = unpack(exportDawproject(doc, { assets: () => undefined, appVersion: '1.2.3' }));
    expect(Object.keys(files).sort()).toEqual(['metadata.xml', 'project.xml']);
    const project = strFromU8(files['project.xml'] as Uint8Array);
    const metadata = strFromU8(files['metadata.xml'] as Uint8Array);
    expect(xmllint(project, 'Project.xsd')).toBe('');
    expect(xmllint(metadata, 'MetaData.xsd')).toBe('');
    expect(project).toContain('<Application name="Encore" version="1.2.3"/>');
    expect(project).toContain('<Tempo id="id');
    expect(project.match(/<Track /g)).toHaveLength(6);
    expect(project.match(/<Note /g)?.length).toBeGreaterThan(100);
    expect(metadata).toContain('<Title>Encore demo</Title>');
  });

  it('writes audio files, generic devices, automation and tempo/meter changes, still valid', async () => {
    const hash = await sha256(VOX_BYTES);
    const files = unpack(exportDawproject(richProject(hash), { assets: () => VOX_BYTES, appVersion: '0.1.0' }));
    const project = strFromU8(files['project.xml'] as Uint8Array);
    expect(xmllint(project, 'Project.xsd')).toBe('');
    const audio = Object.keys(files).filter((name) => name.startsWith('audio/'));
    expect(audio).toEqual([`audio/${hash.slice(0, 12)}-Vox_take_1.wav`]);
    expect(files[audio[0] as string]).toEqual(VOX_BYTES);
    for (const element of ['<Equalizer ', '<Compressor ', '<NoiseGate ', '<Limiter ', '<BuiltinDevice deviceID="encore.reverb"', '<TempoAutomation ', '<TimeSignatureAutomation ', '<Warps ', '<Points ']) {
      expect(project).toContain(element);
    }
  });

  it('refuses, writing nothing, when an audio clip’s bytes are not available', async () => {
    const hash = await sha256(VOX_BYTES);
    expect(() => exportDawproject(richProject(hash), { assets: () => undefined, appVersion: '0.1.0' })).toThrow(/audio file "Vox take 1.wav" is not available/);
  });
});
