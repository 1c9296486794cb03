import { callNames, eventNames, subscriberNameOf } from '../shared/contract'

export const BRIDGE_PATH = '/__keywarden/bridge.js'
export const SOCKET_PATH = '/__keywarden/socket'

/**
 * The script that gives the page the same `window.keywarden` the Electron preload gives it, but
 * over a WebSocket to the host. Its call and event names come from the contract.
 */
export function bridgeScript(): string {
  const subscribers = Object.fromEntries(eventNames.map((name) => [subscriberNameOf(name), name]))
  return `'use strict';
(() => {
  const callNames = ${JSON.stringify(callNames)};
  const subscribers = ${JSON.stringify(subscribers)};
  // The access token of the host travels once in the URL; take it out of the address bar and history.
  if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + ${JSON.stringify(SOCKET_PATH)});
  const opened = new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
  const pending = new Map();
  const listeners = new Map();
  const received = [];
  let nextId = 1;
  const hostStopped = { ok: false, error: { code: 'NETWORK', message: 'The Keywarden host has stopped. Restart it and reload this page.' } };
  // The system browser cannot tell the app that its tab was closed; this host can, so it cancels —
  // but only while that sign-in is still waiting: a tab closed afterwards must not cancel a later one.
  const tabWatchers = new Set();
  const stopWatchingTabs = () => { for (const watch of tabWatchers) clearInterval(watch); tabWatchers.clear(); };
  const openTab = (url) => {
    const tab = window.open(url, '_blank');
    if (!tab) { console.warn('Keywarden: the browser blocked the sign-in tab; allow pop-ups for this page.'); return; }
    const watch = setInterval(() => {
      if (tab.closed) { clearInterval(watch); tabWatchers.delete(watch); call('cancelSignIn'); }
    }, 500);
    tabWatchers.add(watch);
  };
  socket.addEventListener('message', (message) => {
    received.push(String(message.data));
    const data = JSON.parse(String(message.data));
    if (typeof data.id === 'number') {
      const resolve = pending.get(data.id);
      pending.delete(data.id);
      if (resolve) resolve(data.result);
    } else if (typeof data.event === 'string') {
      if (data.event === 'sessionChanged' && data.payload && data.payload.status !== 'signing-in') stopWatchingTabs();
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    } else if (typeof data.openExternal === 'string') {
      openTab(data.openExternal);
    } else if (data.clipboard && typeof data.clipboard.requestId === 'number') {
      // The host's clipboard is this browser's: the page does the work and says how it went.
      const { requestId, op, text } = data.clipboard;
      const work = op === 'write' ? navigator.clipboard.writeText(text)
        : op === 'clear' ? navigator.clipboard.writeText('')
        : navigator.clipboard.readText();
      Promise.resolve(work).then(
        (value) => socket.send(JSON.stringify({ clipboardReply: { requestId, text: op === 'read' ? String(value) : undefined } })),
        (error) => socket.send(JSON.stringify({ clipboardReply: { requestId, error: String(error && error.message || error) } })),
      );
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(hostStopped);
    pending.clear();
  });
  const call = async (name, input) => {
    await opened;
    if (socket.readyState !== WebSocket.OPEN) return hostStopped;
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, call: name, input }));
    });
  };
  const bridge = {};
  for (const name of callNames) bridge[name] = (input) => call(name, input);
  for (const [subscriber, event] of Object.entries(subscribers)) {
    bridge[subscriber] = (listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    };
  }
  Object.defineProperty(window, 'keywarden', { value: Object.freeze(bridge), enumerable: true });
  // Everything that crossed from the host into the page, for tests that prove no token reached it.
  Object.defineProperty(window, '__keywardenBridgeTraffic', { value: () => received.slice() });
})();
`
}
