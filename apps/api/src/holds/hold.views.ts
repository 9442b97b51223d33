/** How holds are shown: the hold, its document, and its lifting with the conclusion. */
import { HOLD_KINDS } from '#workflow';
import type { HoldDocumentView, HoldView } from '#contracts';
import type { StoredHold } from './hold.repository.js';

function documentView(d: { documentNumber: string; documentDate: string; documentIssuer: string; fileName: string | null; contentType: string | null; sizeBytes: number | null; sha256: string | null }): HoldDocumentView {
  return {
    number: d.documentNumber,
    date: d.documentDate,
    issuer: d.documentIssuer,
    file: d.sha256 ? { fileName: d.fileName!, contentType: d.contentType!, sizeBytes: d.sizeBytes!, sha256: d.sha256 } : null,
  };
}

export function holdView(h: StoredHold): HoldView {
  const kind = HOLD_KINDS.find((k) => k.code === h.kind);
  return {
    id: h.id,
    candidateId: h.candidateId,
    kind: h.kind,
    kindLabel: { vi: kind?.vi ?? h.kind, en: kind?.en ?? h.kind },
    grounds: h.grounds,
    document: documentView(h),
    placedBy: h.placedBy,
    placedAt: h.placedAt.toISOString(),
    lifted: h.lifted
      ? { id: h.lifted.id, conclusion: h.lifted.conclusion, document: documentView(h.lifted), liftedBy: h.lifted.liftedBy, liftedAt: h.lifted.liftedAt.toISOString() }
      : null,
  };
}

