// The radar chart is used by the 亩均 report card only; registering it here
// keeps it out of the shared chart bundle the other pages load.
import { RadarChart } from 'echarts/charts'
import { RadarComponent } from 'echarts/components'
import { echarts } from '../../utils/echarts'

echarts.use([RadarChart, RadarComponent])
