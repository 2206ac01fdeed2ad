import type * as Y from 'yjs';
import { z } from 'zod';
import { EncoreError } from '../../errors';
import { createIdGenerator, type IdGenerator } from '../ids';
import { assertCurrentVersion } from '../schema/migrations';
import type { ApiContext } from './context';
import * as A from './automationOps';
import * as C from './clipOps';
import * as D from './deviceOps';
import * as N from './noteOps';
import * as S from './sendOps';
import * as K from './takeOps';
import * as T from './trackOps';
import * as P from './transportOps';

export interface ProjectApiOptions {
  /** The transaction origin of this user's edits; their UndoManager tracks exactly this. */
  readonly origin: unknown;
  /** Id source; Web Crypto by default. */
  readonly newId?: IdGenerator;
}

type In<S extends z.ZodType> = z.input<S>;

/**
 * The one way to edit a project. Every method validates its input (VALIDATION_FAILED, nothing
 * written), checks the records it touches (NOT_FOUND, BAD_REQUEST…), then writes in one
 * `doc.transact` under the user's origin: one user action is one undo step. Ticks are at PPQ
 * 960; note ticks count from their clip's content origin.
 *
 * @example
 * const api = new ProjectApi(doc, { origin: 'alice' });
 * const bass = api.createTrack({ kind: 'instrument', name: 'Bass' });
 * const clip = api.addMidiClip({ trackId: bass, start: 0, length: 3840 });
 * api.addNotes({ clipId: clip, notes: [{ pitch: 36, tick: 0, duration: 480 }] });
 */
export class ProjectApi {
  readonly origin: unknown;
  private readonly ctx: ApiContext;

  constructor(readonly doc: Y.Doc, options: ProjectApiOptions) {
    assertCurrentVersion(doc);
    this.origin = options.origin;
    this.ctx = { doc, newId: options.newId ?? createIdGenerator() };
  }

  private run<O, I, R>(name: string, schema: z.ZodType<O, I>, input: I, op: (ctx: ApiContext, input: O) => R): R {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      throw new EncoreError('VALIDATION_FAILED', `${name}: ${z.prettifyError(parsed.error)}`, { operation: name, issues: parsed.error.issues });
    }
    // A peer may have upgraded the document since we opened it: never write an unknown layout.
    assertCurrentVersion(this.doc);
    let result: R | undefined;
    this.doc.transact(() => {
      result = op(this.ctx, parsed.data);
    }, this.origin);
    return result as R;
  }

  // Tracks and mixer
  /** Creates an audio, instrument or bus track; returns its id. */
  createTrack = (i: In<typeof T.CreateTrackInput>) => this.run('createTrack', T.CreateTrackInput, i, T.createTrack);
  /** Deletes a track, its clips and takes, and sends/sidechains/outputs pointing at it. */
  deleteTrack = (i: In<typeof T.TrackIdInput>) => this.run('deleteTrack', T.TrackIdInput, i, T.deleteTrack);
  renameTrack = (i: In<typeof T.RenameTrackInput>) => this.run('renameTrack', T.RenameTrackInput, i, (c, v) => T.setTrackField(c, v.trackId, 'name', v.name));
  /** Moves a track to `index` in the arrangement. */
  moveTrack = (i: In<typeof T.MoveTrackInput>) => this.run('moveTrack', T.MoveTrackInput, i, T.moveTrack);
  setTrackColor = (i: In<typeof T.SetColorInput>) => this.run('setTrackColor', T.SetColorInput, i, (c, v) => T.setTrackField(c, v.trackId, 'color', v.color));
  setVolume = (i: In<typeof T.SetVolumeInput>) => this.run('setVolume', T.SetVolumeInput, i, (c, v) => T.setTrackField(c, v.trackId, 'volumeDb', v.volumeDb));
  setPan = (i: In<typeof T.SetPanInput>) => this.run('setPan', T.SetPanInput, i, (c, v) => T.setTrackField(c, v.trackId, 'pan', v.pan));
  setMute = (i: In<typeof T.SetFlagInput>) => this.run('setMute', T.SetFlagInput, i, (c, v) => T.setTrackField(c, v.trackId, 'mute', v.value));
  setSolo = (i: In<typeof T.SetFlagInput>) => this.run('setSolo', T.SetFlagInput, i, (c, v) => T.setTrackField(c, v.trackId, 'solo', v.value));
  setPhaseInvert = (i: In<typeof T.SetFlagInput>) => this.run('setPhaseInvert', T.SetFlagInput, i, (c, v) => T.setTrackField(c, v.trackId, 'phaseInvert', v.value));
  setArm = (i: In<typeof T.SetFlagInput>) => this.run('setArm', T.SetFlagInput, i, T.setArm);
  setInstrument = (i: In<typeof T.SetInstrumentInput>) => this.run('setInstrument', T.SetInstrumentInput, i, T.setInstrument);
  /** Routes a track into a bus, or back to the master with `output: null`. */
  setOutput = (i: In<typeof T.SetOutputInput>) => this.run('setOutput', T.SetOutputInput, i, T.setOutput);

  // Devices and sends
  /** Adds an effect device to a track's chain; returns its id. */
  addDevice = (i: In<typeof D.AddDeviceInput>) => this.run('addDevice', D.AddDeviceInput, i, D.addDevice);
  removeDevice = (i: In<typeof D.DeviceIdInput>) => this.run('removeDevice', D.DeviceIdInput, i, D.removeDevice);
  moveDevice = (i: In<typeof D.MoveDeviceInput>) => this.run('moveDevice', D.MoveDeviceInput, i, D.moveDevice);
  setParam = (i: In<typeof D.SetParamInput>) => this.run('setParam', D.SetParamInput, i, D.setParam);
  setBypass = (i: In<typeof D.SetBypassInput>) => this.run('setBypass', D.SetBypassInput, i, D.setBypass);
  applyPreset = (i: In<typeof D.ApplyPresetInput>) => this.run('applyPreset', D.ApplyPresetInput, i, D.applyPreset);
  setSidechain = (i: In<typeof D.SetSidechainInput>) => this.run('setSidechain', D.SetSidechainInput, i, D.setSidechain);
  /** Sends a track to a bus; returns the send's id. */
  addSend = (i: In<typeof S.AddSendInput>) => this.run('addSend', S.AddSendInput, i, S.addSend);
  removeSend = (i: In<typeof S.SendIdInput>) => this.run('removeSend', S.SendIdInput, i, S.removeSend);
  setSendLevel = (i: In<typeof S.SetSendLevelInput>) => this.run('setSendLevel', S.SetSendLevelInput, i, S.setSendLevel);
  setSendPre = (i: In<typeof S.SetSendPreInput>) => this.run('setSendPre', S.SetSendPreInput, i, S.setSendPre);

  // Clips
  addMidiClip = (i: In<typeof C.AddMidiClipInput>) => this.run('addMidiClip', C.AddMidiClipInput, i, C.addMidiClip);
  addAudioClip = (i: In<typeof C.AddAudioClipInput>) => this.run('addAudioClip', C.AddAudioClipInput, i, C.addAudioClip);
  moveClip = (i: In<typeof C.MoveClipInput>) => this.run('moveClip', C.MoveClipInput, i, C.moveClip);
  resizeClip = (i: In<typeof C.ResizeClipInput>) => this.run('resizeClip', C.ResizeClipInput, i, C.resizeClip);
  /** Splits at a timeline tick; returns the id of the new right-hand clip. */
  splitClip = (i: In<typeof C.SplitClipInput>) => this.run('splitClip', C.SplitClipInput, i, C.splitClip);
  duplicateClip = (i: In<typeof C.DuplicateClipInput>) => this.run('duplicateClip', C.DuplicateClipInput, i, C.duplicateClip);
  deleteClip = (i: In<typeof C.ClipIdInput>) => this.run('deleteClip', C.ClipIdInput, i, C.deleteClip);
  renameClip = (i: In<typeof C.RenameClipInput>) => this.run('renameClip', C.RenameClipInput, i, C.renameClip);
  setClipGain = (i: In<typeof C.SetClipGainInput>) => this.run('setClipGain', C.SetClipGainInput, i, C.setClipGain);
  setClipFades = (i: In<typeof C.SetClipFadesInput>) => this.run('setClipFades', C.SetClipFadesInput, i, C.setClipFades);
  setClipReverse = (i: In<typeof C.SetClipReverseInput>) => this.run('setClipReverse', C.SetClipReverseInput, i, C.setClipReverse);

  // Notes
  /** Adds notes to a MIDI clip; returns their ids in input order. */
  addNotes = (i: In<typeof N.AddNotesInput>) => this.run('addNotes', N.AddNotesInput, i, N.addNotes);
  /** Adds one note; returns its id. */
  addNote = (i: { clipId: string } & In<typeof C.NoteInput>) => {
    const { clipId, ...note } = i;
    return this.run('addNote', N.AddNotesInput, { clipId, notes: [note] }, N.addNotes)[0] as string;
  };
  moveNotes = (i: In<typeof N.MoveNotesInput>) => this.run('moveNotes', N.MoveNotesInput, i, N.moveNotes);
  resizeNotes = (i: In<typeof N.ResizeNotesInput>) => this.run('resizeNotes', N.ResizeNotesInput, i, N.resizeNotes);
  deleteNotes = (i: In<typeof N.DeleteNotesInput>) => this.run('deleteNotes', N.DeleteNotesInput, i, N.deleteNotes);
  setVelocity = (i: In<typeof N.SetVelocityInput>) => this.run('setVelocity', N.SetVelocityInput, i, N.setVelocity);
  quantizeNotes = (i: In<typeof N.QuantizeNotesInput>) => this.run('quantizeNotes', N.QuantizeNotesInput, i, N.quantizeNotes);

  // Automation
  /** Adds a breakpoint to a lane (created on first use); returns the point's id. */
  addPoint = (i: In<typeof A.AddPointInput>) => this.run('addPoint', A.AddPointInput, i, A.addPoint);
  movePoint = (i: In<typeof A.EditPointInput>) => this.run('movePoint', A.EditPointInput, i, A.movePoint);
  deletePoint = (i: In<typeof A.PointIdInput>) => this.run('deletePoint', A.PointIdInput, i, A.deletePoint);
  setLaneEnabled = (i: In<typeof A.SetLaneEnabledInput>) => this.run('setLaneEnabled', A.SetLaneEnabledInput, i, A.setLaneEnabled);

  // Transport, markers, assets, takes
  setTitle = (i: In<typeof P.SetTitleInput>) => this.run('setTitle', P.SetTitleInput, i, P.setTitle);
  setTempo = (i: In<typeof P.SetTempoInput>) => this.run('setTempo', P.SetTempoInput, i, P.setTempo);
  addTempoChange = (i: In<typeof P.AddTempoChangeInput>) => this.run('addTempoChange', P.AddTempoChangeInput, i, P.addTempoChange);
  removeTempoChange = (i: In<typeof P.StepIdInput>) => this.run('removeTempoChange', P.StepIdInput, i, P.removeTempoChange);
  addMeterChange = (i: In<typeof P.AddMeterChangeInput>) => this.run('addMeterChange', P.AddMeterChangeInput, i, P.addMeterChange);
  removeMeterChange = (i: In<typeof P.StepIdInput>) => this.run('removeMeterChange', P.StepIdInput, i, P.removeMeterChange);
  setLoop = (i: In<typeof P.SetLoopInput>) => this.run('setLoop', P.SetLoopInput, i, P.setLoop);
  addMarker = (i: In<typeof P.AddMarkerInput>) => this.run('addMarker', P.AddMarkerInput, i, P.addMarker);
  editMarker = (i: In<typeof P.EditMarkerInput>) => this.run('editMarker', P.EditMarkerInput, i, P.editMarker);
  removeMarker = (i: In<typeof P.MarkerIdInput>) => this.run('removeMarker', P.MarkerIdInput, i, P.removeMarker);
  /** Records an audio asset (SHA-256 + metadata); returns the hash. */
  addAsset = (i: In<typeof P.AddAssetInput>) => this.run('addAsset', P.AddAssetInput, i, P.addAsset);
  /** Starts a take on a track and makes it active; returns its id. */
  addTake = (i: In<typeof K.AddTakeInput>) => this.run('addTake', K.AddTakeInput, i, K.addTake);
  selectTake = (i: In<typeof K.SelectTakeInput>) => this.run('selectTake', K.SelectTakeInput, i, K.selectTake);
}
