/** Digital signatures of issued documents, and their verification. */
import type { ErrorTable } from '../common/errors.js';

export const SIGNATURE_ERRORS = {
  // Read by the signer and the clerk, not by whoever runs the server: what to do, never a configuration variable.
  SIGNING_NOT_CONFIGURED: {
    status: 409,
    vi: 'Máy chủ chưa có chứng thư số để ký. Hãy đề nghị quản trị hệ thống cài đặt chứng thư số ký trên máy chủ của cơ quan; trong khi chờ, tải bản ban hành về, ký bằng thiết bị ký số (USB token) của người ký rồi tải tệp đã ký lên.',
    en: 'This server has no signing certificate. Ask the administrator to install the office’s server-side signing certificate; meanwhile, download the issued copy, sign it with the signer’s own token and upload the signed file.',
  },
  DOCUMENT_ALREADY_SIGNED: { status: 409, vi: 'Văn bản này đã được ký số; bản đã ký được giữ nguyên, không ký lại.', en: 'This document is already signed; the signed copy is kept as it is.' },
  SIGNED_FILE_REQUIRED: { status: 400, vi: 'Cần chọn tệp PDF đã ký (trường Tệp đã ký).', en: 'Choose the signed PDF file (field file).' },
  SIGNED_FILE_NOT_PDF: { status: 415, vi: 'Tệp đã ký (trường Tệp đã ký) không phải là tệp PDF.', en: 'The signed file (field file) is not a PDF.' },
  SIGNED_FILE_UNSIGNED: { status: 422, vi: 'Tệp tải lên (trường Tệp đã ký) không có chữ ký số.', en: 'The uploaded file (field file) carries no digital signature.' },
  SIGNED_FILE_WRONG_DOCUMENT: {
    status: 422,
    vi: 'Tệp tải lên (trường Tệp đã ký) không phải là văn bản đã ban hành này: phải là đúng tệp đã tải về để ký, chỉ thêm chữ ký số.',
    en: 'The uploaded file (field file) is not this issued document: it must be the very file downloaded for signing, with only a signature added.',
  },
  SIGNED_FILE_TAMPERED: {
    status: 422,
    vi: 'Nội dung tệp đã ký (trường Tệp đã ký) bị thay đổi sau khi ký: chữ ký số không còn khớp với nội dung.',
    en: 'The signed file (field file) was changed after signing: its signature no longer matches its content.',
  },
  SIGNED_FILE_SIGNATURE_INVALID: { status: 422, vi: 'Chữ ký số trong tệp (trường Tệp đã ký) không hợp lệ.', en: 'The signature in the file (field file) is not valid.' },
  SIGNED_FILE_UNTRUSTED: {
    status: 422,
    vi: 'Chứng thư số của người ký (trường Tệp đã ký) không do tổ chức chứng thực được tin cậy cấp. Nếu đó là tổ chức chứng thực hợp pháp, hãy đề nghị quản trị hệ thống thêm chứng thư gốc của tổ chức này vào danh sách tin cậy.',
    en: 'The signer’s certificate (field file) does not chain to a trusted root. If its certification authority is a lawful one, ask the administrator to add its root certificate to the trusted list.',
  },
  SIGNED_FILE_CERTIFICATE_EXPIRED: {
    status: 422,
    vi: 'Chứng thư số của người ký (trường Tệp đã ký) đã hết hạn hoặc chưa có hiệu lực.',
    en: 'The signer’s certificate (field file) has expired or is not yet valid.',
  },
  VERIFICATION_INPUT_REQUIRED: {
    status: 400,
    vi: 'Cần tải lên tệp PDF (trường Tệp PDF) hoặc nhập số quyết định, số giấy chứng nhận (trường Số văn bản).',
    en: 'Upload a PDF (field file) or type a decision or certificate number (field reference).',
  },
} as const satisfies ErrorTable;
