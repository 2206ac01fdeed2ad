import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { drag, mountEditor, trackNamed, unmountEditors } from './testing.browser';

afterEach(unmountEditors);

describe('keyboard shortcuts, with the same commands on visible buttons', () => {
  it('Space plays and stops, R arms, Ctrl-D duplicates, Delete deletes, Ctrl-Z/Y undo and redo, +/- zoom', async () => {
    const session = mountEditor();
    const lead = () => trackNamed(session, 'Lead');
    const clip = lead().clips[0];
    if (!clip) throw new Error('the lead has a clip');

    await expect.element(page.getByTestId('transport-play')).toHaveAccessibleName('Play (Space)');
    await userEvent.keyboard(' ');
    await expect.element(page.getByTestId('transport-play')).toHaveAccessibleName('Stop (Space)');
    await userEvent.keyboard(' ');
    await expect.element(page.getByTestId('transport-play')).toHaveAccessibleName('Play (Space)');

    // Undo and redo are buttons too, disabled until there is something to undo.
    await expect.element(page.getByTestId('undo')).toBeDisabled();
    await expect.element(page.getByTestId('redo')).toBeDisabled();

    const el = page.getByTestId(`clip-${clip.name}`).first();
    await expect.element(el).toBeInTheDocument();
    const box = el.element().getBoundingClientRect();
    const width = box.width;
    drag(el.element(), box.left + box.width / 2, box.top + 20, 0, 0);
    await userEvent.keyboard('r');
    await expect.poll(() => lead().arm).toBe(true);
    await userEvent.keyboard('{Control>}d{/Control}');
    await expect.poll(() => lead().clips.length).toBe(2);
    expect(lead().clips[1]?.start).toBe(clip.start + clip.length);
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => lead().clips.length).toBe(1);
    await expect.element(page.getByTestId('undo')).toBeEnabled();
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => lead().clips.length).toBe(2);
    await userEvent.keyboard('{Control>}y{/Control}');
    await expect.poll(() => lead().clips.length).toBe(1);
    await userEvent.click(page.getByTestId('undo'));
    await expect.poll(() => lead().clips.length).toBe(2);
    await userEvent.click(page.getByTestId('redo'));
    await expect.poll(() => lead().clips.length).toBe(1);

    await userEvent.keyboard('+');
    await expect.poll(() => el.element().getBoundingClientRect().width).toBeCloseTo(width * 1.5, 0);
    await userEvent.keyboard('-');
    await userEvent.keyboard('-');
    await expect.poll(() => el.element().getBoundingClientRect().width).toBeCloseTo(width / 1.5, 0);
  });
});
