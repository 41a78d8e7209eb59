// /s/{id}: the shared page's one script (the page itself is server-written HTML with no client
// app; see app/src/share/page.rs), which the page carries inside itself (the embed view links
// to it as /share.js). It makes the page's buttons work: Copy link, a code block's
// Copy, "Copy link to this message", Print and Read aloud; and on a live link it puts the
// server-rendered messages in place when the chat changes (server-sent events from
// /s/{id}/events). Every text it shows is set as text, never as markup; the only HTML it inserts
// is what this server rendered for the page.
(function start() {
  // Inside the page it runs where it stands: the rest of the document comes first.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start, { once: true });
    return;
  }
  const article = document.querySelector('.shared-chat');
  const area = document.querySelector('.toast-area');
  // The page's words in the reader's language, which the server put on the page (`data-words`).
  let words = {};
  try {
    words = JSON.parse(document.querySelector('[data-words]')?.getAttribute('data-words') || '{}');
  } catch (_) {
    words = {};
  }
  /** The reader's words for `key`. */
  const say = (key) => words[key] || key;

  /** Shows `text` in the page's polite live region for 3 seconds (as the app's toasts do). */
  function toast(text) {
    if (!area) return;
    area.replaceChildren();
    const box = document.createElement('div');
    box.className = 'toast';
    box.textContent = text;
    area.append(box);
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => box.remove(), 3000);
  }

  /** Copies `text`; false when the browser refuses. */
  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }

  /** The words of a message for a speech voice: its text without the code blocks' buttons. */
  function spokenText(message) {
    const body = message.querySelector('.message-body');
    if (!body) return '';
    const copyOf = body.cloneNode(true);
    copyOf.querySelectorAll('.code-copy, .code-lang').forEach((b) => b.remove());
    return (copyOf.innerText || copyOf.textContent || '').trim();
  }

  let speaking = null;
  function stopSpeaking() {
    if (speaking) speaking.textContent = say('read-aloud');
    speaking = null;
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  }

  /** "Read aloud" (and "Stop") for one answer, with the admin's voice and rate. */
  function readAloud(button) {
    if (!('speechSynthesis' in window)) {
      toast(say('cannot-read-aloud'));
      return;
    }
    if (speaking === button) {
      stopSpeaking();
      return;
    }
    stopSpeaking();
    const message = button.closest('.message');
    const u = new SpeechSynthesisUtterance(message ? spokenText(message) : '');
    const rate = Number(article && article.dataset.rate);
    if (rate > 0) u.rate = rate;
    const wanted = article && article.dataset.voice;
    if (wanted) {
      const voice = window.speechSynthesis.getVoices().find((v) => v.name === wanted);
      if (voice) u.voice = voice;
    }
    const done = () => {
      if (speaking === button) stopSpeaking();
    };
    u.onend = done;
    u.onerror = done;
    speaking = button;
    button.textContent = say('stop');
    window.speechSynthesis.speak(u);
  }

  document.addEventListener('click', async (ev) => {
    const control = ev.target.closest('[data-action], .code-copy, .message-link');
    if (!control) return;
    const action = control.dataset.action;
    if (action === 'print') {
      window.print();
    } else if (action === 'read-aloud') {
      readAloud(control);
    } else if (action === 'copy-link') {
      const link = location.origin + location.pathname;
      toast((await copy(link)) ? say('link-copied') : say('link-copy-blocked'));
    } else if (control.matches('.message-link')) {
      // The message's address: copied, and gone to (so it is highlighted, and the address bar
      // holds it when the browser refuses to copy).
      ev.preventDefault();
      location.hash = control.getAttribute('href') || '';
      const link = location.origin + location.pathname + location.search + location.hash;
      toast(
        (await copy(link))
          ? say('message-link-copied')
          : say('message-link-blocked'),
      );
    } else if (control.matches('.code-copy')) {
      const pre = control.parentElement && control.parentElement.querySelector('pre');
      if (!pre) return;
      if (await copy(pre.textContent || '')) {
        control.textContent = say('copied');
        toast(say('code-copied'));
        setTimeout(() => {
          control.textContent = say('copy');
        }, 2000);
      } else {
        window.getSelection().selectAllChildren(pre);
        toast(say('code-copy-blocked'));
      }
    }
  });

  // A live link: the server sends the messages again, rendered, whenever the chat changes; the
  // browser reconnects by itself after a network failure. "gone": the link was deleted, expired
  // or closed to this reader.
  const events = article && article.dataset.events;
  const list = document.getElementById('shared-messages');
  const status = document.getElementById('live-status');
  if (events && list && 'EventSource' in window) {
    const source = new EventSource(events);
    source.addEventListener('messages', (e) => {
      const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 80;
      if (speaking) stopSpeaking();
      list.innerHTML = e.data;
      if (status) status.textContent = say('live-updated');
      if (atBottom) window.scrollTo({ top: document.body.scrollHeight });
    });
    source.addEventListener('gone', () => {
      source.close();
      if (status) status.textContent = say('live-gone');
    });
  }

  // The 403 page after "Request access": every 5 seconds it asks whether the owner approved,
  // and then opens the chat (saying so).
  const waiting = document.querySelector('[data-await-access]');
  if (waiting) {
    const url = waiting.getAttribute('data-await-access');
    const check = async () => {
      try {
        const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (r.ok) {
          location.replace(location.pathname + '?approved=1');
          return;
        }
      } catch (e) {
        // Offline for a moment: asked again below.
      }
      setTimeout(check, 5000);
    };
    setTimeout(check, 5000);
  }

  document.body.dataset.scriptReady = 'true';
})();
