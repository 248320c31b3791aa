// Who is signed in: the bearer token and user, kept in localStorage so a reload stays
// signed in. Any 401 from the API (or the websocket) ends the session.
import { useEffect, useState } from 'preact/hooks';
import type { User } from './types.ts';

const TOKEN_KEY = 'adledger.token';
const USER_KEY = 'adledger.user';
const EXPIRES_KEY = 'adledger.expiresAt';

export type Session = { readonly token: string; readonly user: User; readonly expiresAt: string | null };
// `revoked`: an admin disabled, re-roled or removed the user (auth.token_revoked).
export type SignOutReason = 'signed_out' | 'expired' | 'revoked' | undefined;

let current: Session | null = read();
let lastReason: SignOutReason;
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const token = localStorage.getItem(TOKEN_KEY);
    const user = localStorage.getItem(USER_KEY);
    if (!token || !user) return null;
    const expiresAt = localStorage.getItem(EXPIRES_KEY);
    if (expiresAt && Date.parse(expiresAt) < Date.now()) return null;
    return { token, user: JSON.parse(user) as User, expiresAt };
  } catch {
    return null;
  }
}

const notify = (): void => listeners.forEach((listener) => listener());

export const getSession = (): Session | null => current;
export const getToken = (): string | null => current?.token ?? null;
export const signOutReason = (): SignOutReason => lastReason;

export function startSession(session: Session): void {
  localStorage.setItem(TOKEN_KEY, session.token);
  localStorage.setItem(USER_KEY, JSON.stringify(session.user));
  if (session.expiresAt) localStorage.setItem(EXPIRES_KEY, session.expiresAt);
  else localStorage.removeItem(EXPIRES_KEY);
  current = session;
  lastReason = undefined;
  notify();
}

export function updateUser(user: User): void {
  if (!current) return;
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  current = { ...current, user };
  notify();
}

export function endSession(reason: SignOutReason = 'signed_out'): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
  localStorage.removeItem(EXPIRES_KEY);
  const had = current !== null;
  current = null;
  lastReason = reason;
  if (had || reason) notify();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signing in or out applies here too.
window.addEventListener('storage', (event) => {
  if (event.key !== TOKEN_KEY && event.key !== USER_KEY) return;
  current = read();
  notify();
});

export function useSession(): Session | null {
  const [session, setSession] = useState(current);
  useEffect(() => onSessionChange(() => setSession(current)), []);
  return session;
}
