/**
 * Which archives a retention rule keeps: the newest archive of each of the last `daily` days that have one, of
 * the last `weekly` ISO weeks and of the last `monthly` months (the usual grandfather-father-son rule; one archive
 * can count for all three). Days, weeks and months are the province's (TIME_ZONE). Pure: the caller deletes.
 */
export interface ArchiveFile {
  name: string;
  createdAt: Date;
}

function parts(date: Date, timeZone: string): { day: string; month: string; week: string } {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const local = new Date(`${day}T00:00:00Z`);
  // ISO week: the Thursday of the date's week decides the year.
  const thursday = new Date(local);
  thursday.setUTCDate(local.getUTCDate() + 3 - ((local.getUTCDay() + 6) % 7));
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - ((firstThursday.getUTCDay() + 6) % 7) / 7 + 3 / 7);
  return { day, month: day.slice(0, 7), week: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}` };
}

export function archivesToKeep(files: ArchiveFile[], rule: { daily: number; weekly: number; monthly: number }, timeZone: string): Set<string> {
  const newestFirst = [...files].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<string>();
  for (const [key, limit] of [['day', rule.daily], ['week', rule.weekly], ['month', rule.monthly]] as const) {
    const seen = new Set<string>();
    for (const f of newestFirst) {
      const bucket = parts(f.createdAt, timeZone)[key];
      if (seen.has(bucket)) continue;
      if (seen.size >= limit) break;
      seen.add(bucket);
      keep.add(f.name);
    }
  }
  return keep;
}
