package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbook is an xlsx package opened for streaming reads.
type Workbook struct {
	f     *excelize.File
	zr    *zip.Reader
	parts map[string]string // sheet name → part path inside the zip
	lim   Limits
	// sharedStrings is how many items the shared strings table holds.
	sharedStrings int
}

// OpenWorkbook opens an xlsx package held in data. The declared
// uncompressed size of every part is summed before anything is unpacked, so
// a zip bomb is refused up front (archive/zip then enforces the declared
// sizes while reading); worksheets larger than 16 MiB are unpacked by
// excelize to a temporary file and streamed from there.
func OpenWorkbook(data []byte, lim Limits) (*Workbook, error) {
	lim = lim.orDefault()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &FileError{Message: "文件不是有效的 xlsx 工作簿（压缩包已损坏或被截断）", Err: err}
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxUnzipBytes) {
			return nil, &FileError{Message: fmt.Sprintf("工作簿解压后超过 %d MB 的上限（可能是压缩炸弹），已拒绝读取", lim.MaxUnzipBytes>>20)}
		}
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return nil, err
	}
	xmlLimit := min(int64(16<<20), lim.MaxUnzipBytes)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.MaxUnzipBytes, UnzipXMLSizeLimit: xmlLimit, TmpDir: lim.TempDir})
	if err != nil {
		if name := brokenEntry(zr); name != "" {
			return nil, &FileError{Message: "压缩包中的「" + name + "」已损坏或被截断，无法读取；整个文件未导入", Err: err}
		}
		return nil, &FileError{Message: "无法打开工作簿（文件损坏、被截断或不是 Excel 生成的 xlsx）", Err: err}
	}
	w := &Workbook{f: f, zr: zr, parts: parts, lim: lim}
	if err := w.checkSharedStrings(); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// brokenEntry names the first zip entry that cannot be read to its end
// with a matching checksum, or "".
func brokenEntry(zr *zip.Reader) string {
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		if err != nil {
			return zf.Name
		}
	}
	return ""
}

// Close removes excelize's temporary files.
func (w *Workbook) Close() error { return w.f.Close() }

// Sheets lists the sheet names in workbook order.
func (w *Workbook) Sheets() []string { return w.f.GetSheetList() }

type workbookXML struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

type relsXML struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// sheetParts maps sheet names to their part paths through workbook.xml and
// its relationships, the way Excel resolves them.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb workbookXML
	var rels relsXML
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.RID]
	}
	if len(out) == 0 {
		return nil, &FileError{Message: "工作簿中没有工作表"}
	}
	return out, nil
}

// decodePart decodes a small XML part (workbook, relationships), capped at
// 8 MiB so that a crafted package cannot inflate it without bound.
func decodePart(zr *zip.Reader, name string, v any) error {
	for _, zf := range zr.File {
		if !strings.EqualFold(zf.Name, name) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return &FileError{Message: "工作簿结构损坏（" + name + "）", Err: err}
		}
		defer rc.Close()
		if err := xml.NewDecoder(io.LimitReader(rc, 8<<20)).Decode(v); err != nil {
			return &FileError{Message: "工作簿结构损坏（" + name + "）", Err: err}
		}
		return nil
	}
	return &FileError{Message: "文件不是 xlsx 工作簿（缺少 " + name + "）"}
}

// openPartFold opens the part named name in any letter case, as excelize
// finds it; a missing part is no error (nil reader).
func (w *Workbook) openPartFold(name string) (io.ReadCloser, string, error) {
	for _, zf := range w.zr.File {
		if strings.EqualFold(zf.Name, name) {
			rc, err := zf.Open()
			if err != nil {
				return nil, zf.Name, &FileError{Message: "压缩包中的「" + zf.Name + "」已损坏，无法读取", Err: err}
			}
			return rc, zf.Name, nil
		}
	}
	return nil, name, nil
}

// openPart opens a part of the package for a raw streaming scan.
func (w *Workbook) openPart(name string) (io.ReadCloser, error) {
	for _, zf := range w.zr.File {
		if zf.Name == name {
			return zf.Open()
		}
	}
	return nil, errors.New("part " + name + " not found")
}
