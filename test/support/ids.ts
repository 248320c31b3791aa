import { randomUUID } from 'node:crypto';

// Stream names unique per test run, so contract suites can run against a shared server.
export const uniqueSuffix = (): string => randomUUID().replaceAll('-', '').slice(0, 12);
export { randomUUID as newId };
