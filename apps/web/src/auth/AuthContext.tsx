/**
 * Who is signed in. The sign-in session itself is the HttpOnly cookie; the app keeps the account for display and
 * the CSRF token for changes. A 401 from any call signs the app out and sends the person to sign-in.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '#domain';
import { api, ApiError, currentCsrfToken, onUnauthorized, setCsrfToken } from '../api/client';
import type { AccountView as Account } from '#contracts';

type Status = 'loading' | 'anonymous' | 'signedIn';

interface AuthState {
  status: Status;
  account: Account | null;
  /** Set when the server ended the sign-in session (expiry, account disabled): the sign-in page explains it. */
  signInSessionEnded: boolean;
  signIn(username: string, password: string): Promise<Account>;
  signOut(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [account, setAccount] = useState<Account | null>(null);
  const [signInSessionEnded, setSignInSessionEnded] = useState(false);

  useEffect(() => {
    let cancelled = false;
    // Without the readable cookie that sign-in sets beside the session cookie (same lifetime), nobody is signed in:
    // the sign-in page then asks the server nothing, and the browser logs no expected 401 as an error.
    if (currentCsrfToken() === null) {
      setStatus('anonymous');
      return;
    }
    api.get('/api/auth/me').then(
      (me) => {
        if (cancelled) return;
        setAccount(me);
        setStatus('signedIn');
      },
      () => {
        if (cancelled) return;
        setAccount(null);
        setStatus('anonymous');
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setAccount((previous) => {
        if (previous) setSignInSessionEnded(true);
        return null;
      });
      setStatus('anonymous');
    });
    return () => onUnauthorized(null);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await api.post('/api/auth/sign-in', { username, password });
    setCsrfToken(result.csrfToken);
    setAccount(result.account);
    setSignInSessionEnded(false);
    setStatus('signedIn');
    return result.account;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/sign-out');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Already signed out on the server: nothing more to do.
    }
    setCsrfToken(null);
    setAccount(null);
    setSignInSessionEnded(false);
    setStatus('anonymous');
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      status,
      account,
      signInSessionEnded,
      signIn,
      signOut,
      hasRole: (...roles: Role[]) => account !== null && roles.includes(account.role),
    }),
    [status, account, signInSessionEnded, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
