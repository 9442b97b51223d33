/**
 * "Quyết định": the decisions of the programme and, for the secretariat, the clerk (văn thư) and auditors, the drafts
 * on their way from the council's closed session to an issued decision. Each row opens the session's decision page.
 */
import { Card, Space, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inGroup } from '#domain';
import type { DecisionDraftView, DecisionView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { ROUTES } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export const DRAFT_COLOURS: Record<DecisionDraftView['status'], string> = { DRAFT: 'gold', NUMBERED: 'blue', ISSUED: 'green', ABANDONED: 'default' };

export function DecisionsPage() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const { words } = useLabels();
  const format = useFormat();
  const seesDrafts = account ? inGroup(account.role, 'decisionDrafters') || account.role === 'AUDITOR' : false;
  const drafts = useAsync((signal) => (seesDrafts ? api.get('/api/decision-drafts', { signal }) : Promise.resolve([] as DecisionDraftView[])), [seesDrafts]);
  const decisions = useAsync((signal) => api.get('/api/decisions', { signal }), []);
  // Drafts on their way to issue, and those abandoned (kept as history, with their state).
  const listed = (drafts.data ?? []).filter((d) => d.status !== 'ISSUED');
  const open = listed.filter((d) => d.status !== 'ABANDONED');
  return (
    <Page title={t('decisions.title')} subtitle={t('decisions.subtitle')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {seesDrafts && (
          <Card title={t('decisions.draftsTitle', { count: open.length })} data-testid="decision-drafts">
            {drafts.error ? (
              <LoadError error={drafts.error} onRetry={drafts.reload} />
            ) : (
              <Table<DecisionDraftView>
                size="small"
                rowKey="id"
                loading={drafts.loading}
                pagination={false}
                dataSource={listed}
                scroll={{ x: 640 }}
                locale={{ emptyText: t('decisions.noDrafts') }}
                columns={[
                  { title: t('decisions.session'), key: 'session', render: (_: unknown, d) => <Link to={ROUTES.sessionDecision(d.sessionId)}>{d.sessionTitle}</Link> },
                  { title: t('replication.kindLabel'), key: 'kind', width: 110, render: (_: unknown, d) => t(`replication.kind.${d.kind}`) + (d.amends ? ` ${d.amends.number}` : '') },
                  { title: t('decisions.authority'), key: 'authority', render: (_: unknown, d) => words(d.authority) },
                  {
                    title: t('decisions.status'),
                    key: 'status',
                    width: 220,
                    render: (_: unknown, d) => (
                      <>
                        <Tag color={DRAFT_COLOURS[d.status]} data-testid={`draft-row-status-${d.id}`}>
                          {t(`decisions.draftStatus.${d.status}`)}
                        </Tag>
                        {d.status === 'ABANDONED' && (
                          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                            {d.abandonedAt && `${t('decisions.abandonedAt')} ${format.dateTime(d.abandonedAt)}. `}
                            {d.abandonReason && `${t('decisions.abandonReason')}: ${d.abandonReason}`}
                          </Typography.Paragraph>
                        )}
                      </>
                    ),
                  },
                  { title: t('decisions.number'), key: 'number', width: 150, render: (_: unknown, d) => d.number ?? '—' },
                ]}
              />
            )}
          </Card>
        )}
        <Card title={t('decisions.issuedTitle')} data-testid="decisions-issued">
          {decisions.error ? (
            <LoadError error={decisions.error} onRetry={decisions.reload} />
          ) : (
            <Table<DecisionView>
              size="small"
              rowKey="id"
              loading={decisions.loading}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={decisions.data ?? []}
              scroll={{ x: 720 }}
              locale={{ emptyText: t('decisions.noDecisions') }}
              columns={[
                {
                  title: t('decisions.number'),
                  key: 'number',
                  width: 150,
                  render: (_: unknown, d) => (d.sessionId ? <Link to={ROUTES.sessionDecision(d.sessionId)}>{d.number}</Link> : d.number),
                },
                { title: t('decisions.issuedOn'), key: 'issuedOn', width: 110, render: (_: unknown, d) => format.date(d.issuedOn) },
                { title: t('decisions.subject'), dataIndex: 'subject' },
                { title: t('decisions.recipients'), key: 'recipients', width: 90, render: (_: unknown, d) => d.recipients.length },
                {
                  title: t('decisions.documents'),
                  key: 'documents',
                  width: 170,
                  render: (_: unknown, d) => (
                    <a href={`/api/decisions/${d.id}/pdf`} target="_blank" rel="noopener">
                      <FilePdfOutlined aria-hidden /> {t('decisions.decisionPdf')}
                    </a>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <Typography.Paragraph type="secondary">{t('decisions.registerNote')}</Typography.Paragraph>
      </Space>
    </Page>
  );
}
