// The REST client: every call carries the token in the Authorization header, never in a URL.
const TOKEN_KEY = 'driftless.token';
const NOTICE_KEY = 'driftless.signedOut';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.removeItem(NOTICE_KEY);
  },
  /** Forgets this tab's token; why is 'revoked' when the server refused it, else the person chose. */
  signOut: (why = 'chosen') => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.setItem(NOTICE_KEY, why);
    window.dispatchEvent(new Event('driftless:signedout'));
  },
  /** Why this tab was last signed out ('revoked', 'chosen'), or null. */
  signedOutBecause: () => sessionStorage.getItem(NOTICE_KEY),
};

/** An error answer of the API: {code, message, details}. */
export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || {};
  }
}

/**
 * Calls the API and returns {data, location}. A 401 signs the browser out (the token was revoked
 * or is wrong); other errors throw an ApiError with the server's message.
 */
export async function call(path, { method = 'GET', body, token = session.token() } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `The server cannot be reached (${e.message}).`);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = { message: text };
    }
  }
  if (!response.ok) {
    if (response.status === 401 && token === session.token()) session.signOut('revoked');
    throw new ApiError(response.status, (data && data.message) || response.statusText,
      data && data.details);
  }
  return { data, location: response.headers.get('Location') };
}

export const get = async (path) => (await call(path)).data;
export const post = (path, body = {}) => call(path, { method: 'POST', body });

/** Builds "/path?a=1&b=x" from the defined parameters only. */
export function query(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const enc = encodeURIComponent;
