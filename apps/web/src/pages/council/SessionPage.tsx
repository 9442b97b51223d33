/**
 * One review session, by stage: its rules and members, the secretariat's next step, the public notice, and each
 * candidate with its reviewers, checklists, vote and outcome. Council members find their checklists and votes
 * here; auditors read everything (and reach the session's audit trail from here).
 */
import { useEffect } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, AuditOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { positionRank } from '#domain';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { SessionDetail, SessionMember } from '#contracts';
import { REVIEW_SESSION_STATUSES, sessionClosed } from '#workflow';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ruleSetLines, type CouncilRuleSet } from '#workflow';
import { BallotTag, SessionStatusTag, rulesInWords } from './common';
import { ItemCard, type Viewer } from './ItemCard';
import { NoticePanel } from './NoticePanel';
import { SecretariatPanel } from './SecretariatPanel';
import { DossierPanel } from './DossierPanel';

export const minutesUrl = (sessionId: string) => `/api/review-sessions/${sessionId}/minutes.pdf`;

function MembersCard({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  // Chair first, then vice-chairs, the member-secretary and the members (the minutes' order).
  const members = [...session.members].sort((a, b) => positionRank(a.position) - positionRank(b.position));
  return (
    <Card title={<h2 className="card-heading">{t('session.members', { count: session.members.length })}</h2>} style={{ height: '100%' }} data-testid="members">
      <Typography.Paragraph type="secondary">{t('session.membersHint')}</Typography.Paragraph>
      <Table<SessionMember>
        size="small"
        rowKey="accountId"
        pagination={false}
        dataSource={members}
        columns={[
          {
            title: t('session.position'),
            dataIndex: 'positionLabel',
            render: (v: SessionMember['positionLabel'], m) => <Tag color={m.position === 'CHAIR' ? 'gold' : m.position === 'MEMBER' ? 'default' : 'geekblue'}>{words(v)}</Tag>,
          },
          { title: t('session.member'), dataIndex: 'displayName' },
          { title: t('candidate.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          {
            title: t('session.attendance'),
            dataIndex: 'attendance',
            width: 150,
            render: (v: SessionMember['attendance']) => (v === null ? '—' : <Tag color={v === 'PRESENT' ? 'green' : v === 'WRITTEN_OPINION' ? 'blue' : 'default'}>{t(`session.attendanceValue.${v}`)}</Tag>),
          },
        ]}
      />
    </Card>
  );
}

export function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { label, words } = useLabels();
  const { account } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: session, error, loading, reload } = useAsync((signal) => api.get('/api/review-sessions/{id}', { path: { id }, signal }), [id]);
  const sets = useAsync((signal) => api.get('/api/criteria-sets', { signal }), []);
  // The session's clearance rule and the agencies the profile lists (the requests themselves come with each item).
  const clearances = useAsync((signal) => api.get('/api/review-sessions/{id}/clearances', { path: { id }, signal }), [id, session?.version]);
  const opened = (location.state as { opened?: boolean } | null)?.opened === true;

  // A link to one candidate of the session (#ho-so-<item>) scrolls to it once the page has it.
  const hash = location.hash;
  const ready = session !== undefined;
  useEffect(() => {
    if (!ready || !hash) return;
    document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [ready, hash]);

  if (error && !session) {
    return (
      <Page title={t('session.title')}>
        <LoadError error={error} onRetry={reload} />
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ROUTES.council)}>
          {t('session.backToList')}
        </Button>
      </Page>
    );
  }
  if (!session) {
    return (
      <Page title={t('session.title')}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Page>
    );
  }

  const viewer: Viewer = {
    accountId: account?.id ?? '',
    secretary: account?.role === 'COUNCIL_SECRETARY',
    member: account?.role === 'COUNCIL_MEMBER' && session.members.some((m) => m.accountId === account.id),
  };
  const notAMember = account?.role === 'COUNCIL_MEMBER' && !viewer.member;
  const stage = REVIEW_SESSION_STATUSES.findIndex((s) => s.code === session.status);
  const pinned = (sets.data ?? []).filter((s) => Object.values(session.criteriaSetIds).includes(s.id));

  return (
    <Page
      title={session.title}
      subtitle={
        <Space wrap size={[8, 4]}>
          <span data-testid="session-status">
            <SessionStatusTag status={session.status} />
          </span>
          <BallotTag ballot={session.ballot} />
          <span>{t('candidate.yearValue', { year: session.year })}</span>
        </Space>
      }
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ROUTES.council)}>
            {t('session.backToList')}
          </Button>
          <Button icon={<FilePdfOutlined />} href={minutesUrl(session.id)} download data-testid="minutes">
            {t('session.minutes')}
          </Button>
          {account?.role === 'AUDITOR' && (
            <Button icon={<AuditOutlined />} onClick={() => navigate(ROUTES.auditTrail({ phien: session.id }))}>
              {t('session.auditTrail')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
            {t('common.reload')}
          </Button>
        </>
      }
    >
      {opened && <Alert type="success" showIcon closable role="status" style={{ marginBottom: 16 }} title={t('session.opened')} />}
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {notAMember && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('session.notAMember')} />}

      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={stage}
          status={sessionClosed(session.status) ? 'finish' : 'process'}
          size="small"
          items={REVIEW_SESSION_STATUSES.map((s) => ({ title: words(s.step) }))}
          aria-label={t('session.stages')}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-heading">{t('session.details')}</h2>} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'council', label: t('session.council'), children: session.council ? <span data-testid="session-council">{session.council.name}</span> : '—' },
                { key: 'chair', label: t('council.fields.chairName'), children: session.chairName },
                { key: 'venue', label: t('council.fields.venue'), children: session.venue ?? '—' },
                { key: 'checklistsDueOn', label: t('council.fields.checklistsDueOn'), children: session.checklistsDueOn ? format.date(session.checklistsDueOn) : '—' },
                { key: 'votingClosesOn', label: t('council.fields.votingClosesOn'), children: session.votingClosesOn ? format.date(session.votingClosesOn) : '—' },
                { key: 'ballot', label: t('council.fields.ballot'), children: t(`council.ballotExplain.${session.ballot}`) },
                {
                  key: 'rules',
                  label: t('session.rules'),
                  children: (
                    <div>
                      {session.ruleSet && (
                        <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="pinned-rule-set">
                          <strong>{t('session.ruleSetValue', { name: words(session.ruleSet.name), version: session.ruleSet.version })}</strong>
                          <br />
                          <Typography.Text type="secondary">{words(session.ruleSet.source)}</Typography.Text>
                        </Typography.Paragraph>
                      )}
                      <ul className="plain-list" data-testid="rules">
                        {session.ruleSet
                          ? ruleSetLines(session.ruleSet.rules as CouncilRuleSet, session.ruleSet.considersAwards).map((r) => <li key={r.en}>{words(r)}</li>)
                          : rulesInWords(session.rules, t).map((r) => <li key={r}>{r}</li>)}
                        <li>{t('council.rules.notice', { days: session.noticeWorkingDays })}</li>
                      </ul>
                    </div>
                  ),
                },
                {
                  key: 'criteria',
                  label: t('session.criteriaSets'),
                  children: pinned.length ? pinned.map((s) => t('session.criteriaSetValue', { name: t(`criteria.set.${s.code}`), version: s.version })).join('; ') : '—',
                },
                { key: 'opened', label: t('session.openedBy'), children: t('candidate.createdByValue', { by: session.people[session.openedBy] ?? session.openedBy, at: format.dateTime(session.openedAt) }) },
                ...(session.votingOpenedAt ? [{ key: 'votingOpened', label: t('session.votingOpenedAt'), children: format.dateTime(session.votingOpenedAt) }] : []),
                ...(session.votingClosedAt ? [{ key: 'votingClosed', label: t('session.votingClosedAt'), children: format.dateTime(session.votingClosedAt) }] : []),
                ...(session.closedAt ? [{ key: 'closed', label: t('session.closedAt'), children: format.dateTime(session.closedAt) }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <MembersCard session={session} />
        </Col>
      </Row>

      <div className="stack">
        {viewer.secretary && <SecretariatPanel session={session} onChanged={reload} />}
        <NoticePanel session={session} secretary={viewer.secretary} onChanged={reload} />
        <DossierPanel sessionId={session.id} />
        <section aria-labelledby="session-items">
          <h2 id="session-items" className="section-title">
            {t('session.items', { count: session.items.length })}
          </h2>
          {session.items.length === 0 ? (
            <Card>
              <Empty description={t('session.noItems')} />
            </Card>
          ) : (
            <div className="stack" style={{ marginTop: 8 }}>
              {session.items.map((item) => (
                <ItemCard key={item.id} session={session} item={item} viewer={viewer} onChanged={reload} clearances={clearances.data} />
              ))}
            </div>
          )}
        </section>
        {sessionClosed(session.status) && (
          <Alert type="success" showIcon title={t('session.closedSummary', { at: format.dateTime(session.closedAt) })} description={session.items.filter((i) => i.outcome).map((i) => `${i.candidate.name}: ${t(`council.outcome.${i.outcome}`)}${i.status === 'DROPPED' ? ` (${label('reviewItemStatus', 'DROPPED')})` : ''}`).join('; ')} action={<Link to={ROUTES.sessionDecision(session.id)} data-testid="session-decision-link">{t('session.decisionLink')}</Link>} />
        )}
      </div>
    </Page>
  );
}
