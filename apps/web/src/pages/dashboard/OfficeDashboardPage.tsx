/**
 * The office's dashboard (bảng điều hành), the secretariat's home: candidates by stage and unit level, nurturing
 * overdue, sessions not yet closed with their next date, and this year against last. A unit head sees the same
 * for their units. Every figure comes from GET /api/dashboards/office; the page computes none.
 */
import { Alert, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UNIT_LEVELS, isAbolishedLevel } from '#domain';
import type { DashboardSession, OfficeDashboard, OverdueNurturing, PipelineRow, SessionDeadline, YearFigures } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { DashboardPage, Figure, Panel } from './DashboardLayout';

const YEAR_FIGURES = ['nominated', 'inProgress', 'recognised', 'returned', 'rejected', 'withdrawn'] as const;

export function DeadlineText({ deadline }: { deadline: SessionDeadline }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = deadline.daysLeft < 0 ? t('dashboard.sessions.passed', { count: -deadline.daysLeft }) : deadline.daysLeft === 0 ? t('dashboard.sessions.today') : t('dashboard.sessions.daysLeft', { count: deadline.daysLeft });
  return (
    <span className={deadline.daysLeft <= 3 ? 'task-urgent' : undefined}>
      {t(`dashboard.sessions.kind.${deadline.kind}`)}: {format.date(deadline.date)} ({when})
    </span>
  );
}

function PipelineTable({ rows, total }: { rows: PipelineRow[]; total: number }) {
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  // A level that no longer exists (the district, since 01/7/2025) has a column only while some candidate counts there.
  const levels = UNIT_LEVELS.filter((level) => !isAbolishedLevel(level.code) || rows.some((r) => r.byLevel.some((l) => l.level === level.code && l.count > 0)));
  return (
    <Table<PipelineRow>
      rowKey="stage"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid="dashboard-pipeline"
      columns={[
        {
          key: 'stage',
          title: t('dashboard.pipeline.stage'),
          render: (_, r) => (
            <div>
              <Typography.Text strong>{words(r.stageLabel)}</Typography.Text>
              <div className="dashboard-states">
                {r.byState
                  .filter((s) => s.count > 0)
                  .map((s) => (
                    <Tag key={s.state}>
                      {words(s.stateLabel)}: {format.number(s.count)}
                    </Tag>
                  ))}
              </div>
            </div>
          ),
        },
        ...levels.map((level) => ({
          key: level.code,
          title: label('level', level.code),
          align: 'right' as const,
          render: (_: unknown, r: PipelineRow) => {
            const n = r.byLevel.find((l) => l.level === level.code)?.count ?? 0;
            return n > 0 ? format.number(n) : <span className="muted">0</span>;
          },
        })),
        { key: 'total', title: t('dashboard.pipeline.total'), align: 'right' as const, render: (_, r) => <strong>{format.number(r.total)}</strong> },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={levels.length + 1}>
            <strong>{t('dashboard.pipeline.all')}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <strong data-testid="dashboard-pipeline-total">{format.number(total)}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function OverdueList({ data }: { data: OfficeDashboard['overdueNurturing'] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dashboard.overdue.hint', { count: data.checkInIntervalDays })}</Typography.Paragraph>
      <List<OverdueNurturing>
        size="small"
        dataSource={data.items}
        data-testid="dashboard-overdue"
        locale={{ emptyText: <Typography.Text type="secondary">{t('dashboard.overdue.none')}</Typography.Text> }}
        renderItem={(item) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={ROUTES.candidate(item.candidate.id)}>{item.candidate.name}</Link>}
              description={
                <Space size={[8, 2]} wrap>
                  <span>{label('kind', item.candidate.kind)}</span>
                  <span>· {item.candidate.unit.name}</span>
                  <span className="task-urgent">
                    · {t('dashboard.overdue.detail', { due: format.date(item.nextCheckInDue), count: item.daysOverdue, last: item.lastCheckInOn ? format.date(item.lastCheckInOn) : t('dashboard.overdue.never') })}
                  </span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {data.total > data.items.length && <Typography.Text type="secondary">{t('dashboard.overdue.more', { count: data.total - data.items.length })}</Typography.Text>}
    </>
  );
}

function SessionsList({ sessions }: { sessions: DashboardSession[] }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  if (sessions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.sessions.none')} />;
  return (
    <List<DashboardSession>
      size="small"
      dataSource={sessions}
      data-testid="dashboard-sessions"
      renderItem={(s) => (
        <List.Item>
          <List.Item.Meta
            title={<Link to={ROUTES.session(s.id)}>{s.title}</Link>}
            description={
              <Space orientation="vertical" size={2}>
                <Space size={[8, 2]} wrap>
                  <Tag color="blue">{words(s.statusLabel)}</Tag>
                  <span>{t('dashboard.sessions.candidates', { count: s.candidates, undecided: format.number(s.undecided) })}</span>
                </Space>
                {s.deadlines.length === 0 ? (
                  <Typography.Text type="secondary">{t('dashboard.sessions.noDates')}</Typography.Text>
                ) : (
                  s.deadlines.map((d) => <DeadlineText key={d.kind} deadline={d} />)
                )}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

function YearsTable({ current, previous }: { current: YearFigures; previous: YearFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = YEAR_FIGURES.map((key) => ({ key, now: current[key], before: previous[key] }));
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="dashboard-years"
      columns={[
        { key: 'figure', title: t('dashboard.years.figure'), render: (_, r) => t(`dashboard.years.${r.key}`) },
        { key: 'previous', title: String(previous.year), align: 'right', render: (_, r) => format.number(r.before) },
        { key: 'current', title: String(current.year), align: 'right', render: (_, r) => <strong>{format.number(r.now)}</strong> },
        {
          key: 'change',
          title: t('dashboard.years.change'),
          align: 'right',
          render: (_, r) => {
            const d = r.now - r.before;
            return d === 0 ? <span className="muted">0</span> : <span>{d > 0 ? `+${format.number(d)}` : `−${format.number(-d)}`}</span>;
          },
        },
      ]}
    />
  );
}

export function OfficeDashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const state = useAsync((signal) => api.get('/api/dashboards/office', { signal }), []);
  const data = state.data;
  return (
    <DashboardPage
      title={t('dashboard.office.title')}
      subtitle={data ? (data.scope ? t('dashboard.office.scopeUnit', { unit: data.scope.name, date: format.date(data.today) }) : t('dashboard.office.scopeProvince', { date: format.date(data.today) })) : undefined}
      state={state}
    >
      {(data) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Row gutter={[16, 16]} data-testid="dashboard-figures">
            <Col xs={12} lg={6}>
              <Figure title={t('dashboard.figures.pipeline')} value={data.pipeline.total} />
            </Col>
            <Col xs={12} lg={6}>
              <Figure title={t('dashboard.figures.overdue')} value={data.overdueNurturing.total} alert={data.overdueNurturing.total > 0} />
            </Col>
            <Col xs={12} lg={6}>
              <Figure title={t('dashboard.figures.sessions')} value={data.sessions.length} />
            </Col>
            <Col xs={12} lg={6}>
              <Figure title={t('dashboard.figures.nominatedThisYear', { year: data.years.current.year })} value={data.years.current.nominated} />
            </Col>
          </Row>
          <Panel title={t('dashboard.pipeline.title')}>
            <Typography.Paragraph type="secondary">{t('dashboard.pipeline.hint')}</Typography.Paragraph>
            <PipelineTable rows={data.pipeline.rows} total={data.pipeline.total} />
          </Panel>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Panel title={t('dashboard.overdue.title', { count: data.overdueNurturing.total })} fill>
                <OverdueList data={data.overdueNurturing} />
              </Panel>
            </Col>
            <Col xs={24} xl={12}>
              <Panel title={t('dashboard.sessions.title')} fill>
                <SessionsList sessions={data.sessions} />
              </Panel>
            </Col>
          </Row>
          <Panel title={t('dashboard.years.title', { current: data.years.current.year, previous: data.years.previous.year })}>
            <Typography.Paragraph type="secondary">{t('dashboard.years.hint')}</Typography.Paragraph>
            <YearsTable current={data.years.current} previous={data.years.previous} />
          </Panel>
          {data.pipeline.total === 0 && <Alert type="info" showIcon title={t('dashboard.office.empty')} />}
        </Space>
      )}
    </DashboardPage>
  );
}
