import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { renderCertificate, renderCertificates } from './certificate.js';
import { renderCouncilMinutes } from './council-minutes-layout.js';
import type { CertificateData, CouncilMinutesData, RecognitionDecisionData } from './document-data.js';
import { PdfRenderer } from './pdf-renderer.js';
import { renderRecognitionDecision } from './recognition-decision.js';
import { lazyModule } from '../common/lazy-module.js';

/** The decision's DOCX layout (and the docx package), loaded by the first DOCX asked for. */
const loadDecisionDocx = lazyModule(() => import('./recognition-decision-docx.js'));

/**
 * The documents other modules ask for, as PDF bytes (application/pdf). Each call lays out only the data it is
 * given, reads nothing else and writes nothing: the caller stores, audits or streams the result. The one thing it
 * adds is the rehearsal mark while the rehearsal clock is on (docs/rehearsal-clock.md), so that no caller can
 * forget it.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly renderer: PdfRenderer,
    private readonly clock: Clock,
  ) {}

  /** Biên bản họp Hội đồng Thi đua - Khen thưởng. */
  async renderCouncilMinutes(data: CouncilMinutesData): Promise<Buffer> {
    return (await renderCouncilMinutes(this.renderer, this.marked(data))).pdf;
  }

  /** Quyết định công nhận điển hình tiên tiến (or its correction or revocation). */
  async renderRecognitionDecision(data: RecognitionDecisionData): Promise<Buffer> {
    return (await renderRecognitionDecision(this.renderer, this.marked(data))).pdf;
  }

  /** Giấy chứng nhận điển hình tiên tiến: one landscape page. */
  async renderCertificate(data: CertificateData): Promise<Buffer> {
    return (await renderCertificate(this.renderer, this.marked(data))).pdf;
  }

  /** The certificates of one decision in one PDF (one landscape page each), to print in bulk. */
  async renderCertificates(list: CertificateData[], title: string): Promise<Buffer> {
    return (await renderCertificates(this.renderer, list.map((d) => this.marked(d)), title)).pdf;
  }

  /** The decision as a Word document (DOCX) the office edits; a draft's page header says "DỰ THẢO". */
  async renderRecognitionDecisionDocx(data: RecognitionDecisionData): Promise<Buffer> {
    const { renderRecognitionDecisionDocx } = await loadDecisionDocx();
    return renderRecognitionDecisionDocx(this.marked(data));
  }

  private marked<T extends { rehearsalDate?: string }>(data: T): T {
    return this.clock.rehearsal() && !data.rehearsalDate ? { ...data, rehearsalDate: this.clock.today() } : data;
  }
}
