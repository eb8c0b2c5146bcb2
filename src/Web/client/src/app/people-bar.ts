// Who is here: an avatar per user with the document open (initials in the colour of their
// cursor), this user first; idle users dimmed. Clicking one puts the caret at their cursor.
import type { CollabClient } from '../lib/collab-client.js';
import { peopleOf, type Participant, type Person } from '../lib/people.js';
import type { RemoteCursor } from '../lib/remote-cursors.js';
import { el } from './dom.js';

/** No keyboard or pointer input for this long, or the tab hidden: the others see this user idle. */
export const IDLE_AFTER_MS = 60_000;

export interface PeopleBar {
  element: HTMLElement;
  dispose(): void;
}

export function peopleBar(client: CollabClient, self: string | null, jump: (index: number, length: number) => void): PeopleBar {
  const list = el('div', { id: 'people', class: 'people', role: 'list', 'aria-label': 'People in this document' });
  let cursors: RemoteCursor[] = [];
  let participants: Participant[] = [];
  let selfIdle = false;

  const render = () => {
    const here = self === null ? participants : [{ client: '', user: self, idle: selfIdle, hasCursor: false }, ...participants];
    list.replaceChildren(...peopleOf(here, self).map((p) => avatar(p, p.user === self)));
  };

  const avatar = (p: Person, isSelf: boolean) => {
    const label = `${isSelf ? `You (${p.user})` : p.user}${p.idle ? ', idle' : ''}`;
    const button = el('button', {
      type: 'button', class: 'avatar', role: 'listitem', title: label, 'aria-label': label,
      'data-user': p.user, 'data-idle': String(p.idle),
    }, p.initials);
    button.style.backgroundColor = p.color;
    if (isSelf) return button;
    if (p.cursorClient === null) {
      button.disabled = true;
      button.title = `${label} (not in the text)`;
      return button;
    }
    button.addEventListener('click', () => {
      // Where that cursor is now (it moves with every edit), not where it was when drawn.
      const at = cursors.find((c) => c.client === p.cursorClient)?.range;
      if (at !== undefined) jump(at.index, at.length);
    });
    return button;
  };

  const offPeople = client.on('people', (list) => {
    participants = list;
    render();
  });
  const offCursors = client.on('cursors', (list) => { cursors = list; });

  // This user's own activity, for the others: input only stamps the time (pointermove fires
  // dozens of times a second), and one timer looks at it when the quiet time could reach the limit.
  let lastInput = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const setIdle = (idle: boolean) => {
    if (idle === selfIdle) return;
    selfIdle = idle;
    client.setIdle(idle);
    render();
  };
  const check = () => {
    clearTimeout(timer);
    const hidden = document.visibilityState === 'hidden';
    const quiet = Date.now() - lastInput;
    setIdle(hidden || quiet >= IDLE_AFTER_MS);
    // Idle, it waits for the next input (or the tab shown again).
    if (!hidden && quiet < IDLE_AFTER_MS) timer = setTimeout(check, IDLE_AFTER_MS - quiet);
  };
  const active = () => {
    lastInput = Date.now();
    if (selfIdle) check();
  };
  const visibility = () => {
    if (document.visibilityState !== 'hidden') lastInput = Date.now(); // coming back is activity
    check();
  };
  const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focus'] as const;
  for (const e of events) window.addEventListener(e, active, { passive: true });
  document.addEventListener('visibilitychange', visibility);
  check();
  render();

  return {
    element: list,
    dispose() {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, active);
      document.removeEventListener('visibilitychange', visibility);
      offPeople();
      offCursors();
    },
  };
}
