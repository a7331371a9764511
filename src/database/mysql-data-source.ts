import { DataSource } from 'typeorm';
import { validateEnvironment, databaseSettings } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI (`npm run migration:generate`): the database of DATABASE_URL. The CLI
 * needs the dialect up front: set DATABASE_SERVER=mariadb against MariaDB (the service itself
 * asks the server at start-up).
 */
const server = process.env.DATABASE_SERVER === 'mariadb' ? 'mariadb' : 'mysql';
export default new DataSource(dataSourceOptions(databaseSettings(validateEnvironment(process.env)), server));
