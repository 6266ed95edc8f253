export default {
  app: { title: 'Dazhou Manufacturing Plan Monitor', short: 'Plan monitor', demo: 'Demo data', demoTip: 'The store holds synthetic demo data; names and figures are not real', lang: '中文' },
  nav: { dashboard: 'Dashboard', indicators: 'Indicators', enterprises: 'Enterprises', clusters: 'Clusters', chains: 'Industrial chains', parks: 'Parks', filing: 'Data filing', plan: 'Plan' },
  common: {
    loading: 'Loading…', empty: 'No data', retry: 'Retry', year: 'Year', period: 'Period', county: 'County', park: 'Park', cluster: 'Cluster',
    all: 'All', city: 'City', unit: 'Unit', source: 'Source', search: 'Search', town: 'Town', allTowns: 'All towns', export: 'Export to Excel', detail: 'Detail', back: 'Back',
    notLanded: 'The server does not offer this yet ({path}).',
  },
  ind: {
    code: 'Code', name: 'Indicator', baseline: 'Baseline', target: 'Target', targetToDate: 'Target to date', actual: 'Actual', completion: 'Completion',
    requiredCagr: 'Required CAGR', status: 'Status', reason: 'Reason', formula: 'Formula', path: 'Target path', explain: 'Explanation', contributors: 'Top contributors',
  },
  basis: {
    label: 'Data basis', all: 'All data', approved: 'Approved data only',
    allTip: 'Every value the enterprises reported, including reports not yet reviewed',
    approvedTip: 'Only reports approved by the county or park, or accepted by the city; periods or units without approved reports show no data',
  },
  // Per-mu evaluation (views/mujun)
  chain: {
    graph: 'Chain graph', note: 'node size by linked enterprises; values are the chosen indicator per node (city or own county)', node: 'Node', enterprises: 'Enterprises',
    value: 'Value', firms: '{n} firms', total: '{n} linked enterprises (each counted once)', firmsOf: 'Linked enterprises', allNodes: 'all nodes',
  },
  mujun: { menu: 'Per-mu evaluation', runs: 'Runs', ranking: 'Ranking', parks: 'Park ranking', pricing: 'Differentiated pricing', appeals: 'Appeals' },
}
