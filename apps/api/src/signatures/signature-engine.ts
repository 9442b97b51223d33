/**
 * The signature engine, loaded when a signature is first made, read or configured rather than at start:
 * pades.ts (pkijs, asn1js, pdf-lib, @signpdf) and credentials.ts (@peculiar/x509, node-forge) take about half a
 * second to load, and a start on an existing data folder or a server database makes and reads no signature.
 * The services of this folder import these modules' types only, and their code through these accessors.
 */
import { lazyModule } from '../common/lazy-module.js';

export const loadPades = lazyModule(() => import('./pades.js'));

export const loadCredentials = lazyModule(() => import('./credentials.js'));

/** pdf-lib alone, to read an uploaded file's document information. */
export const loadPdfLib = lazyModule(() => import('pdf-lib'));
