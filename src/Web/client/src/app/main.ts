// The app shell: a hash router over three pages (sign-in, documents, editor) and the service
// worker that keeps the shell available offline. Whether the browser is signed in is learned
// once per page load from the refresh cookie (POST /api/auth/refresh): no storage remembers it.
import 'quill/dist/quill.snow.css';
import 'quill-cursors/css';
import './styles.css';
import { showDocs, showSignIn } from './docs-page.js';
import { showEditor } from './editor-page.js';
import { displayTitle } from '../lib/title.js';
import { markCreated, recentDocs } from './recent-docs.js';
import { auth, restore } from './session.js';

const root = document.getElementById('app')!;
let leave: (() => void) | null = null;
/** Set by an explicit sign-out or a refused refresh: from then on only the sign-in form shows. */
let signedOut = false;
/** The first restore() has answered: until then route() is already on its way to the right page. */
let booted = false;

async function route(): Promise<void> {
  leave?.();
  leave = null;
  const outcome = await restore();
  booted = true;
  // Unreachable (offline at load): maybe signed in. The editor still opens with the edits kept
  // on this device and refreshes the token itself once the network is back.
  const maybeSignedIn = auth.token !== undefined || (outcome === 'unreachable' && !signedOut);
  if (!maybeSignedIn) {
    document.title = 'Sign in · AkkaCollab';
    return showSignIn(root, () => { signedOut = false; void route(); });
  }
  // "#/d/<id>?new" is a link that creates the document ("New document" in a link).
  const match = /^#\/d\/([^?]+)(\?new)?$/.exec(location.hash);
  if (match === null) {
    document.title = 'Documents · AkkaCollab';
    return showDocs(root, (id) => { location.hash = `#/d/${encodeURIComponent(id)}`; }, () => {
      signedOut = true;
      void route();
    });
  }
  const doc = decodeURIComponent(match[1]!);
  document.title = `${displayTitle(recentDocs().find((d) => d.id === doc)?.title)} · AkkaCollab`;
  if (match[2] !== undefined) markCreated(doc);
  leave = await showEditor(root, doc);
}

auth.on('signed-out', () => {
  signedOut = true;
  if (booted) void route();
});
window.addEventListener('hashchange', () => void route());
// Offline at load outside the editor: once the network is back, confirm the sign-in (the
// editor's session refreshes by itself).
window.addEventListener('online', () => {
  if (auth.token === undefined && !signedOut && leave === null) void auth.refresh().then(() => route());
});
void route();

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch((e: unknown) => console.warn('offline shell unavailable', e));
}
