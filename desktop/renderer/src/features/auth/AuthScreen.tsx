import { useModel, useNavigation } from '../../app/ModelContext';
import type { AuthScreen as Screen } from '../../model/navigationStore';
import { SECTION_LABELS } from '../../model/sections';
import { cx, focusRing } from '../../ui/cx';
import { ArrowLeftIcon, EncoreMark } from '../../ui/icons';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';

const COPY: Record<Screen, { title: string; lead: string }> = {
  'sign-in': { title: 'Welcome back', lead: 'Sign in to sync your projects and playlists, buy music and go live.' },
  'sign-up': { title: 'Create your Encore account', lead: 'Free. Your library and projects stay on this computer either way; an account adds sync, the Store and Live.' },
};

/** Sign in / sign up, inside the shell; when done the user is back in the section they came from. */
export function AuthScreen({ screen }: { screen: Screen }) {
  const model = useModel();
  const returnTo = useNavigation((s) => (s.route.kind === 'auth' ? s.route.returnTo : 'library'));
  const done = () => model.navigation.closeAuth();
  const { title, lead } = COPY[screen];
  const linkClass = cx('rounded font-medium text-accent hover:underline', focusRing);
  return (
    <div className="flex min-h-full flex-col items-center px-6 py-10">
      <div className="w-full max-w-md">
        <button type="button" onClick={done} data-testid="auth-back" className={cx('mb-6 inline-flex items-center gap-1.5 rounded text-[13px] text-ink-muted hover:text-ink', focusRing)}>
          <span aria-hidden className="[&>svg]:size-4">
            <ArrowLeftIcon />
          </span>
          Back to {SECTION_LABELS[returnTo]}
        </button>
        <div className="rounded-2xl border border-line bg-surface p-8 shadow-xl shadow-black/30">
          <EncoreMark className="size-9" />
          <h2 className="mt-5 text-xl font-semibold tracking-tight">{title}</h2>
          <p className="mt-1.5 mb-6 text-sm leading-relaxed text-ink-muted">{lead}</p>
          {screen === 'sign-in' ? <SignInForm onDone={done} /> : <SignUpForm onDone={done} />}
        </div>
        <p className="mt-5 text-center text-[13px] text-ink-muted">
          {screen === 'sign-in' ? (
            <>
              New to Encore?{' '}
              <a href="#/sign-up" data-testid="switch-to-sign-up" className={linkClass} onClick={(e) => (e.preventDefault(), model.navigation.openAuth('sign-up'))}>
                Create an account
              </a>
            </>
          ) : (
            <>
              Already have an account?{' '}
              <a href="#/sign-in" data-testid="switch-to-sign-in" className={linkClass} onClick={(e) => (e.preventDefault(), model.navigation.openAuth('sign-in'))}>
                Sign in
              </a>
            </>
          )}
        </p>
      </div>
    </div>
  );
}
