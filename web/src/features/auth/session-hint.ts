// Whether this browser has signed in since it last signed out or was told its session ended.
// The session cookie is HttpOnly, so the page cannot see it; without this hint the app would
// have to ask GET /api/me on every first load, and before sign-in the server's 401 answer is
// logged by the browser itself as a console error ("Failed to load resource … 401") that no
// code can silence. With it, a visitor who never signed in (or signed out) costs no request.
// It is only a hint: the server still decides, and a 401 clears it.
const storageKey = 'leadscore.session';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(storageKey) === '1';
  } catch {
    // Storage unavailable (private mode): ask the server, as before.
    return true;
  }
}

export function rememberSession(): void {
  try {
    localStorage.setItem(storageKey, '1');
  } catch {
    // Not remembered: the next load asks the server anyway (see hasSessionHint).
  }
}

export function forgetSession(): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
