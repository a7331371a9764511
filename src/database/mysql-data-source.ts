import { DataSource } from 'typeorm';
import { validateEnvironment, databaseSettings } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate`): the MySQL database of DATABASE_URL. */
export default new DataSource(dataSourceOptions(databaseSettings(validateEnvironment(process.env))));
