// Sign-in (the development sign-in: a real access token for a name) and the documents page:
// create one (its creator owns it), open one by id, the server's lists (doc-lists.ts) and the
// documents recently opened on this device.
import { el, mount } from './dom.js';
import { randomId } from './identity.js';
import { auth } from './session.js';
import { displayTitle, titleProblem } from '../lib/title.js';
import { DOC_ID, markCreated, newDocId, recentDocs } from './recent-docs.js';
import { claimDoc, docLists } from './doc-lists.js';

export function showSignIn(root: HTMLElement, done: () => void): void {
  const name = el('input', { id: 'user-name', name: 'user', autocomplete: 'username', placeholder: 'Your name', required: '' });
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'card', id: 'sign-in' },
    el('h1', {}, 'AkkaCollab'),
    el('p', { id: 'dev-mode', class: 'notice', role: 'note' },
      el('strong', {}, 'Development mode. '),
      'There are no passwords: whatever name you type is who you are, and anyone can sign in as anyone. '
        + 'A production installation signs people in through its identity provider instead.'),
    name, el('button', { type: 'submit' }, 'Sign in'), error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void auth.signIn(name.value).then((problem) => {
      if (problem === null) done();
      else error.textContent = problem;
    });
  });
  mount(root, el('main', { class: 'page' }, form));
  name.focus();
}

export function showDocs(root: HTMLElement, open: (id: string) => void, signedOut: () => void): void {
  const title = el('input', { id: 'new-title', placeholder: 'Title of a new document', 'aria-label': 'Title of a new document' });
  const createError = el('p', { class: 'error', role: 'alert', id: 'create-error' });
  const create = el('form', { id: 'create' }, title, el('button', { type: 'submit' }, 'Create'), createError);
  create.addEventListener('submit', (e) => {
    e.preventDefault();
    // No title: "Untitled document", to be named later in the editor.
    const problem = title.value.trim() === '' ? null : titleProblem(title.value);
    if (problem !== null) {
      createError.textContent = problem;
      return;
    }
    const id = newDocId(randomId(12));
    markCreated(id, title.value.trim() === '' ? undefined : title.value.trim());
    // Offline the claim fails and the document opens all the same, owned by nobody until shared.
    const claimed = auth.user === null ? Promise.resolve() : claimDoc(id, auth.user);
    void claimed.then(() => open(id));
  });
  const openId = el('input', { id: 'open-id', placeholder: 'Document id' });
  const error = el('p', { class: 'error', role: 'alert' });
  const openForm = el('form', { id: 'open' }, openId, el('button', { type: 'submit' }, 'Open'), error);
  openForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (DOC_ID.test(openId.value.trim())) open(openId.value.trim());
    else error.textContent = 'A document id is 1–128 letters, digits, dots, dashes or underscores.';
  });
  const docs = recentDocs();
  const list = el('ul', { id: 'docs' }, ...docs.map((d) =>
    el('li', {}, el('a', { href: `#/d/${encodeURIComponent(d.id)}`, 'data-doc': d.id }, displayTitle(d.title)),
      el('span', { class: 'doc-id' }, d.id), el('time', {}, new Date(d.openedAt).toLocaleString()))));
  const out = el('button', { type: 'button', id: 'sign-out' }, 'Sign out');
  out.addEventListener('click', () => void auth.signOut().then(signedOut));
  mount(root,
    el('header', { class: 'bar' }, el('h1', {}, 'Documents'), el('span', { class: 'user' }, auth.user === null ? 'Offline: sign-in not confirmed yet' : `Signed in as ${auth.user}`), out),
    el('main', { class: 'page' },
      el('section', { class: 'card' }, el('h2', {}, 'New document'), create),
      el('section', { class: 'card' }, el('h2', {}, 'Open by id'), openForm),
      docLists(auth.user),
      el('section', { class: 'card' }, el('h2', {}, 'Recent on this device'), docs.length > 0 ? list : el('p', {}, 'None yet.'))));
}
