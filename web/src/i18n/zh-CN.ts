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
}
