// Click-to-call, as the task records it: what each Twilio call-status callback means for the call the agent placed.
// Callbacks can arrive late or twice; a call that has ended stays ended (only an answered call may still complete).

/**
 * One click-to-call: the agent's phone is rung first (`agent_ringing`), then bridged to the citizen
 * (`citizen_ringing`); the citizen's leg ends `answered` then `completed`, or `busy`, `no_answer`, `failed`.
 */
export const CALL_STATUSES = [
  'agent_ringing',
  'citizen_ringing',
  'answered',
  'completed',
  'busy',
  'no_answer',
  'failed',
  'agent_unreachable',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Twilio's `CallStatus` values (https://www.twilio.com/docs/voice/api/call-resource#call-status-values). */
export const TWILIO_CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
export type TwilioCallStatus = (typeof TWILIO_CALL_STATUSES)[number];

/** A call that has ended stays ended. */
export const ENDED_CALL_STATUSES = [
  'completed',
  'busy',
  'no_answer',
  'failed',
  'agent_unreachable',
] as const satisfies readonly CallStatus[];

export const callHasEnded = (status: CallStatus) => (ENDED_CALL_STATUSES as readonly CallStatus[]).includes(status);

/** The agent's own phone (the first leg): it only matters if the agent never picked up. */
export function afterAgentLegStatus(current: CallStatus, reported: TwilioCallStatus): CallStatus {
  if (current !== 'agent_ringing') return current;
  return ['busy', 'no-answer', 'failed', 'canceled'].includes(reported) ? 'agent_unreachable' : current;
}

/** The citizen's leg, bridged by `<Dial>`: ringing, answered, then completed; or busy, no answer, failed. */
export function afterCitizenLegStatus(current: CallStatus, reported: TwilioCallStatus): CallStatus {
  if (callHasEnded(current)) return current;
  switch (reported) {
    case 'queued':
    case 'initiated':
    case 'ringing':
      return current === 'answered' ? current : 'citizen_ringing';
    case 'in-progress':
      return 'answered';
    case 'completed':
      // A leg that completes without having been answered was never picked up.
      return current === 'answered' ? 'completed' : 'no_answer';
    case 'busy':
      return 'busy';
    case 'no-answer':
    case 'canceled':
      return 'no_answer';
    case 'failed':
      return 'failed';
  }
}
