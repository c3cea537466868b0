// Loaded with `node --import` before Portkey's gateway. On Node 20, undici gives fetch() responses
// immutable headers, and Portkey's streaming path appends headers to the upstream response, which then
// fails with "TypeError: immutable" (HTTP 500). Re-wrapping streamed responses in a new Response with a
// copy of the headers makes them mutable again. Non-streaming responses are left as they are, so the
// shim costs Portkey nothing on the paths that already work.
const originalFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await originalFetch(...args);
  const type = response.headers.get('content-type') || '';
  if (!type.includes('text/event-stream')) {
    return response;
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
