// Holds the signed-in user for the whole app. On start it asks the server who the session
// belongs to, but only when this browser has signed in before (the session hint): a visitor
// without a session is simply not signed in, with no request whose 401 the browser would log
// as a console error. A 401 from /api/me is "not signed in", never an error. Any later 401
// from any request forgets the user and sends them to /login, remembering where they were.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, setUnauthorizedHandler } from '@/lib/api-client';
import type { User } from '@/types/api';
import { getMe } from '../api/get-me';
import { logout as logoutRequest } from '../api/logout';
import { forgetSession, hasSessionHint, rememberSession } from '../session-hint';

interface AuthValue {
  user: User | null;
  checking: boolean;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(hasSessionHint);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    if (!hasSessionHint()) return;
    const controller = new AbortController();
    getMe(controller.signal)
      .then((me) => {
        rememberSession();
        setUser(me);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) forgetSession();
        else if (!(err instanceof DOMException && err.name === 'AbortError')) console.warn('GET /api/me failed', err);
        setUser(null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setChecking(false);
      });
    return () => controller.abort();
  }, []);

  const path = location.pathname;
  useEffect(() => {
    setUnauthorizedHandler(() => {
      forgetSession();
      setUser(null);
      if (path !== '/login') navigate('/login', { replace: true, state: { from: path, expired: true } });
    });
  }, [navigate, path]);

  const signedIn = useCallback((next: User) => {
    rememberSession();
    setUser(next);
  }, []);
  const signOut = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      forgetSession();
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const value = useMemo(() => ({ user, checking, signedIn, signOut }), [user, checking, signedIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

// The page a user lands on after signing in.
export function homeFor(user: User): string {
  return user.role === 'admin' ? '/admin' : '/sales';
}
