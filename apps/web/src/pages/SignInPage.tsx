import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { homeFor } from '../app/routes';
import { ErrorAlert } from '../components/ErrorAlert';
import { applyServerErrors, type GeneralError } from '../lib/serverErrors';

interface SignInForm {
  username: string;
  password: string;
}

/** Only addresses inside the app are followed after sign-in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { status, account, signIn, signInSessionEnded } = useAuth();
  const [form] = Form.useForm<SignInForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('tiep'));

  useEffect(() => {
    document.title = `${t('auth.signIn')} · ${t('app.title')}`;
  }, [t]);

  if (status === 'signedIn' && account && !busy) return <Navigate to={next ?? homeFor(account.role)} replace />;

  const submit = async (values: SignInForm) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await signIn(values.username.trim(), values.password);
      navigate(next ?? homeFor(signedIn.role), { replace: true });
    } catch (e) {
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['username', 'password'] }));
      form.setFieldValue('password', '');
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <Card className="sign-in-card">
        <div className="sign-in-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('auth.signIn')}
        </Typography.Title>
        {signInSessionEnded && !error && <Alert type="warning" showIcon role="status" title={t('auth.sessionEnded')} style={{ marginBottom: 16 }} />}
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label={t('auth.username')} name="username" rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('auth.signInButton')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
