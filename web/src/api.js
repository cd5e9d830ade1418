// The headquarters API as the dashboard calls it: same origin, the user's bearer token, JSON
// answers; an error answer becomes an ApiError carrying the API's code and message.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Bounded: a request that takes longer than this is abandoned with an error shown to the user.
const TIMEOUT_MS = 15000;

export function apiGet(path, token, headers = {}) {
  return apiSend('GET', path, token, undefined, headers);
}

// Any method; `body` (if any) sent as JSON; `headers` added (e.g. Prefer: wait=5).
export async function apiSend(method, path, token, body, headers = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json',
                 ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (error) {
    throw new ApiError(0, 'network', `the server did not answer ${path} (${error.message})`);
  } finally {
    clearTimeout(timer);
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const error = answer && answer.error;
    throw new ApiError(response.status, error ? error.code : `http.${response.status}`,
                       error ? error.message : `${path} answered ${response.status}`);
  }
  return answer;
}

export const segment = encodeURIComponent;
