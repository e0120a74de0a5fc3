// The worker's polls (infra/config.ts): a number or autoscaling, never more than the slots they fill; a bad value
// stops the start with the setting's name rather than reaching the SDK.
import { loadConfig } from '../../infra/config';

const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

it('takes a number of polls, or autoscaling, for each task queue', () => {
  expect(load({})).toMatchObject({ WORKER_WORKFLOW_TASK_POLLS: 10, WORKER_ACTIVITY_TASK_POLLS: 10 });
  expect(load({ WORKER_WORKFLOW_TASK_POLLS: 'autoscaling', WORKER_ACTIVITY_TASK_POLLS: '4' })).toMatchObject({
    WORKER_WORKFLOW_TASK_POLLS: 'autoscaling',
    WORKER_ACTIVITY_TASK_POLLS: 4,
  });
});

it.each([
  [{ WORKER_WORKFLOW_TASK_POLLS: '1' }, 'WORKER_WORKFLOW_TASK_POLLS: a number from 2 to 200, or autoscaling'],
  [{ WORKER_ACTIVITY_TASK_POLLS: 'lots' }, 'WORKER_ACTIVITY_TASK_POLLS: a number from 2 to 200, or autoscaling'],
  [
    { WORKER_WORKFLOW_TASK_POLLS: '41' },
    'WORKER_WORKFLOW_TASK_POLLS: at most WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (40)',
  ],
  [
    { WORKER_MAX_CONCURRENT_ACTIVITIES: '8', WORKER_ACTIVITY_TASK_POLLS: '10' },
    'WORKER_ACTIVITY_TASK_POLLS: at most WORKER_MAX_CONCURRENT_ACTIVITIES (8)',
  ],
])('refuses %j, naming the setting', (env, message) => {
  expect(() => load(env)).toThrow(message);
});
