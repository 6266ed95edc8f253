package xlsx

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Format is a file kind the readers accept.
type Format string

const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Detect decides a file's format from its content, using the name only to
// tell what the sender meant: a ".xlsx" that is not a zip package (a renamed
// file, a truncated download) is refused with a message saying so, and so
// are the legacy .xls format and encrypted workbooks.
func Detect(name string, data []byte) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(data) == 0:
		return "", &FileError{Message: "文件为空（0 字节）"}
	case bytes.HasPrefix(data, oleMagic):
		return "", &FileError{Message: "不支持旧版 .xls 格式或加密的工作簿，请在 Excel 中另存为 .xlsx（不设密码）后重新导入"}
	case bytes.HasPrefix(data, zipMagic):
		return XLSX, nil
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls":
		return "", &FileError{Message: "文件扩展名为 " + ext + "，但内容不是 xlsx 工作簿（可能是其他文件改了扩展名，或文件已损坏）"}
	case ext == ".csv" || ext == ".txt" || ext == "":
		return CSV, nil
	}
	return "", &FileError{Message: "不支持的文件类型 " + ext + "，请使用 .xlsx 或 .csv"}
}
