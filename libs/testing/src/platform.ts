import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';

/** A database name of its own for each test file, so files can run in parallel. */
export const testDbName = (service: string): string =>
  `test_${service.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;

export const TEST_ADMIN_KEY = `test-admin-${randomBytes(16).toString('hex')}`;

export function infraEnv(): { MONGO_URL: string; NATS_URL: string; REDIS_URL: string } {
  const { MONGO_URL, NATS_URL, REDIS_URL } = process.env;
  if (!MONGO_URL || !NATS_URL || !REDIS_URL) {
    throw new Error('MONGO_URL, NATS_URL and REDIS_URL must be set (the jest global setup does this)');
  }
  return { MONGO_URL, NATS_URL, REDIS_URL };
}

export async function dropDatabases(mongoUrl: string, names: string[]): Promise<void> {
  const conn = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    for (const name of names) await conn.useDb(name).dropDatabase().catch(() => undefined);
  } finally {
    await conn.close();
  }
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Small HTTP client for end-to-end tests through the gateway. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey?: string,
  ) {}

  withKey(apiKey: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, apiKey);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.apiKey) h['x-api-key'] = this.apiKey;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}
