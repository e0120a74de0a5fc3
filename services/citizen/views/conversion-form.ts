// The prefilled "Converti PIN" form (brief, "Converting ordinario to dispositivo"), as a PDF to print and sign: the
// holder's registry data, the request code in print and as a QR code (so a faxed copy finds its request by itself),
// and where to sign. In Italian: it is an INPS form.
import PDFDocument from 'pdfkit';
import { qrCodePng } from '../../../infra/qr-code';

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
    doc.moveDown(2);
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
    doc.moveDown(2);
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
      .fontSize(8)
      .fillColor('#666')
      .text(
        `Modulo emesso il ${data.issuedAt.toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' })}. ` +
          'I dati sono trattati dall’INPS per il rilascio della credenziale, ai sensi del Regolamento (UE) 2016/679.',
      );
    doc.end();
  });
}
