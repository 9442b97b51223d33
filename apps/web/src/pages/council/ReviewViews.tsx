/**
 * Read-only views of a review shared by the session page and the candidate page: the verdict explained (tally,
 * quorum, threshold, checklist coverage and the rules' findings) and the reviewers' checklists with the evidence
 * each criterion points at.
 */
import { Alert, Collapse, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ChecklistView as Checklist, Criterion, Figures, Finding, LegacyVerdict, RuleSetVerdict, Verdict } from '#contracts';
import { COUNCIL_RULE_PRESETS, type CouncilOutcome } from '#workflow';
import type { EvidenceView as EvidenceFile } from '#contracts';
import { useLabels } from '../../domain/labels';
import { evidenceUrl } from '../../lib/evidence';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { OutcomeTag } from './common';

function Met({ met, yes, no }: { met: boolean | null; yes: string; no: string }) {
  if (met === null) return <>—</>;
  return met ? (
    <Tag color="green" icon={<CheckCircleFilled aria-hidden />}>
      {yes}
    </Tag>
  ) : (
    <Tag color="red" icon={<CloseCircleFilled aria-hidden />}>
      {no}
    </Tag>
  );
}

interface VerdictProps {
  verdict: Verdict;
  outcome: CouncilOutcome | null;
  quorumMet: boolean | null;
  thresholdMet: boolean | null;
  findings: Finding[] | null;
  figures?: Figures | null;
  castingVote?: 'FOR' | 'AGAINST' | null;
  /** The pinned rule set's name in words (the session knows it); else a preset's name, never its code alone. */
  ruleSetName?: { vi: string; en: string } | null;
}

/** Why the outcome is what it is: the figures, each rule met or not, and the rules' own words. */
export function VerdictView(props: VerdictProps) {
  return 'ruleSet' in props.verdict ? <RuleSetVerdictView {...props} verdict={props.verdict} /> : <LegacyVerdictView {...props} verdict={props.verdict} />;
}

function FindingsAlert({ outcome, findings }: { outcome: CouncilOutcome | null; findings: Finding[] | null }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  if (!findings || findings.length === 0) return null;
  return (
    <Alert
      style={{ marginTop: 8 }}
      type={outcome === 'RECOGNISE' ? 'success' : outcome === 'NO_DECISION' ? 'warning' : 'info'}
      showIcon
      title={t('verdict.findings')}
      description={
        <ul className="plain-list">
          {findings.map((f) => (
            <li key={f.code}>{words(f)}</li>
          ))}
        </ul>
      }
    />
  );
}

/** A verdict under the rule set the session pinned: attendance over all members, recusals, the figures judged by. */
function RuleSetVerdictView({ verdict, outcome, quorumMet, thresholdMet, findings, figures, castingVote, ruleSetName }: VerdictProps & { verdict: RuleSetVerdict }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const name = ruleSetName ?? COUNCIL_RULE_PRESETS.find((p) => p.ruleSet.code === verdict.ruleSet.code)?.name;
  const format = useFormat();
  const { tally, checklists } = verdict;
  return (
    <div data-testid="verdict">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('verdict.outcome')}</Typography.Text>
        {outcome ? <OutcomeTag outcome={outcome} /> : '—'}
        <Typography.Text type="secondary">{name ? t('verdict.ruleSet', { name: words(name), version: verdict.ruleSet.version }) : t('verdict.ruleSetUnnamed', { version: verdict.ruleSet.version })}</Typography.Text>
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'members', label: t('verdict.members'), children: format.number(tally.members) },
          { key: 'attendance', label: t('verdict.attendance'), children: t('verdict.attendanceValue', { present: tally.present, written: tally.writtenOpinions, members: tally.members }) },
          { key: 'recused', label: t('verdict.recused'), children: format.number(tally.recused) },
          { key: 'votes', label: t('verdict.votes'), children: t('verdict.votesValue', { inFavour: tally.inFavour, against: tally.against, abstain: tally.abstain }) },
          {
            key: 'checklists',
            label: t('verdict.checklists'),
            children: t('verdict.checklistsValue', { submitted: checklists.submitted, assigned: checklists.assigned, reviewed: checklists.criteriaReviewed, criteria: checklists.criteria }),
          },
          { key: 'quorum', label: t('verdict.quorumAttendance'), children: <Met met={quorumMet} yes={t('verdict.met')} no={t('verdict.notMet')} /> },
          {
            key: 'threshold',
            label: t('verdict.figures'),
            children: (
              <Space wrap>
                <Met met={thresholdMet} yes={t('verdict.met')} no={t('verdict.notMet')} />
                {figures && <span>{t('verdict.figuresValue', { inFavour: figures.inFavour, base: figures.base, needed: figures.needed })}</span>}
              </Space>
            ),
          },
          ...(castingVote || figures?.tieBrokenByChair
            ? [{ key: 'casting', label: t('verdict.castingVote'), children: castingVote === 'FOR' ? t('verdict.castingFor') : t('verdict.castingAgainst') }]
            : []),
        ]}
      />
      <FindingsAlert outcome={outcome} findings={findings} />
    </div>
  );
}

function LegacyVerdictView({ verdict, outcome, quorumMet, thresholdMet, findings }: VerdictProps & { verdict: LegacyVerdict }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { tally, rules, checklists } = verdict;
  const needed = Math.ceil((tally.eligible * rules.recognitionPercent) / 100);
  const quorumNeeded = Math.ceil((tally.eligible * rules.quorum.numerator) / rules.quorum.denominator);
  return (
    <div data-testid="verdict">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('verdict.outcome')}</Typography.Text>
        {outcome ? <OutcomeTag outcome={outcome} /> : '—'}
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'eligible', label: t('verdict.eligible'), children: format.number(tally.eligible) },
          { key: 'participants', label: t('verdict.participants'), children: format.number(tally.participants) },
          { key: 'inFavour', label: t('verdict.inFavour'), children: format.number(tally.inFavour) },
          { key: 'against', label: t('verdict.against'), children: format.number(tally.against) },
          { key: 'abstain', label: t('verdict.abstain'), children: format.number(tally.abstain) },
          {
            key: 'checklists',
            label: t('verdict.checklists'),
            children: t('verdict.checklistsValue', { submitted: checklists.submitted, assigned: checklists.assigned, reviewed: checklists.criteriaReviewed, criteria: checklists.criteria }),
          },
          {
            key: 'quorum',
            label: t('verdict.quorum', { numerator: rules.quorum.numerator, denominator: rules.quorum.denominator }),
            children: (
              <Space wrap>
                <Met met={quorumMet} yes={t('verdict.met')} no={t('verdict.notMet')} />
                <span>{t('verdict.quorumValue', { participants: tally.participants, needed: quorumNeeded })}</span>
              </Space>
            ),
          },
          {
            key: 'threshold',
            label: t('verdict.threshold', { percent: rules.recognitionPercent }),
            children: (
              <Space wrap>
                <Met met={thresholdMet} yes={t('verdict.met')} no={t('verdict.notMet')} />
                <span>{t('verdict.thresholdValue', { inFavour: tally.inFavour, needed })}</span>
              </Space>
            ),
          },
        ]}
      />
      <FindingsAlert outcome={outcome} findings={findings} />
    </div>
  );
}

function MarksTable({ marks, criteria, evidence, candidateId }: { marks: Checklist['marks']; criteria: Criterion[]; evidence: EvidenceFile[] | undefined; candidateId: string }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const byId = new Map((evidence ?? []).map((e) => [e.id, e]));
  return (
    <Table<Checklist['marks'][number]>
      size="small"
      rowKey="criterionCode"
      pagination={false}
      dataSource={marks}
      scroll={{ x: 720 }}
      columns={[
        {
          title: t('checklist.criterion'),
          dataIndex: 'criterionCode',
          render: (code: string) => {
            const c = criteria.find((x) => x.code === code);
            return c ? words(c) : code;
          },
        },
        { title: t('checklist.result'), dataIndex: 'met', width: 120, render: (met: boolean) => <Met met={met} yes={t('checklist.met')} no={t('checklist.notMet')} /> },
        { title: t('checklist.comment'), dataIndex: 'comment', render: (v: string) => <span className="pre-wrap">{v}</span> },
        {
          title: t('checklist.evidence'),
          dataIndex: 'evidenceIds',
          width: 220,
          render: (ids: string[]) =>
            ids.length === 0 ? (
              '—'
            ) : (
              <ul className="plain-list">
                {ids.map((id) => {
                  const file = byId.get(id);
                  return (
                    <li key={id}>
                      {file ? (
                        <a href={evidenceUrl(candidateId, id)} download={file.fileName}>
                          <DownloadOutlined aria-hidden /> {file.fileName}
                        </a>
                      ) : (
                        <Typography.Text code>{id.slice(0, 8)}</Typography.Text>
                      )}
                    </li>
                  );
                })}
              </ul>
            ),
        },
      ]}
    />
  );
}

/** Every checklist of a candidate's review, the ones in force first, each with its marks. */
export function ChecklistsView({ checklists, criteria, candidateId, evidence }: { checklists: Checklist[]; criteria: Criterion[]; candidateId: string; evidence?: EvidenceFile[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const needsEvidence = !evidence && checklists.some((k) => k.marks.some((m) => m.evidenceIds.length > 0));
  const loaded = useAsync((signal) => (needsEvidence ? api.get('/api/candidates/{id}/evidence', { path: { id: candidateId }, signal }) : Promise.resolve(evidence ?? [])), [candidateId, needsEvidence]);
  if (checklists.length === 0) return <Typography.Text type="secondary">{t('checklist.noneYet')}</Typography.Text>;
  const ordered = [...checklists].sort((a, b) => Number(b.inForce) - Number(a.inForce));
  return (
    <Collapse
      size="small"
      items={ordered.map((k) => ({
        key: k.id,
        label: (
          <Space wrap size={[8, 2]}>
            <Typography.Text strong>{k.reviewerName}</Typography.Text>
            <Typography.Text type="secondary">{format.dateTime(k.submittedAt)}</Typography.Text>
            {k.inForce ? <Tag color="green">{t('checklist.inForce')}</Tag> : <Tag>{t('checklist.corrected')}</Tag>}
            {k.correctsId && <Tag color="blue">{t('checklist.isCorrection')}</Tag>}
            <span>{t('checklist.metCount', { met: k.marks.filter((m) => m.met).length, total: k.marks.length })}</span>
          </Space>
        ),
        children: <MarksTable marks={k.marks} criteria={criteria} evidence={evidence ?? loaded.data} candidateId={candidateId} />,
      }))}
    />
  );
}
