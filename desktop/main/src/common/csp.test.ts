import { describe, expect, it } from 'vitest';
import { buildCsp } from './csp';

describe('buildCsp', () => {
  it('allows the host socket and the configured servers over http and ws', () => {
    const csp = buildCsp({ selfOrigin: 'http://127.0.0.1:8790', serverUrls: ['http://127.0.0.1:8787/api', 'https://media.example.com'] });
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8790 http://127.0.0.1:8787 ws://127.0.0.1:8787 https://media.example.com wss://media.example.com;");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('drops URLs that are not http(s)', () => {
    const csp = buildCsp({ selfOrigin: null, serverUrls: ['javascript:alert(1)', 'not a url'] });
    expect(csp).toContain("connect-src 'self';");
  });
});
