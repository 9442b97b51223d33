/**
 * "Nhân rộng": what happened to a recognised exemplar afterwards — the honouring acts (tuyên truyền, tôn vinh),
 * the units that studied or adopted its model, the yearly follow-ups — and the recognition decisions naming it,
 * with their PDFs. Records are never overwritten: a correction is a new record, so the tables show the records in
 * force and, folded away below each, the ones a correction replaced.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Card, Collapse, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROUTES } from '../../app/routes';
import { HONOURING_FORMS } from '#domain';
import { ADOPTION_STAGES, type CandidateEventType, type CandidateState } from '#workflow';
import type { AdoptionRecordView, CandidateView, DecisionStatus, DecisionView as RecognitionDecision, FollowUpRecordView, HonouringRecordView, ReplicationView } from '#contracts';
import { api } from '../../api/client';
import { LoadError } from '../../components/ErrorAlert';
import { ActorName } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { REPLICATION_EVENTS } from './EventForms';

/** The states in which a candidate has been recognised (and so has a replication record and decisions). */
export const REPLICATION_STATES: readonly CandidateState[] = ['recognised', 'replicating', 'replicationEnded', 'revoked'];

const STATUS_COLOURS: Record<DecisionStatus, string> = { IN_FORCE: 'green', CORRECTED: 'blue', PARTLY_REVOKED: 'orange', REVOKED: 'red' };

interface ReplicationData {
  replication: ReplicationView;
  decisions: RecognitionDecision[];
}

async function loadReplication(id: string, signal: AbortSignal): Promise<ReplicationData> {
  const [replication, decisions] = await Promise.all([
    api.get('/api/candidates/{id}/replication', { path: { id }, signal }),
    api.get('/api/decisions', { signal }),
  ]);
  return { replication, decisions: decisions.filter((d) => d.recipients.some((r) => r.candidateId === id)) };
}

/** A ledger table: the records in force, and those a correction replaced folded away below, marked as such. */
function Ledger<T extends { id: string; correctsId: string | null; supersededBy: string | null }>({
  heading,
  rows,
  columns,
  empty,
  testId,
}: {
  heading: string;
  rows: T[];
  columns: TableColumnsType<T>;
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const inForce = rows.filter((r) => r.supersededBy === null);
  const superseded = rows.filter((r) => r.supersededBy !== null);
  const marked: TableColumnsType<T> = [
    ...columns,
    {
      key: 'marks',
      width: 130,
      render: (_: unknown, r: T) => (
        <Space orientation="vertical" size={2}>
          {r.supersededBy !== null && <Tag>{t('replication.supersededTag')}</Tag>}
          {r.correctsId !== null && <Tag color="blue">{t('replication.correctionTag')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <section aria-label={heading} data-testid={testId} style={{ marginTop: 16 }}>
      <Typography.Title level={3} className="section-heading">
        {heading}
      </Typography.Title>
      <Table<T> size="small" rowKey="id" pagination={false} dataSource={inForce} columns={marked} locale={{ emptyText: empty }} scroll={{ x: 800 }} />
      {superseded.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'superseded',
              label: t('replication.superseded', { count: superseded.length }),
              children: <Table<T> size="small" rowKey="id" pagination={false} dataSource={superseded} columns={marked} scroll={{ x: 800 }} data-testid={`${testId}-superseded`} />,
            },
          ]}
        />
      )}
    </section>
  );
}

function DecisionsList({ candidateId, decisions }: { candidateId: string; decisions: RecognitionDecision[] }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  return (
    <section aria-label={t('replication.decisions')} data-testid="replication-decisions" style={{ marginTop: 16 }}>
      <Typography.Title level={3} className="section-heading">
        {t('replication.decisions')}
      </Typography.Title>
      <Table<RecognitionDecision>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={decisions}
        locale={{ emptyText: t('replication.noDecisions') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('replication.decisionNumber'), dataIndex: 'number', width: 150 },
          { title: t('replication.issuedOn'), dataIndex: 'issuedOn', width: 110, render: (v: string) => format.date(v) },
          { title: t('replication.kindLabel'), dataIndex: 'kind', width: 110, render: (v: RecognitionDecision['kind']) => t(`replication.kind.${v}`) },
          { title: t('replication.authority'), key: 'authority', render: (_: unknown, d) => words(d.authority) },
          {
            title: t('replication.status'),
            key: 'status',
            width: 180,
            render: (_: unknown, d) => {
              const revoked = d.recipients.find((r) => r.candidateId === candidateId)?.revoked ?? false;
              return (
                <Space orientation="vertical" size={2}>
                  <Tag color={STATUS_COLOURS[d.status]}>{t(`replication.decisionStatus.${d.status}`)}</Tag>
                  {revoked && d.kind !== 'REVOCATION' && <Tag color="red">{t('replication.revokedForCandidate')}</Tag>}
                </Space>
              );
            },
          },
          {
            title: t('replication.documents'),
            key: 'documents',
            render: (_: unknown, d) => {
              const recipient = d.recipients.find((r) => r.candidateId === candidateId);
              // A certificate exists for a recognition or correction that still names the candidate.
              const certificate = d.kind !== 'REVOCATION' && recipient !== undefined && !recipient.revoked;
              return (
                <Space orientation="vertical" size={2}>
                  <a href={`/api/decisions/${d.id}/pdf`} target="_blank" rel="noopener">
                    <FilePdfOutlined aria-hidden /> {t('replication.decisionPdf')}
                  </a>
                  {d.sessionId && <Link to={ROUTES.sessionDecision(d.sessionId)}>{t('replication.openDecision')}</Link>}
                  {certificate && (
                    <a href={`/api/decisions/${d.id}/certificates/${candidateId}/pdf`} target="_blank" rel="noopener">
                      <FilePdfOutlined aria-hidden /> {t('replication.certificatePdf')}
                    </a>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </section>
  );
}

export interface ReplicationSectionProps {
  candidate: CandidateView;
  /** The replication events the reader may send now (allowed by the machine and by the reader's role). */
  recordable: CandidateEventType[];
  onRecord(event: CandidateEventType): void;
}

export function ReplicationSection({ candidate, recordable, onRecord }: ReplicationSectionProps) {
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  // Reloaded whenever the candidate changes (every event bumps its version).
  const { data, error, reload } = useAsync((signal) => loadReplication(candidate.id, signal), [candidate.id, candidate.version]);
  const buttons = REPLICATION_EVENTS.filter((type) => recordable.includes(type));

  let body: ReactNode;
  if (error) body = <LoadError error={error} onRetry={reload} />;
  else if (!data) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else {
    const { replication, decisions } = data;
    const recorded = (r: { recordedBy: string; recordedAt: string }) => (
      <>
        <ActorName actor={r.recordedBy} people={replication.people} />
        <br />
        <Typography.Text type="secondary">{format.dateTime(r.recordedAt)}</Typography.Text>
      </>
    );
    const honouringColumns: TableColumnsType<HonouringRecordView> = [
      { title: t('eventFields.honouredOn'), dataIndex: 'date', width: 110, render: (v: string) => format.date(v) },
      { title: t('eventFields.honouringForm'), key: 'form', width: 180, render: (_: unknown, h) => words(h.formLabel ?? HONOURING_FORMS.find((f) => f.code === h.form)) || h.form },
      { title: t('eventFields.outlet'), dataIndex: 'outlet', width: 160 },
      {
        title: t('eventFields.title'),
        key: 'title',
        render: (_: unknown, h) =>
          h.link ? (
            <a href={h.link} target="_blank" rel="noopener noreferrer">
              {h.title}
            </a>
          ) : (
            h.title
          ),
      },
      { title: t('eventFields.reach'), dataIndex: 'reach', width: 110, align: 'right', render: (v: number | null) => (v === null ? '' : format.number(v)) },
      { title: t('replication.recordedBy'), key: 'recorded', width: 150, render: (_: unknown, h) => recorded(h) },
    ];
    const adoptionColumns: TableColumnsType<AdoptionRecordView> = [
      { title: t('eventFields.adoptedOn'), dataIndex: 'date', width: 110, render: (v: string) => format.date(v) },
      { title: t('eventFields.adoptingUnitId'), key: 'unit', width: 200, render: (_: unknown, a) => a.adoptingUnit.name ?? a.adoptingUnit.id },
      { title: t('eventFields.adoptionStage'), key: 'stage', width: 180, render: (_: unknown, a) => words(a.stageLabel ?? ADOPTION_STAGES.find((s) => s.code === a.stage)) || a.stage },
      { title: t('eventFields.description'), dataIndex: 'description', render: (v: string) => <span className="pre-wrap">{v}</span> },
      { title: t('replication.recordedBy'), key: 'recorded', width: 150, render: (_: unknown, a) => recorded(a) },
    ];
    const followUpColumns: TableColumnsType<FollowUpRecordView> = [
      { title: t('eventFields.followUpYear'), dataIndex: 'year', width: 90 },
      { title: t('eventFields.followedOn'), dataIndex: 'date', width: 110, render: (v: string) => format.date(v) },
      {
        title: t('eventFields.holdsUp'),
        dataIndex: 'holdsUp',
        width: 150,
        render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{t(v ? 'replication.holdsUpYes' : 'replication.holdsUpNo')}</Tag>,
      },
      { title: t('eventFields.findings'), dataIndex: 'findings', render: (v: string) => <span className="pre-wrap">{v}</span> },
      { title: t('replication.recordedBy'), key: 'recorded', width: 150, render: (_: unknown, f) => recorded(f) },
    ];
    body = (
      <>
        {replication.endOfReplicationSuggested && <Alert type="warning" showIcon role="status" style={{ marginBottom: 16 }} title={t('replication.endSuggested')} />}
        {replication.spread.unitsReached > 0 && (
          <Typography.Paragraph data-testid="replication-spread">
            {t('replication.spread', { reached: format.number(replication.spread.unitsReached), adopted: format.number(replication.spread.unitsAdopted) })}
          </Typography.Paragraph>
        )}
        <DecisionsList candidateId={candidate.id} decisions={decisions} />
        <Ledger heading={t('replication.honouring', { count: replication.honouring.filter((h) => h.supersededBy === null).length })} rows={replication.honouring} columns={honouringColumns} empty={t('replication.noHonouring')} testId="replication-honouring" />
        <Ledger heading={t('replication.adoptions', { count: replication.adoptions.filter((a) => a.supersededBy === null).length })} rows={replication.adoptions} columns={adoptionColumns} empty={t('replication.noAdoptions')} testId="replication-adoptions" />
        <Ledger heading={t('replication.followUps', { count: replication.followUps.filter((f) => f.supersededBy === null).length })} rows={replication.followUps} columns={followUpColumns} empty={t('replication.noFollowUps')} testId="replication-follow-ups" />
      </>
    );
  }

  return (
    <Card
      title={<h2 className="card-heading">{t('replication.title')}</h2>}
      data-testid="replication"
      extra={
        buttons.length > 0 && (
          <Space wrap role="group" aria-label={t('replication.title')}>
            {buttons.map((type) => (
              <Button key={type} icon={<PlusOutlined />} onClick={() => onRecord(type)} data-record={type}>
                {label('event', type)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {body}
    </Card>
  );
}
