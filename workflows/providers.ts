// What every call to an outside provider (SMS, email, print house) shares in a workflow: a worker that dies in the
// middle of one is noticed by its missing heartbeat within seconds, and the call retried, instead of waiting out the
// whole start-to-close timeout. The activities heartbeat while the provider works (activities/heartbeat.ts).
export const PROVIDER_HEARTBEAT_TIMEOUT = '15 seconds';
