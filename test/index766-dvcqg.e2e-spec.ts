import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { AGENCY_A, BEFORE_BACKLOG, EARLY_DECEMBER, MID_MONTH, Raw, Send, instant, monthOfTraffic } from './factories/dvcqg-month.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { stats } from './support/tree';

/**
 * Issue 15's end-to-end check of the Decision 766 scorecard (SPEC §11, NATIONAL.md §4,
 * docs/figures.md §11): a commune's month sent as DVCQG envelopes, and the scorecard held
 * against a reference counted here, dossier by dossier, from what was sent — not from what the
 * service stored, and by none of its code (src/stats, src/index766, src/dossiers): the
 * reference reads the envelopes as NATIONAL.md §3 and docs/figures.md §10 define them, and
 * judges each dossier by the rules of SPEC §11 written out below.
 */

// ---------------------------------------------------------------------------------------------
// The reference: what was sent, read as the rules say.

const HOUR = 3_600_000;
const VN_OFFSET = 7 * HOUR;

type Status = 'processing' | 'waiting' | 'resolved' | 'refused' | 'withdrawn' | 'denied';

/** One dossier as the rules see it, from the last state its sender sent and every step it reported. */
interface ReferenceDossier {
  unit: string;
  code: string;
  status: Status;
  online: boolean;
  receivedAt: number;
  /** The current due instant (the record's NgayHenTra: a new one after a supplement replaces it). */
  dueAt: number;
  /** The end of processing: the result or the stop (8–10), or the withdrawal (7). */
  finishedAt: number | null;
  /** The first supplement round: asked, papers back (null while the applicant holds it), whether the record moved the due date for it. */
  asked: number | null;
  back: number | null;
  dueMoved: boolean;
  /** The second request, if any: more than one makes a dossier overdue. */
  askedAgain: number | null;
  electronicResult: boolean;
  digitisedAndResult: boolean;
  reused: boolean;
  repository: boolean;
  vneid: boolean;
  feePayable: boolean;
  paidOnline: boolean;
  complaint: boolean;
}

/** yyyyMMddHHmmss, Vietnam time; "" is empty. */
function dvcqgTime(text: unknown): number | null {
  if (typeof text !== 'string' || text === '') return null;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((start, i) => Number(text.slice(start, start + (i === 0 ? 4 : 2))));
  return Date.UTC(y, mo - 1, d, h, mi, s) - VN_OFFSET;
}

/** Our record's ISO local time (no offset: Vietnam time). */
const recordTime = (text: unknown) => (typeof text === 'string' ? Date.parse(`${text}+07:00`) : null);

const DVCQG_STATUS: Record<number, Status | null> = { 1: null, 2: 'processing', 3: 'denied', 4: 'processing', 5: 'waiting', 6: 'waiting', 7: 'withdrawn', 8: 'refused', 9: 'resolved', 10: 'resolved' };
const yes = (value: unknown) => value === 1 || value === '1' || value === true || value === 'True';
const list = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);

interface Step {
  status: number;
  at: number;
  /** Listed by the record with the due date it moved to (NgayHenTraMoi). */
  movesDue: boolean;
}

/** The supplement rounds of a dossier's steps (docs/figures.md §10): 5 opens one, 2 or 4 closes it. */
function roundsOf(steps: Step[]): Pick<ReferenceDossier, 'asked' | 'back' | 'dueMoved' | 'askedAgain'> {
  const merged = new Map<string, Step>();
  for (const step of steps) {
    const key = `${step.status}@${step.at}`;
    const before = merged.get(key);
    merged.set(key, { ...step, movesDue: step.movesDue || (before?.movesDue ?? false) });
  }
  const rounds: { asked: number; back: Step | null }[] = [];
  let open: { asked: number; back: Step | null } | null = null;
  for (const step of [...merged.values()].sort((a, b) => a.at - b.at)) {
    if (step.status === 5 && open === null) rounds.push((open = { asked: step.at, back: null }));
    else if (open !== null && (step.status === 2 || step.status === 4)) {
      open.back = step;
      open = null;
    }
  }
  const [first, second] = rounds;
  return { asked: first?.asked ?? null, back: first?.back?.at ?? null, dueMoved: first?.back?.movesDue ?? false, askedAgain: second?.asked ?? null };
}

/** Every dossier that what was sent makes, read from the envelopes and records themselves. */
function referenceDossiers(sent: readonly Send[]): ReferenceDossier[] {
  const records = new Map<string, { record: Raw; firstWithdrawnSend: number | null; rounds: Raw[] }>();
  const rows = new Map<string, Step[]>();
  const ours = new Map<string, { record: Raw }>();
  for (const send of sent) {
    if (send.kind === 'records') {
      for (const record of send.records) ours.set(`${record.unitCode}/${record.code}`, { record });
      continue;
    }
    for (const item of send.body.data) {
      const code = String(item.MaHoSo);
      if (send.body.service === 'CapNhatTienDoHoSoMC') {
        rows.set(code, [...(rows.get(code) ?? []), { status: Number(item.TrangThai), at: dvcqgTime(item.ThoiDiemXuLy)!, movesDue: false }]);
        continue;
      }
      // 1: registered, not yet received: not a dossier (docs/figures.md §10).
      if (item.TrangThaiHoSo === 1) continue;
      const before = records.get(code);
      const withdrawnSend = item.TrangThaiHoSo === 7 ? (before?.firstWithdrawnSend ?? instant(send.at).getTime()) : null;
      // A record that lists its rounds says all of them; one that lists none leaves them as they were.
      const rounds = Array.isArray(item.DanhSachHoSoBoSung) ? list(item.DanhSachHoSoBoSung) : (before?.rounds ?? []);
      records.set(code, { record: item, firstWithdrawnSend: withdrawnSend, rounds });
    }
  }
  const dossiers: ReferenceDossier[] = [];
  for (const [code, { record: r, firstWithdrawnSend, rounds }] of records) {
    const status = DVCQG_STATUS[Number(r.TrangThaiHoSo)]!;
    const receivedAt = dvcqgTime(r.NgayTiepNhan)!;
    const listed: Step[] = rounds.flatMap((round) => [
      { status: 5, at: dvcqgTime(round.NgayBoSung)!, movesDue: false },
      ...(dvcqgTime(round.NgayTiepNhanBoSung) === null ? [] : [{ status: 4, at: dvcqgTime(round.NgayTiepNhanBoSung)!, movesDue: dvcqgTime(round.NgayHenTraMoi) !== null }]),
    ]);
    // Withdrawn without NgayKetThucXuLy: the moment it was first stored as withdrawn, not before its receipt (SPEC §2).
    const finishedAt = status === 'withdrawn' ? (dvcqgTime(r.NgayKetThucXuLy) ?? Math.max(firstWithdrawnSend!, receivedAt)) : status === 'resolved' || status === 'refused' ? dvcqgTime(r.NgayKetThucXuLy) : null;
    const documents = list(r.TaiLieuNop);
    const resultFiles = list(r.DanhSachGiayToKetQua).length > 0;
    const fee = list(r.DanhSachLePhi).reduce((sum, line) => sum + Number(line.Gia), 0);
    const paid = r.DuocThanhToanTrucTuyen === 1 || r.DuocThanhToanTrucTuyen === 2;
    const digitised = yes(r.HoSoCoThanhPhanSoHoa) || documents.some((document) => yes(document.DuocSoHoa));
    dossiers.push({
      unit: 'xa-a', code, status, online: r.KenhThucHien === 2, receivedAt, dueAt: dvcqgTime(r.NgayHenTra)!, finishedAt,
      ...roundsOf([...(rows.get(code) ?? []), ...listed]),
      electronicResult: resultFiles,
      digitisedAndResult: digitised && resultFiles,
      reused: documents.some((document) => yes(document.DuocTaiSuDung)),
      repository: documents.some((document) => yes(document.DuocLayTuKhoDMQG)),
      vneid: yes(r.TaiKhoanDuocXacThucVoiVNeID),
      // Dossiers with a fee to pay: a fee above 0, or one paid online (a payment says there was a fee).
      feePayable: fee > 0 || paid,
      paidOnline: paid,
      // The DVCQG record has no field for a complaint (NATIONAL.md §3).
      complaint: false,
    });
  }
  for (const { record: r } of ours.values()) {
    const status = r.status as Status;
    dossiers.push({
      unit: String(r.unitCode), code: String(r.code), status, online: r.channel === 'online', receivedAt: recordTime(r.receivedAt)!, dueAt: recordTime(r.dueAt)!,
      finishedAt: status === 'withdrawn' ? recordTime(r.withdrawnAt) : status === 'resolved' || status === 'refused' ? recordTime(r.resolvedAt) : null,
      asked: null, back: null, dueMoved: false, askedAgain: null,
      electronicResult: r.electronicResult === true,
      digitisedAndResult: r.digitized === true && r.resultDigitized === true,
      reused: r.reusedData === true, repository: r.citizenRepository === true, vneid: r.vneidVerified === true,
      feePayable: Number(r.feeAmount ?? 0) > 0 || (r.paidOnline ?? null) !== null, paidOnline: (r.paidOnline ?? null) !== null,
      complaint: r.complaint === true,
    });
  }
  return dossiers;
}

/** The applicant's time in the first round, once the papers were back by `t`. */
const heldBy = (d: ReferenceDossier, t: number) => (d.asked !== null && d.back !== null && d.back <= t ? d.back - d.asked : 0);

/** SPEC §11, a finished dossier: late after a second request, else when its end, less the applicant's time (unless the due date was moved for it), is past the due instant. */
function finishedLate(d: ReferenceDossier): boolean {
  const end = d.finishedAt!;
  if (d.askedAgain !== null && d.askedAgain <= end) return true;
  return end - (d.dueMoved ? 0 : heldBy(d, end)) > d.dueAt;
}

/** SPEC §11, a dossier open at `t`: a second request, a request past the due instant, or past it less the applicant's time; with no request, a waiting one is never overdue. */
function openLate(d: ReferenceDossier, t: number): boolean {
  if (d.askedAgain !== null && d.askedAgain <= t) return true;
  if (d.asked !== null && d.asked <= t) {
    if (d.back === null || d.back > t) return d.asked > d.dueAt;
    return t - (d.dueMoved ? 0 : heldBy(d, t)) > d.dueAt;
  }
  if (d.asked === null && d.status === 'waiting') return false;
  return t > d.dueAt;
}

interface ReferenceCounts {
  finishedOnTime: number;
  finishedLate: number;
  open: number;
  openLate: number;
  received: number;
  receivedOnline: number;
  resolvedReceived: number;
  resolutionMinutes: number;
  results: number;
  electronicResults: number;
  digitisedResults: number;
  reused: number;
  repository: number;
  vneid: number;
  complaints: number;
  feePayable: number;
  paidOnline: number;
  /** Each counted dossier's 2.1 verdict, for the failure message. */
  verdicts: Record<string, string>;
}

const localDay = (t: number) => new Date(t + VN_OFFSET).toISOString().slice(0, 10);
const endOfDay = (day: string) => Date.parse(`${day}T23:59:59.999+07:00`);

function referenceCounts(dossiers: readonly ReferenceDossier[], units: readonly string[], period: { from: string; to: string }, now: number): ReferenceCounts {
  const c: ReferenceCounts = {
    finishedOnTime: 0, finishedLate: 0, open: 0, openLate: 0, received: 0, receivedOnline: 0, resolvedReceived: 0, resolutionMinutes: 0,
    results: 0, electronicResults: 0, digitisedResults: 0, reused: 0, repository: 0, vneid: 0, complaints: 0, feePayable: 0, paidOnline: 0, verdicts: {},
  };
  // Unfinished ones are judged at the end of the period, or now while it runs.
  const judgedAt = Math.min(endOfDay(period.to), now);
  const inPeriod = (t: number) => localDay(t) >= period.from && localDay(t) <= period.to;
  for (const d of dossiers) {
    // Only received dossiers count: one refused at intake counts for nothing.
    if (!units.includes(d.unit) || d.status === 'denied') continue;
    const receivedIn = inPeriod(d.receivedAt);
    const finished = d.finishedAt;
    if (finished !== null && inPeriod(finished)) {
      const late = finishedLate(d);
      c[late ? 'finishedLate' : 'finishedOnTime']++;
      c.verdicts[d.code] = late ? 'finished late' : 'finished on time';
    } else if (localDay(d.receivedAt) <= period.to && !(finished !== null && localDay(finished) <= period.to)) {
      const late = openLate(d, judgedAt);
      c.open++;
      if (late) c.openLate++;
      c.verdicts[d.code] = late ? 'open, overdue' : 'open, on track';
    }
    if (receivedIn) {
      c.received++;
      if (d.online) c.receivedOnline++;
      if (d.reused) c.reused++;
      if (d.repository) c.repository++;
      if (d.vneid) c.vneid++;
      if (d.complaint) c.complaints++;
      if (d.feePayable) c.feePayable++;
      if (d.paidOnline) c.paidOnline++;
    }
    if (d.status === 'resolved') {
      // 2.2: the dossiers received in the period that have a result, the time each took less the applicant's.
      if (receivedIn) {
        c.resolvedReceived++;
        c.resolutionMinutes += Math.max(0, Math.round((finished! - d.receivedAt - heldBy(d, finished!)) / 60_000));
      }
      // 4.1, 4.2: the results issued in the period.
      if (inPeriod(finished!)) {
        c.results++;
        if (d.electronicResult) c.electronicResults++;
        if (d.digitisedAndResult) c.digitisedResults++;
      }
    }
  }
  return c;
}

interface ReferenceIndicator {
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  points: number | null;
}

/** Points: P × ratio, or full points from a target on (P × ratio ÷ target, capped at P), to the cent, half up (NATIONAL.md §4). */
function points(maxPoints: number, target: number | null, ratio: number | null): number | null {
  if (ratio === null || target === null) return null;
  if (maxPoints === 0) return 0;
  return Math.round(Math.min(maxPoints, (maxPoints * ratio) / target) * 100 + 1e-9) / 100;
}

const ratioOf = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);

/** NATIONAL.md §4's table: P and the target of each indicator the dossiers decide. */
function referenceIndicators(c: ReferenceCounts): Record<string, ReferenceIndicator> {
  const scored = (maxPoints: number, target: number, numerator: number, denominator: number): ReferenceIndicator => {
    const ratio = ratioOf(numerator, denominator);
    return { numerator, denominator, ratio, points: points(maxPoints, target, ratio) };
  };
  const progressNumerator = c.finishedOnTime + c.open - c.openLate;
  const progressDenominator = c.finishedOnTime + c.finishedLate + c.open;
  const lateShare = progressDenominator === 0 ? 0 : (progressDenominator - progressNumerator) / progressDenominator;
  const complaintShare = c.received === 0 ? 0 : c.complaints / c.received;
  const satisfaction = progressDenominator === 0 && c.received === 0 ? null : Math.max(0, 1 - lateShare - complaintShare);
  return {
    // (finished on time + open within deadline) ÷ (finished in the period + open at its end); 20 × ratio.
    '2.1': scored(20, 1, progressNumerator, progressDenominator),
    // Shown, not scored: the average in days.
    '2.2': { numerator: c.resolutionMinutes, denominator: c.resolvedReceived, ratio: c.resolvedReceived === 0 ? null : c.resolutionMinutes / c.resolvedReceived / 1440, points: null },
    // Online (channel 2) ÷ received, full at 50 %; its points are part of group 3's 12, which need the catalogue.
    '3.3': scored(0, 0.5, c.receivedOnline, c.received),
    // Paid online ÷ dossiers with a fee: 6.
    '3.6': scored(6, 1, c.paidOnline, c.feePayable),
    // With a result file ÷ the results: 6.
    '4.1': scored(6, 1, c.electronicResults, c.results),
    // Digitised components and result ÷ the results: 4, full at 80 % (NATIONAL.md §4 gives no
    // target; DVCQG's own formula document does: "Đạt từ 80% trở lên sẽ đạt điểm tối đa").
    '4.2': scored(4, 0.8, c.digitisedResults, c.results),
    // A reused component ÷ received: 2, full at 80 %.
    '4.3': scored(2, 0.8, c.reused, c.received),
    // From or to the citizen's repository ÷ received: 4.
    '4.4': scored(4, 1, c.repository, c.received),
    // VNeID-verified ÷ received: 2.
    '4.5b': scored(2, 1, c.vneid, c.received),
    // 100 % − (overdue rate + complaint rate): 6, full at 90 %.
    '5.4': { numerator: null, denominator: null, ratio: satisfaction, points: points(6, 0.9, satisfaction) },
  };
}

// ---------------------------------------------------------------------------------------------
// The service's answers.

type Card = { points: number | null; groups: { indicators: (ReferenceIndicator & { id: string })[] }[] };

const UNITS = [
  { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
  { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'tinh', agencyCode: AGENCY_A },
  { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'tinh' },
];

const NOVEMBER = { label: '2026-11', from: '2026-11-01', to: '2026-11-30' };
const FOURTH_QUARTER = { label: '2026-Q4', from: '2026-10-01', to: '2026-12-31' };
/** Each checked scope: the commune, and the province with the units below. */
const SCOPES = [
  { code: 'xa-a', units: ['xa-a'], includeChildren: false },
  { code: 'tinh', units: ['xa-a', 'xa-b'], includeChildren: true },
];

describeEachDatabase('the Decision 766 scorecard of a commune\'s month sent as DVCQG envelopes', (kind) => {
  let sut: TestApp;
  const traffic = monthOfTraffic();
  let sentSoFar = 0;
  /** Progress rows that arrived before their dossier's record (the answers' waitingForDossier). */
  let rowsBeforeRecord = 0;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'index766-dvcqg', { now: '2026-10-01T00:00:00Z' });
    for (const unit of UNITS) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
  }, 120_000);
  afterAll(() => sut?.close());

  /** Sends the traffic up to `until` (a moment), each send at its own moment on the test clock. */
  async function sendUntil(until: string): Promise<void> {
    const limit = instant(until).getTime();
    for (; sentSoFar < traffic.length && instant(traffic[sentSoFar].at).getTime() <= limit; sentSoFar++) {
      const result = await post(traffic[sentSoFar]);
      rowsBeforeRecord += Number(result.waitingForDossier ?? 0);
    }
  }

  async function post(send: Send): Promise<Record<string, unknown>> {
    sut.clock.set(instant(send.at));
    if (send.kind === 'records') {
      const response = await sut.http.post('/api/v1/dossiers').set(bearer(ADMIN_KEY)).send({ dossiers: send.records });
      expect({ status: response.status, rejected: response.body.rejected }).toEqual({ status: 200, rejected: [] });
      return response.body;
    }
    const response = await sut.http.post('/api/v1/dvcqg').send({ session: ADMIN_KEY, ...send.body });
    if (response.status !== 200 || response.body.error_code !== 0) throw new Error(`${send.at} ${send.body.service}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.result;
  }

  const card = async (code: string, period: string, includeChildren: boolean): Promise<Card> => {
    const response = await sut.http.get(`/api/v1/units/${code}/index766`).query({ period, includeChildren });
    if (response.status !== 200) throw new Error(`index766 ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const indicatorsOf = (answer: Card) => Object.fromEntries(answer.groups.flatMap((group) => group.indicators).map(({ id, numerator, denominator, ratio, points: p }) => [id, { numerator, denominator, ratio, points: p }]));

  /** The scorecard, the stats and the widget of every scope for `period`, each against the reference of what was sent. */
  async function expectAsReference(period: { label: string; from: string; to: string }, now: string): Promise<Record<string, ReferenceCounts>> {
    sut.clock.set(instant(now));
    // The widget's memo of the scope's version is a window of elapsed time: let it pass.
    sut.stopwatch.advance(60_000);
    const dossiers = referenceDossiers(traffic.slice(0, sentSoFar));
    const counted: Record<string, ReferenceCounts> = {};
    for (const scope of SCOPES) {
      const reference = referenceCounts(dossiers, scope.units, period, instant(now).getTime());
      counted[scope.code] = reference;
      const expected = referenceIndicators(reference);
      const answer = await card(scope.code, period.label, scope.includeChildren);
      const where = `${scope.code} ${period.label} at ${now}: ${JSON.stringify(reference.verdicts)}`;
      expect({ where, indicators: indicatorsOf(answer) }).toEqual({ where, indicators: expected });
      const total = Object.values(expected).reduce((sum, indicator) => sum + (indicator.points ?? 0), 0);
      expect(answer.points).toBeCloseTo(total, 9);

      // One number: the stats' progressIndex, the widget's score and the scorecard's 2.1.
      const progress = indicatorsOf(answer)['2.1'];
      const figures = await stats(sut, scope.code, { from: period.from, to: period.to, includeChildren: scope.includeChildren });
      expect({ where, progress766: figures.progress766, open: figures.open.total }).toEqual({
        where, progress766: { finishedOnTime: reference.finishedOnTime, finishedLate: reference.finishedLate, openLate: reference.openLate }, open: reference.open,
      });
      expect(figures.progressIndex).toBe(progress.ratio);
      expect(figures.progressScore).toBe(progress.points);
      // The widget of a unit with units below counts them (docs/figures.md §6).
      const widget = await sut.http.get(`/widget/${scope.code}.json`).query({ from: period.from, to: period.to }).expect(200);
      expect(widget.body.progressScore).toBe(progress.points);
      expect(widget.body.progressIndex).toBe(progress.ratio);
    }
    return counted;
  }

  it('mid-month, judged now: the month and the quarter as the reference counts them', async () => {
    await sendUntil(MID_MONTH);
    const month = await expectAsReference(NOVEMBER, MID_MONTH);
    await expectAsReference(FOURTH_QUARTER, MID_MONTH);
    // Already late ones among the finished and the open.
    expect(month['xa-a'].finishedLate).toBeGreaterThan(0);
    expect(month['xa-a'].openLate).toBeGreaterThan(0);
  }, 300_000);

  let beforeBacklog: Card;
  it('the month closed: the month judged at its last day\'s end, the quarter judged now', async () => {
    await sendUntil(BEFORE_BACKLOG);
    const month = await expectAsReference(NOVEMBER, BEFORE_BACKLOG);
    await expectAsReference(FOURTH_QUARTER, BEFORE_BACKLOG);
    beforeBacklog = await card('xa-a', NOVEMBER.label, false);
    expect(rowsBeforeRecord).toBeGreaterThanOrEqual(3);
    // Between 40 and 80 dossiers counted in the commune's November, with all of §11's cases.
    const counted = Object.keys(month['xa-a'].verdicts).length;
    expect(counted).toBeGreaterThanOrEqual(40);
    expect(counted).toBeLessThanOrEqual(80);
    expect(month['xa-a'].verdicts).toMatchObject({
      [`${AGENCY_A}-261030-0006`]: 'finished on time',
      [`${AGENCY_A}-261103-0029`]: 'finished on time',
      [`${AGENCY_A}-261104-0030`]: 'finished late',
      [`${AGENCY_A}-261109-0031`]: 'finished on time',
      [`${AGENCY_A}-261111-0033`]: 'finished late',
      [`${AGENCY_A}-261112-0034`]: 'finished late',
      [`${AGENCY_A}-261102-0047`]: 'finished late',
      [`${AGENCY_A}-261116-0055`]: 'open, overdue',
      [`${AGENCY_A}-261109-0048`]: 'open, on track',
      [`${AGENCY_A}-261110-0028`]: 'finished on time',
      [`${AGENCY_A}-261102-0027`]: 'finished late',
      [`${AGENCY_A}-261102-0035`]: 'finished late',
      [`${AGENCY_A}-261110-0032`]: 'finished late',
      [`${AGENCY_A}-261109-0037`]: 'open, overdue',
      [`${AGENCY_A}-261117-0038`]: 'open, on track',
      [`${AGENCY_A}-261110-0039`]: 'open, on track',
      [`${AGENCY_A}-261119-0040`]: 'open, on track',
      [`${AGENCY_A}-261116-0036`]: 'open, overdue',
    });
  }, 300_000);

  it('moves the figures when a dossier\'s steps arrive after its record', async () => {
    await sendUntil(EARLY_DECEMBER);
    const month = await expectAsReference(NOVEMBER, EARLY_DECEMBER);
    await expectAsReference(FOURTH_QUARTER, EARLY_DECEMBER);
    expect(month['xa-a'].verdicts).toMatchObject({
      [`${AGENCY_A}-261102-0047`]: 'finished on time',
      [`${AGENCY_A}-261116-0055`]: 'open, on track',
      [`${AGENCY_A}-261109-0048`]: 'open, overdue',
    });
    const before = indicatorsOf(beforeBacklog)['2.1'];
    const after = indicatorsOf(await card('xa-a', NOVEMBER.label, false))['2.1'];
    expect(after.denominator).toBe(before.denominator);
    expect(after.numerator).toBe(before.numerator! + 1);
  }, 300_000);

  it('changes nothing when the whole month is sent again', async () => {
    sut.clock.set(instant(EARLY_DECEMBER));
    const cards = async () => Promise.all(SCOPES.flatMap((scope) => [NOVEMBER, FOURTH_QUARTER].map((period) => card(scope.code, period.label, scope.includeChildren))));
    const before = await cards();
    let dossiersCreated = 0;
    for (const send of traffic) {
      const result = await post(send);
      // A progress envelope's `created` counts steps: a record re-sent in its older state takes back a round a later one lists, which that one puts back.
      if (send.kind === 'records' || send.body.service === 'DongBoHoSoMC') dossiersCreated += Number(result.created);
    }
    sut.clock.set(instant(EARLY_DECEMBER));
    expect(dossiersCreated).toBe(0);
    expect(await cards()).toEqual(before);
    await expectAsReference(NOVEMBER, EARLY_DECEMBER);
  }, 300_000);

  it('leaves the rollups equal to a recount of the dossiers', async () => {
    expect(await sut.app.get(RollupsService).check()).toEqual([]);
  });
});
