// Reading the server's workbooks with exceljs. exceljs expands every data
// validation range cell by cell, and the templates validate whole columns
// (C2:C1048576), so the validations are dropped before loading: a test
// fills values as a person would, it does not need Excel's input checks.
import { readFile } from 'node:fs/promises'
import JSZip from 'jszip'
import ExcelJS from 'exceljs'

export async function loadWorkbook(path) {
  const zip = await JSZip.loadAsync(await readFile(path))
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name).async('string')
    zip.file(name, xml.replace(/<dataValidations[\s\S]*?<\/dataValidations>/g, ''))
  }
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await zip.generateAsync({ type: 'nodebuffer' }))
  return wb
}
