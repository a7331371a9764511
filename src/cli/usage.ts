/** What every command answers when it is not called as this says: the text, and exit code 2. */
export const USAGE = `Cách dùng / usage:
  npm run cli -- import <file.csv|file.xlsx> [--unit MA-DON-VI] [--mapping mapping.json] [--dry-run] [--errors loi.csv] [--batch N]
  npm run cli -- rollups rebuild|check
      (rebuild: recount the figures' rollups from the dossiers, e.g. after loading rows with SQL;
       check: list every rollup row that differs from a recount, exit code 1 if any)
  npm run cli -- user create --email a@b.gov.vn --role admin|manager|staff|viewer [--unit MA-DON-VI] [--name "Họ tên"]
      (the password is read from the environment variable TTHC_PASSWORD, or from standard input)

  --unit      đơn vị của các dòng không có cột "Mã đơn vị" / unit of rows without a unit column
  --mapping   tệp JSON ánh xạ tiêu đề cột, trạng thái, kênh nộp / column, status and channel mapping file
  --dry-run   chỉ kiểm tra, không ghi / check only, write nothing
  --errors    ghi mọi dòng bị từ chối vào tệp CSV này / write every refused row to this CSV file
  --batch     số dòng mỗi lần ghi, 1–10000 (mặc định 2000) / rows per transaction, 1–10000 (default 2000)

Exit code: 0 every row loaded, 1 some rows refused, 2 the import could not run.
The database is DATABASE_URL's, or the embedded SQLite file under DATA_DIR when unset.`;

export function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}
