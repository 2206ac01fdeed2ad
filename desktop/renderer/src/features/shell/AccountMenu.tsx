import { useEffect, useId, useRef, useState } from 'react';
import { useModel, useNavigation, useSession } from '../../app/ModelContext';
import { selectUser } from '../../model/sessionStore';
import { friendlyMessage } from '../../model/errorMessages';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { cx, focusRing } from '../../ui/cx';
import { ChevronDownIcon, SettingsIcon, SignOutIcon } from '../../ui/icons';
import { Avatar } from './Avatar';
import { displayNameOf, ROLE_LABELS, ROLE_TONES } from './userLabels';

/** Top-right account control: sign-in/up buttons when signed out, a menu when signed in. */
export function AccountMenu() {
  const model = useModel();
  const user = useSession(selectUser);
  const loading = useSession((s) => s.status === 'loading');
  const onAuthScreen = useNavigation((s) => s.route.kind === 'auth');
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (loading) return <div aria-hidden className="h-9 w-40 animate-pulse rounded-lg bg-raised" />;

  if (!user) {
    // On the sign-in and sign-up screens these buttons would only repeat the form.
    if (onAuthScreen) return null;
    return (
      <div className="flex items-center gap-2">
        <Button variant="ghost" size="sm" data-testid="open-sign-in" onClick={() => model.navigation.openAuth('sign-in')}>
          Sign in
        </Button>
        <Button variant="primary" size="sm" data-testid="open-sign-up" onClick={() => model.navigation.openAuth('sign-up')}>
          Create account
        </Button>
      </div>
    );
  }

  const name = displayNameOf(user);
  const close = (refocus = true) => {
    setOpen(false);
    setError(null);
    if (refocus) triggerRef.current?.focus();
  };
  const onMenuKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      close(e.key === 'Escape');
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };
  const signOut = async () => {
    setSigningOut(true);
    setError(null);
    try {
      await model.session.signOut();
      close(false);
    } catch (e) {
      setError(friendlyMessage(e));
    } finally {
      setSigningOut(false);
    }
  };

  const itemClass = cx(
    'flex h-9 w-full items-center gap-2.5 rounded-md px-2.5 text-left text-sm text-ink-muted hover:bg-raised hover:text-ink focus:bg-raised focus:text-ink',
    'outline-none disabled:opacity-50',
  );

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={triggerRef}
        type="button"
        data-testid="account-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Account: ${name}`}
        onClick={() => (open ? close() : setOpen(true))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className={cx('flex h-9 items-center gap-2 rounded-lg pr-2 pl-1 text-sm hover:bg-raised', open && 'bg-raised', focusRing)}
      >
        <Avatar name={name} />
        <span data-testid="account-menu-name" className="max-w-40 truncate font-medium text-ink">
          {name}
        </span>
        <span aria-hidden className="text-ink-faint [&>svg]:size-4">
          <ChevronDownIcon />
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Account"
          data-testid="account-menu"
          onKeyDown={onMenuKey}
          className="absolute top-11 right-0 z-30 w-72 rounded-xl border border-line bg-surface p-1.5 shadow-2xl shadow-black/50"
        >
          <div className="flex items-center gap-3 px-2.5 pt-2 pb-3">
            <Avatar name={name} size="lg" />
            <div className="min-w-0">
              <p className="truncate font-semibold text-ink">{name}</p>
              <p data-testid="account-menu-username" className="truncate text-[13px] text-ink-muted">
                @{user.username}
              </p>
              <p className="truncate text-[13px] text-ink-faint">{user.email}</p>
            </div>
          </div>
          <div className="flex gap-1.5 px-2.5 pb-3">
            <Badge tone={ROLE_TONES[user.role]}>{ROLE_LABELS[user.role]}</Badge>
            {user.isVerified ? <Badge tone="ok">Email verified</Badge> : <Badge tone="warn">Email not verified</Badge>}
          </div>
          <div role="separator" className="mx-1 mb-1.5 h-px bg-line" />
          <button
            type="button"
            role="menuitem"
            className={itemClass}
            onClick={() => {
              model.navigation.go('settings');
              close(false);
            }}
          >
            <span aria-hidden className="[&>svg]:size-4">
              <SettingsIcon />
            </span>
            Account settings
          </button>
          <button type="button" role="menuitem" data-testid="sign-out-button" className={itemClass} disabled={signingOut} onClick={signOut}>
            <span aria-hidden className="[&>svg]:size-4">
              <SignOutIcon />
            </span>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
          {error && (
            <p role="alert" className="px-2.5 py-2 text-[13px] text-danger">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
