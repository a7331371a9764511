/**
 * Runs once before every suite: decides whether the MySQL half of the e2e suites can run.
 * With CI=true an unreachable MySQL/MariaDB fails the whole run instead of skipping.
 */
const { createConnection } = require('mysql2/promise');

module.exports = async function globalSetup() {
  const url = (process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
  try {
    const connection = await createConnection({ uri: url, connectTimeout: 5000 });
    await connection.end();
    process.env.TTHC_TEST_MYSQL = '1';
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true and MySQL/MariaDB at ${url} cannot be reached: ${error.message}`);
    }
    process.env.TTHC_TEST_MYSQL = '0';
    console.warn(`\nMySQL/MariaDB at ${url} cannot be reached (${error.message}): the MySQL suites are SKIPPED.\n`);
  }
};
