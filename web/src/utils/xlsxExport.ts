// Export a table to xlsx the way it looks on screen: a title row, the period
// and org it covers, headers with units, and status cells in status colours.
// exceljs is loaded only when someone exports.
import { i18n } from '../i18n'
import { saveBlob } from '../api/client'
import { statusColor, statusKind, statusLabel } from './format'

export interface ExportColumn<T> {
  header: string
  width?: number
  value: (row: T) => string | number | null | undefined
  /** status marks the column whose cells are coloured by indicator status. */
  status?: (row: T) => string | undefined
  numFmt?: string
}

export interface ExportSheet<T> {
  title: string
  subtitle: string
  columns: ExportColumn<T>[]
  rows: T[]
  fileName: string
}

const argb = (hex: string) => 'FF' + hex.replace('#', '').toUpperCase()

export async function exportXlsx<T>(s: ExportSheet<T>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = 'mfgplan'
  const ws = wb.addWorksheet(i18n.global.t('inds.file'), { views: [{ state: 'frozen', ySplit: 3 }] })
  const n = s.columns.length
  ws.mergeCells(1, 1, 1, n)
  ws.getCell(1, 1).value = s.title
  ws.getCell(1, 1).font = { bold: true, size: 14 }
  ws.getCell(1, 1).alignment = { horizontal: 'center' }
  ws.mergeCells(2, 1, 2, n)
  ws.getCell(2, 1).value = s.subtitle
  ws.getCell(2, 1).font = { color: { argb: 'FF606266' }, size: 10 }
  const head = ws.getRow(3)
  s.columns.forEach((c, i) => {
    head.getCell(i + 1).value = c.header
    ws.getColumn(i + 1).width = c.width ?? 14
  })
  head.font = { bold: true }
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F8' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  s.rows.forEach((r, ri) => {
    const row = ws.getRow(4 + ri)
    s.columns.forEach((c, ci) => {
      const cell = row.getCell(ci + 1)
      if (c.status) {
        const k = statusKind(c.status(r))
        cell.value = statusLabel[k]
        cell.font = { color: { argb: 'FFFFFFFF' }, bold: true }
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(statusColor[k]) } }
        return
      }
      const v = c.value(r)
      cell.value = v === undefined ? null : v
      if (c.numFmt && typeof v === 'number') cell.numFmt = c.numFmt
    })
  })
  const buf = await wb.xlsx.writeBuffer()
  saveBlob(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), s.fileName)
}
