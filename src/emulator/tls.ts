import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A certificate and its private key, PEM. */
export interface TlsMaterial {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for HTTPS on loopback, whose PEM is written to a temporary file
 * for clients to trust (`NODE_EXTRA_CA_CERTS=<certFile>`); `remove()` deletes that file.
 */
export interface SelfSignedCertificate extends TlsMaterial {
  certFile: string;
  remove(): void;
}

/** Names the certificate is valid for: whatever a client on this machine may call the server. */
const ALT_NAMES = [
  { type: 2 as const, value: 'localhost' },
  { type: 7 as const, ip: '127.0.0.1' },
  { type: 7 as const, ip: '::1' },
];

/**
 * Makes a self-signed certificate for localhost, 127.0.0.1 and ::1, valid for two days, with no
 * network and no external program (the `selfsigned` package signs it with WebCrypto). It is its
 * own CA, so trusting the one file is enough.
 */
export async function makeSelfSignedCertificate(): Promise<SelfSignedCertificate> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'graph-sync-conformance localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 2 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: ALT_NAMES },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'gsc-tls-'));
  const certFile = join(dir, 'gsc-localhost.crt');
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, certFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Reads a PEM certificate and key given as files (`--cert`, `--key`); a clear Error names a missing one. */
export function readTlsFiles(certFile: string, keyFile: string): TlsMaterial {
  const read = (flag: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  };
  return { cert: read('--cert', certFile), key: read('--key', keyFile) };
}
