/**
 * Administrators change an account's role and unit (audited in the account's chain, its sign-in sessions ended),
 * refused in Vietnamese when the change is invalid (a unit head without a unit, an unknown unit, the last
 * administrator demoted); and they search accounts without diacritics, by role and by unit.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { ADMIN, newUnit } from './support/factories.js';

jest.setTimeout(60_000);

let t: TestApp;
let districtId: string;
beforeAll(async () => {
  t = await startTestApp();
  districtId = (await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' })).id;
});
afterAll(async () => {
  await t?.close();
});

const idOf = async (username: string) => ((await t.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[])[0]!.id;
const lastRecord = async (accountId: string) =>
  ((await t.dataSource.query(`SELECT event_type AS "eventType", actor, payload FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1`, [`account:${accountId}`])) as {
    eventType: string;
    actor: string;
    payload: Record<string, unknown>;
  }[])[0]!;

describe('changing an account’s role and unit', () => {
  it('changes both, writes the change in the account’s chain, ends its sessions; the next sign-in has the new rights', async () => {
    const person = await t.newAccount('nguyen-van-an', 'AUDITOR', t.provinceId);
    const id = await idOf('nguyen-van-an');
    expect((await person.get('/api/audit/checkpoints')).status).toBe(200);

    const res = await t.as(ADMIN).post(`/api/accounts/${id}/role`).send({ role: 'UNIT_HEAD', unitId: districtId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'UNIT_HEAD', roleLabel: { vi: 'Thủ trưởng đơn vị' }, unitId: districtId, unit: { id: districtId, name: 'UBND huyện Lạng Giang' } });
    expect(await lastRecord(id)).toEqual({
      eventType: 'ACCOUNT_CHANGED',
      actor: ADMIN,
      payload: { username: 'nguyen-van-an', roleBefore: 'AUDITOR', role: 'UNIT_HEAD', unitIdBefore: t.provinceId, unitId: districtId, sessionsEnded: 1 },
    });
    // The old session is over; signed in again, the person is a unit head of the district.
    expect((await person.get('/api/auth/me')).status).toBe(401);
    const again = await t.signIn('nguyen-van-an');
    expect((await again.get('/api/auth/me')).body).toMatchObject({ role: 'UNIT_HEAD', unitId: districtId });
    expect((await again.get('/api/audit/checkpoints')).status).toBe(403);
    // The person is told, in their notifications.
    const notes = await again.get('/api/notifications');
    expect(notes.body.items.map((n: { body: string }) => n.body)).toContain('Vai trò hoặc đơn vị công tác của bạn đã được quản trị hệ thống thay đổi; vui lòng đăng nhập lại.');
  });

  it('records nothing new in the account but the request when nothing changes', async () => {
    await t.newAccount('khong-doi', 'AUDITOR', null);
    const id = await idOf('khong-doi');
    const res = await t.as(ADMIN).post(`/api/accounts/${id}/role`).send({ role: 'AUDITOR', unitId: null });
    expect(res.status).toBe(200);
    expect((await lastRecord(id)).payload).toEqual({ username: 'khong-doi', unchanged: true });
  });

  it('refuses a unit head or council member without a unit, naming the field in Vietnamese', async () => {
    await t.newAccount('thieu-don-vi', 'AUDITOR', null);
    const id = await idOf('thieu-don-vi');
    for (const role of ['UNIT_HEAD', 'COUNCIL_MEMBER']) {
      const res = await t.as(ADMIN).post(`/api/accounts/${id}/role`).send({ role });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'ACCOUNT_UNIT_REQUIRED', field: 'unitId', message: 'Thủ trưởng đơn vị và thành viên Hội đồng phải thuộc một đơn vị.' });
    }
    expect((await t.as(ADMIN).get(`/api/accounts/${id}`)).body.role).toBe('AUDITOR');
  });

  it('refuses an unknown unit and an unknown role, by the fields’ Vietnamese names', async () => {
    const id = await idOf('thieu-don-vi');
    const unknownUnit = await t.as(ADMIN).post(`/api/accounts/${id}/role`).send({ role: 'UNIT_HEAD', unitId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body).toMatchObject({ code: 'REFERENCED_UNIT_NOT_FOUND', field: 'unitId' });
    const unknownRole = await t.as(ADMIN).post(`/api/accounts/${id}/role`).send({ role: 'CHIEF' });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.errors).toEqual([expect.objectContaining({ field: 'role', message: expect.stringContaining('Vai trò') })]);
    expect(unknownRole.body.message).not.toMatch(/\brole\b/);
  });

  it('keeps the last enabled administrator an administrator; with a second one, the first may change', async () => {
    const adminId = await idOf(ADMIN);
    const refused = await t.as(ADMIN).post(`/api/accounts/${adminId}/role`).send({ role: 'AUDITOR', unitId: t.provinceId });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'LAST_ADMINISTRATOR', field: 'role', message: expect.stringContaining('quản trị hệ thống cuối cùng') });

    // A disabled administrator does not count.
    const second = await t.newAccount('quantri-2', 'ADMIN', null);
    const secondId = await idOf('quantri-2');
    expect((await t.as(ADMIN).post(`/api/accounts/${secondId}/disable`)).status).toBe(200);
    expect((await t.as(ADMIN).post(`/api/accounts/${adminId}/role`).send({ role: 'AUDITOR', unitId: t.provinceId })).status).toBe(409);

    expect((await t.as(ADMIN).post(`/api/accounts/${secondId}/enable`)).status).toBe(200);
    const allowed = await t.as(ADMIN).post(`/api/accounts/${secondId}/role`).send({ role: 'AUDITOR', unitId: t.provinceId });
    expect(allowed.status).toBe(200);
    void second;
    const roles = (await t.dataSource.query(`SELECT role FROM account WHERE username IN ('admin', 'quantri-2') ORDER BY username`)) as { role: string }[];
    expect(roles.map((r) => r.role)).toEqual(['ADMIN', 'AUDITOR']);
  });

  it('is for administrators only', async () => {
    const id = await idOf('khong-doi');
    expect((await t.as('kiemtra').post(`/api/accounts/${id}/role`).send({ role: 'AUDITOR' })).status).toBe(403);
  });
});

describe('searching accounts', () => {
  beforeAll(async () => {
    await t.as(ADMIN).post('/api/accounts').send({ username: 'hoa.nt', displayName: 'Nguyễn Thị Hoa', role: 'COUNCIL_MEMBER', unitId: districtId, password: 'mat-khau-thu-nghiem-2025' });
    await t.as(ADMIN).post('/api/accounts').send({ username: 'binh.tv', displayName: 'Trần Văn Bình', role: 'AUDITOR', password: 'mat-khau-thu-nghiem-2025' });
  });
  const names = async (query: string) => ((await t.as(ADMIN).get(`/api/accounts${query}`)).body as { displayName: string }[]).map((a) => a.displayName).sort();

  it('finds by full name without diacritics, by username and by unit name', async () => {
    expect(await names('?q=nguyen%20thi')).toEqual(['Nguyễn Thị Hoa']);
    expect(await names('?q=BINH')).toEqual(['Trần Văn Bình']);
    expect(await names('?q=hoa.nt')).toEqual(['Nguyễn Thị Hoa']);
    expect(await names(`?q=${encodeURIComponent('lang giang')}`)).toEqual(['Nguyễn Thị Hoa', 'nguyen-van-an']);
    expect(await names('?q=khong%20ai%20ten%20the')).toEqual([]);
    // The words one after the other, each beginning a word: not scattered over the name.
    expect(await names('?q=tran%20binh')).toEqual([]);
    expect(await names('?q=hoa%20thi')).toEqual([]);
    expect(await names('?q=van%20bi')).toEqual(['Trần Văn Bình']);
  });

  it('narrows by role and by unit', async () => {
    expect(await names('?role=COUNCIL_MEMBER&q=hoa')).toEqual(['Nguyễn Thị Hoa']);
    expect(await names(`?unitId=${districtId}`)).toEqual(['Nguyễn Thị Hoa', 'nguyen-van-an']);
    expect(await names(`?unitId=${districtId}&role=UNIT_HEAD`)).toEqual(['nguyen-van-an']);
    const bad = await t.as(ADMIN).get('/api/accounts?role=CHIEF');
    expect(bad.status).toBe(400);
  });
});
