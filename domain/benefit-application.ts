// A benefit application (brief, "PIN dispositivo"): filed with a PIN ordinario it waits, its filing date already fixed
// so deadlines stop running, and is handed to the back office once the person has the rights of a PIN dispositivo.
export const BENEFIT_APPLICATION_STATUSES = ['waiting_for_pin_dispositivo', 'processing', 'processed'] as const;
export type BenefitApplicationStatus = (typeof BENEFIT_APPLICATION_STATUSES)[number];
