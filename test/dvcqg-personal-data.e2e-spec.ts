import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AGENCY, APPLICANT, envelope, vn } from './factories/dvcqg.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';

/** What must never be kept: the applicant's name, phone, e-mail and ID numbers, as sent. */
const SECRETS = [APPLICANT.ChuHoSo, APPLICANT.SoDienThoai, APPLICANT.Email, APPLICANT.SoGiayToChuHoSo, APPLICANT.DinhDanhCHS];

/** Every row of every table, as text. */
async function everyRow(sut: TestApp): Promise<string> {
  const dataSource = sut.app.get(DataSource);
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const tables: Record<string, string>[] = await dataSource.query(
    sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'" : 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  );
  const parts: string[] = [];
  for (const { name } of tables) parts.push(JSON.stringify(await dataSource.query(`SELECT * FROM ${sqlite ? `"${name}"` : `\`${name}\``}`)));
  return parts.join('\n');
}

/** The bytes of the database's own files, where this process can read them (SQLite's file and WAL; MariaDB's tablespace files). */
async function databaseFiles(sut: TestApp): Promise<Buffer[]> {
  const dataSource = sut.app.get(DataSource);
  if (dataSource.options.type === 'better-sqlite3') {
    const dir = sut.database.env.DATA_DIR;
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => readFileSync(join(entry.parentPath, entry.name)));
  }
  const [{ datadir, db }] = await dataSource.query('SELECT @@datadir AS datadir, DATABASE() AS db');
  try {
    const dir = join(datadir, db);
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile()).map((name) => readFileSync(join(dir, name)));
  } catch {
    return []; // Not on this machine, or not readable: the rows above are searched all the same.
  }
}

function found(haystack: string | Buffer): string[] {
  return SECRETS.filter((secret) => (typeof haystack === 'string' ? haystack.includes(secret) : haystack.includes(Buffer.from(secret, 'utf8'))));
}

/**
 * docs/figures.md §10: the applicant's personal data in a DVCQG payload is dropped on arrival —
 * never in the database, never in a log line, never in an answer — also when the record is
 * refused, when the step's text quotes the phone or ID number, and when the request fails.
 */
describeEachDatabase('personal data in the DVCQG stream', (kind) => {
  let sut: TestApp;
  const output: string[] = [];
  const writes = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    return { stream, original };
  });

  beforeAll(async () => {
    for (const { stream, original } of writes) {
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
    }
    // Every log level on, so that nothing the service would log in production is missed.
    sut = await startTestApp(kind, 'personal-data', { now: '2025-06-10T10:00:00Z', logger: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] });
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-a', name: 'Xã A', level: 'commune', agencyCode: AGENCY }).expect(201);
  }, 120_000);
  afterAll(async () => {
    for (const { stream, original } of writes) stream.write = original as typeof stream.write;
    await sut?.close();
  });

  it('keeps none of it, in the database files, the rows, the logs or the answers', async () => {
    const full = {
      MaHoSo: `${AGENCY}-250610-0001`, MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', TenLinhVuc: 'Hộ tịch', KenhThucHien: 2, TrangThaiHoSo: 10,
      NgayTiepNhan: vn(10, '08:00:00'), NgayHenTra: vn(12, '17:00:00'), NgayKetThucXuLy: vn(10, '11:00:00'), NgayTra: vn(10, '14:00:00'),
      ...APPLICANT, DiaChiCHS: 'Thôn Đông, xã A', LoaiDoiTuong: 1, DonViXuLy: 'UBND xã A',
      TaiLieuNop: [{ TenTaiLieu: `CCCD ${APPLICANT.SoGiayToChuHoSo}`, DuocSoHoa: 1, DuongDan: 'https://example.vn/f/1.pdf' }],
      DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: 8000 }], DuocThanhToanTrucTuyen: 1,
      DanhSachGiayToKetQua: [{ TenGiayTo: `Giấy khai sinh của ${APPLICANT.ChuHoSo}` }],
    };
    const answers: unknown[] = [];
    const sendOne = async (body: unknown) => answers.push((await sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, ...(body as object) })).body);
    await sendOne(envelope('DongBoHoSoMC', [full]));
    // Refused records: the answers name MaHoSo and the field, never the person.
    await sendOne(envelope('DongBoHoSoMC', [{ ...full, MaHoSo: `${AGENCY}-250610-0002`, NgayTiepNhan: APPLICANT.SoDienThoai }, { ...full, MaHoSo: `${AGENCY}-250610-0003`, TrangThaiHoSo: APPLICANT.ChuHoSo }]));
    // A step whose text quotes the phone and the ID number: both are masked before it is kept.
    await sendOne(envelope('CapNhatTienDoHoSoMC', [{ MaHoSo: full.MaHoSo, TrangThai: 4, ThoiDiemXuLy: vn(10, '09:00:00'), NoiDungXuLy: `Gọi ${APPLICANT.SoDienThoai}, CCCD ${APPLICANT.SoGiayToChuHoSo}`, NguoiXuLy: APPLICANT.ChuHoSo }]));
    // A request that fails: a bad session, a body too deep to read.
    await sendOne({ ...envelope('DongBoHoSoMC', [full]), session: `x${APPLICANT.SoGiayToChuHoSo}` });
    await sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, service: 'DongBoHoSoMC', data: [full], deep: JSON.parse('['.repeat(40) + ']'.repeat(40)) });
    await sut.http.post('/api/v1/dvcqg').set('Content-Type', 'application/json').send(`{"session": "${ADMIN_KEY}", "data": [{"ChuHoSo": "${APPLICANT.ChuHoSo}", `);

    expect((answers[0] as { error_code: number }).error_code).toBe(0);
    const view = await sut.http.get(`/api/v1/dossiers/xa-a/${full.MaHoSo}`).set(bearer(ADMIN_KEY)).expect(200);
    expect(view.body.events[0].content).toBe('Gọi ••••••••••, CCCD ••••••••••••');
    // An answer quotes the value of the field it names, to the sender only (a phone sent as
    // NgayTiepNhan comes back in its error); the applicant's own fields are never quoted.
    expect(found(JSON.stringify([answers[0], answers[2], answers[3]]))).toEqual([]);
    expect(found(JSON.stringify(view.body))).toEqual([]);
    expect(found(await everyRow(sut))).toEqual([]);
    await sut.app.get(DataSource).query(kind === 'sqlite' ? 'PRAGMA wal_checkpoint(FULL)' : 'FLUSH TABLES');
    const files = await databaseFiles(sut);
    if (kind === 'sqlite') expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(found(file)).toEqual([]);
    expect(found(output.join(''))).toEqual([]);
    // The test can fail: the dossier's code, which is kept, is found where the secrets are not.
    expect(files.some((file) => file.includes(Buffer.from(full.MaHoSo))) || kind === 'mysql').toBe(true);
    expect((await everyRow(sut)).includes(full.MaHoSo)).toBe(true);
  });
});
