import { EncoreError } from '@encore/shared/errors';

/** The error code of a failure, or null when it is not an EncoreError. */
export const codeOf = (e: unknown) => (e instanceof EncoreError ? e.code : null);

/**
 * What to tell the user about a failed studio action, by code. The project API's refusals
 * (BAD_REQUEST, CONFLICT…) are sentences about the edit ("Split inside the clip"), shown as is.
 */
export function studioMessage(e: unknown): string {
  if (!(e instanceof EncoreError)) return 'Something went wrong. Try again.';
  switch (e.code) {
    case 'PROJECT_NOT_FOUND':
      return 'This project no longer exists (it was deleted, maybe in another window).';
    case 'HOST_UNAVAILABLE':
      return 'Encore’s background service isn’t answering. It reconnects by itself; try again in a moment.';
    case 'VALIDATION_FAILED':
      return 'That value is out of range.';
    case 'BAD_REQUEST':
    case 'CONFLICT':
    case 'NOT_FOUND':
    case 'TRACK_NOT_FOUND':
      return e.message.replace(/^\w+: /, '');
    default:
      return 'Something went wrong on our side. Try again.';
  }
}
