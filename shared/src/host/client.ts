import { EncoreError, ErrorCode } from '../errors';
import { hostContract, type HostInput, type HostMethod, type HostOutput, type HostEvent } from './contract';
import type { Result } from '../result';

/** A transport moves one validated call to the host and back. */
export interface HostTransport {
  call(method: HostMethod, params: unknown): Promise<Result<unknown>>;
  on(event: HostEvent, listener: (payload: unknown) => void): () => void;
}

/**
 * Typed host client over any transport. Inputs are validated before sending, outputs after
 * receiving; a failed call throws {@link EncoreError} with the host's code.
 *
 * @example
 * const host = createHostClient(transport);
 * const session = await host.call('account.session');
 */
export function createHostClient(transport: HostTransport) {
  return {
    async call<M extends HostMethod>(method: M, ...args: HostInput<M> extends void ? [] : [HostInput<M>]): Promise<HostOutput<M>> {
      const spec = hostContract[method];
      const params = spec.input.parse(args[0]);
      const reply = await transport.call(method, params);
      if (!reply.ok) {
        const code = ErrorCode.safeParse(reply.error.code);
        throw new EncoreError(code.success ? code.data : 'INTERNAL', reply.error.message, reply.error.details);
      }
      return spec.output.parse(reply.value) as HostOutput<M>;
    },
    on: transport.on.bind(transport),
  };
}
export type HostClient = ReturnType<typeof createHostClient>;
