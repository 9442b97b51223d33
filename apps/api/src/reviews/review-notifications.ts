/**
 * The review sessions' notifications, written in the transaction of the change (SessionChanges.run): reviewers
 * assigned, voting opened, notice started. Each links to where the person acts.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Notifications } from '../notifications/notifications.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

@Injectable()
export class ReviewNotifications {
  constructor(private readonly notifications: Notifications) {}

  private async facts(em: EntityManager, itemId: string): Promise<{ sessionId: string; title: string; candidate: string }> {
    const [row] = (await em.query(
      `SELECT i.session_id, s.title, c.name FROM review_item i JOIN review_session s ON s.id = i.session_id JOIN candidate c ON c.id = i.candidate_id WHERE i.id = $1`,
      [itemId],
    )) as { session_id: string; title: string; name: string }[];
    return { sessionId: row!.session_id, title: row!.title, candidate: row!.name };
  }

  /** Each reviewer newly assigned to a candidate: their checklist to fill. */
  async assigned(em: EntityManager, assignments: readonly { itemId: string; reviewerId: string }[]): Promise<void> {
    for (const a of assignments) {
      const f = await this.facts(em, a.itemId);
      await this.notifications.notify(em, {
        kind: 'SESSION_ASSIGNED',
        to: [a.reviewerId],
        title: { vi: `Được phân công đánh giá: ${f.candidate}`, en: `Assigned to review: ${f.candidate}` },
        body: { vi: `Phiên "${f.title}": bạn được phân công đánh giá hồ sơ "${f.candidate}". Vui lòng điền phiếu đánh giá.`, en: `Session "${f.title}": you are assigned to review "${f.candidate}". Please fill in the checklist.` },
        link: `/hoi-dong/${f.sessionId}/phieu-danh-gia/${a.itemId}`,
      });
    }
  }

  /** The session's members: the vote is open. */
  async votingOpened(em: EntityManager, sessionId: string, title: string, memberIds: readonly string[]): Promise<void> {
    await this.notifications.notify(em, {
      kind: 'VOTING_OPENED',
      to: memberIds,
      title: { vi: `Mở biểu quyết: phiên "${title}"`, en: `Voting opened: session "${title}"` },
      body: { vi: `Phiên "${title}" đã mở biểu quyết. Vui lòng biểu quyết từng hồ sơ.`, en: `Voting is open in session "${title}". Please vote on each candidate.` },
      link: `/hoi-dong/${sessionId}`,
    });
  }

  /** The secretariat and the unit heads of the candidates listed: the public notice has started. */
  async noticeStarted(em: EntityManager, sessionId: string, title: string, endsOn: string, candidateIds: readonly string[]): Promise<void> {
    const heads = new Set<string>();
    for (const id of candidateIds) for (const head of await this.notifications.unitHeadsOfCandidate(em, id)) heads.add(head);
    await this.notifications.notify(em, {
      kind: 'NOTICE_STARTED',
      to: [...(await this.notifications.withRoles(em, ['COUNCIL_SECRETARY'])), ...heads],
      title: { vi: `Bắt đầu công khai: phiên "${title}"`, en: `Public notice started: session "${title}"` },
      body: {
        vi: `Danh sách đề nghị công nhận của phiên "${title}" (${candidateIds.length} hồ sơ) được công khai lấy ý kiến đến hết ngày ${formatDateVi(endsOn)}.`,
        en: `The proposed list of session "${title}" (${candidateIds.length} candidate(s)) is on public notice until ${endsOn}.`,
      },
      link: `/hoi-dong/${sessionId}`,
    });
  }
}
