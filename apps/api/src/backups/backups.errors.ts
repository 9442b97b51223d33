/** Backups and restores: what refuses an archive, a target or a run, Vietnamese first. */
import type { ErrorTable } from '../common/errors.js';

export const BACKUP_ERRORS = {
  BACKUP_ARCHIVE_TRUNCATED: {
    status: 422,
    vi: 'Tệp sao lưu bị cắt cụt (thiếu phần cuối): không khôi phục gì. Hãy dùng một bản sao lưu khác còn nguyên vẹn.',
    en: 'The backup archive is truncated (its end is missing): nothing was restored. Use another, intact backup.',
  },
  BACKUP_ARCHIVE_DAMAGED: {
    status: 422,
    vi: 'Tệp sao lưu bị hỏng (mã băm SHA-256 của một phần không khớp với bảng kê): không khôi phục gì. Hãy dùng một bản sao lưu khác còn nguyên vẹn.',
    en: 'The backup archive is damaged (a part does not match the SHA-256 in its manifest): nothing was restored. Use another, intact backup.',
  },
  BACKUP_ARCHIVE_UNKNOWN: {
    status: 422,
    vi: 'Tệp này không phải là bản sao lưu của hệ thống (hoặc do một phiên bản định dạng chưa biết tạo ra).',
    en: 'This file is not a backup of this product (or was written by an unknown format version).',
  },
  BACKUP_PASSPHRASE_WRONG: {
    status: 422,
    vi: 'Mật khẩu bản sao lưu không đúng: không giải mã được các khóa; không khôi phục gì.',
    en: 'Wrong backup passphrase: the keys could not be decrypted; nothing was restored.',
  },
  BACKUP_MANIFEST_TAMPERED: {
    status: 422,
    vi: 'Bảng kê của bản sao lưu đã bị sửa (mã xác thực không khớp dù mật khẩu đúng): không khôi phục gì.',
    en: "The backup's manifest was altered (its authentication code does not match although the passphrase is right): nothing was restored.",
  },
  BACKUP_ARCHIVE_NEWER: {
    status: 409,
    vi: 'Bản sao lưu do một phiên bản mới hơn của phần mềm tạo ra (có bước chuyển đổi cơ sở dữ liệu mà bản này không có): hãy cài phiên bản mới hơn rồi khôi phục.',
    en: 'The backup was made by a newer version of the product (it has migrations this one lacks): install the newer version, then restore.',
  },
  BACKUP_TARGET_NOT_EMPTY: {
    status: 409,
    vi: 'Nơi khôi phục không trống (cơ sở dữ liệu đã có bảng hoặc thư mục khóa đã có khóa): chỉ khôi phục vào một hệ thống mới, trống.',
    en: 'The restore target is not empty (the database has tables, or the key folder has keys): restore only into a new, empty instance.',
  },
  BACKUP_PG_DUMP_MISSING: {
    status: 503,
    vi: 'Không tìm thấy pg_dump trên máy chạy ứng dụng: cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL (hoặc đặt PG_DUMP_PATH).',
    en: 'pg_dump was not found on the machine running the product: install postgresql-client of the server’s version (or set PG_DUMP_PATH).',
  },
  BACKUP_PG_DUMP_VERSION: {
    status: 503,
    vi: 'Phiên bản pg_dump cũ hơn máy chủ PostgreSQL nên không sao lưu được: cài postgresql-client cùng phiên bản với máy chủ.',
    en: 'pg_dump is older than the PostgreSQL server and cannot dump it: install postgresql-client of the server’s version.',
  },
  BACKUP_PG_DUMP_FAILED: {
    status: 503,
    vi: 'pg_dump báo lỗi khi sao lưu cơ sở dữ liệu; không có bản sao lưu nào được ghi.',
    en: 'pg_dump failed while dumping the database; no backup was written.',
  },
  BACKUP_DIRECTORY_MISSING: {
    status: 409,
    vi: 'Chưa cấu hình nơi lưu bản sao lưu (thư mục BACKUP_DIR hoặc bucket BACKUP_S3_BUCKET).',
    en: 'No backup folder or bucket is configured (BACKUP_DIR or BACKUP_S3_BUCKET).',
  },
  BACKUP_RUN_FAILED: {
    status: 503,
    vi: 'Không tạo được bản sao lưu (xem lý do kèm theo; lần chạy này đã được ghi vào nhật ký). Hãy kiểm tra nơi lưu (thư mục hoặc bucket S3) và dung lượng đĩa.',
    en: 'The backup could not be made (see the reason given; the failed run is in the audit trail). Check the backup target (folder or S3 bucket) and the free disk space.',
  },
  BACKUP_ARCHIVE_NOT_FOUND: {
    status: 404,
    vi: 'Không có bản sao lưu này ở nơi lưu (có thể đã bị xóa theo quy tắc giữ lại).',
    en: 'There is no such archive in the backup folder or bucket (the retention rule may have removed it).',
  },
  BACKUP_IN_PROGRESS: {
    status: 409,
    vi: 'Một bản sao lưu khác đang được tạo: hãy chờ nó xong.',
    en: 'Another backup is being made: wait until it finishes.',
  },
} as const satisfies ErrorTable;

export type BackupErrorCode = keyof typeof BACKUP_ERRORS;
