// The limit under our HTTP queries: bare Fastify (no auth, no schemas, no stores) answering
// one route with the body our API answered, read from a file: a JSON body is parsed once and
// returned as an object, so Fastify serialises it per request as any handler's result.
// Started by bench/api.ts as a child process, as our server is:
//   node --import tsx bench/fastifyLimit.ts <port> <path> <content-type> <body-file>
// Prints "listening" on stdout when ready.
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const [port, path, contentType, bodyFile] = process.argv.slice(2);
if (!port || !path || !contentType || !bodyFile) throw new Error('usage: fastifyLimit.ts <port> <path> <content-type> <body-file>');
const raw = readFileSync(bodyFile, 'utf8');
const body: unknown = contentType.startsWith('application/json') ? JSON.parse(raw) : raw;
const app = Fastify({ logger: false });
app.get(path, async (_request, reply) => {
  reply.header('content-type', contentType);
  return body;
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
console.log('listening');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
