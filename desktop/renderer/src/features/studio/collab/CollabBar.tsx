import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { Collaborator, StudioRole } from '@encore/shared/api/studio';
import type { HostClient } from '@encore/shared/host/client';
import type { SyncState } from '@encore/shared/host/collab';
import { Button } from '../../../ui/Button';
import { cx, focusRing } from '../../../ui/cx';
import { useProject, useStudio } from '../editor/StudioContext';
import { registerCollab } from './activeCollab';
import { colorFor, createCollabModel, type CollabModel, type Peer } from './collabModel';

const STATE_LABEL: Record<SyncState, string> = {
  local: 'Local only',
  offline: 'Offline',
  syncing: 'Syncing…',
  synced: 'Synced',
  merged: 'Offline edits merged',
};
const STATE_DOT: Record<SyncState, string> = {
  local: 'bg-ink-faint',
  offline: 'bg-danger',
  syncing: 'bg-[#ffc53d]',
  synced: 'bg-[#46a758]',
  merged: 'bg-[#0090ff]',
};
const inputClass = cx('h-8 rounded-md border border-line bg-canvas px-2 text-sm text-ink', focusRing);

/** Publishes this user's selection and playhead (at most every 200 ms while playing). */
function PublishPresence({ collab }: { collab: CollabModel }) {
  const { editor } = useStudio();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      const s = editor.getState();
      collab.setPresence({
        trackId: s.selectedTrackId,
        clipId: s.selectedClipIds[0] ?? null,
        clipIds: s.selectedClipIds.slice(0, 256),
        openClipId: s.openClipId,
        noteIds: s.selectedNoteIds.slice(0, 1024),
        playhead: Math.max(0, Math.round(s.playhead)),
      });
    };
    publish();
    const off = editor.subscribe(() => {
      timer ??= setTimeout(publish, 200);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [collab, editor]);
  return null;
}

function PeerChip({ peer }: { peer: Peer }) {
  const tracks = useProject((s) => s.snapshot.tracks);
  const track = tracks.find((t) => t.id === peer.presence?.trackId);
  const bar = peer.presence ? Math.floor(peer.presence.playhead / (960 * 4)) + 1 : null;
  const where = [track ? `on ${track.name}` : null, bar ? `bar ${bar}` : null].filter(Boolean).join(' · ');
  return (
    <li
      data-testid="presence-peer"
      data-username={peer.user.name}
      data-track-id={peer.presence?.trackId ?? ''}
      data-clip-id={peer.presence?.clipId ?? ''}
      title={`${peer.user.name}${where ? ` — ${where}` : ''}`}
      className="flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs text-ink"
      style={{ borderColor: peer.user.color }}
    >
      <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: peer.user.color }} />
      <span className="font-semibold">{peer.user.name}</span>
      {where && <span className="text-ink-faint">{where}</span>}
    </li>
  );
}

function Members({ collab, canManage, userName }: { collab: CollabModel; canManage: boolean; userName: string }) {
  const peers = useStore(collab.store, (s) => s.peers);
  const [members, setMembers] = useState<Collaborator[] | null>(null);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<StudioRole>('editor');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const load = useMemo(() => () => collab.members().then(setMembers, (e: unknown) => setError(e instanceof Error ? e.message : String(e))), [collab]);
  useEffect(() => void load(), [load]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await collab.invite(username.trim(), role);
      setUsername('');
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <div data-testid="members-panel" className="absolute top-full right-0 z-40 mt-1 w-80 rounded-lg border border-line bg-raised p-3 shadow-xl">
      <h3 className="text-xs font-semibold tracking-wide text-ink-faint uppercase">Members</h3>
      <ul className="mt-2 space-y-1">
        {(members ?? []).map((m) => {
          const peer = peers.find((p) => p.user.name === m.username);
          const online = peer !== undefined || m.username === userName;
          return (
            <li key={m.userId} data-testid="member" data-username={m.username} data-online={online} className="flex items-center justify-between text-sm text-ink">
              <span className="flex items-center gap-1.5">
                <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: online ? (peer?.user.color ?? colorFor(m.username)) : 'transparent', border: online ? 'none' : '1px solid currentColor' }} />
                {m.username}
                <span className="text-xs text-ink-faint">{online ? (m.username === userName ? 'you' : 'online') : 'offline'}</span>
              </span>
              <span className="text-ink-faint">{m.role}</span>
            </li>
          );
        })}
      </ul>
      {canManage && (
        <form className="mt-3 flex gap-2" onSubmit={(e) => void submit(e)}>
          <input data-testid="invite-username" aria-label="Username to invite" placeholder="username" value={username} onChange={(e) => setUsername(e.target.value)} className={cx(inputClass, 'min-w-0 flex-1')} />
          <select data-testid="invite-role" aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as StudioRole)} className={inputClass}>
            <option value="editor">editor</option>
            <option value="viewer">viewer</option>
            <option value="owner">owner</option>
          </select>
          <Button type="submit" size="sm" variant="primary" data-testid="invite-submit" pending={pending} disabled={username.trim() === ''}>
            Invite
          </Button>
        </form>
      )}
      {error && (
        <p role="alert" data-testid="members-error" className="mt-2 text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

function Chat({ collab }: { collab: CollabModel }) {
  const chat = useStore(collab.store, (s) => s.chat);
  const [text, setText] = useState('');
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    collab.sendChat(text);
    setText('');
  };
  return (
    <div data-testid="chat-panel" className="absolute top-full right-0 z-40 mt-1 flex w-80 flex-col rounded-lg border border-line bg-raised p-3 shadow-xl">
      <ol className="max-h-60 space-y-1 overflow-y-auto">
        {chat.map((m) => (
          <li key={m.id} data-testid="chat-message" className="text-sm text-ink">
            <span className="font-semibold">{m.author}</span> {m.text}
          </li>
        ))}
      </ol>
      <form className="mt-2 flex gap-2" onSubmit={send}>
        <input data-testid="chat-input" aria-label="Message" placeholder="Message" value={text} onChange={(e) => setText(e.target.value)} className={cx(inputClass, 'min-w-0 flex-1')} />
        <Button type="submit" size="sm" variant="primary" data-testid="chat-send">
          Send
        </Button>
      </form>
    </div>
  );
}

/**
 * The editor's collaboration header: sync state, Share, collaborators present (name, colour,
 * selected track, playhead), members and invitations, work offline, and the project chat.
 */
export function CollabBar({ host, projectId, userName }: { host: HostClient; projectId: string; userName: string | null }) {
  const { session } = useStudio();
  const [collab, setCollab] = useState<CollabModel | null>(null);
  useEffect(() => {
    if (!userName) return;
    const created = createCollabModel(host, projectId, session.doc, userName);
    const unregister = registerCollab(session.doc, created);
    setCollab(created);
    return () => {
      unregister();
      created.dispose();
    };
  }, [host, projectId, session.doc, userName]);
  if (!userName) {
    return (
      <div data-testid="collab-bar" className="flex h-9 items-center border-b border-line bg-shell px-3 text-xs text-ink-faint">
        <span data-testid="sync-status" data-state="local">
          Local only — sign in to share this project
        </span>
      </div>
    );
  }
  return collab ? <CollabControls collab={collab} userName={userName} /> : null;
}

function CollabControls({ collab, userName }: { collab: CollabModel; userName: string }) {
  const status = useStore(collab.store, (s) => s.status);
  const peers = useStore(collab.store, (s) => s.peers);
  const error = useStore(collab.store, (s) => s.error);
  const chatCount = useStore(collab.store, (s) => s.chat.length);
  const [open, setOpen] = useState<'members' | 'chat' | null>(null);
  const [sharing, setSharing] = useState(false);
  const state = status?.state ?? 'local';
  const shared = state !== 'local';
  const toggle = (panel: 'members' | 'chat') => setOpen((o) => (o === panel ? null : panel));
  return (
    <div data-testid="collab-bar" className="relative flex h-9 shrink-0 items-center gap-3 border-b border-line bg-shell px-3 text-xs">
      <PublishPresence collab={collab} />
      <span data-testid="sync-status" data-state={state} className="flex items-center gap-1.5 text-ink-muted">
        <span aria-hidden className={cx('inline-block size-2 rounded-full', STATE_DOT[state])} />
        {STATE_LABEL[state]}
      </span>
      {!shared && (
        <Button
          size="sm"
          variant="primary"
          data-testid="share-project"
          pending={sharing}
          onClick={() => {
            setSharing(true);
            void collab.share().finally(() => setSharing(false));
          }}
        >
          Share
        </Button>
      )}
      {shared && (
        <>
          <ul aria-label="Collaborators here" data-testid="presence-list" className="flex items-center gap-1.5">
            {peers.map((p) => (
              <PeerChip key={p.clientId} peer={p} />
            ))}
          </ul>
          <div className="ml-auto flex items-center gap-2">
            <label className="flex items-center gap-1 text-ink-muted">
              <input type="checkbox" data-testid="sync-pause" checked={status?.paused ?? false} onChange={(e) => void collab.setPaused(e.target.checked)} />
              Work offline
            </label>
            <Button size="sm" variant="ghost" data-testid="open-members" aria-expanded={open === 'members'} onClick={() => toggle('members')}>
              Members
            </Button>
            <Button size="sm" variant="ghost" data-testid="open-chat" aria-expanded={open === 'chat'} onClick={() => toggle('chat')}>
              Chat{chatCount > 0 ? ` (${chatCount})` : ''}
            </Button>
          </div>
          {open === 'members' && <Members collab={collab} canManage={status?.role === 'owner'} userName={userName} />}
          {open === 'chat' && <Chat collab={collab} />}
        </>
      )}
      {error && (
        <span role="alert" data-testid="collab-error" className="text-danger">
          {error}
        </span>
      )}
    </div>
  );
}
