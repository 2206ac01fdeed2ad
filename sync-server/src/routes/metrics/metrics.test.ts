import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';

describeEachDatabase('metrics', (db) => {
  it('exposes request counts by route pattern and status, durations and process metrics', async () => {
    const t = testApp(db());
    await t.call('GET', '/health');
    await t.call('GET', '/api/auth/verify-email/abcdefghijklmnopqrstuvwxyz012345');
    await t.call('GET', '/no/such/route');
    const res = await t.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('http_requests_total{method="GET",route="/health",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/auth/verify-email/:token",status="401"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health",status="200"\}/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
