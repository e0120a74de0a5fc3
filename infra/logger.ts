// The one logger. Secrets and personal data are redacted by key wherever they appear in a log object; errors, whose
// text comes from outside (a provider's refusal quoting a phone number), have personal data masked inside their text.
// Its level follows the configuration once start-up has read it (`applyLogLevel`).
import pino from 'pino';
import { maskPersonalData } from '../domain/personal-data';

/** Every string of a (serialized) error, nested ones included, with personal data masked. */
function maskedError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskedError(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskedError(item, depth + 1)]));
}

/** A logger writing to `destination` (standard output unless given): the product has one, below; tests make theirs. */
export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
      redact: {
        paths: [
          '*.pin',
          '*.password',
          '*.fiscalCode',
          '*.phone',
          '*.email',
          'req.headers.authorization',
          'req.headers.cookie',
          'pin',
          'password',
          'fiscalCode',
        ],
        censor: '[redacted]',
      },
      serializers: {
        err: (err: unknown) => maskedError(err instanceof Error ? pino.stdSerializers.err(err) : err),
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = typeof logger;

export function applyLogLevel(level: pino.LevelWithSilent): void {
  logger.level = level;
}
