// A step asked before the dates Postgres holds allow it (a call's time in the queue, a term's end): refused, saying how
// long until they do, so that it is asked again once then.
export class NotYet extends Error {
  constructor(
    message: string,
    readonly remainingMs: number,
  ) {
    super(message);
    this.name = 'NotYet';
  }
}
