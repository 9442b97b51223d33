/**
 * The jurisdiction profile (hồ sơ pháp lý): everything a generated document says about who issues it, where, on
 * what legal grounds and under which symbols. An office edits it as data: each change is a new version with the
 * date it takes effect, and every document records the version it was generated with, so that an old document
 * regenerates exactly as it was issued. No province's name, law or signatory lives in code.
 */
import { addDays, addWorkingDays, holidaySet, isWorkingDay } from './calendar.js';
import type { IssuingAuthority } from './catalog.js';

/** A signature block (Decree 30/2020/NĐ-CP, Article 13): "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name". */
export interface SignatoryBlock {
  /** "TM. ỦY BAN NHÂN DÂN" when signing on behalf of a collective body; omitted otherwise. */
  onBehalfOf?: string;
  /** "CHỦ TỊCH", or "KT. CHỦ TỊCH" when signing for the head. */
  title: string;
  /** The signer's own title under a "KT." line: "PHÓ CHỦ TỊCH". */
  signerTitle?: string;
  /** The person who usually signs; the clerk may name another when issuing (omitted: named each time). */
  name?: string;
}

/** One body that issues recognition decisions. */
export interface ProfileAuthority {
  code: IssuingAuthority;
  /** The body above the issuer in the header, upper case ("UBND TỈNH BẮC NINH"); omitted for a top-level body. */
  parentName?: string;
  /** The issuer's name in the header ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"). */
  header: string;
  /** The deciding authority printed under the subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH"). */
  authority: string;
  /** The symbol after the number ("QĐ-UBND"). */
  symbol: string;
  signatory: SignatoryBlock;
  /** "Căn cứ …" lines of its decisions, in order. */
  legalBases: string[];
  /** The closing basis: "Theo đề nghị của Giám đốc Sở Nội vụ." */
  proposal: string;
  /** Nơi nhận. */
  distribution: string[];
}

/** The emulation council as it signs its minutes. */
export interface ProfileCouncil {
  parentName?: string;
  /** "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" */
  header: string;
  /** The minutes' symbol ("BB-HĐTĐKT"). */
  minutesSymbol: string;
  /** How the council is named in a decision's bases: "Hội đồng Thi đua - Khen thưởng tỉnh". */
  name: string;
}

/** An agency the council's secretariat asks for clearance (hiệp y) on a candidate: "Công an tỉnh", "Thuế tỉnh"… */
export interface ClearanceAgency {
  /** A stable code the requests keep ("CONG_AN_TINH"). */
  code: string;
  /** Its name as written in the request and the minutes. */
  name: string;
  /** What it is asked to confirm ("Chấp hành pháp luật về an ninh, trật tự"). */
  subject?: string;
}

export interface JurisdictionProfileContent {
  /** The jurisdiction's name as used in text ("tỉnh Bắc Ninh"). */
  jurisdictionName: string;
  /** The place before the date ("Bắc Ninh, ngày 05 tháng 12 năm 2026"). */
  place: string;
  authorities: ProfileAuthority[];
  council: ProfileCouncil;
  /**
   * Yearly deadlines, as month and day ("MM-DD"): dossiers to the council, and other agencies' clearances; and the
   * working days an agency has to answer a clearance requested after the yearly deadline (or when there is none).
   */
  deadlines: { dossiers?: string; clearances?: string; clearanceWorkingDays?: number };
  /** The agencies whose clearance (hiệp y) the secretariat may request (the regulation names them); absent: none. */
  clearanceAgencies?: ClearanceAgency[];
  /** Days off beyond the built-in public holidays (YYYY-MM-DD): each year's Tết and moved days as announced. */
  holidays: string[];
}

/** The authority of a profile, or undefined when the profile does not define it. */
export function profileAuthority(profile: JurisdictionProfileContent, code: IssuingAuthority): ProfileAuthority | undefined {
  return profile.authorities.find((a) => a.code === code);
}

/** The signature block's lines as printed, top to bottom (without the name). */
export function signatureLines(block: Pick<SignatoryBlock, 'onBehalfOf' | 'title' | 'signerTitle'>): string[] {
  return [block.onBehalfOf, block.title, block.signerTitle].filter((l): l is string => !!l && l.trim().length > 0);
}

/**
 * The deadline of a clearance requested on `requestedOn`: the profile's yearly clearance deadline of that year
 * when it is still ahead (moved to the next working day when it falls on a day off), else `clearanceWorkingDays`
 * working days counted from the day after the request; null when the profile gives neither (nothing to count from).
 */
export function clearanceDueOn(profile: Pick<JurisdictionProfileContent, 'deadlines' | 'holidays'>, requestedOn: string, extraHolidays: readonly string[] = []): string | null {
  const year = Number(requestedOn.slice(0, 4));
  const holidays = holidaySet(year, year + 1, [...profile.holidays, ...extraHolidays]);
  const yearly = profile.deadlines.clearances;
  if (yearly && /^\d{2}-\d{2}$/.test(yearly)) {
    let due = `${year}-${yearly}`;
    if (due > requestedOn) {
      while (!isWorkingDay(due, holidays)) due = addDays(due, 1);
      return due;
    }
  }
  const days = profile.deadlines.clearanceWorkingDays;
  if (Number.isInteger(days) && days! > 0) return addWorkingDays(requestedOn, days!, holidays);
  return null;
}
