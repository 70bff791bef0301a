// Thin fetch wrapper: JSON in, JSON out, every failure as ApiError with the server's Korean message.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const OFFLINE_MESSAGE = '서버에 연결할 수 없어요. 인터넷 연결을 확인해 주세요.';

export async function getJson(path, { signal, headers } = {}) {
  let response;
  try {
    response = await fetch(path, { signal, headers: { Accept: 'application/json', ...headers } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', OFFLINE_MESSAGE);
  }
  if (response.status === 304) return { notModified: true, response };
  if (!response.ok) throw await errorOf(response);
  return { body: await response.json(), response };
}

export async function get(path, options) {
  return (await getJson(path, options)).body;
}

/** POSTs a JSON body; answers the response's JSON (or null when it has none). */
export async function postJson(path, body, { signal, headers } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST', signal, body: JSON.stringify(body),
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', OFFLINE_MESSAGE);
  }
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export async function errorOf(response) {
  try {
    const { error } = await response.json();
    return new ApiError(response.status, error.code, error.message);
  } catch {
    return new ApiError(response.status, 'http_' + response.status, `요청을 처리하지 못했어요 (${response.status}).`);
  }
}

/** Builds "path?k=v" from the params that are set. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
