import { ERRORS_VI } from './errors.vi';
import { Words } from './words';

export const ERRORS_EN: Words<typeof ERRORS_VI> = {
  databaseUnavailable: {
    heading: 'The database is temporarily unavailable',
    message: 'The database server is stopped or restarting. Please try again in a few seconds; stored data is not lost.',
  },
};
