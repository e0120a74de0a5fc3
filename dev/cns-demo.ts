// Development only: a demo certification authority that plays the CNS issuers (Carta Nazionale dei Servizi, the smart
// card whose certificate signs a citizen in), the TLS certificate of the CNS sign-in endpoint, and demo CNS
// certificates for a few demo citizens, made once under DATA_DIR/cns. Also, to try the refusals: an expired card, a
// revoked one (listed in the CRL) and one from a CA nobody trusts. Each card comes as PEM (for tests and curl) and as
// a PKCS#12 file to import into a browser (README, "The SPID era").
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

const { pki, asn1 } = forge;

/** The PKCS#12 password of the demo cards (a development secret, printed in the README). */
export const DEMO_CARD_PASSWORD = 'cns-demo';

export interface CnsDemoFiles {
  caFile: string;
  crlFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** A demo card: `<name>.crt.pem`, `<name>.key.pem`, `<name>.p12`. */
  card(name: string): { cert: string; key: string; p12: string };
}

export interface DemoCardHolder {
  fiscalCode: string;
  firstName: string;
  lastName: string;
}

const DAY = 86_400_000;
let serial = Date.now();
// A positive INTEGER with no leading zero byte (DER forbids the padding).
const nextSerial = () => `4${(serial++).toString(16).padStart(15, '0')}`;

function certificate(opts: {
  subject: forge.pki.CertificateField[];
  issuer: { cert?: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; subject?: forge.pki.CertificateField[] };
  keys: forge.pki.rsa.KeyPair;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = opts.keys.publicKey;
  cert.serialNumber = nextSerial();
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer.cert ? opts.issuer.cert.subject.attributes : (opts.issuer.subject ?? opts.subject));
  cert.setExtensions(opts.extensions);
  cert.sign(opts.issuer.key, forge.md.sha256.create());
  return cert;
}

const keyPair = () => pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
let cardKeys: forge.pki.rsa.KeyPair | undefined;

function authority(name: string) {
  const keys = keyPair();
  const subject = [
    { name: 'countryName', value: 'IT' },
    { name: 'organizationName', value: name },
    { name: 'commonName', value: `${name} - CA per la CNS (dimostrativa)` },
  ];
  const cert = certificate({
    subject,
    issuer: { key: keys.privateKey },
    keys,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { cert, key: keys.privateKey };
}

/**
 * A CNS certificate as the issuers make them: the codice fiscale in the subject's serialNumber ("IT:" + codice
 * fiscale, as on the CIE and CNS) and at the start of the common name ("<codice fiscale>/<card number>.<hash>").
 */
function card(ca: ReturnType<typeof authority>, holder: DemoCardHolder, validity: { notBefore: Date; notAfter: Date }) {
  // One key for every demo card: a real card makes its own, but RSA keys take time to make and these are demos.
  const keys = (cardKeys ??= keyPair());
  const cardNumber = `${Math.floor(Math.random() * 1e15)}`.padStart(16, '7');
  const cert = certificate({
    subject: [
      { name: 'countryName', value: 'IT' },
      { name: 'organizationName', value: 'Carta Nazionale dei Servizi (dimostrativa)' },
      { name: 'givenName', value: holder.firstName },
      { name: 'surname', value: holder.lastName },
      { name: 'serialNumber', value: `IT:${holder.fiscalCode}` },
      { name: 'commonName', value: `${holder.fiscalCode}/${cardNumber}.demo` },
    ],
    issuer: ca,
    keys,
    ...validity,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { cert, key: keys.privateKey };
}

/** A certificate revocation list (X.509 v2), signed by the CA: node-forge makes certificates, not CRLs. */
function revocationList(ca: ReturnType<typeof authority>, revoked: forge.pki.Certificate[]): string {
  const time = (d: Date) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d));
  const sha256WithRsa = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.OID,
      false,
      asn1.oidToDer(pki.oids.sha256WithRSAEncryption!).getBytes(),
    ),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
  ]);
  const serialOf = (cert: forge.pki.Certificate) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(cert.serialNumber));
  const tbs = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, String.fromCharCode(1)),
    sha256WithRsa,
    pki.distinguishedNameToAsn1(ca.cert.subject),
    time(new Date(Date.now() - DAY)),
    time(new Date(Date.now() + 365 * DAY)),
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.SEQUENCE,
      true,
      revoked.map((cert) =>
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          serialOf(cert),
          time(new Date(Date.now() - DAY / 2)),
        ]),
      ),
    ),
  ]);
  const digest = forge.md.sha256.create();
  digest.update(asn1.toDer(tbs).getBytes());
  const signature = ca.key.sign(digest);
  const crl = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    sha256WithRsa,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature),
  ]);
  const der = asn1.toDer(crl).getBytes();
  return `-----BEGIN X509 CRL-----\n${forge.util.encode64(der, 64)}\n-----END X509 CRL-----\n`;
}

/**
 * The demo PKI under `dir`, made on first use: the CA, the endpoint's certificate (for `host`), a valid card for each
 * holder (named by lower-case last name), and `expired`, `revoked` and `foreign` cards for the first holder.
 */
export function ensureCnsDemo(dir: string, holders: DemoCardHolder[], host: string): CnsDemoFiles {
  const files: CnsDemoFiles = {
    caFile: path.join(dir, 'ca.pem'),
    crlFile: path.join(dir, 'crl.pem'),
    serverCertFile: path.join(dir, 'server.crt.pem'),
    serverKeyFile: path.join(dir, 'server.key.pem'),
    card: (name) => ({
      cert: path.join(dir, `${name}.crt.pem`),
      key: path.join(dir, `${name}.key.pem`),
      p12: path.join(dir, `${name}.p12`),
    }),
  };
  if (existsSync(files.crlFile)) return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = authority('INPS sviluppo');
  const write = (file: string, text: string | Buffer) => writeFileSync(file, text, { mode: 0o600 });
  write(files.caFile, pki.certificateToPem(ca.cert));

  const serverKeys = keyPair();
  const server = certificate({
    subject: [{ name: 'commonName', value: host }],
    issuer: ca,
    keys: serverKeys,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 825 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [/^[\d.]+$/.test(host) ? { type: 7, ip: host } : { type: 2, value: host }] },
    ],
  });
  write(files.serverCertFile, pki.certificateToPem(server));
  write(files.serverKeyFile, pki.privateKeyToPem(serverKeys.privateKey));

  const save = (
    name: string,
    issued: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey },
    chain: forge.pki.Certificate[],
  ) => {
    const f = files.card(name);
    write(f.cert, pki.certificateToPem(issued.cert));
    write(f.key, pki.privateKeyToPem(issued.key));
    const p12 = forge.pkcs12.toPkcs12Asn1(issued.key, [issued.cert, ...chain], DEMO_CARD_PASSWORD, {
      algorithm: '3des',
      friendlyName: `CNS ${name}`,
    });
    write(f.p12, Buffer.from(asn1.toDer(p12).getBytes(), 'binary'));
  };
  const valid = { notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 6 * 365 * DAY) };
  for (const holder of holders) save(holder.lastName.toLowerCase(), card(ca, holder, valid), [ca.cert]);
  const first = holders[0];
  if (first) {
    save(
      'expired',
      card(ca, first, { notBefore: new Date(Date.now() - 800 * DAY), notAfter: new Date(Date.now() - DAY) }),
      [ca.cert],
    );
    const revoked = card(ca, first, valid);
    save('revoked', revoked, [ca.cert]);
    write(files.crlFile, revocationList(ca, [revoked.cert]));
    const stranger = authority('Emittente non riconosciuto');
    save('foreign', card(stranger, first, valid), [stranger.cert]);
  } else write(files.crlFile, revocationList(ca, []));
  return files;
}
