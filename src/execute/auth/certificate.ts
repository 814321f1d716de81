import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignInError } from './errors.js';

/** A client certificate ready for MSAL, read from one PEM file. */
export interface ClientCertificate {
  /** The private key as unencrypted PKCS#8 PEM (what MSAL's JWT signer accepts). */
  privateKeyPem: string;
  /** Hex SHA-256 thumbprint; MSAL sends it base64url-encoded as the `x5t#S256` header. */
  thumbprintSha256: string;
  /** Hex SHA-1 thumbprint, upper case: the form the Entra portal lists under "Certificates". */
  thumbprintSha1: string;
  /** The certificate(s) as PEM, the key's own first; MSAL sends them as `x5c` (subject name/issuer auth). */
  x5c: string;
  subject: string;
  notAfter: Date;
  /** The key in every form it was held in, for redaction. */
  secrets: string[];
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const FIX = '--client-certificate (GSC_CLIENT_CERTIFICATE_PATH)';

function bad(path: string, what: string, hint: string): SignInError {
  return new SignInError('certificate', `the client certificate ${path} ${what}`, hint);
}

/**
 * Reads a PEM holding an RSA private key and its certificate (plus, optionally, its chain).
 * @throws SignInError `certificate` naming the path and what to change.
 */
export function readClientCertificate(path: string, now: Date = new Date()): ClientCertificate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)'
      : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    throw bad(path, why, `set ${FIX} to a readable PEM file with the private key and the certificate`);
  }
  const blocks = [...text.matchAll(BLOCK)].map((m) => ({ label: m[1] ?? '', pem: m[0] }));
  if (blocks.length === 0) {
    throw bad(path, 'is not a PEM file', 'convert a .pfx with `openssl pkcs12 -in app.pfx -out app.pem -nodes`, then pass the .pem');
  }
  const keyBlocks = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'));
  const certBlocks = blocks.filter((b) => b.label === 'CERTIFICATE');
  const keyBlock = keyBlocks[0];
  if (!keyBlock) {
    throw bad(path, 'has no private key', 'put the private key and the certificate in one PEM, e.g. `cat app.key app.crt > app.pem`');
  }
  if (keyBlock.label.startsWith('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(keyBlock.pem)) {
    throw bad(path, 'has a passphrase-protected private key', 'decrypt it first: `openssl pkey -in app.pem -out app-key.pem` (then add the certificate)');
  }
  const key = parseKey(path, keyBlock.pem);
  if (certBlocks.length === 0) {
    throw bad(path, 'has a private key but no certificate, so its thumbprint is unknown',
      'append the certificate uploaded to the app registration: `cat app.key app.crt > app.pem`');
  }
  const certs = certBlocks.map((b) => parseCert(path, b.pem));
  const own = certs.findIndex((c) => c.checkPrivateKey(key));
  const leaf = certs[own];
  if (!leaf) {
    throw bad(path, 'has a private key that belongs to none of its certificates', 'pair the key with the certificate made from it');
  }
  const notAfter = new Date(leaf.validTo);
  if (notAfter.getTime() < now.getTime()) {
    throw bad(path, `expired on ${notAfter.toISOString()}`, 'create a new certificate, upload it to the app registration and point ' + FIX + ' at it');
  }
  const privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ordered = [certBlocks[own]!.pem, ...certBlocks.filter((_, i) => i !== own).map((b) => b.pem)];
  return {
    privateKeyPem,
    thumbprintSha256: leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
    thumbprintSha1: leaf.fingerprint.replace(/:/g, '').toUpperCase(),
    x5c: ordered.join('\n'),
    subject: leaf.subject.replace(/\n/g, ', '),
    notAfter,
    secrets: [keyBlock.pem, privateKeyPem],
  };
}

function parseKey(path: string, pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw bad(path, 'has a private key that cannot be parsed', 'export it again as PEM: `openssl pkey -in app.key -out app-key.pem`');
  }
  // MSAL signs client assertions with PS256, which needs RSA; Entra accepts only RSA keys here.
  if (key.asymmetricKeyType !== 'rsa') {
    throw bad(path, `has an ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()} private key, and sign-in needs RSA`,
      'create an RSA certificate, e.g. `openssl req -x509 -newkey rsa:2048 -nodes -keyout app.key -out app.crt -days 365`');
  }
  return key;
}

function parseCert(path: string, pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw bad(path, 'has a certificate that cannot be parsed', 'export the certificate again as PEM (`openssl x509 -in app.cer -out app.crt`)');
  }
}
