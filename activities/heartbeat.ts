// Heartbeats while a provider works: Temporal then knows within seconds when the worker running the call has died,
// and retries it, rather than waiting out the whole start-to-close timeout.
import { Context } from '@temporalio/activity';

export async function whileHeartbeating<T>(work: () => Promise<T>, everyMs = 3_000): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work(); // Not in an activity (a script, a unit test): nothing to tell.
  }
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
