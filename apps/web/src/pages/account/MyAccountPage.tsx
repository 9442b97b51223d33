/** My account: who I am in the product, and changing my own password (the other sessions end). */
import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const MIN_LENGTH = 12;

export function MyAccountPage() {
  const { t, i18n } = useTranslation();
  const { account } = useAuth();
  const { label } = useLabels();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      form.resetFields();
      void message.success(t('myAccount.passwordChanged'));
    } catch (e) {
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['currentPassword', 'newPassword'] }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('myAccount.title')}>
      <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 640 }}>
        {account && (
          <Card title={t('myAccount.who')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('myAccount.displayName')}>{account.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('myAccount.username')}>{account.username}</Descriptions.Item>
              <Descriptions.Item label={t('myAccount.role')}>{label('role', account.role)}</Descriptions.Item>
            </Descriptions>
            <Link to={ROUTES.notificationSettings}>{t('myAccount.notificationSettings')}</Link>
          </Card>
        )}
        <Card title={t('myAccount.changePassword')}>
          <ErrorAlert error={error} onClose={() => setError(null)} />
          <Form<PasswordForm> form={form} layout="vertical" onFinish={change} disabled={busy}>
            <Form.Item label={t('myAccount.currentPassword')} name="currentPassword" rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              label={t('myAccount.newPassword')}
              name="newPassword"
              extra={t('myAccount.newPasswordHint', { count: MIN_LENGTH })}
              rules={[
                { required: true, message: t('validation.required') },
                { min: MIN_LENGTH, message: t('myAccount.tooShort', { count: MIN_LENGTH }) },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label={t('myAccount.confirmPassword')}
              name="confirmPassword"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('validation.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('myAccount.mismatch')))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('myAccount.changePassword')}
            </Button>
          </Form>
        </Card>
      </Space>
    </Page>
  );
}
