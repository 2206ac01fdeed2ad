import { expect, it } from 'vitest';
import { CollaboratorListResponse, InviteResponse, ProjectListResponse, ProjectResponse, type StudioRole } from '@encore/shared/api/studio';
import type { MembershipEvent } from '../../services/studio/membershipEvents';
import { expectError, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp, type TestApp } from '../../test/harness';

describeEachDatabase('studio projects, collaborators and invites', (db) => {
  async function setup() {
    const t = testApp(db());
    const events: MembershipEvent[] = [];
    t.services.membership.on((e) => events.push(e));
    const owner = await registerAccount(t, 'owner');
    const ed = await registerAccount(t, 'eddie');
    const vi = await registerAccount(t, 'vicky');
    const res = await t.call('POST', '/api/studio/projects', { token: owner.accessToken, json: { name: '  Jam  ' } });
    expect(res.status).toBe(201);
    const project = ProjectResponse.parse(await res.json()).project;
    return { t, events, owner, ed, vi, project };
  }
  const add = (t: TestApp, token: string, id: string, username: string, role: StudioRole) => t.call('POST', `/api/studio/projects/${id}/collaborators`, { token, json: { username, role } });

  it('creates, lists (mine + shared), reads, updates and deletes projects with role checks', async () => {
    const { t, events, owner, ed, vi, project } = await setup();
    expect(project).toMatchObject({ name: 'Jam', role: 'owner', description: '' });
    expect((await add(t, owner.accessToken, project.id, 'eddie', 'editor')).status).toBe(201);
    expect((await add(t, owner.accessToken, project.id, 'VICKY', 'viewer')).status).toBe(201);
    const mine = await t.call('POST', '/api/studio/projects', { token: ed.accessToken, json: { name: 'Solo', description: 'd' } });
    expect(mine.status).toBe(201);
    const list = ProjectListResponse.parse(await (await t.call('GET', '/api/studio/projects', { token: ed.accessToken })).json());
    expect(list.projects.map((p) => [p.name, p.role]).sort()).toEqual([['Jam', 'editor'], ['Solo', 'owner']]);
    const got = ProjectResponse.parse(await (await t.call('GET', `/api/studio/projects/${project.id}`, { token: vi.accessToken })).json());
    expect(got.project.role).toBe('viewer');
    await expectError(await t.call('PUT', `/api/studio/projects/${project.id}`, { token: ed.accessToken, json: { name: 'X' } }), 403, 'FORBIDDEN');
    await expectError(await t.call('PUT', `/api/studio/projects/${project.id}`, { token: owner.accessToken, json: {} }), 400, 'VALIDATION_FAILED');
    const upd = await t.call('PUT', `/api/studio/projects/${project.id}`, { token: owner.accessToken, json: { name: 'Jam 2' } });
    expect(ProjectResponse.parse(await upd.json()).project.name).toBe('Jam 2');
    const stranger = await registerAccount(t, 'stranger');
    await expectError(await t.call('GET', `/api/studio/projects/${project.id}`, { token: stranger.accessToken }), 404, 'PROJECT_NOT_FOUND');
    await expectError(await t.call('GET', '/api/studio/projects/not-a-uuid', { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('GET', '/api/studio/projects'), 401, 'UNAUTHENTICATED');
    await expectError(await t.call('DELETE', `/api/studio/projects/${project.id}`, { token: ed.accessToken }), 403, 'FORBIDDEN');
    expect((await t.call('DELETE', `/api/studio/projects/${project.id}`, { token: owner.accessToken })).status).toBe(204);
    await expectError(await t.call('GET', `/api/studio/projects/${project.id}`, { token: owner.accessToken }), 404, 'PROJECT_NOT_FOUND');
    expect(events.at(-1)).toEqual({ type: 'project-deleted', docId: project.id });
  });

  it('manages collaborators: owners only, keeps one owner, tells the sync layer', async () => {
    const { t, events, owner, ed, project } = await setup();
    await expectError(await add(t, owner.accessToken, project.id, 'nobody', 'editor'), 404, 'USER_NOT_FOUND');
    expect((await add(t, owner.accessToken, project.id, 'eddie', 'viewer')).status).toBe(201);
    expect((await add(t, owner.accessToken, project.id, 'eddie', 'editor')).status).toBe(201);
    await expectError(await add(t, ed.accessToken, project.id, 'vicky', 'editor'), 403, 'FORBIDDEN');
    await expectError(await add(t, owner.accessToken, project.id, 'owner', 'editor'), 409, 'CONFLICT');
    await expectError(await t.call('DELETE', `/api/studio/projects/${project.id}/collaborators/${owner.user.id}`, { token: owner.accessToken }), 409, 'CONFLICT');
    const list = CollaboratorListResponse.parse(await (await t.call('GET', `/api/studio/projects/${project.id}/collaborators`, { token: ed.accessToken })).json());
    expect(list.collaborators.map((c) => [c.username, c.role]).sort()).toEqual([['eddie', 'editor'], ['owner', 'owner']]);
    expect((await t.call('DELETE', `/api/studio/projects/${project.id}/collaborators/${ed.user.id}`, { token: owner.accessToken })).status).toBe(204);
    await expectError(await t.call('DELETE', `/api/studio/projects/${project.id}/collaborators/${ed.user.id}`, { token: owner.accessToken }), 404, 'USER_NOT_FOUND');
    expect(events).toEqual([
      { type: 'role-changed', docId: project.id, userId: ed.user.id, role: 'viewer' },
      { type: 'role-changed', docId: project.id, userId: ed.user.id, role: 'editor' },
      { type: 'member-removed', docId: project.id, userId: ed.user.id },
    ]);
  });

  it('invite links: owner creates, others join with the role, never demoted, expiry enforced', async () => {
    const { t, owner, ed, vi, project } = await setup();
    await expectError(await t.call('POST', `/api/studio/projects/${project.id}/invites`, { token: owner.accessToken, json: { role: 'owner' } }), 400, 'VALIDATION_FAILED');
    const res = await t.call('POST', `/api/studio/projects/${project.id}/invites`, { token: owner.accessToken, json: { role: 'viewer', expiresInHours: 1 } });
    expect(res.status).toBe(201);
    const invite = InviteResponse.parse(await res.json());
    const joined = await t.call('POST', `/api/studio/invites/${invite.token}/accept`, { token: vi.accessToken });
    expect(ProjectResponse.parse(await joined.json()).project.role).toBe('viewer');
    expect((await add(t, owner.accessToken, project.id, 'eddie', 'editor')).status).toBe(201);
    const again = await t.call('POST', `/api/studio/invites/${invite.token}/accept`, { token: ed.accessToken });
    expect(ProjectResponse.parse(await again.json()).project.role).toBe('editor');
    await expectError(await t.call('POST', `/api/studio/invites/${'x'.repeat(43)}/accept`, { token: ed.accessToken }), 404, 'INVITE_INVALID');
    t.clock.advance(2 * 3_600_000);
    const late = await registerAccount(t, 'late');
    await expectError(await t.call('POST', `/api/studio/invites/${invite.token}/accept`, { token: late.accessToken }), 410, 'INVITE_EXPIRED');
  });
});
