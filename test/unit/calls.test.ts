// What the agent sees of a call from Twilio's status callbacks, in whatever order they come.
import { afterAgentLegStatus, afterCitizenLegStatus } from '../../domain/calls';
import type { CallStatus } from '../../domain/calls';

const replay = (events: Parameters<typeof afterCitizenLegStatus>[1][], from: CallStatus = 'citizen_ringing') =>
  events.reduce(afterCitizenLegStatus, from);

it('follows an answered call to its end', () => {
  expect(replay(['ringing'])).toBe('citizen_ringing');
  expect(replay(['ringing', 'in-progress'])).toBe('answered');
  expect(replay(['ringing', 'in-progress', 'completed'])).toBe('completed');
});

it('names each way a call is not answered', () => {
  expect(replay(['ringing', 'busy'])).toBe('busy');
  expect(replay(['ringing', 'no-answer'])).toBe('no_answer');
  expect(replay(['failed'])).toBe('failed');
  expect(replay(['ringing', 'completed'])).toBe('no_answer');
});

it('keeps an ended call ended when a late or repeated callback arrives', () => {
  expect(replay(['busy', 'ringing', 'in-progress'])).toBe('busy');
  expect(replay(['in-progress', 'completed', 'ringing'])).toBe('completed');
  expect(replay(['in-progress', 'ringing'])).toBe('answered');
});

it('tells an agent who did not pick up their own phone', () => {
  expect(afterAgentLegStatus('agent_ringing', 'no-answer')).toBe('agent_unreachable');
  expect(afterAgentLegStatus('agent_ringing', 'in-progress')).toBe('agent_ringing');
  expect(afterAgentLegStatus('answered', 'completed')).toBe('answered');
});
