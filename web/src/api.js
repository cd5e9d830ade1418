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

export async function apiGet(path, token) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: controller.signal,
    });
  } catch (error) {
    throw new ApiError(0, 'network', `the server did not answer ${path} (${error.message})`);
  } finally {
    clearTimeout(timer);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error;
    throw new ApiError(response.status, error ? error.code : `http.${response.status}`,
                       error ? error.message : `${path} answered ${response.status}`);
  }
  return body;
}

export const segment = encodeURIComponent;
