// One shared SockJS event-bus connection (/eventbus), open only while something listens. Handlers are
// registered again after every reconnect; when the socket cannot open or drops, subscribers hear
// about it and fall back to HTTP.

const OPEN_TIMEOUT_MS = 4000;
const subscriptions = new Map(); // address → Set of {onMessage, onFailure}
const callbacks = new Map(); // address → the callback registered with the bus (needed to unregister)
let bus = null;

function connect() {
  if (bus) return bus;
  if (typeof window.EventBus !== 'function') return null;
  const eb = new window.EventBus('/eventbus', { vertxbus_ping_interval: 15000 });
  const current = () => eb === bus; // events of a connection we already dropped are ignored
  eb.enableReconnect(true);
  eb.onopen = () => { if (current()) subscriptions.forEach((_, address) => register(address)); };
  eb.onclose = () => { if (current()) failAll('closed'); };
  // The library logs with console.error by default; a denied address or a dropped socket is expected.
  eb.onerror = error => console.warn('event bus:', error && (error.message || error.type));
  setTimeout(() => { if (current() && !isOpen()) failAll('timeout'); }, OPEN_TIMEOUT_MS);
  bus = eb;
  return bus;
}

function disconnect() {
  const eb = bus;
  bus = null;
  callbacks.clear();
  eb.enableReconnect(false);
  clearTimeout(eb.reconnectTimerID);
  if (eb.sockJSConn) eb.close();
}

function isOpen() {
  return bus && bus.state === window.EventBus.OPEN;
}

function register(address) {
  const callback = (error, message) => {
    if (!error && message) subscriptions.get(address)?.forEach(s => s.onMessage(message.body));
  };
  callbacks.set(address, callback);
  bus.registerHandler(address, callback);
}

function failAll(reason) {
  subscriptions.forEach(set => set.forEach(s => s.onFailure(reason)));
}

/**
 * Listens on an outbound address. onFailure(reason) is called whenever live updates cannot be
 * trusted (no socket, timeout, disconnect); it may be called more than once. Returns unsubscribe.
 */
export function subscribe(address, onMessage, onFailure) {
  const subscriber = { onMessage, onFailure };
  const first = !subscriptions.has(address);
  if (first) subscriptions.set(address, new Set());
  subscriptions.get(address).add(subscriber);
  if (!connect()) {
    queueMicrotask(() => onFailure('unavailable'));
  } else if (first && isOpen()) {
    register(address);
  }
  return () => unsubscribe(address, subscriber);
}

function unsubscribe(address, subscriber) {
  const set = subscriptions.get(address);
  if (!set) return;
  set.delete(subscriber);
  if (set.size > 0) return;
  subscriptions.delete(address);
  const callback = callbacks.get(address);
  callbacks.delete(address);
  if (isOpen() && callback) bus.unregisterHandler(address, callback);
  if (subscriptions.size === 0) disconnect();
}
