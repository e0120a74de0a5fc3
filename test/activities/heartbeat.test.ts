// Activities that call a provider heartbeat for as long as the provider takes, and stop when it answers.
import { MockActivityEnvironment } from '@temporalio/testing';
import { whileHeartbeating } from '../../activities/heartbeat';

it('heartbeats while the work runs, and not after it', async () => {
  const env = new MockActivityEnvironment();
  let beats = 0;
  env.on('heartbeat', () => beats++);
  const result = await env.run(() =>
    whileHeartbeating(() => new Promise<string>((resolve) => setTimeout(() => resolve('SM123'), 260)), 50),
  );
  expect(result).toBe('SM123');
  expect(beats).toBeGreaterThanOrEqual(4);
  const after = beats;
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(beats).toBe(after);
});

it('runs the work as it is outside an activity', async () => {
  await expect(whileHeartbeating(async () => 'done')).resolves.toBe('done');
});
