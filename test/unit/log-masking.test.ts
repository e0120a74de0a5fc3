// The log keeps no personal data that arrives inside an error's text: a provider's refusal quoting the number or the
// address it refused, a driver's error quoting a codice fiscale. The log is read by operators and shipped to systems
// that are not the encrypted stores.
import { createLogger } from '../../infra/logger';

function logOf(write: (logger: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  write(createLogger({ write: (line: string) => lines.push(line) }));
  return lines.join('');
}

const PERSONAL = ['+393331234567', '3331234567', 'mario.rossi@example.it', 'RSSMRA85T10H501Z', 'rssmra85t10h501z'];

describe('the log', () => {
  it("masks the phone number, email address and codice fiscale inside an error's message and stack", () => {
    class RestException extends Error {
      moreInfo = 'https://www.twilio.com/docs/errors/21211 (To: +39 333 123 4567)';
    }
    const refusal = new RestException(
      "The 'To' number +393331234567 is not a valid phone number; also tried 3331234567, mario.rossi@example.it, RSSMRA85T10H501Z",
    );
    const log = logOf((logger) => logger.error({ err: refusal, activity: 'sendPinFirstHalf' }, 'Activity failed'));
    for (const datum of PERSONAL) expect(log).not.toContain(datum);
    expect(log).not.toContain('333 123 4567');
    const line = JSON.parse(log);
    // What an operator needs to act stays: the kind of failure, the provider's words, where it happened.
    expect(line.err.type).toBe('RestException');
    expect(line.err.message).toBe(
      "The 'To' number [phone] is not a valid phone number; also tried [phone], [email], [codice fiscale]",
    );
    expect(line.err.stack).toContain('log-masking.test.ts');
    expect(line.err.moreInfo).toBe('https://www.twilio.com/docs/errors/21211 (To: [phone])');
    expect(line.activity).toBe('sendPinFirstHalf');
  });

  it('masks an error given as text, as the database pool and a workflow log it', () => {
    const log = logOf((logger) =>
      logger.warn({ err: 'duplicate key: fiscal_code=(rssmra85t10h501z), email mario.rossi@example.it' }, 'lost'),
    );
    for (const datum of PERSONAL) expect(log).not.toContain(datum);
    expect(JSON.parse(log).err).toBe('duplicate key: fiscal_code=([codice fiscale]), email [email]');
  });

  it("leaves the paths of a scoped package's code in a stack trace readable", () => {
    const text =
      'Error: not workflow code\n    at loadBundle (/app/node_modules/@temporalio/worker/lib/workflow/bundler.js:12:3)';
    expect(JSON.parse(logOf((logger) => logger.warn({ err: text }, 'x'))).err).toBe(text);
  });

  it('leaves ids, durations and dates alone', () => {
    const text = 'workflow pin-request:123e4567-e89b-12d3-a456-426614174000 timed out after 300000 ms on 2026-11-30';
    expect(JSON.parse(logOf((logger) => logger.warn({ err: text }, 'x'))).err).toBe(text);
  });
});
