// The app shell: a hash router over three pages (sign-in, documents, editor) and the service
// worker that keeps the shell available offline.
import 'quill/dist/quill.snow.css';
import 'quill-cursors/css';
import './styles.css';
import { showDocs, showSignIn } from './docs-page.js';
import { showEditor } from './editor-page.js';
import { currentUser } from './identity.js';

const root = document.getElementById('app')!;
let leave: (() => void) | null = null;

async function route(): Promise<void> {
  leave?.();
  leave = null;
  if (currentUser() === null) return showSignIn(root, () => void route());
  const match = /^#\/d\/(.+)$/.exec(location.hash);
  if (match === null) return showDocs(root, (id) => { location.hash = `#/d/${encodeURIComponent(id)}`; }, () => void route());
  leave = await showEditor(root, decodeURIComponent(match[1]!));
}

window.addEventListener('hashchange', () => void route());
void route();

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch((e: unknown) => console.warn('offline shell unavailable', e));
}
