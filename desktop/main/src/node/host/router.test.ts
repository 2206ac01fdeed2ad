import { describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import type { Settings } from '@encore/shared/host/contract';
import { projectContract } from '@encore/shared/host/projects';
import { libraryContract } from '@encore/shared/host/library';
import { analysisContract } from '@encore/shared/host/analysis';
import { mediaContract } from '@encore/shared/host/media';
import { collabContract } from '@encore/shared/host/collab';
import { downloadsContract } from '@encore/shared/host/downloads';
import { collabDocsContract } from '@encore/shared/host/collabDocs';
import { silentLogger } from '../logger';
import { createRouter, type HostProcedures } from './router';

const settings: Settings = { syncServerUrl: 'http://127.0.0.1:8787', mediaServerUrl: 'http://127.0.0.1:8788', theme: 'dark' };
const unused = () => {
  throw new Error('not called');
};

function procedures(over: Partial<HostProcedures> = {}): HostProcedures {
  return {
    'app.info': unused,
    'settings.get': () => settings,
    'settings.update': (patch) => ({ ...settings, ...patch }),
    'connectivity.check': unused,
    'account.session': () => ({ state: 'signed-out' }),
    'account.signUp': unused,
    'account.signIn': () => {
      throw new EncoreError('INVALID_CREDENTIALS', 'Wrong login or password', { attempts: 1 });
    },
    'account.signOut': unused,
    'account.accessToken': unused,
    ...(Object.fromEntries(Object.keys(projectContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof projectContract>),
    ...(Object.fromEntries(Object.keys(libraryContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof libraryContract>),
    ...(Object.fromEntries(Object.keys(analysisContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof analysisContract>),
    ...(Object.fromEntries(Object.keys(mediaContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof mediaContract>),
    ...(Object.fromEntries(Object.keys(collabContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof collabContract>),
    ...(Object.fromEntries(Object.keys(downloadsContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof downloadsContract>),
    ...(Object.fromEntries(Object.keys(collabDocsContract).map((m) => [m, unused])) as unknown as Pick<HostProcedures, keyof typeof collabDocsContract>),
    ...over,
  };
}

describe('host router', () => {
  const router = createRouter(procedures(), silentLogger());

  it('dispatches with parsed input and output', async () => {
    expect(await router.dispatch('settings.update', { theme: 'light' })).toEqual({ ok: true, value: { ...settings, theme: 'light' } });
    expect(await router.dispatch('account.session', undefined)).toEqual({ ok: true, value: { state: 'signed-out' } });
  });

  it('refuses unknown methods, including prototype names', async () => {
    for (const method of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await router.dispatch(method, undefined)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('answers VALIDATION_FAILED with the issues', async () => {
    const r = await router.dispatch('settings.update', { theme: 'neon', syncServerUrl: 42 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    const paths = (r.error.details?.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['syncServerUrl', 'theme']);
    expect(await router.dispatch('settings.get', { extra: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('passes EncoreError codes through', async () => {
    expect(await router.dispatch('account.signIn', { login: 'ada', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: 'Wrong login or password', details: { attempts: 1 } },
    });
  });

  it('hides other errors and contract-breaking outputs behind INTERNAL', async () => {
    const r = createRouter(
      procedures({
        'settings.get': () => {
          throw new Error('SQLITE_CORRUPT at /home/ada/secret/path');
        },
        'account.session': () => ({ state: 'weird' }) as never,
      }),
      silentLogger(),
    );
    const thrown = await r.dispatch('settings.get', undefined);
    expect(thrown).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(await r.dispatch('account.session', undefined)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
  });
});
