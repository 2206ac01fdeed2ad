import bcrypt from 'bcryptjs';

/**
 * bcrypt hashing at the configured cost. `verifyOrBurn` exists so that a login for an
 * unknown account costs the same time as a wrong password: it compares against a dummy
 * hash of the same cost instead of returning early.
 *
 * @example
 * const passwords = new PasswordHasher(12);
 * const hash = await passwords.hash('correct horse battery');
 * await passwords.verifyOrBurn('guess', hash); // false
 */
export class PasswordHasher {
  // Made up front: computing it on the first unknown login would make that one slower.
  private readonly dummy: Promise<string>;

  constructor(readonly cost: number) {
    this.dummy = bcrypt.hash('encore-dummy-password-for-timing', cost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  /** Compares against `hash`, or against a dummy hash when there is no account. */
  async verifyOrBurn(password: string, hash: string | undefined): Promise<boolean> {
    if (hash === undefined) {
      await bcrypt.compare(password, await this.dummy);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
