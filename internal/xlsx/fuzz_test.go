package xlsx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// drain reads every row of r and returns how many rows it yielded and the
// error it ended with; a reader must either yield rows or say why not.
func drain(t *testing.T, r RowReader) (int, error) {
	n := 0
	for r.Next() {
		row := r.Row()
		if row.Num <= 0 {
			t.Fatalf("row number %d", row.Num)
		}
		n++
	}
	err := r.Err()
	if cerr := r.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return n, err
}

// seeds adds every file in testdata with the extension to the corpus.
func seeds(f *testing.F, ext string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
	if len(files) == 0 {
		f.Fatalf("no %s seeds in testdata", ext)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// requireFileError checks that a failure is a located, user-facing error.
func requireFileError(t *testing.T, err error) {
	var fe *FileError
	if err != nil && !errors.As(err, &fe) {
		t.Fatalf("error %v is not a *FileError", err)
	}
	if fe != nil && fe.Message == "" {
		t.Fatal("FileError without a message")
	}
}

func FuzzCSV(f *testing.F) {
	seeds(f, ".csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := OpenCSV(bytes.NewReader(data), Limits{MaxRows: 1000})
		requireFileError(t, err)
		if err != nil {
			return
		}
		n, err := drain(t, r)
		requireFileError(t, err)
		if bytes.IndexByte(data, 0) >= 0 && err == nil && n > 0 {
			t.Fatal("a file with NUL bytes was read as text")
		}
	})
}

func FuzzXLSX(f *testing.F) {
	seeds(f, ".xlsx")
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := Detect("f.xlsx", data); err != nil {
			requireFileError(t, err)
			return
		}
		wb, err := OpenWorkbook(data, Limits{MaxRows: 1000, MaxUnzipBytes: 4 << 20})
		requireFileError(t, err)
		if err != nil {
			return
		}
		defer wb.Close()
		for _, name := range wb.Sheets() {
			sr, err := wb.ReadSheet(name)
			requireFileError(t, err)
			if err != nil {
				continue
			}
			_, err = drain(t, Prefetch(sr))
			requireFileError(t, err)
		}
	})
}
