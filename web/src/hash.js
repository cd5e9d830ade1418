// The address's hash names what is shown (#scenario=..&version=..&view=..&...), so that a view
// can be shared and survives a reload. Each view reads the keys it knows and changes only
// those, keeping the others'.
export function readHash() {
  return Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
}

// Sets the keys given (a value '' or null removes its key), keeping the others in their order.
export function updateHash(changes) {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const [key, value] of Object.entries(changes)) {
    if (value === '' || value === null || value === undefined) params.delete(key);
    else params.set(key, value);
  }
  history.replaceState(null, '', `#${params}`);
}
