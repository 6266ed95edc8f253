// Package docx writes simple Word documents (Office Open XML,
// ISO/IEC 29500) that Word, WPS and LibreOffice open: A4 pages of
// paragraphs in 公文 fonts, simple tables and page breaks. It is enough for
// notices and lists the bureau prints, not a general word processor.
package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Style is how a paragraph looks.
type Style int

const (
	Body  Style = iota // 仿宋 三号 (16 pt, GB/T 9704-2012 正文), first line indented two characters
	Title              // 黑体 二号 (22 pt) centred title
	Plain              // body text without indent
	Right              // right-aligned (signature, date)
)

// Document is a sequence of blocks written in order.
type Document struct {
	body strings.Builder
}

// Paragraph adds one paragraph of text.
func (d *Document) Paragraph(st Style, text string) {
	ppr, rpr := paragraphStyle(st)
	fmt.Fprintf(&d.body, `<w:p><w:pPr>%s</w:pPr><w:r><w:rPr>%s</w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, ppr, rpr, escape(text))
}

func paragraphStyle(st Style) (ppr, rpr string) {
	const font = `<w:rFonts w:ascii="FangSong" w:hAnsi="FangSong" w:eastAsia="仿宋"/>`
	switch st {
	case Title:
		return `<w:jc w:val="center"/><w:spacing w:after="240"/>`, `<w:rFonts w:ascii="SimHei" w:hAnsi="SimHei" w:eastAsia="黑体"/><w:b/><w:sz w:val="44"/>`
	case Plain:
		return `<w:spacing w:line="360" w:lineRule="auto"/>`, font + `<w:sz w:val="32"/>`
	case Right:
		return `<w:jc w:val="right"/><w:spacing w:line="360" w:lineRule="auto"/>`, font + `<w:sz w:val="32"/>`
	}
	return `<w:ind w:firstLineChars="200" w:firstLine="640"/><w:spacing w:line="360" w:lineRule="auto"/>`, font + `<w:sz w:val="32"/>`
}

// Table adds a bordered table; the first row is the header.
func (d *Document) Table(rows [][]string) {
	d.body.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&d.body, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	d.body.WriteString(`</w:tblBorders></w:tblPr>`)
	for i, row := range rows {
		d.body.WriteString(`<w:tr>`)
		for _, cell := range row {
			bold := ""
			if i == 0 {
				bold = `<w:b/>`
			}
			fmt.Fprintf(&d.body, `<w:tc><w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/>%s<w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>`, bold, escape(cell))
		}
		d.body.WriteString(`</w:tr>`)
	}
	d.body.WriteString(`</w:tbl>`)
}

// PageBreak starts a new page.
func (d *Document) PageBreak() { d.body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`) }

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// WriteTo writes the document as a .docx package.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	z := zip.NewWriter(cw)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/document.xml", documentHead + d.body.String() + documentTail},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return cw.n, fmt.Errorf("writing docx part %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return cw.n, fmt.Errorf("writing docx part %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return cw.n, fmt.Errorf("finishing docx: %w", err)
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`

// The page is A4 (11906 × 16838 twentieths of a point) with the margins
// of GB/T 9704-2012 公文格式 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
const documentHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

const documentTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
