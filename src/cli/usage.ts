/** What every command answers when it is not called as this says: the text, and exit code 2. */
export const USAGE = `Cách dùng / usage:
  npm run cli -- import <file.csv|file.xlsx> [--unit MA-DON-VI] [--mapping mapping.json] [--dry-run] [--errors loi.csv] [--batch N]
  npm run cli -- dvcqg replay <file.jsonl> [--url https://host --key KEY] [--unit MA-DON-VI] [--concurrency N] [--from LINE] [--errors loi.csv]
      (captured DVCQG envelopes, one JSON envelope a line, sent again in file order: to a running
       service with --url, the key from --key or TTHC_API_KEY; without --url straight to the database,
       as the admin or, with --unit, as that unit's key would)
  npm run cli -- rollups rebuild|check
      (rebuild: recount the figures' rollups from the dossiers, e.g. after loading rows with SQL;
       check: list every rollup row that differs from a recount, exit code 1 if any)
  npm run cli -- user create --email a@b.gov.vn --role admin|manager|staff|viewer [--unit MA-DON-VI] [--name "Họ tên"]
      (the password is read from the environment variable TTHC_PASSWORD, or from standard input)

  --unit      đơn vị của các dòng không có cột "Mã đơn vị" / unit of rows without a unit column;
              dvcqg replay: ghi như khóa của đơn vị này / write as this unit's key would
  --mapping   tệp JSON ánh xạ tiêu đề cột, trạng thái, kênh nộp / column, status and channel mapping file
  --dry-run   chỉ kiểm tra, không ghi / check only, write nothing
  --errors    ghi mọi dòng bị từ chối vào tệp CSV này / write every refused row to this CSV file
  --batch     số dòng mỗi lần ghi, 1–10000 (mặc định 2000) / rows per transaction, 1–10000 (default 2000)
  --concurrency  số phong bì gửi cùng lúc, 1–16 (mặc định 1); không bao giờ hai phong bì của một hồ sơ /
              envelopes in flight, 1–16 (default 1); never two of one MaHoSo, each dossier's in file order
  --from      bắt đầu từ dòng này / start at this line (after a stop, the summary says which)

Exit code: 0 every row (record) loaded, 1 some refused, 2 the command could not run or stopped.
The database is DATABASE_URL's, or the embedded SQLite file under DATA_DIR when unset.`;

export function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}
