// The headers the app is served with, by `make serve`, the tests and the
// `_headers` file of a static host: a page's own Content-Security-Policy (the
// one the build wrote into its meta tag) with `frame-ancestors 'none'`, which
// only a header can say; no content sniffing and no referrer, always.
import { extname } from 'node:path';

export function securityHeaders(path, body) {
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  const policy = extname(path) === '.html' && /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(String(body))?.[1];
  if (policy) headers['content-security-policy'] = `${policy}; frame-ancestors 'none'`;
  return headers;
}
