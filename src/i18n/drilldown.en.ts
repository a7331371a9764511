import { Words } from './words';
import { DRILLDOWN_VI } from './drilldown.vi';

export const DRILLDOWN_EN: Words<typeof DRILLDOWN_VI> = {
  title: 'Dossiers that cost 766 points',
  heading: 'Indicator {{id}}: dossiers that cost points',
  total: '{{count}} dossiers that cost points',
  judgedAt: 'unfinished dossiers judged at {{at}}',
  none: 'No dossier cost this indicator points in the period.',
  scorecard: '‹ Decision 766 scorecard',
  indicators: 'Indicators',
  reason: 'Why it costs points',
  status: 'Status',
  finishedAt: 'Processing ended',
};
