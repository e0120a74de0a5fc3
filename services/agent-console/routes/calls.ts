// Click-to-call for outbound verification, through Twilio Programmable Voice: the agent's phone is rung first, and
// when the agent answers Twilio asks for instructions and gets a `<Dial>` that bridges the citizen. Twilio reports
// each leg's progress to the status callbacks; every callback is checked against `X-Twilio-Signature` before it
// is read, and what it says is recorded on the task's call.
import { formBody, routes } from '../../shared/input';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import twilio from 'twilio';
import {
  afterAgentLegStatus,
  afterCitizenLegStatus,
  TWILIO_CALL_STATUSES,
  type TwilioCallStatus,
} from '../../../domain/calls';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { pinRequestById } from '../../../repositories/pin-requests';
import { staffContact } from '../../../repositories/staff';
import {
  callNotPlaced,
  callPlaced,
  citizenPhoneForCall,
  findCall,
  placeCall,
  recordCallStatus,
} from '../../../repositories/task-calls';
import type { CallStatus } from '../../../domain/calls';
import { logger } from '../../../infra/logger';
import { twilioAuthToken, type TwilioClient } from '../../../infra/messaging';
import { ApiError } from '../../shared/errors';
import { requireRole } from '../auth';
import { claimedTask, parseId, requestIdOf } from '../queue';

const WEBHOOKS = '/webhooks/twilio/voice/calls';

export function callRoutes({ db, config, twilioClient }: { db: Db; config: Config; twilioClient: TwilioClient }) {
  const router = routes();
  const webhookUrl = (callId: string, leg: 'bridge' | 'agent-status' | 'citizen-status') =>
    `${config.agentPublicUrl}${WEBHOOKS}/${callId}/${leg}`;

  /** Places the call: the agent's phone first; the citizen is dialled when the agent answers. */
  router.post('/api/agent/tasks/:id/calls', requireRole('outbound_verification'), async (req, res) => {
    const me = req.staff!;
    const task = await claimedTask(db, me, String(req.params.id), 'outbound_verification');
    const agent = await staffContact(db, me.id);
    if (!agent.phone)
      throw new ApiError(422, 'no_agent_phone', 'Your account has no phone to ring: ask a supervisor to add one');
    const citizen = await pinRequestById(db, task.pin_request_id!);
    if (!citizen.phone) throw new ApiError(422, 'no_citizen_phone', 'This request has no phone number to call');
    const callId = randomUUID();
    await placeCall(db, { callId, taskId: task.id, staffId: me.id, requestId: requestIdOf(task) });
    try {
      const call = await twilioClient.calls.create({
        to: agent.phone,
        from: config.TWILIO_VOICE_CALLER_ID,
        url: webhookUrl(callId, 'bridge'),
        method: 'POST',
        statusCallback: webhookUrl(callId, 'agent-status'),
        statusCallbackEvent: ['answered', 'completed'],
        statusCallbackMethod: 'POST',
      });
      await callPlaced(db, { callId, agentCallSid: call.sid });
    } catch (err) {
      await callNotPlaced(db, callId);
      logger.error({ err, callId }, 'Twilio refused to place the call');
      throw new ApiError(502, 'call_not_placed', 'The phone system could not place the call; try again');
    }
    res
      .status(201)
      .json({ callId, status: 'agent_ringing', message: 'Your phone is ringing: answer it to be connected' });
  });

  /** Twilio's webhooks are form-encoded and signed over our public URL and every field. */
  const signed = [
    ...formBody('16kb'),
    (req: Request, _res: unknown, next: () => void) => {
      const signature = req.get('X-Twilio-Signature');
      const url = `${config.agentPublicUrl}${req.originalUrl}`;
      if (!signature || !twilio.validateRequest(twilioAuthToken(config), signature, url, req.body ?? {}))
        throw new ApiError(403, 'bad_signature', 'This request is not signed by Twilio');
      next();
    },
  ];

  async function callFor(rawId: string) {
    const call = await findCall(db, parseId(rawId, 'call'));
    if (!call) throw new ApiError(404, 'not_found', 'No such call');
    return call;
  }

  function reportedStatus(body: Record<string, string | undefined>): TwilioCallStatus {
    const status = body.CallStatus;
    if (!status || !(TWILIO_CALL_STATUSES as readonly string[]).includes(status))
      throw new ApiError(400, 'invalid_call_status', 'CallStatus is missing or unknown', { CallStatus: 'unknown' });
    return status as TwilioCallStatus;
  }

  async function record(callId: string, before: CallStatus, after: CallStatus, body: Record<string, string>) {
    await recordCallStatus(db, {
      callId,
      before,
      after,
      citizenCallSid: body.CallSid,
      durationSeconds: body.CallDuration ? Number(body.CallDuration) || 0 : undefined,
    });
  }

  /** The agent picked up: bridge the citizen, and have the citizen's leg report ringing, answer and end. */
  router.post(`${WEBHOOKS}/:callId/bridge`, ...signed, async (req, res) => {
    const call = await callFor(String(req.params.callId));
    const phone = await citizenPhoneForCall(db, call.task_id);
    const twiml = new twilio.twiml.VoiceResponse();
    if (!phone) twiml.say({ language: 'it-IT' }, 'Numero del cittadino non disponibile.');
    else {
      twiml.say({ language: 'it-IT' }, 'Chiamata al cittadino in corso.');
      const dial = twiml.dial({ callerId: config.TWILIO_VOICE_CALLER_ID, timeout: 30 });
      dial.number(
        {
          statusCallback: webhookUrl(call.id, 'citizen-status'),
          statusCallbackEvent: ['ringing', 'answered', 'completed'],
          statusCallbackMethod: 'POST',
        },
        phone,
      );
      await record(call.id, call.status, afterCitizenLegStatus(call.status, 'ringing'), {});
    }
    res.type('text/xml').send(twiml.toString());
  });

  router.post(`${WEBHOOKS}/:callId/agent-status`, ...signed, async (req, res) => {
    const call = await callFor(String(req.params.callId));
    await record(call.id, call.status, afterAgentLegStatus(call.status, reportedStatus(req.body)), req.body);
    res.status(204).end();
  });

  router.post(`${WEBHOOKS}/:callId/citizen-status`, ...signed, async (req, res) => {
    const call = await callFor(String(req.params.callId));
    await record(call.id, call.status, afterCitizenLegStatus(call.status, reportedStatus(req.body)), req.body);
    res.status(204).end();
  });

  return router;
}
