// `make serve`: serves the built app (dist/) on 127.0.0.1, as the tests do.
// Usage: node e2e/serve.js [HOST] [PORT]
import { serveDist } from './support.js';

const [host = '127.0.0.1', port = '8080'] = process.argv.slice(2);
const { url } = await serveDist({ host, port: Number(port) });
console.log(`Serving dist/ at ${url}`);
