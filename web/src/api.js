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
// A request that asks the server to wait (Prefer: wait=N) gets N seconds more.
const TIMEOUT_MS = 15000;

// Any request: {method, body (an object, sent as JSON), wait (seconds, sent as Prefer: wait=N)}.
// Answers {status, body} for a success (2xx), throws ApiError otherwise.
export async function apiRequest(path, token, { method = 'GET', body, wait } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS + (wait || 0) * 1000);
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (wait) headers.Prefer = `wait=${wait}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
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
  return { status: response.status, body: answer };
}

export async function apiGet(path, token) {
  return (await apiRequest(path, token)).body;
}

export const segment = encodeURIComponent;
