// The one logger. Secrets and personal data are redacted by key wherever they appear in a log object.
// Its level follows the configuration once start-up has read it (`applyLogLevel`).
import pino from 'pino';

export const logger = pino({
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
});

export type Logger = typeof logger;

export function applyLogLevel(level: pino.LevelWithSilent): void {
  logger.level = level;
}
