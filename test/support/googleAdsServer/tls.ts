// A self-signed certificate for localhost, made with openssl once per test process (no key
// is committed). gRPC needs TLS here: grpc-js composes the library's call credentials (the
// OAuth bearer token) only with secure channel credentials.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tempDir.ts';

let made: { key: Buffer; cert: Buffer } | undefined;

export function localhostCert(): { key: Buffer; cert: Buffer } {
  if (made) return made;
  const dir = tempDir('gads-tls');
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  made = { key: readFileSync(key), cert: readFileSync(cert) };
  return made;
}
