/**
 * Council rule sets: every published version of each rule set (the one a session opening now pins marked), its
 * rules in words, and, for administrators, publishing a new version from the current one or from a preset. A
 * published version never changes; a session keeps the version it opened with.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Collapse, Dropdown, Empty, Form, Input, InputNumber, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CouncilRulePresetView, CouncilRuleSetView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { CLEARANCE_RULES, CLEARANCE_RULE_LABELS, clearanceRuleOf, ruleSetLines, type ClearanceRule, type CouncilRuleSet } from '#workflow';

type Rules = CouncilRuleSetView['rules'];
type Fraction = { numerator: number; denominator: number };
type ThresholdValues = { numerator: number; denominator: number; of: 'ALL_MEMBERS' | 'VOTES_CAST'; strict: boolean };

interface PublishValues {
  code: string;
  nameVi: string;
  nameEn: string;
  sourceVi: string;
  sourceEn: string;
  quorum: Fraction;
  hasAward: boolean;
  award: Fraction;
  writtenOpinionsCount: boolean;
  recognition: ThresholdValues;
  hasRejection: boolean;
  rejection: ThresholdValues;
  recusal: Rules['recusal'];
  chairBreaksTies: boolean;
  quota?: number | null;
  clearances: ClearanceRule;
  note?: string;
}

/** What a dialog starts from: a published version (a new version of its code) or a preset. */
type Start = { code: string; name: { vi: string; en: string }; source: { vi: string; en: string }; rules: Rules; version?: number };

function valuesOf(start: Start): Partial<PublishValues> {
  const r = start.rules;
  const threshold = (t: NonNullable<Rules['rejection']>): ThresholdValues => ({ ...t.fraction, of: t.of, strict: t.strict });
  return {
    code: start.code,
    nameVi: start.name.vi,
    nameEn: start.name.en,
    sourceVi: start.source.vi,
    sourceEn: start.source.en,
    quorum: r.quorum,
    hasAward: r.awardSessionAttendance !== null,
    award: r.awardSessionAttendance ?? { numerator: 4, denominator: 5 },
    writtenOpinionsCount: r.writtenOpinionsCount,
    recognition: threshold(r.recognition),
    hasRejection: r.rejection !== null,
    rejection: r.rejection ? threshold(r.rejection) : { numerator: 1, denominator: 2, of: 'ALL_MEMBERS', strict: true },
    recusal: r.recusal,
    chairBreaksTies: r.chairBreaksTies,
    quota: r.quota,
    clearances: clearanceRuleOf(r),
  };
}

function FractionField({ name, label, extra }: { name: string; label: string; extra?: string }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Form.Item label={label} extra={extra} required>
      <Space.Compact>
        <Form.Item name={[name, 'numerator']} noStyle rules={required}>
          <InputNumber min={1} max={1000} precision={0} aria-label={`${label}: ${t('ruleSets.numerator')}`} style={{ width: 90 }} />
        </Form.Item>
        <Space.Addon>/</Space.Addon>
        <Form.Item name={[name, 'denominator']} noStyle rules={required}>
          <InputNumber min={1} max={1000} precision={0} aria-label={`${label}: ${t('ruleSets.denominator')}`} style={{ width: 90 }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

function ThresholdField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="criterion">
      <legend>{label}</legend>
      <FractionField name={name} label={t('ruleSets.fraction')} />
      <Form.Item name={[name, 'of']} label={t('ruleSets.of')}>
        <Radio.Group options={[{ value: 'ALL_MEMBERS', label: t('ruleSets.ofAll') }, { value: 'VOTES_CAST', label: t('ruleSets.ofVotes') }]} />
      </Form.Item>
      <Form.Item name={[name, 'strict']} label={t('ruleSets.comparison')} style={{ marginBottom: 0 }}>
        <Radio.Group options={[{ value: false, label: t('ruleSets.atLeast') }, { value: true, label: t('ruleSets.moreThan') }]} />
      </Form.Item>
    </fieldset>
  );
}

function PublishDialog({ start, onClose, onDone }: { start: Start | null; onClose(): void; onDone(v: CouncilRuleSetView): void }) {
  const { t, i18n } = useTranslation();
  return (
    <FormDialog<PublishValues>
      open={start !== null}
      name="publish-rule-set"
      title={start?.version ? t('ruleSets.publishTitle', { code: start.code, version: start.version + 1 }) : t('ruleSets.publishFromPreset')}
      okText={t('ruleSets.publishOk')}
      width={820}
      known={['code', 'name', 'source', 'rules', 'note']}
      nested
      initialValues={start ? valuesOf(start) : {}}
      intro={t('ruleSets.publishIntro')}
      warning={t('ruleSets.publishFinal')}
      submit={(v) =>
        api.post('/api/council-rule-sets', {
          code: v.code.trim(),
          name: { vi: v.nameVi.trim(), en: v.nameEn.trim() },
          source: { vi: v.sourceVi.trim(), en: v.sourceEn.trim() },
          rules: {
            quorum: v.quorum,
            awardSessionAttendance: v.hasAward ? v.award : null,
            writtenOpinionsCount: v.writtenOpinionsCount,
            recognition: { fraction: { numerator: v.recognition.numerator, denominator: v.recognition.denominator }, of: v.recognition.of, strict: v.recognition.strict },
            rejection: v.hasRejection ? { fraction: { numerator: v.rejection.numerator, denominator: v.rejection.denominator }, of: v.rejection.of, strict: v.rejection.strict } : null,
            recusal: v.recusal,
            chairBreaksTies: v.chairBreaksTies,
            quota: v.quota ?? null,
            clearances: v.clearances,
          },
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        })
      }
      onClose={onClose}
      onDone={(result) => onDone(result as CouncilRuleSetView)}
    >
      {(form) => (
        <>
          <Form.Item name="code" label={t('ruleSets.code')} extra={t('ruleSets.codeHint')} normalize={(v: string) => v?.toUpperCase()} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Z][A-Z0-9_]*$/, message: t('criteria.codeFormat') }]}>
            <Input maxLength={60} style={{ maxWidth: 360 }} />
          </Form.Item>
          <Form.Item name="nameVi" label={t('ruleSets.nameVi')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={300} lang="vi" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('ruleSets.nameEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={300} lang="en" />
          </Form.Item>
          <Form.Item name="sourceVi" label={t('ruleSets.sourceVi')} extra={t('ruleSets.sourceHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} lang="vi" />
          </Form.Item>
          <Form.Item name="sourceEn" label={t('ruleSets.sourceEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} lang="en" />
          </Form.Item>
          <FractionField name="quorum" label={t('ruleSets.quorum')} extra={t('ruleSets.quorumHint')} />
          <Form.Item name="hasAward" label={t('ruleSets.hasAward')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.hasAward !== b.hasAward}>
            {() => (form.getFieldValue('hasAward') ? <FractionField name="award" label={t('ruleSets.award')} extra={t('ruleSets.awardHint')} /> : null)}
          </Form.Item>
          <Form.Item name="writtenOpinionsCount" label={t('ruleSets.writtenOpinionsCount')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <ThresholdField name="recognition" label={t('ruleSets.recognition')} />
          <Form.Item name="hasRejection" label={t('ruleSets.hasRejection')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.hasRejection !== b.hasRejection}>
            {() => (form.getFieldValue('hasRejection') ? <ThresholdField name="rejection" label={t('ruleSets.rejection')} /> : null)}
          </Form.Item>
          <Form.Item name="recusal" label={t('ruleSets.recusal')}>
            <Select
              options={[
                { value: 'COUNTS_AS_NOT_IN_FAVOUR', label: t('ruleSets.recusalNotInFavour') },
                { value: 'LEFT_OUT_OF_BASE', label: t('ruleSets.recusalLeftOut') },
              ]}
            />
          </Form.Item>
          <Form.Item name="chairBreaksTies" label={t('ruleSets.chairBreaksTies')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="quota" label={t('ruleSets.quota')} extra={t('ruleSets.quotaHint')}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="clearances" label={t('ruleSets.clearances')} extra={t('ruleSets.clearancesHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={CLEARANCE_RULES.map((rule) => ({ value: rule, label: i18n.language === 'en' ? CLEARANCE_RULE_LABELS[rule].en : CLEARANCE_RULE_LABELS[rule].vi }))} />
          </Form.Item>
          <Form.Item name="note" label={t('criteria.note')} rules={[{ max: 2000, message: t('validation.max', { count: 2000 }) }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

export function RuleSetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  const { words } = useLabels();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/council-rule-sets', { signal }), []);
  const presets = useAsync((signal) => api.get('/api/council-rule-sets/presets', { signal }), []);
  const [start, setStart] = useState<Start | null>(null);
  const admin = account?.role === 'ADMIN';
  const rows = data ?? [];
  const codes = [...new Set(rows.map((r) => r.code))];
  const fromPreset = (p: CouncilRulePresetView) => setStart({ code: p.code, name: p.name, source: p.source, rules: p.rules });

  return (
    <Page
      title={t('ruleSets.title')}
      subtitle={t('ruleSets.subtitle')}
      extra={
        admin && (
          <Dropdown
            menu={{
              items: (presets.data ?? []).map((p) => ({ key: p.code, label: p.name.vi })),
              onClick: ({ key }) => fromPreset((presets.data ?? []).find((p) => p.code === key)!),
            }}
          >
            <Button>{t('ruleSets.fromPreset')}</Button>
          </Dropdown>
        )
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!loading && codes.length === 0 && <Empty />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {codes.map((code) => {
          const versions = rows.filter((r) => r.code === code).sort((a, b) => b.version - a.version);
          const newest = versions[0]!;
          return (
            <Card
              key={code}
              data-testid={`rule-set-${code}`}
              styles={{ title: { whiteSpace: 'normal' } }}
              title={
                <Space wrap>
                  <h2 className="card-heading">{words(newest.name)}</h2>
                  {versions.some((v) => v.inForce) && <Tag color="green">{t('ruleSets.inForce')}</Tag>}
                </Space>
              }
            >
              {admin && (
                <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setStart({ code, name: newest.name, source: newest.source, rules: newest.rules, version: newest.version })}>
                  {t('ruleSets.publish')}
                </Button>
              )}
              <Typography.Paragraph type="secondary">
                {t('ruleSets.codeValue', { code })} · {words(newest.source)}
              </Typography.Paragraph>
              <Collapse
                key={newest.id}
                defaultActiveKey={[newest.id]}
                items={versions.map((v) => ({
                  key: v.id,
                  label: (
                    <Space wrap>
                      <strong>{t('criteria.version', { version: v.version })}</strong>
                      {v.inForce ? <Tag color="green" style={{ whiteSpace: 'normal' }}>{t('ruleSets.pinnedNext')}</Tag> : null}
                      <Typography.Text type="secondary">{t('candidate.createdByValue', { by: personName(v.people, v.publishedBy), at: format.dateTime(v.publishedAt) })}</Typography.Text>
                    </Space>
                  ),
                  children: (
                    <>
                      {v.note && <Typography.Paragraph italic>{v.note}</Typography.Paragraph>}
                      <ul className="criteria-list">
                        {ruleSetLines(v.rules as CouncilRuleSet, true).map((line) => (
                          <li key={line.en}>{words(line)}</li>
                        ))}
                      </ul>
                    </>
                  ),
                }))}
              />
            </Card>
          );
        })}
      </Space>
      <PublishDialog
        start={start}
        onClose={() => setStart(null)}
        onDone={(v) => {
          setStart(null);
          message.success(t('ruleSets.published', { code: v.code, version: v.version }));
          reload();
        }}
      />
    </Page>
  );
}
