/**
 * Who is using the UI. On load: GET /auth/me (signed in), else GET /auth/setup (the one-time setup
 * when no administrator exists), else anonymous, with public reports when a report endpoint answers
 * without signing in. The CSRF token of the session is kept in memory only (api.ts sends it on writes);
 * any 401 from the API turns the session anonymous, so the shell shows the sign-in page in place.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler, type Me } from './api.ts';
import { resetDefaultView } from './defaults.ts';

export type SessionState =
  { status: 'loading' } | { status: 'setup' } | { status: 'anonymous'; publicReports: boolean } | { status: 'signed-in'; me: Me };

interface Session {
  state: SessionState;
  me: Me | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Re-reads who is signed in (after setup). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Whether reports answer without a session: a cheap public-report endpoint is asked, with fetch
 * itself (its 401 is the answer, not a reason to show the sign-in page).
 */
async function publicReportsOn(): Promise<boolean> {
  try {
    const res = await fetch('/api/v1/reference/provinces?date=2016-01-05', { credentials: 'omit' });
    return res.ok;
  } catch {
    return false;
  }
}

async function load(): Promise<SessionState> {
  try {
    const me = await api.get<Me>('/auth/me');
    return { status: 'signed-in', me };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  const setup = await api.get<{ open: boolean }>('/auth/setup').catch(() => ({ open: false }));
  if (setup.open) return { status: 'setup' };
  return { status: 'anonymous', publicReports: await publicReportsOn() };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'signed-in' ? next.me.csrfToken : null);
    resetDefaultView();
    setState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await load());
    } catch {
      apply({ status: 'anonymous', publicReports: false });
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'signed-in' ? { status: 'anonymous', publicReports: false } : s));
      // Whether reports are public is asked again in the background.
      void publicReportsOn().then((on) => setState((s) => (s.status === 'anonymous' && s.publicReports !== on ? { ...s, publicReports: on } : s)));
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const me = await api.post<Me>('/auth/sign-in', { username, password });
      apply({ status: 'signed-in', me });
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    await api.post('/auth/sign-out').catch(() => undefined);
    apply({ status: 'anonymous', publicReports: await publicReportsOn() });
  }, [apply]);

  const value = useMemo<Session>(
    () => ({ state, me: state.status === 'signed-in' ? state.me : null, signIn, signOut, refresh }),
    [state, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; null when anonymous. */
export function useMe(): Me | null {
  return useSession().me;
}
