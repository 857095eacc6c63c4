import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { loadSession, parseSession, type SessionUser } from './session.ts';

export function Login({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (u: SessionUser) => void }) {
  const [error, setError] = useState<{ type: 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: { username: string; password: string }) {
    setBusy(true); setError(null);
    try {
      const r = await api.post<Record<string, unknown>>('/api/v1/auth/login', v);
      parseSession(r ?? {});
      const u = (await loadSession()) ?? parseSession(r ?? {});
      if (!u) throw new Error(t('login.failed'));
      onLoggedIn(u);
    } catch (e) {
      if (e instanceof ApiError) {
        setError({ type: e.code === 'account_locked' ? 'warning' : 'error', text: e.code === 'account_locked' ? `${t('login.locked')}：${e.text}` : e.text });
      } else setError({ type: 'error', text: (e as Error).message });
    } finally { setBusy(false); }
  }

  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('login.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.consoleTitle')}</Typography.Paragraph>
        {notice && !error && <Alert role="status" type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert role="alert" type={error.type} showIcon title={error.text} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('login.submit')}</Button>
        </Form>
      </Card>
    </main>
  );
}
