/** Administrators: accounts — search, create, change role and unit, disable and re-enable, reset a password. */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '#domain';
import type { AccountView as Account } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { applyServerErrors, describeError, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { loadUnitTree, toTreeData } from '../../lib/units';

const PASSWORD_MIN = 12;

interface CreateAccountForm {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string;
  password: string;
}

function CreateAccountDialog({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(account: Account): void }) {
  const { t, i18n } = useTranslation();
  const { options } = useLabels();
  const [form] = Form.useForm<CreateAccountForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const treeData = useMemo(() => toTreeData(units.data ?? []), [units.data]);
  // A fresh form each time the dialog opens (reset before anyone can type, not after the animation).
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t('accounts.create')}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      okText={t('accounts.createButton')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={error} />
      <Form<CreateAccountForm>
        form={form}
        layout="vertical"
        name="create-account"
        disabled={busy}
        initialValues={{ role: 'UNIT_HEAD' }}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            onDone(await api.post('/api/accounts', { ...values, username: values.username.trim() }));
          } catch (e) {
            setError(applyServerErrors(form, e, t, i18n.language, { known: ['username', 'displayName', 'role', 'unitId', 'password'] }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t('accounts.username')} extra={t('accounts.usernameHint')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[a-z0-9._-]{3,50}$/, message: t('accounts.usernameFormat') }]}>
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={50} />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('validation.max', { count: 200 }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={options('role')} popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="unitId" label={t('accounts.unit')} extra={t('accounts.unitHint')}>
          <TreeSelect treeData={treeData} treeDefaultExpandAll allowClear showSearch={{ treeNodeFilterProp: 'title' }} loading={units.loading} />
        </Form.Item>
        <Form.Item name="password" label={t('accounts.initialPassword')} extra={t('accounts.passwordHint', { count: PASSWORD_MIN })} rules={[{ required: true, message: t('validation.required') }, { min: PASSWORD_MIN, message: t('validation.min', { count: PASSWORD_MIN }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Changes an account's role and unit; the server refuses a unit head without a unit and the last administrator's demotion. */
function RoleDialog({ account, onClose, onDone }: { account: Account | null; onClose(): void; onDone(account: Account): void }) {
  const { t, i18n } = useTranslation();
  const { options } = useLabels();
  const [form] = Form.useForm<{ role: Role; unitId?: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const treeData = useMemo(() => toTreeData(units.data ?? []), [units.data]);
  useEffect(() => {
    if (!account) return;
    form.setFieldsValue({ role: account.role, unitId: account.unitId ?? undefined });
    setError(null);
  }, [account, form]);
  return (
    <Modal
      open={account !== null}
      title={t('accounts.roleTitle', { name: account?.displayName ?? '' })}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      <p>{t('accounts.roleHint')}</p>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        name="account-role"
        disabled={busy}
        onFinish={async ({ role, unitId }) => {
          if (!account) return;
          setBusy(true);
          setError(null);
          try {
            onDone(await api.post('/api/accounts/{id}/role', { role, unitId: unitId ?? null }, { path: { id: account.id } }));
          } catch (e) {
            setError(applyServerErrors(form, e, t, i18n.language, { known: ['role', 'unitId'] }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={options('role')} popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="unitId" label={t('accounts.unit')} extra={t('accounts.unitHint')}>
          <TreeSelect treeData={treeData} treeDefaultExpandAll allowClear showSearch={{ treeNodeFilterProp: 'title' }} loading={units.loading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordDialog({ account, onClose, onDone }: { account: Account | null; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!account) return;
    form.resetFields();
    setError(null);
  }, [account, form]);
  return (
    <Modal
      open={account !== null}
      title={t('accounts.resetTitle', { username: account?.username ?? '' })}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      okText={t('accounts.resetButton')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      <p>{t('accounts.resetHint')}</p>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        name="reset-password"
        disabled={busy}
        onFinish={async ({ password }) => {
          if (!account) return;
          setBusy(true);
          setError(null);
          try {
            await api.post('/api/accounts/{id}/password', { password }, { path: { id: account.id } });
            onDone();
          } catch (e) {
            setError(applyServerErrors(form, e, t, i18n.language, { known: ['password'] }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="password" label={t('accounts.newPassword')} extra={t('accounts.passwordHint', { count: PASSWORD_MIN })} rules={[{ required: true, message: t('validation.required') }, { min: PASSWORD_MIN, message: t('validation.min', { count: PASSWORD_MIN }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EmailDialog({ account, onClose, onDone }: { account: Account | null; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ email: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!account) return;
    form.setFieldsValue({ email: account.email ?? '' });
    setError(null);
  }, [account, form]);
  return (
    <Modal
      open={account !== null}
      title={t('accounts.emailTitle', { username: account?.username ?? '' })}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      <p>{t('accounts.emailHint')}</p>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        name="account-email"
        disabled={busy}
        onFinish={async ({ email }) => {
          if (!account) return;
          setBusy(true);
          setError(null);
          try {
            await api.post('/api/accounts/{id}/email', { email: email.trim() || null }, { path: { id: account.id } });
            onDone();
          } catch (e) {
            setError(applyServerErrors(form, e, t, i18n.language, { known: ['email'] }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="email" label={t('accounts.email')} rules={[{ type: 'email', message: t('accounts.emailInvalid') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  const { account: me } = useAuth();
  const { message } = AntApp.useApp();
  const { options } = useLabels();
  const [search, setSearch] = useState<{ q?: string; role?: Role; unitId?: string }>({});
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/accounts', { query: search, signal }), [search]);
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const treeData = useMemo(() => toTreeData(units.data ?? []), [units.data]);
  const [changingRole, setChangingRole] = useState<Account | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [emailOf, setEmailOf] = useState<Account | null>(null);

  const toggle = async (account: Account) => {
    try {
      await (account.disabled ? api.post('/api/accounts/{id}/enable', {}, { path: { id: account.id } }) : api.post('/api/accounts/{id}/disable', {}, { path: { id: account.id } }));
      void message.success(t(account.disabled ? 'accounts.enabled' : 'accounts.disabledDone', { username: account.username }));
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    }
  };

  const clearThrottle = async (account: Account) => {
    try {
      await api.post('/api/accounts/{id}/clear-sign-in-throttle', {}, { path: { id: account.id } });
      void message.success(t('accounts.clearThrottleDone', { username: account.username }));
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    }
  };

  return (
    <Page
      title={t('accounts.title')}
      subtitle={data ? t('accounts.total', { count: data.length }) : undefined}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('accounts.create')}
        </Button>
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('accounts.searchPlaceholder')}
          aria-label={t('accounts.search')}
          style={{ width: 280, maxWidth: '100%' }}
          onSearch={(q) => setSearch((s) => ({ ...s, q: q.trim() || undefined }))}
        />
        <Select
          allowClear
          aria-label={t('accounts.filterRole')}
          placeholder={t('accounts.filterRole')}
          options={options('role')}
          popupMatchSelectWidth={false}
          style={{ width: 220, maxWidth: '100%' }}
          onChange={(role?: Role) => setSearch((s) => ({ ...s, role }))}
        />
        <TreeSelect
          allowClear
          aria-label={t('accounts.filterUnit')}
          placeholder={t('accounts.filterUnit')}
          treeData={treeData}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
          style={{ width: 280, maxWidth: '100%' }}
          onChange={(unitId?: string) => setSearch((s) => ({ ...s, unitId }))}
        />
      </Space>
      <Table<Account>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1800 }}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username', width: 140 },
          { title: t('accounts.displayName'), dataIndex: 'displayName', width: 240 },
          { title: t('accounts.role'), dataIndex: 'role', render: (r: string) => label('role', r), width: 220 },
          { title: t('accounts.unit'), dataIndex: ['unit', 'name'], width: 220 },
          { title: t('accounts.email'), dataIndex: 'email', ellipsis: true, width: 220, render: (v: string | null | undefined) => v ?? '—' },
          {
            title: t('accounts.status'),
            dataIndex: 'disabled',
            width: 130,
            render: (disabled: boolean, a) => (disabled ? <Tag color="red" title={format.dateTime(a.disabledAt)}>{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.active')}</Tag>),
          },
          { title: t('accounts.createdAt'), dataIndex: 'createdAt', render: (v: string) => format.date(v), width: 110 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 560,
            render: (_: unknown, a) => (
              <Space wrap>
                <Popconfirm
                  title={t(a.disabled ? 'accounts.confirmEnable' : 'accounts.confirmDisable', { username: a.username })}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => toggle(a)}
                  disabled={a.id === me?.id}
                >
                  <Button size="small" danger={!a.disabled} disabled={a.id === me?.id} aria-label={t(a.disabled ? 'accounts.enableNamed' : 'accounts.disableNamed', { username: a.username })}>
                    {t(a.disabled ? 'accounts.enable' : 'accounts.disable')}
                  </Button>
                </Popconfirm>
                <Button size="small" onClick={() => setChangingRole(a)} aria-label={t('accounts.changeRoleNamed', { username: a.username })}>
                  {t('accounts.changeRole')}
                </Button>
                <Button size="small" onClick={() => setEmailOf(a)} aria-label={t('accounts.setEmailNamed', { username: a.username })}>
                  {t('accounts.setEmail')}
                </Button>
                <Button size="small" onClick={() => setResetting(a)} aria-label={t('accounts.resetNamed', { username: a.username })}>
                  {t('accounts.reset')}
                </Button>
                <Popconfirm title={t('accounts.confirmClearThrottle', { username: a.username })} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => clearThrottle(a)}>
                  <Button size="small" aria-label={t('accounts.clearThrottleNamed', { username: a.username })}>
                    {t('accounts.clearThrottle')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CreateAccountDialog
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(a) => {
          setCreating(false);
          void message.success(t('accounts.created', { username: a.username }));
          reload();
        }}
      />
      <RoleDialog
        account={changingRole}
        onClose={() => setChangingRole(null)}
        onDone={(a) => {
          setChangingRole(null);
          void message.success(t('accounts.roleDone', { name: a.displayName, role: label('role', a.role) }));
          reload();
        }}
      />
      <EmailDialog
        account={emailOf}
        onClose={() => setEmailOf(null)}
        onDone={() => {
          void message.success(t('accounts.emailDone', { username: emailOf?.username ?? '' }));
          setEmailOf(null);
          reload();
        }}
      />
      <ResetPasswordDialog
        account={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          void message.success(t('accounts.resetDone', { username: resetting?.username ?? '' }));
          setResetting(null);
        }}
      />
    </Page>
  );
}
