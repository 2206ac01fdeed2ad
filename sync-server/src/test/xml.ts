import { execFileSync } from 'node:child_process';

/** Throws unless xmllint (Debian libxml2-utils) parses the document: well-formed XML. */
export function assertWellFormed(xml: string): void {
  execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
}
