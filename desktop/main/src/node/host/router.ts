import type { z } from 'zod';
import { EncoreError } from '@encore/shared/errors';
import { hostContract, isHostMethod, type HostContract, type HostMethod, type HostOutput } from '@encore/shared/host/contract';
import type { Result } from '@encore/shared/result';
import type { Logger } from '../logger';

/** One implementation per procedure, receiving its parsed input. */
export type HostProcedures = {
  [M in HostMethod]: (input: z.output<HostContract[M]['input']>) => HostOutput<M> | Promise<HostOutput<M>>;
};

export interface HostRouter {
  /** Never throws: every failure is a `{ok:false,error}` with a code from shared/errors. */
  dispatch(method: string, params: unknown): Promise<Result<unknown>>;
}

/**
 * The single entry of the host API for every transport. Parses input and output with the
 * contract, maps EncoreError to its code, and hides everything else behind INTERNAL (the
 * details go to the log, never to the renderer).
 *
 * @example
 * const router = createRouter(createProcedures(services, 'browser'), log);
 * await router.dispatch('settings.update', { theme: 'light' }); // { ok: true, value: {...} }
 */
export function createRouter(procedures: HostProcedures, log: Logger): HostRouter {
  return {
    async dispatch(method, params) {
      if (!isHostMethod(method)) return fail('BAD_REQUEST', 'Unknown host method', { method: method.slice(0, 128) });
      const spec = hostContract[method];
      const input = spec.input.safeParse(params);
      if (!input.success) return fail('VALIDATION_FAILED', 'Invalid parameters', { method, issues: issuesOf(input.error) });
      try {
        const impl = procedures[method] as (i: unknown) => unknown;
        const value = await impl(input.data);
        const output = spec.output.safeParse(value);
        if (!output.success) {
          log.error({ method, issues: issuesOf(output.error) }, 'host procedure returned a value outside its contract');
          return fail('INTERNAL', 'Internal error');
        }
        return { ok: true, value: output.data };
      } catch (e) {
        if (e instanceof EncoreError) return fail(e.code, e.message, e.details);
        log.error({ err: e, method }, 'host procedure failed');
        return fail('INTERNAL', 'Internal error');
      }
    },
  };
}

function fail(code: EncoreError['code'], message: string, details?: Record<string, unknown>): Result<never> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

function issuesOf(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}
