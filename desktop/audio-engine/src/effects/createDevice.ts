import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { createChorus } from './chorus';
import { createDelay } from './delay';
import type { DeviceEnv, DeviceNode } from './device';
import { createDistortion } from './distortion';
import { createCompressor, createGate } from './dynamics';
import { createEq } from './eq';
import { createFilter } from './filter';
import { createLimiter } from './limiter';
import { createReverb } from './reverb';

/**
 * Builds the audio nodes of one device of the document.
 *
 * @example
 * const node = createDevice(env, device);
 * previous.connect(node.input);
 */
export function createDevice(env: DeviceEnv, device: DeviceWithParams): DeviceNode {
  const p = device.params;
  const sidechain = device.sidechainTrackId !== null;
  switch (device.kind) {
    case 'eq':
      return createEq(env, p);
    case 'compressor':
      return createCompressor(env, p, sidechain);
    case 'gate':
      return createGate(env, p, sidechain);
    case 'limiter':
      return createLimiter(env, p);
    case 'reverb':
      return createReverb(env, p);
    case 'delay':
      return createDelay(env, p);
    case 'chorus':
      return createChorus(env, p);
    case 'distortion':
      return createDistortion(env, p);
    case 'filter':
      return createFilter(env, p);
  }
}
