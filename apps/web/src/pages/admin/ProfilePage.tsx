/**
 * The jurisdiction profile (hồ sơ pháp lý): what every generated document says about who issues it, where, and on
 * which legal grounds. Everyone reads the versions (the one in force marked); administrators publish a new version,
 * prefilled from the one in force, taking effect today or later. Documents keep the version they were issued under.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Collapse, Descriptions, Empty, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JurisdictionProfileView } from '#contracts';
import { IssuingAuthorityCodes, type JurisdictionProfileContent } from '#domain';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** Lists edited as text, one item per line. */
const toLines = (items: readonly string[] | undefined) => (items ?? []).join('\n');
const fromLines = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
const blankToUndefined = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

interface AuthorityValues {
  code: JurisdictionProfileContent['authorities'][number]['code'];
  parentName?: string;
  header: string;
  authority: string;
  symbol: string;
  signatory: { onBehalfOf?: string; title: string; signerTitle?: string; name?: string };
  legalBases: string;
  proposal: string;
  distribution: string;
}
/** The profile as the form edits it (lists as lines of text), under the same names as the API's, so that its field errors land on the fields. */
interface ContentValues {
  jurisdictionName: string;
  place: string;
  authorities: AuthorityValues[];
  council: JurisdictionProfileContent['council'];
  deadlines: { dossiers?: string; clearances?: string; clearanceWorkingDays?: number | null };
  /** One agency a line: "CODE | Name | what it confirms". */
  clearanceAgencies: string;
  holidays: string;
}

/** Agencies as the editor's lines, "CODE | Name | what it confirms" (the last part optional). */
function agencyLines(agencies: JurisdictionProfileContent['clearanceAgencies']): string {
  return (agencies ?? []).map((a) => [a.code, a.name, a.subject].filter(Boolean).join(' | ')).join('\n');
}
function agenciesOf(lines: string): NonNullable<JurisdictionProfileContent['clearanceAgencies']> {
  return fromLines(lines).map((line) => {
    const [code = '', name = '', ...rest] = line.split('|').map((part) => part.trim());
    const subject = rest.join(' | ').trim();
    return { code, name, ...(subject ? { subject } : {}) };
  });
}
interface PublishValues {
  effectiveFrom: string;
  note?: string;
  content: ContentValues;
}

/** Where a province without any profile starts: every issuing authority, nothing filled in. */
const BLANK: JurisdictionProfileView = {
  version: 0,
  effectiveFrom: '',
  note: null,
  publishedBy: '',
  publishedAt: '',
  people: {},
  inForce: false,
  content: {
    jurisdictionName: '',
    place: '',
    authorities: IssuingAuthorityCodes.map((code) => ({ code, header: '', authority: '', symbol: '', signatory: { title: '' }, legalBases: [], proposal: '', distribution: [] })),
    council: { header: '', minutesSymbol: '', name: '' },
    deadlines: {},
    holidays: [],
  },
};

function valuesOf(p: JurisdictionProfileContent, today: string): PublishValues {
  return { effectiveFrom: today, content: contentValuesOf(p) };
}

function contentValuesOf(p: JurisdictionProfileContent): ContentValues {
  return {
    jurisdictionName: p.jurisdictionName,
    place: p.place,
    authorities: p.authorities.map((a) => ({ ...a, signatory: { ...a.signatory }, legalBases: toLines(a.legalBases), distribution: toLines(a.distribution) })),
    council: { ...p.council },
    deadlines: { ...p.deadlines },
    clearanceAgencies: agencyLines(p.clearanceAgencies),
    holidays: toLines(p.holidays),
  };
}

function contentOf(v: ContentValues): JurisdictionProfileContent {
  return {
    jurisdictionName: v.jurisdictionName.trim(),
    place: v.place.trim(),
    authorities: v.authorities.map((a) => ({
      code: a.code,
      ...(blankToUndefined(a.parentName) ? { parentName: a.parentName!.trim() } : {}),
      header: a.header.trim(),
      authority: a.authority.trim(),
      symbol: a.symbol.trim(),
      signatory: {
        ...(blankToUndefined(a.signatory.onBehalfOf) ? { onBehalfOf: a.signatory.onBehalfOf!.trim() } : {}),
        title: a.signatory.title.trim(),
        ...(blankToUndefined(a.signatory.signerTitle) ? { signerTitle: a.signatory.signerTitle!.trim() } : {}),
        ...(blankToUndefined(a.signatory.name) ? { name: a.signatory.name!.trim() } : {}),
      },
      legalBases: fromLines(a.legalBases),
      proposal: a.proposal.trim(),
      distribution: fromLines(a.distribution),
    })),
    council: { ...(blankToUndefined(v.council.parentName) ? { parentName: v.council.parentName!.trim() } : {}), header: v.council.header.trim(), minutesSymbol: v.council.minutesSymbol.trim(), name: v.council.name.trim() },
    deadlines: {
      ...(blankToUndefined(v.deadlines.dossiers) ? { dossiers: v.deadlines.dossiers!.trim() } : {}),
      ...(blankToUndefined(v.deadlines.clearances) ? { clearances: v.deadlines.clearances!.trim() } : {}),
      ...(typeof v.deadlines.clearanceWorkingDays === 'number' ? { clearanceWorkingDays: v.deadlines.clearanceWorkingDays } : {}),
    },
    ...(fromLines(v.clearanceAgencies).length > 0 ? { clearanceAgencies: agenciesOf(v.clearanceAgencies) } : {}),
    holidays: fromLines(v.holidays),
  };
}

function PublishDialog({ from, today, onClose, onDone }: { from: JurisdictionProfileView | null; today: string; onClose(): void; onDone(v: JurisdictionProfileView): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <FormDialog<PublishValues>
      open={from !== null}
      name="publish-profile"
      title={t('profile.publishTitle', { version: (from?.version ?? 0) + 1 })}
      okText={t('profile.publishOk')}
      width={960}
      known={['effectiveFrom', 'note', 'content']}
      nested
      initialValues={from ? valuesOf(from.content, today) : undefined}
      intro={t('profile.publishIntro')}
      warning={t('profile.publishFinal')}
      submit={(v) => api.post('/api/jurisdiction-profiles', { effectiveFrom: v.effectiveFrom, content: contentOf(v.content), ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
      onClose={onClose}
      onDone={(result) => onDone(result as JurisdictionProfileView)}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="effectiveFrom" label={t('profile.effectiveFrom')} extra={t('profile.effectiveFromHint')} rules={required}>
            <Input type="date" min={today} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['content', 'jurisdictionName']} label={t('profile.jurisdictionName')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['content', 'place']} label={t('profile.place')} extra={t('profile.placeHint')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name={['content', 'authorities']}>
        {(fields) =>
          fields.map((field) => (
            <fieldset key={field.key} className="criterion">
              <legend>{t(`profile.authority.${from?.content.authorities[field.name]?.code ?? 'UBND_TINH'}`)}</legend>
              <Form.Item name={[field.name, 'code']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'parentName']} label={t('profile.parentName')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'header']} label={t('profile.header')} rules={required}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name={[field.name, 'authority']} label={t('profile.authorityLine')} rules={required}>
                    <Input maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'symbol']} label={t('profile.symbol')} rules={required}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'signatory', 'onBehalfOf']} label={t('profile.onBehalfOf')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'signatory', 'title']} label={t('profile.signTitle')} rules={required}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'signatory', 'signerTitle']} label={t('profile.signerTitle')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'signatory', 'name']} label={t('profile.signerName')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[field.name, 'legalBases']} label={t('profile.legalBases')} extra={t('profile.oneLineEach')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} lang="vi" />
              </Form.Item>
              <Form.Item name={[field.name, 'proposal']} label={t('profile.proposal')} rules={required}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name={[field.name, 'distribution']} label={t('profile.distribution')} extra={t('profile.oneLineEach')} rules={required} style={{ marginBottom: 0 }}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} lang="vi" />
              </Form.Item>
            </fieldset>
          ))
        }
      </Form.List>
      <fieldset className="criterion">
        <legend>{t('profile.council')}</legend>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['content', 'council', 'parentName']} label={t('profile.parentName')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['content', 'council', 'header']} label={t('profile.header')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['content', 'council', 'name']} label={t('profile.councilName')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['content', 'council', 'minutesSymbol']} label={t('profile.minutesSymbol')} rules={required}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
      </fieldset>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name={['content', 'deadlines', 'dossiers']} label={t('profile.dossierDeadline')} extra={t('profile.monthDay')}>
            <Input maxLength={5} placeholder="12-10" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={['content', 'deadlines', 'clearances']} label={t('profile.clearanceDeadline')} extra={t('profile.monthDay')}>
            <Input maxLength={5} placeholder="12-10" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={['content', 'deadlines', 'clearanceWorkingDays']} label={t('profile.clearanceWorkingDays')} extra={t('profile.clearanceWorkingDaysHint')}>
            <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['content', 'holidays']} label={t('profile.holidays')} extra={t('profile.holidaysHint')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['content', 'clearanceAgencies']} label={t('profile.clearanceAgencies')} extra={t('profile.clearanceAgenciesHint')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="CONG_AN_TINH | Công an tỉnh | Chấp hành pháp luật về an ninh, trật tự" />
      </Form.Item>
      <Form.Item name="note" label={t('profile.note')} rules={[{ max: 2000, message: t('validation.max', { count: 2000 }) }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}

function ProfileDetails({ p }: { p: JurisdictionProfileContent }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('profile.jurisdictionName')}>{p.jurisdictionName}</Descriptions.Item>
        <Descriptions.Item label={t('profile.place')}>{p.place}</Descriptions.Item>
        <Descriptions.Item label={t('profile.council')}>{[p.council.parentName, p.council.header].filter(Boolean).join(' · ')} ({p.council.minutesSymbol})</Descriptions.Item>
        <Descriptions.Item label={t('profile.deadlines')}>
          {t('profile.deadlinesValue', { dossiers: p.deadlines.dossiers ?? '—', clearances: p.deadlines.clearances ?? '—' })}
          {p.deadlines.clearanceWorkingDays ? ` ${t('profile.clearanceWorkingDaysValue', { count: p.deadlines.clearanceWorkingDays })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.clearanceAgencies')} span="filled">
          {(p.clearanceAgencies ?? []).length === 0 ? '—' : (p.clearanceAgencies ?? []).map((a) => a.name).join(', ')}
        </Descriptions.Item>
      </Descriptions>
      {p.authorities.map((a) => (
        <Card key={a.code} size="small" title={t(`profile.authority.${a.code}`)}>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {[a.parentName, a.header].filter(Boolean).join(' · ')} — {a.symbol}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{a.authority}</Typography.Paragraph>
          <ul className="criteria-list">
            {a.legalBases.map((b) => (
              <li key={b}>
                <em>{b}</em>
              </li>
            ))}
            <li>
              <em>{a.proposal}</em>
            </li>
          </ul>
          <Typography.Text type="secondary">
            {t('profile.signatureValue', { lines: [a.signatory.onBehalfOf, a.signatory.title, a.signatory.signerTitle].filter(Boolean).join(' / '), name: a.signatory.name ?? '—' })}
          </Typography.Text>
        </Card>
      ))}
    </Space>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/jurisdiction-profiles', { signal }), []);
  const [publishing, setPublishing] = useState<JurisdictionProfileView | null>(null);
  const admin = account?.role === 'ADMIN';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const inForce = data?.find((v) => v.inForce) ?? data?.[0] ?? null;

  return (
    <Page
      title={t('profile.title')}
      subtitle={t('profile.subtitle')}
      extra={
        admin && !loading ? (
          <Button type="primary" onClick={() => setPublishing(inForce ?? BLANK)}>
            {t('profile.publish')}
          </Button>
        ) : undefined
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!loading && data?.length === 0 && <Empty description={t('profile.none')} />}
      {data && data.length > 0 && (
        <Collapse
          key={inForce?.version}
          defaultActiveKey={inForce ? [String(inForce.version)] : []}
          items={data.map((v) => ({
            key: String(v.version),
            label: (
              <Space wrap>
                <strong>{t('profile.version', { version: v.version })}</strong>
                {v.inForce ? <Tag color="green">{t('profile.inForce')}</Tag> : v.effectiveFrom > today ? <Tag color="blue">{t('profile.upcoming')}</Tag> : <Tag>{t('profile.superseded')}</Tag>}
                <Typography.Text>{t('profile.effectiveFromValue', { date: format.date(v.effectiveFrom) })}</Typography.Text>
                <Typography.Text type="secondary">{t('candidate.createdByValue', { by: personName(v.people, v.publishedBy), at: format.dateTime(v.publishedAt) })}</Typography.Text>
              </Space>
            ),
            children: (
              <>
                {v.note && <Typography.Paragraph italic>{v.note}</Typography.Paragraph>}
                <ProfileDetails p={v.content} />
              </>
            ),
          }))}
        />
      )}
      {admin && !loading && data?.length === 0 && (
        <Typography.Paragraph type="secondary">{t('profile.noneAdmin')}</Typography.Paragraph>
      )}
      <PublishDialog
        from={publishing}
        today={today}
        onClose={() => setPublishing(null)}
        onDone={(v) => {
          setPublishing(null);
          void message.success(t('profile.published', { version: v.version, date: format.date(v.effectiveFrom) }));
          reload();
        }}
      />
    </Page>
  );
}
