// `make serve`: serves the built app (dist/) on 127.0.0.1, as the tests do:
// under EHC_BASE (default /), each file's compressed copy when the browser
// accepts it, with the security headers.
// Usage: node e2e/serve.js [HOST] [PORT]
import { serveDist } from './support.js';

const [host = '127.0.0.1', port = '8080'] = process.argv.slice(2);
const { url } = await serveDist({ host, port: Number(port) });
console.log(`Serving dist/ at ${url}`);
