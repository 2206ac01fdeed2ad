import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountEditor, trackNamed, unmountEditors } from '../editor/testing.browser';
import { userPresets } from './userPresets';

beforeEach(() => userPresets.setState({}, true));
afterEach(unmountEditors);

describe('the device panel', () => {
  it('applies factory presets, saves a user preset and applies it back (one undo step), and bypasses', async () => {
    const probe = mountEditor();
    const drumsId = trackNamed(probe, 'Drums').id;
    unmountEditors();
    const session = mountEditor({ panel: 'devices', selectedTrackId: drumsId });
    const compressor = () => trackNamed(session, 'Drums').devices.find((d) => d.kind === 'compressor');
    await expect.element(page.getByTestId('preset-compressor')).toHaveValue('factory:Drum bus');
    await userEvent.selectOptions(page.getByTestId('preset-compressor'), 'factory:Gentle');
    await expect.poll(() => compressor()?.params.ratio).toBe(2);
    expect(compressor()?.preset).toBe('Gentle');

    // Save the current sound as a user preset: it is listed and shown as the device's preset.
    await userEvent.click(page.getByTestId('save-preset-compressor'));
    await userEvent.fill(page.getByTestId('preset-name'), 'My glue');
    await userEvent.keyboard('{Enter}');
    expect(userPresets.getState().compressor?.['My glue']).toMatchObject({ ratio: 2, threshold: -12 });
    await userEvent.selectOptions(page.getByTestId('preset-compressor'), 'factory:Drum bus');
    await expect.poll(() => compressor()?.params.ratio).toBe(4);
    await userEvent.selectOptions(page.getByTestId('preset-compressor'), 'user:My glue');
    await expect.poll(() => compressor()?.params.ratio).toBe(2);
    expect(compressor()?.params).toMatchObject({ threshold: -12, attack: 20, release: 200, makeup: 0 });
    await expect.element(page.getByTestId('preset-compressor')).toHaveValue('user:My glue');
    // Every param of the preset came in one transaction: one undo returns the Drum bus sound.
    await userEvent.click(page.getByTestId('undo'));
    await expect.poll(() => compressor()?.params).toMatchObject({ ratio: 4, makeup: 4, attack: 10 });

    await userEvent.click(page.getByTestId('device-bypass-compressor'));
    await expect.poll(() => compressor()?.bypass).toBe(true);
  });

  it('feeds the compressor sidechain from another track', async () => {
    const probe = mountEditor();
    const drumsId = trackNamed(probe, 'Drums').id;
    const bassId = trackNamed(probe, 'Bass').id;
    unmountEditors();
    const session = mountEditor({ panel: 'devices', selectedTrackId: bassId });
    await userEvent.selectOptions(page.getByTestId('add-device'), 'compressor');
    await expect.element(page.getByTestId('sidechain-compressor')).toBeInTheDocument();
    const options = [...(page.getByTestId('sidechain-compressor').element() as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['Off (its own input)', 'Drums', 'Chords', 'Lead', 'Reverb']);
    await userEvent.selectOptions(page.getByTestId('sidechain-compressor'), drumsId);
    await expect.poll(() => trackNamed(session, 'Bass').devices.find((d) => d.kind === 'compressor')?.sidechainTrackId).toBe(drumsId);
    await userEvent.selectOptions(page.getByTestId('sidechain-compressor'), '');
    await expect.poll(() => trackNamed(session, 'Bass').devices.find((d) => d.kind === 'compressor')?.sidechainTrackId).toBeNull();
    // Effects without a detector input have no sidechain choice.
    expect(page.getByTestId('sidechain-eq').elements()).toHaveLength(0);
  });

  it('picks the instrument: a GM program by name, a drum kit, the synth waveform', async () => {
    const probe = mountEditor();
    const leadId = trackNamed(probe, 'Lead').id;
    unmountEditors();
    const session = mountEditor({ panel: 'devices', selectedTrackId: leadId });
    const instrument = () => trackNamed(session, 'Lead').instrument;
    await expect.element(page.getByTestId('instrument-waveform')).toHaveValue('square');
    await userEvent.selectOptions(page.getByTestId('instrument-waveform'), 'triangle');
    await expect.poll(() => instrument()).toMatchObject({ kind: 'synth', waveform: 'triangle' });

    await userEvent.selectOptions(page.getByTestId('instrument-kind'), 'soundfont');
    await expect.poll(() => instrument()).toEqual({ kind: 'soundfont', program: 0, name: 'Acoustic Grand Piano' });
    const programs = [...(page.getByTestId('instrument-program').element() as HTMLSelectElement).options];
    expect(programs).toHaveLength(128);
    expect(programs[33]?.textContent).toBe('34. Electric Bass (finger)');
    expect(programs[127]?.textContent).toBe('128. Gunshot');
    await userEvent.selectOptions(page.getByTestId('instrument-program'), '40');
    await expect.poll(() => instrument()).toEqual({ kind: 'soundfont', program: 40, name: 'Violin' });

    await userEvent.selectOptions(page.getByTestId('instrument-kind'), 'drums');
    await userEvent.selectOptions(page.getByTestId('instrument-kit'), 'TR-808');
    await expect.poll(() => instrument()).toEqual({ kind: 'drums', kit: 'TR-808' });
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => instrument()).toEqual({ kind: 'drums', kit: 'Standard' });
  });
});
