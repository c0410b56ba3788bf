// Calls to the whipcount JSON API (served by `whipcount serve` from the same origin).

export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let pending = 0;
const busy = () => document.getElementById('busy');

// GET /api/<path>?<params>; params with empty values are left out. Resolves to the parsed JSON;
// rejects with ApiError carrying the server's message (its `error` field) on a 4xx/5xx answer.
export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const qs = query.toString();
  const url = `api/${path}${qs ? '?' + qs : ''}`;
  pending++;
  busy().hidden = false;
  let response;
  try {
    response = await fetch(url, {headers: {Accept: 'application/json'}});
  } catch (err) {
    throw new ApiError(`Cannot reach the whipcount server (${err.message}). Is \`whipcount serve\` still running?`, 0, null);
  } finally {
    if (--pending === 0) busy().hidden = true;
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    let message = body && (body.error ?? body.message);
    if (message && typeof message === 'object') message = message.message || JSON.stringify(message);
    if (!message) message = text.trim() || `${response.status} ${response.statusText}`;
    throw new ApiError(String(message), response.status, body);
  }
  if (body === null) throw new ApiError(`The server sent no JSON for ${url}`, response.status, null);
  return body;
}

// /api/actors?q= answers {query, matched_by, actors: [{name, kind, ...}], closest: [names]}:
// the actors the text names, else the closest names. Suggestions are both, matches first. A bare
// list (of names or of objects with a name) is taken too.
export async function searchActors(q) {
  const body = await getJson('actors', {q});
  const list = Array.isArray(body) ? body : [...(body.actors || []), ...(body.closest || [])];
  const seen = new Set();
  const out = [];
  for (const a of list) {
    const item = typeof a === 'string' ? {name: a} : {name: a.name, kind: a.kind};
    if (item.name && !seen.has(item.name)) {
      seen.add(item.name);
      out.push(item);
    }
  }
  return out;
}
