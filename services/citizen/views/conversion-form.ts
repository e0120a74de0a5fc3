// The prefilled "Converti PIN" form (brief, "Converting ordinario to dispositivo"), as a PDF to print and sign: its
// form code, the holder's registry data, the request code in print and as a QR code (so a faxed copy finds its request
// by itself), the declaration a signed form carries (D.P.R. 445/2000), where to sign, how to send it back (a short
// address), and the information notice on personal data (GDPR art. 13). In Italian: it is an INPS form.
import { writtenDay } from '../../../domain/written-dates';
import PDFDocument from 'pdfkit';
import { qrCodePng } from '../../../infra/qr-code';

/** The form's own code and edition, printed on it so a contact-center agent can tell which form a citizen holds. */
export const CONVERSION_FORM_CODE = 'Mod. INPS PIN-CONV 01 (ed. 11/2026)';

export interface ConversionFormData {
  requestCode: string;
  fiscalCode: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  birthPlace: string;
  address: string;
  issuedAt: Date;
  faxNumber: string;
  /** Whether PIN conversion at INPS offices is open (OFFICE_PIN_ISSUANCE). */
  officeOpen: boolean;
  uploadUrl: string;
  /** DOCUMENT_RETENTION_DAYS: how long after the decision the documents are destroyed, as the notice says. */
  documentRetentionDays: number;
}

export async function renderConversionForm(data: ConversionFormData): Promise<Buffer> {
  const qr = await qrCodePng(data.requestCode);
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `INPS - Richiesta di PIN dispositivo ${data.requestCode}`, Author: 'INPS' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.image(qr, 430, 40, { width: 110 });
    doc.font('Helvetica-Bold').fontSize(18).fillColor('#0b4a8b').text('INPS', 56, 56, { continued: true });
    doc.font('Helvetica').fontSize(10).fillColor('#333').text('  Istituto Nazionale della Previdenza Sociale');
    doc.fontSize(8).fillColor('#555').text(CONVERSION_FORM_CODE, 56);
    doc.moveDown(1.5);
    doc.font('Helvetica-Bold').fontSize(14).fillColor('#000').text('Richiesta di conversione del PIN ordinario');
    doc.text('in PIN dispositivo');
    doc.moveDown(0.5);
    doc.font('Helvetica').fontSize(11).text(`Codice richiesta: `, { continued: true });
    doc.font('Courier-Bold').fontSize(13).text(data.requestCode);
    doc.moveDown();

    const row = (label: string, value: string) => {
      doc.font('Helvetica').fontSize(10).fillColor('#555').text(label);
      doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(value);
      doc.moveDown(0.4);
    };
    doc.font('Helvetica').fontSize(11).text('Il/La sottoscritto/a');
    doc.moveDown(0.5);
    row('Cognome e nome', `${data.lastName} ${data.firstName}`);
    row('Codice fiscale', data.fiscalCode);
    row('Data e luogo di nascita', `${data.birthDate}, ${data.birthPlace}`);
    row('Residenza', data.address);
    doc.moveDown(0.5);
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(
        'titolare di un PIN ordinario, chiede che il proprio PIN sia convertito in PIN dispositivo, che consente di ' +
          'presentare online domande di prestazione. Allega copia di un documento di identità in corso di validità.',
        { align: 'justify' },
      );
    doc.moveDown(0.6);
    doc
      .fontSize(9.5)
      .text(
        'Consapevole delle sanzioni penali previste dall’art. 76 del D.P.R. 28 dicembre 2000, n. 445, per le ' +
          'dichiarazioni mendaci e la formazione o l’uso di atti falsi, dichiara ai sensi degli artt. 46 e 47 dello ' +
          'stesso decreto che i dati qui riportati sono veri e che la richiesta è presentata personalmente.',
        { align: 'justify' },
      );
    doc.moveDown(1.5);
    doc.text(`Data ______________________          Firma ______________________________________`);
    doc.moveDown(2);
    doc.font('Helvetica-Bold').fontSize(11).text('Come restituire il modulo firmato, con la copia del documento');
    doc.font('Helvetica').fontSize(10);
    doc.list(
      [
        `online, dalla Sua area personale: ${data.uploadUrl}`,
        `via fax al numero gratuito ${data.faxNumber}, inviando questa pagina per prima (il codice QR in alto identifica la richiesta)`,
        data.officeOpen
          ? 'oppure consegnandolo presso una sede INPS'
          : 'la consegna presso le sedi INPS è temporaneamente sospesa: usi uno dei due modi qui sopra',
      ],
      { bulletRadius: 2 },
    );
    doc.moveDown();
    doc
      .fontSize(7.5)
      .fillColor('#444')
      .text(
        'Informativa sul trattamento dei dati personali (art. 13 del Regolamento (UE) 2016/679). Titolare del ' +
          'trattamento è l’INPS, Via Ciro il Grande 21, 00144 Roma. I dati di questo modulo e del documento allegato ' +
          'sono trattati solo per verificare la Sua identità e convertire il Suo PIN, da personale autorizzato; non sono ' +
          `diffusi né ceduti a terzi. Il documento è distrutto ${data.documentRetentionDays} giorni dopo la decisione. Può chiedere ` +
          'l’accesso ai Suoi dati, la rettifica e le altre facoltà degli artt. 15-22 del Regolamento al Responsabile ' +
          'della protezione dei dati dell’INPS (recapiti su www.inps.it) e proporre reclamo al Garante per la ' +
          'protezione dei dati personali.',
        { align: 'justify' },
      );
    doc.moveDown(0.5);
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(`${CONVERSION_FORM_CODE} · emesso il ${writtenDay(data.issuedAt, 'it')} · richiesta ${data.requestCode}`);
    doc.end();
  });
}
