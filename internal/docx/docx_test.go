package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"mfgplan/internal/docx"
)

// TestDocumentIsWellFormed writes paragraphs, a table and a page break and
// reads the package back: the parts Word needs are there, document.xml is
// well-formed XML, and text with XML characters survives escaped.
func TestDocumentIsWellFormed(t *testing.T) {
	var d docx.Document
	d.Paragraph(docx.Title, "统计报表催报通知单")
	d.Paragraph(docx.Body, "「演示」宣汉县001号中药有限公司 <A&B>")
	d.Table([][]string{{"企业", "状态"}, {"甲", "未填报"}})
	d.PageBreak()
	d.Paragraph(docx.Right, "2026年12月2日")
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		if parts[name] == "" {
			t.Fatalf("part %s missing", name)
		}
	}
	doc := parts["word/document.xml"]
	dec := xml.NewDecoder(strings.NewReader(doc))
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
	for _, want := range []string{"统计报表催报通知单", "<A&B>", "未填报", "2026年12月2日"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text %q missing from %q", want, text.String())
		}
	}
	if !strings.Contains(doc, `w:type="page"`) {
		t.Error("no page break")
	}
}
