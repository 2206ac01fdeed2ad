import { z } from 'zod';
import { missing, SubsonicError } from './response';

const Int = z.coerce.number().int();
const Uuid = z.uuid();

/**
 * The parameters of one Subsonic call: the query string and, for form POST (OpenSubsonic
 * `formPost`), the body, merged; a name may repeat (`id=a&id=b`). Every read is validated
 * here, so handlers only see well-formed values; a bad value is Subsonic error 0 with the
 * parameter's name, a missing required one error 10.
 *
 * @example
 * const p = new SubsonicParams(new URLSearchParams('id=1&size=20'));
 * p.int('size', { min: 1, max: 500, fallback: 10 }); // 20
 */
export class SubsonicParams {
  constructor(private readonly source: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.source.get(name) ?? undefined;
  }

  all(name: string): string[] {
    return this.source.getAll(name);
  }

  required(name: string): string {
    const v = this.get(name);
    if (v === undefined || v === '') throw missing(name);
    return v;
  }

  int(name: string, o: { min: number; max: number; fallback?: number }): number {
    const raw = this.get(name);
    if (raw === undefined || raw === '') {
      if (o.fallback === undefined) throw missing(name);
      return o.fallback;
    }
    const parsed = Int.min(o.min).max(o.max).safeParse(raw);
    if (!parsed.success) throw new SubsonicError(0, `Parameter ${name} must be an integer from ${o.min} to ${o.max}`);
    return parsed.data;
  }

  /** Every value of a repeated integer parameter. */
  ints(name: string, min: number, max: number): number[] {
    return this.all(name).map((raw) => {
      const parsed = Int.min(min).max(max).safeParse(raw);
      if (!parsed.success) throw new SubsonicError(0, `Parameter ${name} must be an integer from ${min} to ${max}`);
      return parsed.data;
    });
  }

  optionalInt(name: string, min: number, max: number): number | undefined {
    return this.get(name) ? this.int(name, { min, max }) : undefined;
  }

  bool(name: string): boolean | undefined {
    const raw = this.get(name)?.toLowerCase();
    if (raw === undefined || raw === '') return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new SubsonicError(0, `Parameter ${name} must be true or false`);
  }

  /** A catalog id (a UUID); anything else names nothing here, so it is "not found". */
  id(name: string, what: string): string {
    return SubsonicParams.uuidOr70(this.required(name), what);
  }

  static uuidOr70(raw: string, what: string): string {
    const parsed = Uuid.safeParse(raw);
    if (!parsed.success) throw new SubsonicError(70, `${what} not found`);
    return parsed.data.toLowerCase();
  }
}
