/**
 * The renderer's Content-Security-Policy, used by the Electron protocol handler, the headless host's
 * response header and the `<meta>` tag injected into the built index.html. No inline script or style,
 * no remote origins; the headless WebSocket is same-origin and covered by 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
