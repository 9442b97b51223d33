import type { OpenAPIObject } from '@nestjs/swagger';
import { STATE_CHANGING_METHODS } from './idempotency.interceptor.js';

const PARAMETER = 'IdempotencyKey';

/**
 * Declares the Idempotency-Key header once (components.parameters) and references it from every
 * state-changing operation under /api that needs a session, so new routes are documented without anything
 * to remember.
 */
export function documentIdempotencyKey(document: OpenAPIObject, publicPaths: readonly string[] = ['/api/auth/sign-in']): OpenAPIObject {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    [PARAMETER]: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 8, maxLength: 255, pattern: '^[\\x21\\x23-\\x2B\\x2D-\\x5B\\x5D-\\x7E]{8,255}$' },
      description:
        'Khóa chống gửi trùng (không bắt buộc; nên là UUID mới cho mỗi thao tác). Gửi lại cùng khóa và cùng nội dung trong 24 giờ: nhận lại đúng câu trả lời lần đầu ' +
        '(tiêu đề `Idempotent-Replayed: true`), không thay đổi gì thêm. / Optional; a new UUID per action is recommended. The same key and request again within the ' +
        'retention period (24 h by default) gets the first response back (`Idempotent-Replayed: true`) and changes nothing more. The same key with another request: ' +
        '422 `IDEMPOTENCY_KEY_REUSED`; while the first is running: 409 `IDEMPOTENCY_KEY_IN_PROGRESS` with Retry-After; carried out but its response lost: 409 ' +
        '`IDEMPOTENCY_KEY_ALREADY_APPLIED`. Keys are scoped to the signed-in account.',
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/') || publicPaths.includes(path)) continue;
    for (const method of Object.keys(item)) {
      if (!STATE_CHANGING_METHODS.has(method.toUpperCase())) continue;
      const operation = (item as Record<string, { parameters?: unknown[] }>)[method]!;
      operation.parameters = [...(operation.parameters ?? []), { $ref: `#/components/parameters/${PARAMETER}` }];
    }
  }
  return document;
}
