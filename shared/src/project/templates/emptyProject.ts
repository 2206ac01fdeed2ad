import * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { DEFAULT_LOOP } from '../schema/projectMeta';
import { MASTER_ID, ORIGIN_ID, ROOTS, recordMap, root } from '../schema/layout';
import { PROJECT_SCHEMA_VERSION } from '../schema/migrations';
import { DEFAULT_BPM } from '../schema/tempoChange';

/** The origin of edits made by templates and importers: part of the project, not of anyone's undo history. */
export const TEMPLATE_ORIGIN = Symbol('encore.template');

export interface EmptyProjectOptions {
  readonly title: string;
  readonly bpm?: number;
  readonly numerator?: number;
  readonly denominator?: number;
}

/**
 * Writes a new, empty project (version, title, tempo, meter, master track) into an empty doc.
 *
 * @example
 * const doc = new Y.Doc();
 * createEmptyProject(doc, { title: 'Sketch' });
 * readProject(doc).master?.name; // 'Master'
 */
export function createEmptyProject(doc: Y.Doc, options: EmptyProjectOptions): void {
  if (ROOTS.some((name) => root(doc, name).size > 0)) {
    throw new EncoreError('CONFLICT', 'A project can only be created in an empty document');
  }
  const title = options.title.trim();
  if (title.length === 0 || title.length > 200) throw new EncoreError('VALIDATION_FAILED', 'A project title has 1 to 200 characters');
  doc.transact(() => {
    const meta = root(doc, 'meta');
    meta.set('schemaVersion', PROJECT_SCHEMA_VERSION);
    meta.set('title', title);
    meta.set('loop', { ...DEFAULT_LOOP });
    root(doc, 'tempo').set(ORIGIN_ID, { tick: 0, bpm: options.bpm ?? DEFAULT_BPM });
    root(doc, 'meters').set(ORIGIN_ID, { tick: 0, numerator: options.numerator ?? 4, denominator: options.denominator ?? 4 });
    root(doc, 'tracks').set(
      MASTER_ID,
      recordMap({
        id: MASTER_ID,
        kind: 'master',
        name: 'Master',
        order: 'V',
        color: '#8b8d98',
        volumeDb: 0,
        pan: 0,
        mute: false,
        solo: false,
        arm: false,
        phaseInvert: false,
        output: null,
        instrument: null,
        activeTakeId: null,
        devices: new Y.Map(),
        sends: new Y.Map(),
        automationLanes: new Y.Map(),
        automationPoints: new Y.Map(),
      }),
    );
  }, TEMPLATE_ORIGIN);
}
