import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { createMemoryHost } from '../../host/testing/memoryHost';

afterEach(cleanupApps);

describe('the Studio projects list', () => {
  it('creates a project from the empty template, opens it and goes back', async () => {
    const memory = createMemoryHost();
    await renderApp(memory.link, { hash: '#/studio' });
    await userEvent.click(page.getByTestId('new-empty-project'));
    await expect.element(page.getByTestId('project-editor')).toBeVisible();
    await expect.element(page.getByTestId('editor-title')).toHaveTextContent('Untitled project');
    expect(memory.callsTo('projects.create')[0]?.params).toMatchObject({ template: 'empty' });
    await userEvent.click(page.getByTestId('back-to-projects'));
    await expect.element(page.getByTestId('project-card-Untitled project')).toBeVisible();
    await expect.element(page.getByTestId('project-card-Untitled project').getByTestId('project-tracks')).toHaveTextContent('0');
  });

  it('lists projects with tempo and tracks, renames, duplicates and deletes them', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Night drive', template: 'demo' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    const card = page.getByTestId('project-card-Night drive');
    await expect.element(card.getByTestId('project-tempo')).toHaveTextContent('110 BPM');
    await expect.element(card.getByTestId('project-tracks')).toHaveTextContent('5');

    await userEvent.click(card.getByTestId('rename-project'));
    await userEvent.fill(page.getByTestId('rename-input'), 'Night drive v2');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('project-card-Night drive v2')).toBeVisible();
    expect(memory.projects.summaries().map((p) => p.title)).toEqual(['Night drive v2']);

    await userEvent.click(page.getByTestId('project-card-Night drive v2').getByTestId('duplicate-project'));
    await expect.element(page.getByTestId('project-card-Night drive v2 (copy)')).toBeVisible();

    await userEvent.click(page.getByTestId('project-card-Night drive v2').getByTestId('delete-project'));
    await userEvent.click(page.getByTestId('confirm-delete'));
    await expect.element(page.getByTestId('project-card-Night drive v2')).not.toBeInTheDocument();
    await expect.element(page.getByTestId('project-card-Night drive v2 (copy)')).toBeVisible();
    expect(memory.projects.summaries().find((p) => p.title === 'Night drive v2')?.deletedAt).not.toBeNull();
  });

  it('edits in the editor reach the host replica', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Demo', template: 'demo' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    await userEvent.click(page.getByTestId('project-card-Demo').getByTestId('open-project'));
    await userEvent.click(page.getByTestId('mute-Drums'));
    const id = memory.projects.summaries()[0]?.id ?? '';
    await expect
      .poll(() => {
        const tracks = memory.projects.doc(id)?.getMap('tracks');
        return [...(tracks?.values() ?? [])].some((t) => (t as { get(k: string): unknown }).get('name') === 'Drums' && (t as { get(k: string): unknown }).get('mute') === true);
      })
      .toBe(true);
  });
});
