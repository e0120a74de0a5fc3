// Activities that call a provider heartbeat for as long as the provider takes, and stop when it answers.
import { MockActivityEnvironment } from '@temporalio/testing';
import { whileHeartbeating } from '../../activities/heartbeat';

it('heartbeats while the work runs, and not after it', async () => {
  const env = new MockActivityEnvironment();
  let beats = 0;
  // The provider answers once it has seen four heartbeats, however slow the machine: no heartbeats, no answer.
  let answer!: (reference: string) => void;
  const provider = new Promise<string>((resolve) => (answer = resolve));
  env.on('heartbeat', () => {
    if (++beats === 4) answer('SM123');
  });
  const result = await env.run(() => whileHeartbeating(() => provider, 50));
  expect(result).toBe('SM123');
  expect(beats).toBeGreaterThanOrEqual(4);
  const after = beats;
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(beats).toBe(after);
  // Without heartbeats the provider never answers: fail in seconds, not at the suite's two-minute limit.
}, 10_000);

it('runs the work as it is outside an activity', async () => {
  await expect(whileHeartbeating(async () => 'done')).resolves.toBe('done');
});
