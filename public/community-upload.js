// /chats/upload: receives the chat that "Share to Community" sends from the tab that opened
// this page (see app/src/community/upload.rs). Only from that tab, only from this instance's
// origin or one the admin allows; the chat waits in this tab's session storage until it is
// published, so signing in first loses nothing. Every text is shown as text, never as markup.
(() => {
  const root = document.getElementById('community-upload');
  if (!root) return;
  const KEY = 'chatshare.community-upload';
  const allowed = JSON.parse(root.dataset.allowed || '[]');
  const status = document.getElementById('upload-status');
  const form = document.getElementById('upload-form');
  const signIn = document.getElementById('upload-sign-in');
  const heading = document.getElementById('upload-title');
  const preview = document.getElementById('upload-preview');
  const store = (() => { try { return window.sessionStorage; } catch { return null; } })();

  // A publish that was sent and did not come back with an error: the chat is published.
  const failed = new URLSearchParams(location.search).has('error');
  if (store && store.getItem(KEY + '.sent') && !failed) store.removeItem(KEY);
  if (store) store.removeItem(KEY + '.sent');

  /** The chat document inside what was sent: Open WebUI's chat object holds it as `chat`. */
  function documentOf(chat) {
    if (chat && !chat.history && chat.chat && typeof chat.chat === 'object') return chat.chat;
    return chat;
  }

  /** The visible branch, root first. */
  function branch(doc) {
    const messages = (doc && doc.history && doc.history.messages) || {};
    const out = [];
    const seen = new Set();
    let id = doc && doc.history ? doc.history.currentId : null;
    while (id && messages[id] && !seen.has(id)) {
      seen.add(id);
      out.unshift(messages[id]);
      id = messages[id].parentId;
    }
    return out;
  }

  /** What a message event brings, when it is a chat; null otherwise. */
  function read(data, origin) {
    let value = data;
    if (typeof value === 'string') {
      try { value = JSON.parse(value); } catch { return null; }
    }
    if (!value || typeof value !== 'object' || !value.chat || typeof value.chat !== 'object') return null;
    const doc = documentOf(value.chat);
    const title = (doc && doc.title) || value.chat.title || 'New Chat';
    const count = Object.keys((doc && doc.history && doc.history.messages) || {}).length;
    return { chat: JSON.stringify(value.chat), models: JSON.stringify(value.models ?? null), title, count, origin };
  }

  function show(r) {
    const doc = documentOf(JSON.parse(r.chat));
    if (form) {
      status.textContent = `“${r.title}”, ${r.count} messages, sent from ${r.origin}.`;
      form.elements.chat.value = r.chat;
      form.elements.models.value = r.models;
      form.elements.source.value = r.origin;
      form.hidden = false;
    } else {
      status.textContent = `“${r.title}” is ready to share, sent from ${r.origin}.`;
      if (signIn) signIn.hidden = false;
    }
    heading.textContent = r.title;
    heading.hidden = false;
    preview.replaceChildren(...branch(doc).map((m) => {
      const item = document.createElement('li');
      item.className = `message ${m.role === 'user' ? 'user' : m.role === 'system' ? 'system' : 'assistant'}`;
      const head = document.createElement('div');
      head.className = 'message-head';
      const author = document.createElement('span');
      author.className = 'author';
      author.textContent = m.role === 'user' ? 'You' : m.role === 'system' ? 'System' : (m.modelName || m.model || 'Assistant');
      head.append(author);
      const body = document.createElement('div');
      body.className = 'message-body plain-text';
      body.textContent = String(m.content ?? '').slice(0, 4000);
      item.append(head, body);
      return item;
    }));
    // Then as the community page will show it: rendered by this server (Markdown to sanitized
    // HTML), in place of the plain text above.
    fetch('/chats/upload/preview', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat: JSON.parse(r.chat) }),
    })
      .then((res) => (res.ok ? res.text() : null))
      .then((html) => { if (html !== null) preview.innerHTML = html; })
      .catch(() => {});
  }

  const kept = store && store.getItem(KEY);
  if (kept) {
    try { show(JSON.parse(kept)); } catch { store.removeItem(KEY); }
  }
  if (form) form.addEventListener('submit', () => { if (store) store.setItem(KEY + '.sent', '1'); });

  const opener = window.opener;
  if (!opener) return;
  window.addEventListener('message', (ev) => {
    if (ev.source !== opener) return;
    if (ev.origin !== location.origin && !allowed.includes(ev.origin)) return;
    const r = read(ev.data, ev.origin);
    if (!r) return;
    if (store) {
      try { store.setItem(KEY, JSON.stringify(r)); } catch { /* too large to keep: shown, not kept */ }
    }
    show(r);
  });
  opener.postMessage('loaded', '*');
})();
