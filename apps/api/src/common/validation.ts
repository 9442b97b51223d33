/**
 * Input validation: the global pipe's options and a Vietnamese-first error for each failed constraint.
 * The same function validates event payloads, so every 400 has one shape: which field, what is wrong.
 */
import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { fieldWords } from '#domain';
import { DomainError } from './domain-error.js';

export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

type Words = (field: { vi: string; en: string }, args: unknown[]) => { vi: string; en: string };

/** Vietnamese and English wording per class-validator constraint; anything else falls back to a generic line. */
const CONSTRAINT_WORDS: Record<string, Words> = {
  whitelistValidation: (f) => ({ vi: `${f.vi} không được phép gửi lên.`, en: `${f.en} is not allowed.` }),
  isDefined: (f) => ({ vi: `Thiếu ${f.vi}.`, en: `${f.en} is required.` }),
  isNotEmpty: (f) => ({ vi: `${f.vi} không được để trống.`, en: `${f.en} must not be empty.` }),
  isString: (f) => ({ vi: `${f.vi} phải là chuỗi ký tự.`, en: `${f.en} must be a string.` }),
  isInt: (f) => ({ vi: `${f.vi} phải là số nguyên.`, en: `${f.en} must be an integer.` }),
  isBoolean: (f) => ({ vi: `${f.vi} phải là đúng/sai (true/false).`, en: `${f.en} must be a boolean.` }),
  isUuid: (f) => ({ vi: `${f.vi} phải là mã định danh (UUID) hợp lệ.`, en: `${f.en} must be a valid UUID.` }),
  isIn: (f, [values]) => ({
    vi: `${f.vi} phải là một trong các giá trị: ${(values as unknown[]).join(', ')}.`,
    en: `${f.en} must be one of: ${(values as unknown[]).join(', ')}.`,
  }),
  isEnum: (f) => ({ vi: `${f.vi} có giá trị không thuộc danh mục.`, en: `${f.en} is not a catalogue value.` }),
  min: (f, [n]) => ({ vi: `${f.vi} phải lớn hơn hoặc bằng ${n}.`, en: `${f.en} must be at least ${n}.` }),
  max: (f, [n]) => ({ vi: `${f.vi} phải nhỏ hơn hoặc bằng ${n}.`, en: `${f.en} must be at most ${n}.` }),
  minLength: (f, [n]) => ({ vi: `${f.vi} phải có ít nhất ${n} ký tự.`, en: `${f.en} must have at least ${n} characters.` }),
  maxLength: (f, [n]) => ({ vi: `${f.vi} không được dài quá ${n} ký tự.`, en: `${f.en} must have at most ${n} characters.` }),
  isArray: (f) => ({ vi: `${f.vi} phải là danh sách.`, en: `${f.en} must be a list.` }),
  arrayNotEmpty: (f) => ({ vi: `Danh sách ${f.vi} không được để trống.`, en: `List ${f.en} must not be empty.` }),
  arrayMaxSize: (f, [n]) => ({ vi: `Danh sách ${f.vi} không được quá ${n} phần tử.`, en: `List ${f.en} must have at most ${n} items.` }),
  isObject: (f) => ({ vi: `${f.vi} phải là một đối tượng.`, en: `${f.en} must be an object.` }),
  isIso8601: (f) => ({ vi: `${f.vi} phải là ngày hợp lệ (ngày/tháng/năm, gửi lên dạng YYYY-MM-DD).`, en: `${f.en} must be a valid date (YYYY-MM-DD).` }),
  isIsoDate: (f) => ({ vi: `${f.vi} phải là ngày có thật (gửi lên dạng YYYY-MM-DD).`, en: `${f.en} must be a real date written YYYY-MM-DD.` }),
  isNotBlank: (f) => ({ vi: `${f.vi} không được để trống.`, en: `${f.en} must not be blank.` }),
  isDateString: (f) => ({ vi: `${f.vi} phải là ngày hợp lệ (gửi lên dạng YYYY-MM-DD).`, en: `${f.en} must be a valid date (YYYY-MM-DD).` }),
  matches: (f) => ({ vi: `${f.vi} không đúng định dạng.`, en: `${f.en} has the wrong format.` }),
  nestedValidation: (f) => ({ vi: `${f.vi} phải là một đối tượng hợp lệ.`, en: `${f.en} must be a valid object.` }),
};

/**
 * What a person calls a field: the shared vocabulary's label (libs/domain), else the Vietnamese and English parts of
 * the request field's own description (`'Tên đơn vị / Unit name'`), quoted; the key itself only when neither
 * exists. The key stays in the error's `field` for programs.
 */
export function fieldName(field: string, target?: object): { vi: string; en: string } {
  const words = fieldWords(field);
  if (words) return { vi: `«${words.vi}»`, en: `“${words.en}”` };
  const described = target ? describedName(target, field.split('.').pop()!) : null;
  if (described) return { vi: `«${described.vi}»`, en: `“${described.en}”` };
  return { vi: `trường ${field}`, en: `field ${field}` };
}

/** The first words of a DTO property's description, up to a parenthesis, a semicolon or a comma-led condition. */
function describedName(target: object, property: string): { vi: string; en: string } | null {
  const meta = Reflect.getMetadata?.('swagger/apiModelProperties', Object.getPrototypeOf(target), property) as { description?: string } | undefined;
  const description = meta?.description;
  if (!description || !description.includes(' / ')) return null;
  const [vi, en] = description.split(' / ') as [string, string];
  const short = (text: string) => text.replace(/\s*\([^)]*\)/g, '').split(/;|, (?:bắt buộc|mặc định|by default|with )/)[0]!.trim();
  return { vi: short(vi), en: short(en) };
}

function wordsFor(constraint: string, field: string, args: unknown[], target?: object): { vi: string; en: string } {
  const words = CONSTRAINT_WORDS[constraint];
  // A field the request may not carry has no label here: it is named by what was sent.
  const name = constraint === 'whitelistValidation' ? { vi: `trường ${field}`, en: `field ${field}` } : fieldName(field, target);
  const sentence = (w: { vi: string; en: string }) => ({ vi: capitalise(w.vi), en: capitalise(w.en) });
  return sentence(words ? words(name, args) : { vi: `Giá trị của ${name.vi} không hợp lệ.`, en: `${name.en} is invalid.` });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Which failed constraint to report when a field breaks several: the most basic problem first. */
const PRIORITY = ['whitelistValidation', 'isDefined', 'isObject', 'isArray', 'isString', 'isInt', 'isBoolean', 'isUuid', 'isIn', 'isIsoDate', 'isNotBlank', 'arrayNotEmpty'];
const rank = (c: string) => (PRIORITY.includes(c) ? PRIORITY.indexOf(c) : PRIORITY.length);

/** Flattens class-validator's tree into one entry per field (its most basic problem), Vietnamese first. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    if (constraints.length > 0) {
      const [constraint, english] = constraints[0]!;
      // A required field that is absent is reported as missing, whatever rule noticed it first.
      const missing = error.value === undefined && constraint !== 'whitelistValidation';
      const code = missing ? 'isDefined' : constraint;
      const args = (error.contexts?.[constraint]?.args as unknown[] | undefined) ?? constraintArgs(error, constraint);
      const target = error.target as object | undefined;
      const words = CONSTRAINT_WORDS[code] ? wordsFor(code, field, args, target) : { ...wordsFor(code, field, args, target), en: english };
      out.push({ field, code, message: words.vi, messageEn: words.en });
    }
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

/** class-validator keeps a constraint's arguments in its metadata, not in the error; read them from the message. */
function constraintArgs(error: ValidationError, constraint: string): unknown[] {
  const english = error.constraints?.[constraint] ?? '';
  if (constraint === 'isIn') {
    const m = /one of the following values: (.*)$/.exec(english);
    return [m ? m[1]!.split(', ') : []];
  }
  const n = /(-?\d+(?:\.\d+)?)/.exec(english);
  return [n ? Number(n[1]) : ''];
}

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  // No implicit conversion: "false" is not a boolean and "12" is not a number in a JSON body.
  transformOptions: { enableImplicitConversion: false },
  // Values are read to tell a missing field from a wrong one; they are never echoed back.
  // The target is read for its fields' descriptions (their names in words); neither is echoed back.
  validationError: { target: true, value: true },
} as const satisfies ValidationPipeOptions;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', { errors: toFieldErrors(errors) }),
  });
}

/** Validates a plain object against a DTO class with the pipe's rules; field names get the given prefix. */
export async function validatePlain<T extends object>(cls: ClassConstructor<T>, plain: unknown, prefix: string): Promise<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw invalidField(prefix, 'isObject', wordsFor('isObject', prefix, []));
  }
  const instance = plainToInstance(cls, plain, VALIDATION_OPTIONS.transformOptions);
  const errors = await validate(instance, { ...VALIDATION_OPTIONS, forbidUnknownValues: true });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', { errors: toFieldErrors(errors, prefix) });
  return instance;
}

/** A 400 on one field that the declarative rules cannot express: which field, which rule, what is wrong. */
export function invalidField(field: string, code: string, words: { vi: string; en: string }): DomainError {
  const error: FieldError = { field, code, message: words.vi, messageEn: words.en };
  return new DomainError('VALIDATION_FAILED', { errors: [error] });
}

/** Vietnam keeps UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Today's date in Vietnam (YYYY-MM-DD) at the instant given (the product's clock, which a rehearsal may shift). */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar date as Vietnamese write it: 15/03/2026. */
export function vietnameseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * An instant as a person in Vietnam reads it inside a message: 15/03/2026 14:05 (giờ Việt Nam), never ISO/UTC.
 * `timeZone` is the office's (TIME_ZONE, Asia/Ho_Chi_Minh by default).
 */
export function vietnameseDateTime(at: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * Something that has happened (a check-in, an honouring act) cannot be dated after today in Vietnam: a 400 on the
 * field, with the rule in the message.
 */
export function refuseFutureDate(field: string, date: string, now: Date, what: { vi: string; en: string }): void {
  const today = vietnamToday(now);
  if (date <= today) return;
  throw invalidField(field, 'notInFuture', {
    vi: `${what.vi} (${vietnameseDate(date)}) không được sau hôm nay (${vietnameseDate(today)}, giờ Việt Nam): chỉ ghi nhận việc đã diễn ra.`,
    en: `${what.en} (${vietnameseDate(date)}) cannot be after today (${vietnameseDate(today)}, Vietnam time): only what has happened is recorded.`,
  });
}
