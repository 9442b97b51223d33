/**
 * Input validation: the global pipe's options and a Vietnamese-first error for each failed constraint.
 * The same function validates event payloads, so every 400 has one shape: which field, what is wrong.
 */
import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from './domain-error.js';

export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

type Words = (field: string, args: unknown[]) => { vi: string; en: string };

/** Vietnamese and English wording per class-validator constraint; anything else falls back to a generic line. */
const CONSTRAINT_WORDS: Record<string, Words> = {
  whitelistValidation: (f) => ({ vi: `Trường ${f} không được phép gửi lên.`, en: `Field ${f} is not allowed.` }),
  isDefined: (f) => ({ vi: `Thiếu trường ${f}.`, en: `Field ${f} is required.` }),
  isNotEmpty: (f) => ({ vi: `Trường ${f} không được để trống.`, en: `Field ${f} must not be empty.` }),
  isString: (f) => ({ vi: `Trường ${f} phải là chuỗi ký tự.`, en: `Field ${f} must be a string.` }),
  isInt: (f) => ({ vi: `Trường ${f} phải là số nguyên.`, en: `Field ${f} must be an integer.` }),
  isBoolean: (f) => ({ vi: `Trường ${f} phải là đúng/sai (true/false).`, en: `Field ${f} must be a boolean.` }),
  isUuid: (f) => ({ vi: `Trường ${f} phải là mã định danh (UUID) hợp lệ.`, en: `Field ${f} must be a valid UUID.` }),
  isIn: (f, [values]) => ({
    vi: `Trường ${f} phải là một trong các giá trị: ${(values as unknown[]).join(', ')}.`,
    en: `Field ${f} must be one of: ${(values as unknown[]).join(', ')}.`,
  }),
  isEnum: (f) => ({ vi: `Trường ${f} có giá trị không thuộc danh mục.`, en: `Field ${f} is not a catalogue value.` }),
  min: (f, [n]) => ({ vi: `Trường ${f} phải lớn hơn hoặc bằng ${n}.`, en: `Field ${f} must be at least ${n}.` }),
  max: (f, [n]) => ({ vi: `Trường ${f} phải nhỏ hơn hoặc bằng ${n}.`, en: `Field ${f} must be at most ${n}.` }),
  minLength: (f, [n]) => ({ vi: `Trường ${f} phải có ít nhất ${n} ký tự.`, en: `Field ${f} must have at least ${n} characters.` }),
  maxLength: (f, [n]) => ({ vi: `Trường ${f} không được dài quá ${n} ký tự.`, en: `Field ${f} must have at most ${n} characters.` }),
  isArray: (f) => ({ vi: `Trường ${f} phải là danh sách.`, en: `Field ${f} must be a list.` }),
  arrayNotEmpty: (f) => ({ vi: `Danh sách ${f} không được để trống.`, en: `List ${f} must not be empty.` }),
  arrayMaxSize: (f, [n]) => ({ vi: `Danh sách ${f} không được quá ${n} phần tử.`, en: `List ${f} must have at most ${n} items.` }),
  isObject: (f) => ({ vi: `Trường ${f} phải là một đối tượng.`, en: `Field ${f} must be an object.` }),
  isIso8601: (f) => ({ vi: `Trường ${f} phải là ngày hợp lệ (YYYY-MM-DD).`, en: `Field ${f} must be a valid date (YYYY-MM-DD).` }),
  isIsoDate: (f) => ({ vi: `Trường ${f} phải là ngày có thật, viết theo dạng YYYY-MM-DD.`, en: `Field ${f} must be a real date written YYYY-MM-DD.` }),
  isNotBlank: (f) => ({ vi: `Trường ${f} không được để trống.`, en: `Field ${f} must not be blank.` }),
  isDateString: (f) => ({ vi: `Trường ${f} phải là ngày hợp lệ (YYYY-MM-DD).`, en: `Field ${f} must be a valid date (YYYY-MM-DD).` }),
  matches: (f) => ({ vi: `Trường ${f} không đúng định dạng.`, en: `Field ${f} has the wrong format.` }),
  nestedValidation: (f) => ({ vi: `Trường ${f} phải là một đối tượng hợp lệ.`, en: `Field ${f} must be a valid object.` }),
};

function wordsFor(constraint: string, field: string, args: unknown[]): { vi: string; en: string } {
  const words = CONSTRAINT_WORDS[constraint];
  return words ? words(field, args) : { vi: `Giá trị của trường ${field} không hợp lệ.`, en: `Field ${field} is invalid.` };
}

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
      const words = CONSTRAINT_WORDS[code] ? wordsFor(code, field, args) : { ...wordsFor(code, field, args), en: english };
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
  validationError: { target: false, value: true },
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
