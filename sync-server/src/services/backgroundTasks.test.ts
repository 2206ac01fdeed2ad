import { pino } from 'pino';
import { expect, it } from 'vitest';
import { BackgroundTasks } from './backgroundTasks';

const log = pino({ level: 'silent' });

it('runs a periodic task on its interval, never twice at once, and not after close()', async () => {
  const tasks = new BackgroundTasks(log);
  let runs = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  tasks.every('slow', 10, async () => {
    runs++;
    maxConcurrent = Math.max(maxConcurrent, ++concurrent);
    await new Promise((r) => setTimeout(r, 35));
    concurrent--;
  });
  await expect.poll(() => runs, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
  expect(maxConcurrent).toBe(1);
  await tasks.close();
  const after = runs;
  await new Promise((r) => setTimeout(r, 60));
  expect(runs).toBe(after);
  expect(concurrent).toBe(0);
});

it('keeps running a periodic task after it fails (logged), and stops one on request', async () => {
  const tasks = new BackgroundTasks(log);
  let runs = 0;
  const stop = tasks.every('failing', 5, () => {
    runs++;
    return Promise.reject(new Error('boom'));
  });
  await expect.poll(() => runs, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
  stop();
  await tasks.drain();
  const after = runs;
  await new Promise((r) => setTimeout(r, 30));
  expect(runs).toBe(after);
  await tasks.close();
});
