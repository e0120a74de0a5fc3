// A provider's failure tells what went wrong, never what was being sent: Temporal logs an activity's error and keeps
// it in the workflow's history, and the SDKs' errors carry the whole request (recipient, text, credentials).
import { loadConfig } from '../../infra/config';
import { createMessenger, createSendGridClient, createTwilioClient } from '../../infra/messaging';
import { freePort } from '../support/ports';

it('fails a send to an unreachable provider with an error that holds no recipient, text or credential', async () => {
  const config = loadConfig({ ...process.env, STANDINS_PORT: String(await freePort()) });
  const messenger = createMessenger({
    twilio: createTwilioClient(config),
    sendgrid: createSendGridClient(config),
    smsFrom: 'INPS',
    emailFrom: 'noreply@inps.example',
  });
  const secretText = 'INPS: i primi 8 caratteri del Suo PIN sono ABCD1234. Segua https://example.it/follow?t=tok3n';
  for (const [channel, to] of [
    ['sms', '+393331234567'],
    ['email', 'mario.rossi@example.it'],
  ] as const) {
    const failure = await messenger.send({ id: 'n-1', channel, to, subject: 'Il Suo PIN', text: secretText }).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    const everything = `${failure!.message} ${failure!.stack} ${JSON.stringify(failure)}`;
    for (const leak of [to, 'ABCD1234', 'tok3n', 'Authorization', 'Bearer', 'stand-in'])
      expect([channel, everything.includes(leak)]).toEqual([channel, false]);
  }
});
